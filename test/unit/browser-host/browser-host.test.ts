import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../browser-host/browser-host';
import { MONDAY_10AM, PASSWORD, useBrokerFixture } from '../../helpers/broker-fixture';
import { useTempDirs } from '../../helpers/temp-dir';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(host: BrowserHost, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const PAGE_A = '6f1c3a5e-2b7d-4c1e-9a8f-0d2e4b6a8c1f';
const PAGE_B = '7a2d4b6f-3c8e-4d2f-8b9a-1e3f5c7b9d2a';

describe('the browser host over HTTP', () => {
  const fixture = useBrokerFixture({ dev: true, signedOut: true });
  const tempDir = useTempDirs();
  const hosts: BrowserHost[] = [];
  afterEach(async () => {
    for (const h of hosts.splice(0)) await h.close();
  });

  const start = async () => {
    const fx = await fixture();
    const root = tempDir();
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<html><head><script type="module" src="/assets/app.js"></script></head></html>');
    writeFileSync(join(root, 'assets', 'app.js'), '');
    const host = await startBrowserHost({ dispatch: (c, conn, input) => fx.core.dispatch(c, conn, input), staticDir: root });
    hosts.push(host);
    const origin = `http://127.0.0.1:${host.port}`;
    const call = (channel: string, input: unknown, page = PAGE_A, extra: Record<string, string> = {}) =>
      send(host, 'POST', `/rpc/${channel}`, { origin, 'content-type': 'application/json', 'x-broker-token': host.token, 'x-broker-connection': page, ...extra }, JSON.stringify({ input }));
    return { fx, host, call, origin };
  };

  it('prints an address on 127.0.0.1 that carries the token in the fragment only', async () => {
    const { host } = await start();
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('serves the app with the desktop app’s Content Security Policy, framing refused', async () => {
    const { host } = await start();
    const page = await send(host, 'GET', '/', { host: `127.0.0.1:${host.port}` });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'; frame-ancestors 'none'",
    );
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.body).toContain('<script src="/bridge.js"></script>');
  });

  it('keeps each page’s session to that page: signing in on one does not sign in another', async () => {
    const { fx, call } = await start();
    const signIn = await call('auth.signIn', { username: 'priya', password: PASSWORD });
    expect(JSON.parse(signIn.body)).toMatchObject({ ok: true, value: { state: 'SIGNED_IN', user: { username: 'priya' } } });
    expect(JSON.parse((await call('auth.status', {})).body)).toMatchObject({ ok: true, value: { state: 'SIGNED_IN' } });
    expect(JSON.parse((await call('auth.status', {}, PAGE_B)).body)).toMatchObject({ ok: true, value: { state: 'SIGNED_OUT' } });
    expect(fx.internalErrors).toEqual([]);
  });

  it('refuses calls without the token, from another origin or to another host name, and changes nothing', async () => {
    const { host, call, origin } = await start();
    expect((await call('auth.signIn', { username: 'priya', password: PASSWORD }, PAGE_A, { 'x-broker-token': 'wrong' })).status).toBe(403);
    expect((await call('auth.signIn', { username: 'priya', password: PASSWORD }, PAGE_A, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await call('auth.signIn', { username: 'priya', password: PASSWORD }, PAGE_A, { host: `evil.example:${host.port}` })).status).toBe(403);
    expect((await send(host, 'GET', '/', { host: 'evil.example' })).status).toBe(403);
    expect(JSON.parse((await call('auth.status', {})).body)).toMatchObject({ value: { state: 'SIGNED_OUT' } });
    expect(origin).toContain('127.0.0.1');
  });

  it('answers malformed and oversized calls without reaching the core', async () => {
    const { host, call, origin } = await start();
    const headers = { origin, 'content-type': 'application/json', 'x-broker-token': host.token, 'x-broker-connection': PAGE_A };
    expect(JSON.parse((await send(host, 'POST', '/rpc/auth.status', headers, '[1,2]')).body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((await send(host, 'POST', '/rpc/auth.status', headers, 'x'.repeat(1024 * 1024 + 10))).status).toBe(413);
    expect((await send(host, 'POST', '/rpc/not..a..channel', headers, '{}')).status).not.toBe(200);
    expect(JSON.parse((await call('no.suchChannel', {})).body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('serves the development clock channels, so tests can move time', async () => {
    const { call } = await start();
    expect(JSON.parse((await call('dev.clock', {})).body)).toEqual({ ok: true, value: { now: MONDAY_10AM } });
    expect(JSON.parse((await call('dev.advanceClock', { minutes: 90 })).body)).toEqual({ ok: true, value: { now: MONDAY_10AM + 90 * 60_000 } });
  });
});
