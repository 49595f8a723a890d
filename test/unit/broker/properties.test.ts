/**
 * Property tests: random sequences of requests, absences, deputies, decisions, reads, revocations,
 * sweeps and clock moves, checked after every step against three promises:
 *  - no pending request is ever unseen by an on-duty approver past its deadline;
 *  - no read ever succeeds without an active grant (or ownership, or allocation) covering it;
 *  - the audit chain always verifies.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../electron/core/audit/verify-chain';
import { localDate, officeTimeZone } from '../../../electron/core/broker/case-facts';
import { all, one, run, sql, sqlGreatest } from '../../../electron/core/store/sql';
import { SCOPES, URGENCIES, scopeCovers, type Scope } from '../../../shared/domain/access';
import { CAST, PEOPLE, PROGRAMME_CRNS, createBrokerFixture, type BrokerFixture, type CastName } from '../../helpers/broker-fixture';
import { TEST_ENGINE } from '../../helpers/engines';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const CRNS = [...Object.values(PEOPLE).map((p) => p.crn), ...PROGRAMME_CRNS.slice(0, 3)];
const REQUESTERS: CastName[] = ['priya', 'alan', 'tara', 'rita', 'eve', 'dev'];
const DECIDERS: CastName[] = ['olivia', 'dev', 'alex', 'hana', 'lars'];
const OWNERS: CastName[] = ['olivia', 'dev', 'alex'];
const HUB: CastName[] = ['hana', 'lars'];
const MINUTE = 60_000;

const step = fc.oneof(
  // Requests, time passing and reads are weighted up, so most runs reach deadlines and grants.
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('request' as const), who: fc.constantFrom(...REQUESTERS), crn: fc.constantFrom(...CRNS), scope: fc.constantFrom(...SCOPES),
    urgency: fc.constantFrom(...URGENCIES), neededInMinutes: fc.option(fc.integer({ min: 0, max: 72 * 60 })), days: fc.integer({ min: 1, max: 7 }) }) },
  fc.record({ kind: fc.constant('absence' as const), who: fc.constantFrom(...OWNERS), startIn: fc.integer({ min: 0, max: 600 }), minutes: fc.integer({ min: 1, max: 5 * 24 * 60 }) }),
  fc.record({ kind: fc.constant('endDeputy' as const) }),
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('decide' as const), who: fc.constantFrom(...DECIDERS), pick: fc.nat(), approve: fc.boolean(), narrow: fc.boolean() }) },
  fc.record({ kind: fc.constant('withdraw' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('revoke' as const), who: fc.constantFrom<CastName>('olivia', 'hana'), pick: fc.nat() }),
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('read' as const), who: fc.constantFrom(...REQUESTERS, 'olivia' as CastName), crn: fc.constantFrom(...CRNS) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('advance' as const), minutes: fc.integer({ min: 1, max: 16 * 60 }) }) },
  fc.record({ kind: fc.constant('sweep' as const) }),
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

/** What the random runs actually exercised, so a generator that never reaches a rule is noticed. */
const exercised = { reads: 0, approvals: 0, overdueSeen: 0, hubRoutes: 0 };

const pick = <T>(xs: T[], n: number): T | undefined => (xs.length === 0 ? undefined : xs[n % xs.length]);

async function apply(fx: BrokerFixture, s: Step): Promise<void> {
  const now = fx.clock.now();
  const pending = async () => (await all<{ id: number; requester_user_id: number }>(fx.engine, sql`SELECT id, requester_user_id FROM requests WHERE queue IS NOT NULL ORDER BY id`));
  switch (s.kind) {
    case 'request': {
      await fx.attempt(s.who, 'requests.create', {
        crns: [s.crn], scope: s.scope, purpose: 'OTHER', justification: 'Property test', urgency: s.urgency,
        neededBy: s.neededInMinutes === null ? null : now + s.neededInMinutes * MINUTE, durationDays: s.days,
      });
      return;
    }
    case 'absence':
      await run(fx.engine, sql`INSERT INTO absences (id, staff_code, kind, start_at, end_at) VALUES (${`p-${now}-${s.who}-${Math.random()}`}, ${CAST[s.who].staffCode}, 'LEAVE', ${now + s.startIn * MINUTE}, ${now + (s.startIn + s.minutes) * MINUTE})`);
      return;
    case 'endDeputy':
      await run(fx.engine, sql`UPDATE deputies SET end_at = ${sqlGreatest(now, sql`start_at + 1`)} WHERE end_at IS NULL`);
      return;
    case 'decide': {
      const r = pick(await pending(), s.pick);
      if (!r) return;
      if (s.approve) {
        const a = await fx.attempt(s.who, 'requests.approve', { requestId: r.id, ...(s.narrow ? { scope: 'FRONT_SHEET' as const, durationDays: 1 } : {}) });
        if (a.ok) exercised.approvals++;
      }
      else await fx.attempt(s.who, 'requests.deny', { requestId: r.id, reasonCode: 'OTHER', reason: 'Refused in the property test run.' });
      return;
    }
    case 'withdraw': {
      const r = pick(await pending(), s.pick);
      const who = r && (Object.keys(fx.users) as CastName[]).find((n) => fx.users[n].userId === r.requester_user_id);
      if (r && who) await fx.attempt(who, 'requests.withdraw', { requestId: r.id });
      return;
    }
    case 'revoke': {
      const g = pick(await all<{ id: number }>(fx.engine, sql`SELECT id FROM grants WHERE revoked_at IS NULL AND end_at > ${now} ORDER BY id`), s.pick);
      if (g) await fx.attempt(s.who, 'grants.revoke', { grantId: g.id, reason: 'Refused in the property test run.' });
      return;
    }
    case 'read': {
      const r = await fx.attempt(s.who, 'records.read', { crn: s.crn });
      if (r.ok) {
        exercised.reads++;
        await expectReadWasCovered(fx, s.who, s.crn, r.value.access.scope);
      }
      return;
    }
    case 'advance':
      fx.clock.advanceMinutes(s.minutes);
      return;
    case 'sweep':
      await fx.core.sweep();
      return;
  }
}

/** Independent of the core: what the store says this reader may see right now. */
async function expectReadWasCovered(fx: BrokerFixture, who: CastName, crn: string, scope: Scope): Promise<void> {
  const now = fx.clock.now();
  const staff = CAST[who].staffCode;
  const excluded = await one(fx.engine, sql`SELECT 1 FROM lao_exclusions WHERE crn = ${crn} AND staff_code = ${staff} AND start_at <= ${now} AND (end_at IS NULL OR end_at > ${now})`);
  expect(excluded, `${who} read ${crn} while excluded`).toBeUndefined();
  const owner = await one(fx.engine, sql`SELECT 1 FROM people WHERE crn = ${crn} AND owner_staff_code = ${staff}`);
  if (owner) return;
  const grants = await all<{ scope: Scope }>(fx.engine, sql`SELECT scope FROM grants WHERE grantee_user_id = ${fx.users[who].userId} AND crn = ${crn} AND revoked_at IS NULL AND start_at <= ${now} AND end_at > ${now}`);
  const today = localDate(now, await officeTimeZone(fx.engine));
  const allocation = await one(fx.engine, sql`SELECT 1 FROM allocations WHERE crn = ${crn} AND staff_code = ${staff} AND start_date <= ${today} AND (end_date IS NULL OR end_date >= ${today})`);
  const covered = grants.some((g) => scopeCovers(g.scope, scope)) || (allocation !== undefined && scope === 'FRONT_SHEET');
  expect(covered, `${who} read ${scope} of ${crn} without an active grant covering it`).toBe(true);
}

/** Every pending request past its deadline is in the hub queue, where an on-duty hub member can decide it. */
async function expectNothingOverdueUnseen(fx: BrokerFixture): Promise<void> {
  const now = fx.clock.now();
  const overdue = (await all<{ id: number }>(fx.engine, sql`SELECT id FROM requests WHERE queue IS NOT NULL AND deadline <= ${now}`)).map((r) => r.id);
  if (overdue.length === 0) return;
  const seen = new Map<number, boolean>();
  for (const who of HUB) {
    const q = await fx.call(who, 'requests.hubQueue', { limit: 500 });
    for (const row of q.rows) if (row.overdue) seen.set(row.id, (seen.get(row.id) ?? false) || row.canDecide);
  }
  for (const id of overdue) expect(seen.get(id), `overdue request ${id} is not decidable by any on-duty hub member`).toBe(true);
  exercised.overdueSeen += overdue.length;
}

describe('broker properties', () => {
  it('never loses an overdue request, never reads without cover, and always keeps a verifiable audit chain', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 20, maxLength: 40 }), async (steps) => {
        const fx = await createBrokerFixture(tempDir());
        try {
          for (const s of steps) {
            await apply(fx, s);
            await expectNothingOverdueUnseen(fx);
          }
          exercised.hubRoutes += (await one<{ n: number }>(fx.engine, sql`SELECT count(*) AS n FROM requests WHERE hub_reason IS NOT NULL`))!.n;
          expect(await verifyAuditChain(fx.engine)).toMatchObject({ ok: true });
          expect(fx.internalErrors).toEqual([]);
        } finally {
          await fx.close();
        }
      }),
      { numRuns: 25 },
    );
    expect(exercised.reads).toBeGreaterThan(0);
    expect(exercised.approvals).toBeGreaterThan(0);
    expect(exercised.overdueSeen).toBeGreaterThan(0);
    expect(exercised.hubRoutes).toBeGreaterThan(0);
    // Each run opens a fresh store: on PostgreSQL a fresh schema, migrated and seeded, which takes longer.
  }, TEST_ENGINE === 'postgres' ? 600_000 : undefined);
});
