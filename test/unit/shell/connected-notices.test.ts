/**
 * A connected desktop pops up desktop notifications from the broker's push, showing only the kind
 * of event, and not the notifications that were already waiting when the window started listening.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { LiveUpdate } from '../../../shared/contract/live-updates';
import { ConnectedBroker } from '../../../electron/core/connected/connected-broker';
import { buildBrokerServer } from '../../../electron/core/server/broker-server';
import { ConnectedNotices } from '../../../electron/main/connected-notices';
import type { DesktopNotice } from '../../../electron/main/notification-selection';
import { PASSWORD, PEOPLE, useBrokerFixture } from '../../helpers/broker-fixture';
import { requestBody } from '../../helpers/broker-requests';
import { makeTestCertificates } from '../../helpers/test-certificates';
import { useTempDirs } from '../../helpers/temp-dir';

const fixture = useBrokerFixture({ signedOut: true });
const tempDir = useTempDirs();
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('desktop notifications in connected mode', () => {
  it('shows a new request in the owner’s inbox as a notice without names, and not what was already waiting', async () => {
    const fx = await fixture();
    const certs = makeTestCertificates(tempDir());
    const app: FastifyInstance = await buildBrokerServer({ core: fx.core, tls: { key: certs.serverKey, cert: certs.serverCert } });
    await app.listen({ host: '127.0.0.1', port: 0 });
    cleanups.push(() => app.close());
    const broker = new ConnectedBroker({ brokerUrl: `https://127.0.0.1:${(app.server.address() as AddressInfo).port}`, ca: certs.caCert });
    cleanups.push(() => broker.close());
    const owner = { id: crypto.randomUUID(), sessionId: null as string | null };
    const practitioner = { id: crypto.randomUUID(), sessionId: null as string | null };
    await broker.dispatch('auth.signIn', owner, { username: 'olivia', password: PASSWORD });
    await broker.dispatch('auth.signIn', practitioner, { username: 'priya', password: PASSWORD });
    // One request already waiting before the owner's window listens.
    await broker.dispatch('requests.create', practitioner, requestBody({ crns: [PEOPLE.veryHigh.crn] }));

    const shown: DesktopNotice[] = [];
    let noticed!: () => void;
    const firstNotice = new Promise<void>((r) => (noticed = r));
    const notices = new ConnectedNotices({ dispatch: (c, conn, input) => broker.dispatch(c, conn, input), show: (n) => (shown.push(n), noticed()) });
    let heardFirst!: () => void;
    const listening = new Promise<void>((r) => (heardFirst = r));
    cleanups.push(
      broker.subscribe(owner, (e) => {
        if (e.kind !== 'update') return;
        void notices.heard(owner, e.update as LiveUpdate).then(() => heardFirst());
      }),
    );
    await listening;
    expect(shown).toEqual([]);

    expect(await broker.dispatch('requests.create', practitioner, requestBody())).toMatchObject({ ok: true, value: { results: [{ outcome: 'CREATED' }] } });
    await firstNotice;
    expect(shown).toEqual([{ title: 'A new access request needs your decision', body: 'Open Records Access Broker to see the details.', urgent: false }]);
  });
});
