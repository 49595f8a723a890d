/**
 * Random concurrent operations, on both engines: rounds of requests, decisions, refusals,
 * withdrawals, revocations, reads and sweeps fired at once, through two cores (on PostgreSQL each
 * with its own pool of connections, as two servers behind a load balancer; on the embedded store
 * the one core a desktop has). After every run:
 *  - no call crashed: each answered a value or a typed error, and nothing was logged as internal;
 *  - no request was decided twice, granted twice, or both refused and granted;
 *  - the audit chain is one chain and verifies.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/contract';
import { verifyAuditChain } from '../../../electron/core/audit/verify-chain';
import type { Connection } from '../../../electron/core/auth/sessions';
import { createBrokerCore, type BrokerCore } from '../../../electron/core/rpc/broker-core';
import { all, sql } from '../../../electron/core/store/sql';
import { SCOPES, URGENCIES } from '../../../shared/domain/access';
import { PASSWORD, PEOPLE, PROGRAMME_CRNS, createBrokerFixture, type BrokerFixture, type CastName } from '../../helpers/broker-fixture';
import { secondPoolOn, TEST_ENGINE } from '../../helpers/engines';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const CRNS = [...Object.values(PEOPLE).map((p) => p.crn), ...PROGRAMME_CRNS.slice(0, 3)];
const REQUESTERS: CastName[] = ['priya', 'alan', 'tara', 'rita'];
/** Deciders signed in at the second core too. */
const AT_BOTH: CastName[] = ['olivia', 'hana', 'lars'];

const op = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('request' as const), who: fc.constantFrom(...REQUESTERS), crn: fc.constantFrom(...CRNS), scope: fc.constantFrom(...SCOPES), urgency: fc.constantFrom(...URGENCIES) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('decide' as const), who: fc.constantFrom(...AT_BOTH), second: fc.boolean(), pick: fc.nat(), approve: fc.boolean() }) },
  fc.record({ kind: fc.constant('withdraw' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('revoke' as const), pick: fc.nat() }),
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('read' as const), who: fc.constantFrom(...REQUESTERS), crn: fc.constantFrom(...CRNS) }) },
  fc.record({ kind: fc.constant('sweep' as const), second: fc.boolean() }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;
const round = fc.record({ ops: fc.array(op, { minLength: 2, maxLength: 8 }), thenMinutes: fc.integer({ min: 0, max: 8 * 60 }) });

const pick = <T>(xs: T[], n: number): T | undefined => (xs.length === 0 ? undefined : xs[n % xs.length]);
const counts = { rounds: 0, ok: 0, refused: 0 };

interface SecondCore {
  core: BrokerCore;
  conns: Partial<Record<CastName, Connection>>;
  close(): Promise<void>;
}

async function secondCore(fx: BrokerFixture): Promise<SecondCore> {
  if (TEST_ENGINE !== 'postgres') return { core: fx.core, conns: Object.fromEntries(AT_BOTH.map((n) => [n, fx.users[n].conn])), close: async () => {} };
  const pool = secondPoolOn((fx.engine as unknown as { schema: string }).schema);
  const core = createBrokerCore({ db: pool, clock: fx.clock, logInternal: (channel, error) => fx.internalErrors.push({ channel, error }) });
  const conns: SecondCore['conns'] = {};
  for (const name of AT_BOTH) {
    const conn = core.connect();
    const r = await core.dispatch('auth.signIn', conn, { username: name, password: PASSWORD });
    if (!r.ok) throw new Error(`sign-in at the second core failed: ${r.error.message}`);
    conns[name] = conn;
  }
  return { core, conns, close: () => pool.close() };
}

/** Chooses its target (a pending request, a live grant) from the state the round started with. */
function launch(fx: BrokerFixture, b: SecondCore, o: Op, pending: { id: number; requester: CastName | undefined }[], grants: number[]): Promise<Result<unknown> | null> {
  switch (o.kind) {
    case 'request':
      return fx.attempt(o.who, 'requests.create', { crns: [o.crn], scope: o.scope, purpose: 'OTHER', justification: 'Concurrent property run', urgency: o.urgency, neededBy: null, durationDays: 2 });
    case 'decide': {
      const r = pick(pending, o.pick);
      if (!r) return Promise.resolve(null);
      const channel = o.approve ? 'requests.approve' : 'requests.deny';
      const input = o.approve ? { requestId: r.id } : { requestId: r.id, reasonCode: 'OTHER' as const, reason: 'Refused in the concurrent property run.' };
      return o.second ? b.core.dispatch(channel, b.conns[o.who]!, input) : fx.attempt(o.who, channel, input as never);
    }
    case 'withdraw': {
      const r = pick(pending, o.pick);
      return r?.requester ? fx.attempt(r.requester, 'requests.withdraw', { requestId: r.id }) : Promise.resolve(null);
    }
    case 'revoke': {
      const g = pick(grants, o.pick);
      return g === undefined ? Promise.resolve(null) : fx.attempt('hana', 'grants.revoke', { grantId: g, reason: 'Revoked in the concurrent property run.' });
    }
    case 'read':
      return fx.attempt(o.who, 'records.read', { crn: o.crn });
    case 'sweep':
      return (o.second ? b.core.sweep() : fx.core.sweep()).then(() => null);
  }
}

describe('broker under concurrent calls', () => {
  it('decides each request at most once, grants it at most once, and keeps one verifiable audit chain', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(round, { minLength: 3, maxLength: 6 }), async (rounds) => {
        const fx = await createBrokerFixture(tempDir());
        const b = await secondCore(fx);
        try {
          for (const r of rounds) {
            const pending = (await all<{ id: number; requester_user_id: number }>(fx.engine, sql`SELECT id, requester_user_id FROM requests WHERE queue IS NOT NULL ORDER BY id`))
              .map((p) => ({ id: p.id, requester: (Object.keys(fx.users) as CastName[]).find((n) => fx.users[n].userId === p.requester_user_id) }));
            const grants = (await all<{ id: number }>(fx.engine, sql`SELECT id FROM grants WHERE revoked_at IS NULL AND end_at > ${fx.clock.now()} ORDER BY id`)).map((g) => g.id);
            const settled = await Promise.allSettled(r.ops.map((o) => launch(fx, b, o, pending, grants)));
            expect(settled.filter((s) => s.status === 'rejected')).toEqual([]);
            for (const s of settled) {
              const answer = (s as PromiseFulfilledResult<Result<unknown> | null>).value;
              if (answer === null) continue;
              if (answer.ok) counts.ok++;
              else {
                counts.refused++;
                expect(answer.error.code).not.toBe('INTERNAL');
              }
            }
            fx.clock.advanceMinutes(r.thenMinutes);
            counts.rounds++;
          }
          expect(fx.internalErrors).toEqual([]);
          expect(await all(fx.engine, sql`SELECT subject FROM audit_events WHERE action IN ('request.approve', 'request.deny', 'request.withdraw') GROUP BY subject HAVING count(*) > 1`)).toEqual([]);
          expect(await all(fx.engine, sql`SELECT request_id FROM grants WHERE kind = 'REQUEST' GROUP BY request_id HAVING count(*) > 1`)).toEqual([]);
          expect(await all(fx.engine, sql`SELECT g.id FROM grants g JOIN requests r ON r.id = g.request_id WHERE g.kind = 'REQUEST' AND r.status <> 'APPROVED'`)).toEqual([]);
          expect(await verifyAuditChain(fx.engine)).toMatchObject({ ok: true });
        } finally {
          await b.close();
          await fx.close();
        }
      }),
      { numRuns: TEST_ENGINE === 'postgres' ? 8 : 12 },
    );
    // The runs must have done something: calls that acted, and calls refused as the state moved under them.
    expect(counts.ok).toBeGreaterThan(20);
    expect(counts.refused).toBeGreaterThan(0);
  }, 300_000);
});
