/**
 * Deciders on two real `rab serve` processes over one PostgreSQL all decide the same requests at
 * once over HTTPS, as desktops would: the owner and the hub's two staff, each signed in on both
 * servers, approve or deny every request (fast-check picks who approves, who denies, the order the
 * calls leave in, and which calls a desktop also sends again, with the same key, to the other
 * server as a retry after a lost answer). Then:
 *  - each request has exactly one decision: one call won, every other was refused ALREADY_DECIDED,
 *    and a retried call was answered exactly as the call it repeats;
 *  - each approved request has one grant and each denied one none; no request was lost or left
 *    pending; the audit chain is one chain and verifies.
 * A fresh schema in the test PostgreSQL for each run (postgres project).
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/contract';
import { verifyAuditChain } from '../../../electron/core/audit/verify-chain';
import { all, one, sql } from '../../../electron/core/store/sql';
import { PASSWORD, useBrokerFixture, type CastName } from '../../helpers/broker-fixture';
import { httpCall, valueOf } from '../../helpers/broker-http';
import { overdueRequests } from '../../helpers/broker-requests';
import { POSTGRES_URL, TEST_ENGINE } from '../../helpers/engines';
import { startRabServe, type RabServeProcess } from '../../helpers/rab-serve-process';
import { makeTestCertificates } from '../../helpers/test-certificates';
import { useTempDirs } from '../../helpers/temp-dir';

const fixture = useBrokerFixture();
const tempDir = useTempDirs();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** About twenty requests, each decided by every decider at once. */
const REQUESTS = 20;
/** The owner and the hub's two staff: each may decide these (overdue) requests. */
const DECIDERS: CastName[] = ['olivia', 'hana', 'lars'];
const SERVERS = [0, 1] as const;
const DESKTOPS = DECIDERS.flatMap((who) => SERVERS.map((server) => ({ who, server })));
const CALLS = DESKTOPS.length * REQUESTS;

const callPlan = fc.record({ approve: fc.boolean(), retried: fc.boolean(), order: fc.nat() });
const plans = fc.array(callPlan, { minLength: CALLS, maxLength: CALLS });
type CallPlan = typeof callPlan extends fc.Arbitrary<infer T> ? T : never;

const runs = { count: 0, won: 0, refused: 0, retries: 0 };

describe.skipIf(TEST_ENGINE !== 'postgres')('deciders on two rab serve processes deciding the same requests at once (postgres project)', () => {
  it('gives each request exactly one decision, one grant per approval, loses none, and keeps one audit chain that verifies', async () => {
    await fc.assert(
      fc.asyncProperty(plans, async (plan) => {
        runs.count += 1;
        const fx = await fixture();
        // Overdue requests (made in March) for the owner's cases: both the owner and the hub may decide them.
        const ids = await overdueRequests(fx);
        const owned = (await all<{ id: number }>(fx.engine, sql`SELECT r.id FROM requests r JOIN people p ON p.crn = r.crn WHERE p.owner_staff_code = 'N07T01A' ORDER BY r.id`)).map((r) => r.id).slice(0, REQUESTS);
        expect(owned).toHaveLength(REQUESTS);

        const certs = makeTestCertificates(tempDir());
        const schema = (fx.engine as unknown as { schema: string }).schema;
        const servers: RabServeProcess[] = await Promise.all(
          SERVERS.map(() => startRabServe(['--database', POSTGRES_URL, '--listen', '127.0.0.1:0', '--tls-cert', certs.paths.serverCert, '--tls-key', certs.paths.serverKey, '--quiet'], { PGOPTIONS: `-c search_path=${schema}` })),
        );
        try {
          const call = (server: number, channel: string, input: unknown, o: { token?: string; key?: string } = {}) => httpCall(servers[server]!.address, certs.caCert, channel, input, o);
          const tokens = await Promise.all(DESKTOPS.map(async (d) => (await call(d.server, 'auth.signIn', { username: d.who, password: PASSWORD })).token!));

          // Every desktop decides every request; some calls are sent twice at once, the second to the other server.
          const calls = DESKTOPS.flatMap((d, desk) =>
            owned.map((requestId, r) => ({ ...d, token: tokens[desk]!, requestId, key: randomUUID(), ...(plan[desk * REQUESTS + r] as CallPlan) })),
          ).sort((x, y) => x.order - y.order);
          const send = (c: (typeof calls)[number], server: number) =>
            call(server, c.approve ? 'requests.approve' : 'requests.deny', c.approve ? { requestId: c.requestId } : { requestId: c.requestId, reasonCode: 'OTHER', reason: 'Decided on the phone with the requester.' }, { token: c.token, key: c.key });
          const answers = await Promise.all(calls.map((c) => Promise.all([send(c, c.server), c.retried ? send(c, 1 - c.server) : null])));

          const winners = new Map<number, (typeof calls)[number]>();
          answers.forEach(([first, retry], i) => {
            const c = calls[i]!;
            expect(first.status).toBe(200);
            if (retry) {
              runs.retries += 1;
              expect(retry.result).toEqual(first.result);
            }
            const result: Result<unknown> = first.result;
            if (result.ok) {
              expect(winners.has(c.requestId), `request ${c.requestId} decided twice`).toBe(false);
              winners.set(c.requestId, c);
              runs.won += 1;
            } else {
              expect(result.error.code).toBe('ALREADY_DECIDED');
              runs.refused += 1;
            }
          });
          expect([...winners.keys()].sort((x, y) => x - y)).toEqual(owned);

          // As the answers say, in the database: one decision each, one grant per approval, nothing lost or pending.
          const rows = await all<{ id: number; status: string; grants: number; decisions: number }>(
            fx.engine,
            sql`SELECT r.id, r.status,
                  (SELECT count(*) FROM grants g WHERE g.request_id = r.id) AS grants,
                  (SELECT count(*) FROM audit_events e WHERE e.subject = 'request:' || r.id AND e.action IN ('request.approve', 'request.deny')) AS decisions
                FROM requests r ORDER BY r.id`,
          );
          expect(rows).toHaveLength(ids.length);
          const decided = rows.filter((r) => owned.includes(r.id));
          expect(decided).toEqual(owned.map((id) => (winners.get(id)!.approve ? { id, status: 'APPROVED', grants: 1, decisions: 1 } : { id, status: 'DENIED', grants: 0, decisions: 1 })));
          expect(await one(fx.engine, sql`SELECT count(*) AS n FROM idempotent_calls WHERE answer IS NULL`)).toEqual({ n: 0 });

          const ada = (await call(1, 'auth.signIn', { username: 'ada', password: PASSWORD })).token!;
          expect(valueOf(await call(0, 'admin.auditVerify', {}, { token: ada }))).toMatchObject({ ok: true });
          expect(await verifyAuditChain(fx.engine)).toMatchObject({ ok: true });
        } finally {
          for (const s of servers) s.kill('SIGTERM');
          expect(await Promise.all(servers.map((s) => s.exited))).toEqual([0, 0]);
        }
      }),
      { numRuns: 3 },
    );
    console.log(`decision races over HTTP: ${runs.count} runs, ${runs.won} decisions, ${runs.refused} refused ALREADY_DECIDED, ${runs.retries} retries answered alike`);
  }, 600_000);
});
