/**
 * Two connections to one store at once (separate processes, as two windows or the app and the
 * command line would be): the sweep never escalates twice, and owner and hub never both decide.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../electron/core/audit/verify-chain';
import { keychainAccount } from '../../../electron/core/store/open-store';
import { all, one, sql } from '../../../electron/core/store/sql';
import { TEST_ENGINE } from '../../helpers/engines';
import { PASSWORD, useBrokerFixture, type BrokerFixture } from '../../helpers/broker-fixture';
import { overdueRequests } from '../../helpers/broker-requests';

const fixture = useBrokerFixture();
const WORKER = join(__dirname, '../../helpers/broker-worker.ts');

interface WorkerResult {
  escalated: number;
  decided: number;
  alreadyDecided: number;
  otherErrors: number;
}

function runWorker(fx: BrokerFixture, env: Record<string, string>): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    void fx.keyStore.get(keychainAccount(fx.store.path)).then((key) => {
      const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
        env: { ...process.env, RAB_STORE: fx.store.path, RAB_KEY: key!.keyHex, RAB_NOW: String(fx.clock.now()), ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!) as WorkerResult) : reject(new Error(`worker failed (${code}): ${err}`))));
    });
  });
}


// The worker processes open the embedded store file (test/helpers/broker-worker.ts), so on
// PostgreSQL they would race on an empty store rather than the one under test.
describe.skipIf(TEST_ENGINE === 'postgres')('two connections at once (the workers open the embedded store file)', () => {
  it('never escalate a request twice when both sweep together', async () => {
    const fx = await fixture();
    const ids = await overdueRequests(fx);
    expect(ids.length).toBeGreaterThan(20);
    const [a, b] = await Promise.all([runWorker(fx, { RAB_TASK: 'sweep' }), runWorker(fx, { RAB_TASK: 'sweep' })]);
    expect(a.escalated + b.escalated).toBe(ids.length);
    const perRequest = await all(fx.engine, sql`SELECT subject, count(*) AS n FROM audit_events WHERE action = 'request.escalate' GROUP BY subject HAVING count(*) > 1`);
    expect(perRequest).toEqual([]);
    const duplicateNotes = await all(fx.engine, sql`SELECT user_id, request_id, count(*) AS n FROM notifications WHERE kind = 'REQUEST_ESCALATED' GROUP BY user_id, request_id HAVING count(*) > 1`);
    expect(duplicateNotes).toEqual([]);
    expect(await verifyAuditChain(fx.engine)).toMatchObject({ ok: true });
  });

  it('never let owner and hub both decide: the first decision wins, the other is told', async () => {
    const fx = await fixture();
    const ids = await overdueRequests(fx);
    const owned = await all<{ id: number }>(fx.engine, sql`SELECT r.id FROM requests r JOIN people p ON p.crn = r.crn WHERE p.owner_staff_code = 'N07T01A'`);
    const both = owned.map((r) => r.id);
    const [owner, hub] = await Promise.all([
      runWorker(fx, { RAB_TASK: 'approve', RAB_USER: 'olivia', RAB_PASSWORD: PASSWORD, RAB_REQUESTS: JSON.stringify(both) }),
      runWorker(fx, { RAB_TASK: 'deny', RAB_USER: 'hana', RAB_PASSWORD: PASSWORD, RAB_REQUESTS: JSON.stringify([...both].reverse()) }),
    ]);
    expect(owner.otherErrors + hub.otherErrors).toBe(0);
    expect(owner.decided + hub.decided).toBe(both.length);
    expect(owner.alreadyDecided + hub.alreadyDecided).toBe(both.length);
    const decisions = await all(fx.engine, sql`SELECT subject, count(*) AS n FROM audit_events WHERE action IN ('request.approve', 'request.deny') GROUP BY subject HAVING count(*) > 1`);
    expect(decisions).toEqual([]);
    const grants = await all(fx.engine, sql`SELECT request_id, count(*) AS n FROM grants GROUP BY request_id HAVING count(*) > 1`);
    expect(grants).toEqual([]);
    expect(await one(fx.engine, sql`SELECT count(*) AS n FROM requests WHERE status = 'APPROVED'`)).toEqual({ n: owner.decided });
    expect(await verifyAuditChain(fx.engine)).toMatchObject({ ok: true });
    expect(ids.length).toBeGreaterThan(both.length - 1);
  });
});
