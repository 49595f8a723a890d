/**
 * The `app://renderer/…` protocol that serves the packaged renderer instead of file:// (SECURITY.md
 * item 1). file:// pages share one origin with every file on the disk; our own scheme gives the
 * renderer an origin of its own, lets IPC check it, and lets us attach the CSP to every response.
 * Plain Node (Request/Response are Node globals), so it is tested without Electron.
 */
import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';

export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Standard + secure gives the scheme a real origin and a secure context; nothing more is granted. */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
} as const;

/** Only these kinds of file are served; anything else in the renderer folder stays private. */
export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

export type AppRequestResolution =
  | { kind: 'file'; path: string; mimeType: string }
  | { kind: 'refused'; status: 400 | 404; reason: string };

const refused = (status: 400 | 404, reason: string): AppRequestResolution => ({ kind: 'refused', status, reason });

/**
 * Maps `app://renderer/<path>` to a file inside `rendererRoot`. Refuses other hosts, `..` and `.`
 * segments (plain or percent-encoded), backslashes, NUL, drive letters and anything that would
 * land outside the folder.
 */
export function resolveAppRequest(rawUrl: string, rendererRoot: string): AppRequestResolution {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return refused(400, 'not a URL');
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return refused(404, 'not the renderer origin');
  if (url.username || url.password) return refused(400, 'credentials in URL');

  const rawSegments = url.pathname.split('/').slice(1);
  const segments: string[] = [];
  for (const raw of rawSegments) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return refused(400, 'malformed percent-encoding');
    }
    if (segment === '..' || segment === '.') return refused(400, 'dot segment');
    if (/[\\/\0:]/.test(segment)) return refused(400, 'separator, NUL or drive in a path segment');
    segments.push(segment);
  }
  if (segments.slice(0, -1).some((s) => s === '')) return refused(400, 'empty path segment');
  const last = segments[segments.length - 1] ?? '';
  if (last === '') segments.splice(-1, 1, 'index.html');

  const root = resolve(rendererRoot);
  const path = join(root, ...segments);
  const inside = relative(root, path);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return refused(400, 'outside the renderer folder');

  const mimeType = MIME_TYPES[extname(path).toLowerCase()];
  if (!mimeType) return refused(404, 'file type not served');
  return { kind: 'file', path, mimeType };
}

/** Headers on every response: the CSP, no MIME sniffing, no referrer, no opener from elsewhere. */
export const securityHeaders = (): Record<string, string> => ({
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
});

const plain = (status: number, text: string): Response =>
  new Response(text, { status, headers: { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' } });

/** The handler given to `protocol.handle(APP_SCHEME, …)`. */
export function createAppProtocolHandler(rendererRoot: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const target = resolveAppRequest(request.url, rendererRoot);
    if (target.kind === 'refused') return plain(target.status, target.status === 404 ? 'Not found' : 'Bad request');
    let body: Buffer;
    try {
      body = await readFile(target.path);
    } catch {
      return plain(404, 'Not found');
    }
    const headers = { ...securityHeaders(), 'Content-Type': target.mimeType, 'Content-Length': String(body.byteLength) };
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}
