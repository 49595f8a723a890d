import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Plugin } from 'vite';
import config from '../../../electron.vite.config';
import { CONTENT_SECURITY_POLICY, DEVELOPMENT_CONTENT_SECURITY_POLICY } from '../../../electron/main/content-security-policy';

const html = readFileSync(new URL('../../../renderer/index.html', import.meta.url), 'utf8');

function developmentCsp(): Plugin {
  const plugins = (config as { renderer?: { plugins?: unknown[] } }).renderer?.plugins ?? [];
  const plugin = plugins.flat().find((p): p is Plugin => typeof p === 'object' && p !== null && (p as Plugin).name === 'rab:development-csp');
  if (!plugin) throw new Error('the development CSP plugin is not configured');
  return plugin;
}

const transform = (source: string): string => {
  const hook = developmentCsp().transformIndexHtml as (html: string) => string;
  return hook(source);
};

describe('the build configuration', () => {
  it('loosens the CSP only when serving (electron-vite dev), never in a build', () => {
    expect(developmentCsp().apply).toBe('serve');
  });

  it('swaps the strict policy for the development one in the served page', () => {
    const served = transform(html);
    expect(served).toContain(`content="${DEVELOPMENT_CONTENT_SECURITY_POLICY}"`);
    expect(served).not.toContain(`content="${CONTENT_SECURITY_POLICY}"`);
  });

  it('refuses to serve a page whose CSP is not the app policy', () => {
    expect(() => transform(html.replace(CONTENT_SECURITY_POLICY, "default-src *"))).toThrow(/must carry CONTENT_SECURITY_POLICY/);
  });

  it('bundles the preload with its dependencies, as one CommonJS file', () => {
    const preload = (config as { preload?: { build?: { externalizeDeps?: boolean; rollupOptions?: { output?: { format?: string; entryFileNames?: string } } } } }).preload;
    expect(preload?.build?.externalizeDeps).toBe(false);
    expect(preload?.build?.rollupOptions?.output).toMatchObject({ format: 'cjs', entryFileNames: '[name].cjs' });
  });
});
