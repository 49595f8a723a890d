/**
 * First run's two ways: "Connect to your organisation's broker" (checked against a real broker
 * server over real TLS before anything is saved) or "Use this computer only" (today's store), kept
 * in the launch settings so the next start opens the same broker.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { BridgeEvent } from '../../../shared/contract/broker-connection';
import type { Result } from '../../../shared/contract/define';
import { SystemClock } from '../../../electron/core/clock/clock';
import { DEMO_PASSWORD } from '../../../electron/core/demo/create-demo-store';
import { buildBrokerServer } from '../../../electron/core/server/broker-server';
import { MemoryKeyStore } from '../../../electron/core/store/key-store';
import { BrokerHost } from '../../../electron/main/broker-host';
import { DesktopLauncher, OFFLINE_CACHE_FILE } from '../../../electron/main/desktop-launcher';
import { openOfflineCacheFile } from '../../../electron/core/store/open-offline-cache';
import { BROKER_CHOICE_FILE, readBrokerChoice } from '../../../electron/main/launch-settings';
import { PASSWORD, PEOPLE, useBrokerFixture } from '../../helpers/broker-fixture';
import { grantAccess } from '../../helpers/broker-requests';
import { makeTestCertificates } from '../../helpers/test-certificates';
import { useTempDirs } from '../../helpers/temp-dir';

const fixture = useBrokerFixture({ signedOut: true });
const tempDir = useTempDirs();
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const codeOf = (r: Result<unknown>) => (r.ok ? 'OK' : r.error.code);
const window = () => ({ id: crypto.randomUUID(), sessionId: null as string | null });

/** As the app makes it: the key store serves the store and the connected desktop's offline copy. */
function launcher(userData: string) {
  const keyStore = new MemoryKeyStore();
  const host = new BrokerHost({ storePath: join(userData, 'broker.db'), keyStore, clock: new SystemClock() });
  const l = new DesktopLauncher({ userData, host, keyStore, connected: { attempts: 1, retryEveryMs: 100 } });
  cleanups.push(() => l.close());
  return l;
}

async function brokerServer() {
  const fx = await fixture();
  const certs = makeTestCertificates(tempDir());
  const app: FastifyInstance = await buildBrokerServer({ core: fx.core, tls: { key: certs.serverKey, cert: certs.serverCert } });
  await app.listen({ host: '127.0.0.1', port: 0 });
  cleanups.push(() => app.close());
  return { url: `https://127.0.0.1:${(app.server.address() as AddressInfo).port}`, caPem: certs.caCert.toString('utf8') };
}

describe('first run: which broker this desktop uses', () => {
  it("connects to the organisation's broker, trusting the authority given, and opens it again at the next start", async () => {
    const server = await brokerServer();
    const userData = tempDir();
    const first = launcher(userData);
    expect(await first.start()).toEqual({ kind: 'first-run' });
    const desk = window();
    expect(await first.dispatch('setup.status', desk, {})).toEqual({ ok: true, value: { state: 'NOT_SET_UP' } });

    expect(await first.dispatch('setup.connectToBroker', desk, { brokerUrl: server.url, caPem: server.caPem })).toMatchObject({ ok: true, value: { state: 'READY' } });
    expect(readBrokerChoice(userData)).toEqual({ mode: 'connected', brokerUrl: server.url, caPem: server.caPem });
    expect(statSync(join(userData, BROKER_CHOICE_FILE)).mode & 0o777).toBe(0o600);
    expect(await first.dispatch('auth.signIn', desk, { username: 'priya', password: PASSWORD })).toMatchObject({ ok: true });
    expect(await first.dispatch('requests.mine', desk, {})).toMatchObject({ ok: true, value: { total: 0 } });
    // No store was made on this computer.
    expect(existsSync(join(userData, 'broker.db'))).toBe(false);

    first.close();
    const next = launcher(userData);
    expect(await next.start()).toEqual({ kind: 'connected' });
    const events: BridgeEvent[] = [];
    cleanups.push(next.subscribe(window(), (e) => events.push(e)));
    expect(events[0]).toEqual({ kind: 'connection', status: { mode: 'connected', reachable: true } });
    expect(await next.dispatch('setup.status', window(), {})).toMatchObject({ ok: true, value: { state: 'READY' } });
  });

  it('saves nothing and stays at first run when the broker does not answer or its certificate is not trusted', async () => {
    const server = await brokerServer();
    const userData = tempDir();
    const l = launcher(userData);
    await l.start();
    const untrusted = await l.dispatch('setup.connectToBroker', window(), { brokerUrl: server.url, caPem: null });
    expect(!untrusted.ok && untrusted.error.fields).toEqual([
      { path: 'caPem', message: 'the broker’s certificate is not signed by an authority this computer trusts: choose the certificate file your organisation gave you' },
    ]);
    const otherAuthority = makeTestCertificates(tempDir()).caCert.toString('utf8');
    const wrongAuthority = await l.dispatch('setup.connectToBroker', window(), { brokerUrl: server.url, caPem: otherAuthority });
    expect(!wrongAuthority.ok && wrongAuthority.error).toMatchObject({ code: 'INVALID_INPUT', fields: [{ path: 'caPem', message: 'the broker’s certificate is not signed by this certificate authority' }] });
    const nobody = await l.dispatch('setup.connectToBroker', window(), { brokerUrl: 'https://127.0.0.1:1', caPem: server.caPem });
    expect(codeOf(nobody)).toBe('BROKER_UNAVAILABLE');
    expect(!nobody.ok && nobody.error.message).toContain('Cannot reach a broker at https://127.0.0.1:1');
    // Not even the connected desktop's offline copy (its encrypted file) is left behind.
    expect(readdirSync(userData)).toEqual([]);
    expect(await l.dispatch('setup.status', window(), {})).toEqual({ ok: true, value: { state: 'NOT_SET_UP' } });
  });

  it.each([
    [{ brokerUrl: 'http://broker.example.org:8443', caPem: null }, 'brokerUrl'],
    [{ brokerUrl: 'not an address', caPem: null }, 'brokerUrl'],
    [{ brokerUrl: 'https://broker.example.org', caPem: 'not a certificate' }, 'caPem'],
  ])('refuses %j naming the field, and saves nothing', async (input, field) => {
    const userData = tempDir();
    const l = launcher(userData);
    await l.start();
    const answer = await l.dispatch('setup.connectToBroker', window(), input);
    expect(codeOf(answer)).toBe('INVALID_INPUT');
    expect(new Set(answer.ok ? [] : answer.error.fields?.map((f) => f.path))).toEqual(new Set([field]));
    expect(readdirSync(userData)).toEqual([]);
  });

  it('uses this computer only: keeps the store here, remembers that, and tells its windows the store is on this computer', async () => {
    const userData = tempDir();
    const l = launcher(userData);
    await l.start();
    const events: BridgeEvent[] = [];
    const desk = window();
    cleanups.push(l.subscribe(desk, (e) => events.push(e)));
    // No store yet, so nothing will be pushed: the window is told so, and polls until there is.
    expect(events).toEqual([{ kind: 'connection', status: { mode: 'embedded', live: false } }]);
    expect(await l.dispatch('setup.createAdministrator', desk, { username: 'alice.admin', displayName: 'Alice Admin', password: 'correct horse battery' })).toMatchObject({ ok: true });
    // The store exists: its changes are pushed to the window from now on.
    expect(events.at(-1)).toEqual({ kind: 'connection', status: { mode: 'embedded' } });
    expect(readBrokerChoice(userData)).toEqual({ mode: 'embedded' });
    expect(codeOf(await l.dispatch('setup.connectToBroker', desk, { brokerUrl: 'https://broker.example.org', caPem: null }))).toBe('SETUP_ALREADY_DONE');
    expect(await l.dispatch('auth.signIn', desk, { username: 'alice.admin', password: 'correct horse battery' })).toMatchObject({ ok: true });
    expect(l.core).not.toBeNull();
  });

  it("on this computer's demonstration store, tells the owner's window of a request made in another window", async () => {
    const l = launcher(tempDir());
    await l.start();
    expect(await l.dispatch('setup.loadDemoData', window(), {})).toMatchObject({ ok: true });
    const [ownerWindow, tutorWindow] = [window(), window()];
    const value = async <T,>(channel: string, conn: ReturnType<typeof window>, input: unknown): Promise<T> => {
      const answer = await l.dispatch(channel, conn, input);
      if (!answer.ok) throw new Error(`${channel}: ${answer.error.message}`);
      return answer.value as T;
    };
    await value('auth.signIn', ownerWindow, { username: 'nps.owner', password: DEMO_PASSWORD });
    await value('auth.signIn', tutorWindow, { username: 'crc.practitioner', password: DEMO_PASSWORD });
    const ownerStaff = (await value<{ user: { staffCode: string } }>('auth.status', ownerWindow, {})).user.staffCode;
    const [programme] = await value<{ programmeCode: string }[]>('people.myProgrammes', tutorWindow, {});
    const group = await value<{ people: { crn: string; accessRestricted: boolean }[] }>('people.programme', tutorWindow, { programmeCode: programme!.programmeCode });
    let crn: string | null = null;
    for (const p of group.people.filter((x) => !x.accessRestricted)) {
      const detail = await l.dispatch('people.get', tutorWindow, { crn: p.crn });
      const owner = detail.ok ? (detail.value as { owner: { staffCode: string | null; available: boolean } | null }).owner : null;
      if (owner?.staffCode === ownerStaff && owner.available) crn = p.crn;
    }
    const heard: BridgeEvent[] = [];
    cleanups.push(l.subscribe(ownerWindow, (e) => heard.push(e)));
    const created = await value<{ results: { request: { id: number } }[] }>('requests.create', tutorWindow, {
      crns: [crn!],
      scope: 'ROSH_SUMMARY',
      purpose: 'PROGRAMME_DELIVERY',
      justification: 'Group session on Thursday; I need the risk picture first.',
      urgency: 'ROUTINE',
      durationDays: 3,
    });
    // Told right after the call, not on a timer.
    expect(heard.find((e) => e.kind === 'update' && e.update.requestIds.includes(created.results[0]!.request.id))).toMatchObject({
      update: { views: expect.arrayContaining(['inbox']) },
    });
  });

  it('refuses to start on a damaged choice file rather than offering first run again', async () => {
    const userData = tempDir();
    writeFileSync(join(userData, BROKER_CHOICE_FILE), '{"mode":"somewhere"}');
    await expect(launcher(userData).start()).rejects.toThrow(/is not a broker choice this app wrote/);
    expect(readFileSync(join(userData, BROKER_CHOICE_FILE), 'utf8')).toBe('{"mode":"somewhere"}');
  });

  it('in connected mode keeps the offline copy in its own encrypted file beside the launch settings, its key in the key store', async () => {
    const fx = await fixture();
    const app: FastifyInstance = await buildBrokerServer({ core: fx.core, tls: null });
    await app.listen({ host: '127.0.0.1', port: 0 });
    cleanups.push(() => app.close());
    const userData = tempDir();
    const keyStore = new MemoryKeyStore();
    const host = new BrokerHost({ storePath: join(userData, 'broker.db'), keyStore, clock: new SystemClock() });
    const l = new DesktopLauncher({ userData, host, keyStore, connected: { attempts: 1, retryEveryMs: 100, now: () => fx.clock.now() } });
    cleanups.push(() => l.close());
    await l.start();
    const desk = window();
    expect(await l.dispatch('setup.connectToBroker', desk, { brokerUrl: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, caPem: null })).toMatchObject({ ok: true });
    await grantAccess(fx, 'priya');
    expect(await l.dispatch('auth.signIn', desk, { username: 'priya', password: PASSWORD })).toMatchObject({ ok: true });
    expect(await l.dispatch('records.read', desk, { crn: PEOPLE.warrant.crn })).toMatchObject({ ok: true, value: { offline: null } });
    const cache = await openOfflineCacheFile(join(userData, OFFLINE_CACHE_FILE), keyStore);
    expect(cache.db.prepare('SELECT crn FROM cached_records').pluck().all()).toEqual([PEOPLE.warrant.crn]);
    cache.close();
  });
});
