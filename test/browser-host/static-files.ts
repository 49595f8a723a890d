/**
 * Serves the built renderer and the bridge script, and nothing else: only files under the build
 * folder, by GET or HEAD, with the app's Content Security Policy on every answer.
 */
import { readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.json': 'application/json',
  '.map': 'application/json',
};

export const BRIDGE_PATH = '/bridge.js';

/** The renderer's index.html with the bridge loaded first, before the app's own module script. */
export function withBridge(indexHtml: string): string {
  const at = indexHtml.indexOf('<script');
  if (at < 0) throw new Error('The built index.html has no script to load the bridge before.');
  return `${indexHtml.slice(0, at)}<script src="${BRIDGE_PATH}"></script>\n    ${indexHtml.slice(at)}`;
}

export interface StaticFile {
  body: Buffer;
  type: string;
}

/** The file for a URL path, or null when there is none (or the path tries to leave the folder). */
export function staticFile(root: string, urlPath: string): StaticFile | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.split('/').includes('..')) return null;
  const base = resolve(root);
  if (decoded === '/' || decoded === '/index.html') {
    return { body: Buffer.from(withBridge(readFileSync(join(base, 'index.html'), 'utf8'))), type: TYPES['.html']! };
  }
  const path = resolve(base, normalize(`.${decoded}`));
  if (!path.startsWith(base + sep)) return null;
  const type = TYPES[extname(path)];
  if (!type) return null;
  try {
    if (!statSync(path).isFile()) return null;
    return { body: readFileSync(path), type };
  } catch {
    return null;
  }
}
