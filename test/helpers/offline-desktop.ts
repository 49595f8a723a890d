/**
 * For the offline tests: a demonstration store in the real keychain served by real `rab serve`
 * processes, the people the tests need found through the API, a grant made the way people make one
 * (the tutor asks, the offender manager approves).
 */
import { join } from 'node:path';
import type { Result } from '../../shared/contract';
import { DEMO_PASSWORD, populateDemoStore } from '../../electron/core/demo/create-demo-store';
import { BrokerClient } from '../../electron/core/server/broker-client';
import { SystemKeyStore } from '../../electron/core/store/system-key-store';
import { openStore } from '../../electron/core/store/open-store';
import { startRabServe, type RabServeProcess } from './rab-serve-process';
import type { TestCertificates } from './test-certificates';

export const TUTOR = 'crc.practitioner';
export const OWNER = 'nps.owner';
export const ADMIN = 'admin';

export async function makeDemoStore(dir: string): Promise<string> {
  const path = join(dir, 'broker.db');
  const store = await openStore({ path, keyStore: new SystemKeyStore(), create: true });
  await populateDemoStore(store.db, { now: Date.now(), scratchDir: dir });
  store.close();
  return path;
}

/** `rab serve` on the store; port 0 for a free one, or the port it had before a restart. */
export const serve = (storePath: string, certs: TestCertificates, port = 0): Promise<RabServeProcess> =>
  startRabServe(['--store', storePath, '--listen', `127.0.0.1:${port}`, '--tls-cert', certs.paths.serverCert, '--tls-key', certs.paths.serverKey, '--quiet']);

export const value = <T>(r: Result<unknown>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
};

export async function signedInClient(url: string, certs: TestCertificates, username: string): Promise<BrokerClient> {
  const client = new BrokerClient({ baseUrl: url, ca: certs.caCert });
  value(await client.call('auth.signIn', { username, password: DEMO_PASSWORD }));
  return client;
}

/** People in the tutor's programme group whose offender manager is nps.owner and is available. */
export async function ownersPeople(tutor: BrokerClient, owner: BrokerClient): Promise<Array<{ crn: string; name: string }>> {
  const me = value<{ user: { staffCode: string } }>(await owner.call('auth.status', {}));
  const [programme] = value<Array<{ programmeCode: string }>>(await tutor.call('people.myProgrammes', {}));
  const group = value<{ people: Array<{ crn: string; accessRestricted: boolean }> }>(await tutor.call('people.programme', { programmeCode: programme!.programmeCode }));
  const found: Array<{ crn: string; name: string }> = [];
  for (const p of group.people.filter((x) => !x.accessRestricted)) {
    const detail = await tutor.call('people.get', { crn: p.crn });
    if (!detail.ok) continue;
    const d = detail.value as { name: string; owner: { staffCode: string | null; available: boolean } | null };
    if (d.owner?.staffCode === me.user.staffCode && d.owner.available) found.push({ crn: p.crn, name: d.name });
  }
  return found;
}

/** The tutor asks for the RoSH summary; the owner approves. Answers the grant's id. */
export async function grantRoshSummary(ask: (channel: string, input: unknown) => Promise<Result<unknown>>, owner: BrokerClient, crn: string): Promise<number> {
  const created = value<{ results: Array<{ outcome: string; request?: { id: number } }> }>(
    await ask('requests.create', { crns: [crn], scope: 'ROSH_SUMMARY', purpose: 'PROGRAMME_DELIVERY', justification: 'Group session on Thursday; I need the risk summary first.', urgency: 'ROUTINE', durationDays: 3 }),
  );
  if (created.results[0]?.outcome !== 'CREATED') throw new Error(`the request was not made: ${JSON.stringify(created.results[0])}`);
  const approved = value<{ grantId: number | null }>(await owner.call('requests.approve', { requestId: created.results[0].request!.id }));
  if (approved.grantId === null) throw new Error('the approval made no grant');
  return approved.grantId;
}
