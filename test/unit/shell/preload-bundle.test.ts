import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/content-security-policy';

const repository = fileURLToPath(new URL('../../../', import.meta.url));

// A sandboxed preload gets a require() that knows only a few Electron modules: anything else
// it asks for at run time fails, and the page would have no window.broker.
describe('the built app (electron-vite build, which needs no Electron binary)', () => {
  let folder = '';
  let out = '';

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'rab-build-'));
    out = join(folder, 'out');
    const build = spawnSync('npx', ['electron-vite', 'build', '--outDir', out, '--logLevel', 'error'], { cwd: repository, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`electron-vite build failed:\n${build.stderr}${build.stdout}`);
  }, 120_000);
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('bundles the preload into one CommonJS file', () => {
    expect(readdirSync(join(out, 'preload'))).toEqual(['index.cjs']);
  });

  it('lets the preload require nothing but electron', () => {
    const preload = readFileSync(join(out, 'preload', 'index.cjs'), 'utf8');
    const required = [...preload.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(preload).not.toMatch(/\bimport\s*\(/);
  });

  it('makes zod jitless in the preload before the contract builds its first schema', () => {
    const preload = readFileSync(join(out, 'preload', 'index.cjs'), 'utf8');
    const jitless = preload.search(/\bconfig\(\s*\{\s*jitless:\s*true\s*\}\s*\)/);
    expect(jitless).toBeGreaterThan(0);
    expect(jitless).toBeLessThan(preload.search(/\bobject\(\s*\{/));
  });

  it('puts the contract in the preload and exposes only window.broker', () => {
    const preload = readFileSync(join(out, 'preload', 'index.cjs'), 'utf8');
    expect(preload).toContain('rab:');
    expect([...preload.matchAll(/exposeInMainWorld\(\s*["'`](\w+)["'`]/g)].map((m) => m[1])).toEqual(['broker']);
    expect(preload).not.toMatch(/exposeInMainWorld\(\s*["'`]\w+["'`]\s*,\s*ipcRenderer\b/);
  });

  it('keeps the strict CSP in the built page', () => {
    const html = readFileSync(join(out, 'renderer', 'index.html'), 'utf8');
    expect(html).toContain(`content="${CONTENT_SECURITY_POLICY}"`);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('builds the main process as the entry package.json names', () => {
    expect(existsSync(join(out, 'main', 'index.js'))).toBe(true);
  });
});
