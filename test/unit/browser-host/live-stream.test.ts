/**
 * Live updates in the browser host, the page's side included: the page's one streamed POST /live
 * to its own host carries the same bridge events the desktop preload receives over IPC, and the
 * same fan-out (live-bridge.ts) hands them to the page's listeners.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BrokerConnectionStatus } from '../../../shared/contract/broker-connection';
import type { LiveUpdate } from '../../../shared/contract/live-updates';
import { EmbeddedLiveUpdates } from '../../../electron/core/connected/embedded-live-updates';
import { LiveFeed } from '../../../electron/core/server/live-feed';
import { buildLiveBridge, checkedBridgeEvent } from '../../../electron/preload/live-bridge';
import { startBrowserHost, type BrowserHost } from '../../browser-host/browser-host';
import { followLiveStream, type StreamFetch } from '../../browser-host/bridge/live-stream';
import { PASSWORD, useBrokerFixture } from '../../helpers/broker-fixture';
import { requestBody } from '../../helpers/broker-requests';
import { useTempDirs } from '../../helpers/temp-dir';

const OWNER_PAGE = '6f1c3a5e-2b7d-4c1e-9a8f-0d2e4b6a8c1f';
const PRACTITIONER_PAGE = '7a2d4b6f-3c8e-4d2f-8b9a-1e3f5c7b9d2a';

const fixture = useBrokerFixture({ signedOut: true });
const tempDir = useTempDirs();
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function start() {
  const fx = await fixture();
  const root = tempDir();
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<html></html>');
  const live = new EmbeddedLiveUpdates({ feed: new LiveFeed(fx.engine), sessions: fx.core.sessions, everyMs: 100 });
  const host: BrowserHost = await startBrowserHost({
    dispatch: async (c, conn, input) => {
      const result = await fx.core.dispatch(c, conn, input);
      await live.publish();
      return result;
    },
    subscribe: (conn, listener) => live.subscribe(conn, listener),
    staticDir: root,
  });
  cleanups.push(() => live.close(), () => host.close());
  const origin = `http://127.0.0.1:${host.port}`;
  const call = async (page: string, channel: string, input: unknown) => {
    const response = await fetch(`${origin}/rpc/${channel}`, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json', 'x-broker-token': host.token, 'x-broker-connection': page },
      body: JSON.stringify({ input }),
    });
    return (await response.json()) as { ok: boolean; value: unknown };
  };
  // What the page's fetch does, with the Origin a browser adds to a same-origin POST.
  const pageFetch: StreamFetch = (url, init) => fetch(`${origin}${url}`, { ...init, headers: { ...init.headers, origin } });
  /** A page's bridge, as bridge.ts builds it; stopped when the test ends. */
  const page = (connection: string) => {
    let stopped = false;
    const updates: LiveUpdate[] = [];
    const statuses: BrokerConnectionStatus[] = [];
    const bridge = buildLiveBridge((receive) =>
      followLiveStream({ fetch: pageFetch, token: host.token, connection, receive, later: (run, ms) => void (stopped || setTimeout(run, ms)) }),
    );
    bridge.onUpdate((u) => updates.push(u));
    bridge.onConnection((s) => statuses.push(s));
    cleanups.unshift(() => (stopped = true));
    const until = async <T>(list: T[], pred: (x: T) => boolean) => {
      while (!list.some(pred)) await new Promise((r) => setImmediate(r));
      return list.find(pred)!;
    };
    return { updates, statuses, until };
  };
  return { host, call, page, origin };
}

describe('live updates through the browser host', () => {
  it("tells the owner's page that its store is on this computer, then that a request reached the inbox", async () => {
    const { call, page } = await start();
    expect(await call(OWNER_PAGE, 'auth.signIn', { username: 'olivia', password: PASSWORD })).toMatchObject({ ok: true });
    expect(await call(PRACTITIONER_PAGE, 'auth.signIn', { username: 'priya', password: PASSWORD })).toMatchObject({ ok: true });
    const owner = page(OWNER_PAGE);
    expect(await owner.until(owner.statuses, () => true)).toEqual({ mode: 'embedded' });
    const created = (await call(PRACTITIONER_PAGE, 'requests.create', requestBody())) as { ok: true; value: { results: { request: { id: number } }[] } };
    const requestId = created.value.results[0]!.request.id;
    const update = await owner.until(owner.updates, (u) => u.requestIds.includes(requestId));
    expect(update.views).toEqual(expect.arrayContaining(['inbox', 'notifications']));
  });

  it('refuses the stream without the run token or from another origin', async () => {
    const { host, origin } = await start();
    const headers = { 'content-type': 'application/json', 'x-broker-connection': OWNER_PAGE };
    expect((await fetch(`${origin}/live`, { method: 'POST', headers: { ...headers, origin }, body: '{}' })).status).toBe(403);
    expect((await fetch(`${origin}/live`, { method: 'POST', headers: { ...headers, origin: 'http://evil.example', 'x-broker-token': host.token }, body: '{}' })).status).toBe(403);
  });
});

describe('the bridge fan-out', () => {
  it('passes on checked events only, and tells a late listener the latest connection status', () => {
    let receive!: (raw: unknown) => void;
    const bridge = buildLiveBridge((r) => (receive = r));
    const early: unknown[] = [];
    bridge.onUpdate((u) => early.push(u));
    receive({ kind: 'update', update: { views: ['inbox', 'everything'], requestIds: [], grantIds: [], crns: [] } });
    receive({ kind: 'update', update: { views: ['inbox'], requestIds: ['1'], grantIds: [], crns: [] } });
    receive({ kind: 'connection', status: { mode: 'connected', reachable: false } });
    receive('not an event');
    expect(early).toEqual([]);
    receive({ kind: 'connection', status: { mode: 'connected', reachable: false, since: 5 }, extra: 'dropped' });
    const late: BrokerConnectionStatus[] = [];
    bridge.onConnection((s) => late.push(s));
    expect(late).toEqual([{ mode: 'connected', reachable: false, since: 5 }]);
    expect(checkedBridgeEvent({ kind: 'update', update: { views: ['record'], requestIds: [1], grantIds: [2], crns: ['X123456'], secret: 'x' } })).toEqual({
      kind: 'update',
      update: { views: ['record'], requestIds: [1], grantIds: [2], crns: ['X123456'] },
    });
  });
});
