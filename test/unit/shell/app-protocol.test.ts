import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  createAppProtocolHandler,
  resolveAppRequest,
} from '../../../electron/main/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/content-security-policy';
import { useTempDirs } from '../../helpers/temp-dir';

const root = '/opt/rab/out/renderer';

describe('app:// path resolver', () => {
  it.each([
    ['app://renderer/index.html', '/opt/rab/out/renderer/index.html', 'text/html; charset=utf-8'],
    ['app://renderer/', '/opt/rab/out/renderer/index.html', 'text/html; charset=utf-8'],
    ['app://renderer', '/opt/rab/out/renderer/index.html', 'text/html; charset=utf-8'],
    ['app://renderer/assets/index-AbC123.js', '/opt/rab/out/renderer/assets/index-AbC123.js', 'text/javascript; charset=utf-8'],
    ['app://renderer/assets/index.css?v=2#top', '/opt/rab/out/renderer/assets/index.css', 'text/css; charset=utf-8'],
    ['app://renderer/assets/fonts/light-f591b13f7d-v2.woff2', '/opt/rab/out/renderer/assets/fonts/light-f591b13f7d-v2.woff2', 'font/woff2'],
    ['app://renderer/assets/images/crest%20logo.svg', '/opt/rab/out/renderer/assets/images/crest logo.svg', 'image/svg+xml'],
    ['app://renderer/favicon.ICO', '/opt/rab/out/renderer/favicon.ICO', 'image/x-icon'],
  ])('maps %s to a file in the renderer folder', (url, path, mimeType) => {
    expect(resolveAppRequest(url, root)).toEqual({ kind: 'file', path, mimeType });
  });

  it.each([
    ['app://renderer/..%2f..%2fetc/passwd.js', 'an encoded slash'],
    ['app://renderer/assets/..%5c..%5csecret.js', 'an encoded backslash'],
    ['app://renderer/%2e%2e%2f%2e%2e%2fsecret.js', 'encoded dot-dot-slash'],
    ['app://renderer/x%00.js', 'NUL'],
    ['app://renderer/C:%5cWindows%5cwin.ini', 'a drive letter'],
    ['app://renderer//etc/passwd.js', 'an absolute path after the root'],
    ['app://renderer/%E0%A4%A.js', 'broken percent-encoding'],
  ])('refuses %s (%s)', (url) => {
    expect(resolveAppRequest(url, root)).toMatchObject({ kind: 'refused', status: 400 });
  });

  it.each([
    'app://renderer/../../etc/passwd.js',
    'app://renderer/%2e%2e/%2e%2e/etc/passwd.js',
    'app://renderer/assets/.%2E/.%2e/.%2e/etc/passwd.js',
  ])('never leaves the renderer folder for %s (the URL parser folds the dots at the root)', (url) => {
    expect(resolveAppRequest(url, root)).toEqual({
      kind: 'file',
      path: '/opt/rab/out/renderer/etc/passwd.js',
      mimeType: 'text/javascript; charset=utf-8',
    });
  });

  it('keeps a name that merely contains dots', () => {
    expect(resolveAppRequest('app://renderer/assets/a..b.js', root)).toMatchObject({ kind: 'file', path: '/opt/rab/out/renderer/assets/a..b.js' });
  });

  it.each([
    ['app://elsewhere/index.html', 'another host'],
    ['file:///opt/rab/out/renderer/index.html', 'file://'],
    ['https://renderer/index.html', 'https'],
    ['app://renderer/main.map', 'a file type that is not served'],
    ['app://renderer/store/broker.db', 'a database'],
    ['app://renderer/README', 'a file without a type'],
  ])('answers 404 for %s (%s)', (url) => {
    expect(resolveAppRequest(url, root)).toMatchObject({ kind: 'refused', status: 404 });
  });

  it('never answers with a file outside the renderer folder, for any path (property)', () => {
    const piece = fc.constantFrom('..', '.', '%2e%2e', '%2E.', '.%2e', '%2f', '%5c', '%00', 'assets', 'a', ':', 'index.js', '', '%', '~');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), fc.array(fc.constantFrom('/', ''), { maxLength: 8 }), (pieces, slashes) => {
        const path = pieces.map((p, i) => p + (slashes[i] ?? '/')).join('');
        const resolved = resolveAppRequest(`app://renderer/${path}`, root);
        if (resolved.kind === 'file') {
          expect(resolved.path.startsWith(`${root}/`)).toBe(true);
          expect(resolved.path.split('/')).not.toContain('..');
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses credentials in the URL', () => {
    expect(resolveAppRequest('app://user:pw@renderer/index.html', root)).toMatchObject({ kind: 'refused', status: 400 });
  });

  it('refuses a string that is not a URL', () => {
    expect(resolveAppRequest('not a url', root)).toMatchObject({ kind: 'refused', status: 400 });
  });
});

describe('app:// protocol handler', () => {
  const tempDir = useTempDirs();
  const rendererFolder = () => {
    const dir = tempDir();
    const renderer = join(dir, 'renderer');
    mkdirSync(join(renderer, 'assets'), { recursive: true });
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(renderer, 'assets', 'index.js'), 'console.log("hi")');
    writeFileSync(join(dir, 'secret.js'), 'the key');
    return renderer;
  };

  it('serves the entry page with the CSP header and its MIME type', async () => {
    const handle = createAppProtocolHandler(rendererFolder());
    const response = await handle(new Request(APP_ENTRY_URL));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe('<!doctype html><div id="root"></div>');
  });

  it('serves scripts as JavaScript', async () => {
    const response = await createAppProtocolHandler(rendererFolder())(new Request('app://renderer/assets/index.js'));
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await response.text()).toBe('console.log("hi")');
  });

  it('does not serve a file next to the renderer folder, however the path is spelled', async () => {
    const handle = createAppProtocolHandler(rendererFolder());
    for (const url of ['app://renderer/../secret.js', 'app://renderer/%2e%2e/secret.js', 'app://renderer/..%2fsecret.js']) {
      const response = await handle(new Request(url));
      expect(response.status === 400 || response.status === 404).toBe(true);
      expect(await response.text()).not.toContain('the key');
    }
  });

  it('answers 404, still with the CSP, for a missing file', async () => {
    const response = await createAppProtocolHandler(rendererFolder())(new Request('app://renderer/assets/missing.js'));
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('refuses methods other than GET and HEAD', async () => {
    const response = await createAppProtocolHandler(rendererFolder())(new Request(APP_ENTRY_URL, { method: 'POST', body: 'x' }));
    expect(response.status).toBe(405);
  });

  it('answers HEAD without a body', async () => {
    const response = await createAppProtocolHandler(rendererFolder())(new Request(APP_ENTRY_URL, { method: 'HEAD' }));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });
});
