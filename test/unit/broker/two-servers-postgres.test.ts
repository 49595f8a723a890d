/**
 * Two cores over one PostgreSQL database, each with its own pool of connections, as two broker
 * servers behind a load balancer: everybody decides and sweeps at once, and still exactly one
 * decision wins each request, nothing is lost and the audit chain stays one chain.
 */
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../electron/core/audit/verify-chain';
import { createBrokerCore } from '../../../electron/core/rpc/broker-core';
import { all, one, sql } from '../../../electron/core/store/sql';
import { PASSWORD, useBrokerFixture } from '../../helpers/broker-fixture';
import { overdueRequests } from '../../helpers/broker-requests';
import { secondPoolOn, TEST_ENGINE } from '../../helpers/engines';

const fixture = useBrokerFixture();


describe.skipIf(TEST_ENGINE !== 'postgres')('two servers over one PostgreSQL (runs in the postgres project)', () => {
  it('lets exactly one of owner and hub decide each request while both servers sweep, and keeps one audit chain', async () => {
    const fx = await fixture();
    const ids = await overdueRequests(fx);
    const schema = (fx.engine as unknown as { schema: string }).schema;
    const otherPool = secondPoolOn(schema);
    try {
      const serverB = createBrokerCore({ db: otherPool, clock: fx.clock });
      const hub = serverB.connect();
      const signedIn = await serverB.dispatch('auth.signIn', hub, { username: 'hana', password: PASSWORD });
      expect(signedIn.ok).toBe(true);
      const owned = (await all<{ id: number }>(fx.engine, sql`SELECT r.id FROM requests r JOIN people p ON p.crn = r.crn WHERE p.owner_staff_code = 'N07T01A'`)).map((r) => r.id);
      expect(owned.length).toBeGreaterThan(10);
      await fx.signIn('olivia');

      const outcomes = await Promise.allSettled([
        ...owned.map((id) => fx.attempt('olivia', 'requests.approve', { requestId: id })),
        ...[...owned].reverse().map((id) => serverB.dispatch('requests.deny', hub, { requestId: id, reasonCode: 'OTHER', reason: 'Decided by the hub after a call.' })),
        fx.core.sweep(),
        serverB.sweep(),
      ]);
      expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
      const answers = outcomes.slice(0, owned.length * 2).map((o) => (o as PromiseFulfilledResult<{ ok: boolean; error?: { code: string } }>).value);
      const won = answers.filter((a) => a.ok).length;
      const lost = answers.filter((a) => !a.ok && a.error?.code === 'ALREADY_DECIDED').length;
      expect({ won, lost, other: answers.length - won - lost }).toEqual({ won: owned.length, lost: owned.length, other: 0 });
      expect(fx.internalErrors).toEqual([]);

      expect(await all(fx.engine, sql`SELECT subject FROM audit_events WHERE action IN ('request.approve', 'request.deny') GROUP BY subject HAVING count(*) > 1`)).toEqual([]);
      expect(await all(fx.engine, sql`SELECT request_id FROM grants GROUP BY request_id HAVING count(*) > 1`)).toEqual([]);
      expect(await one(fx.engine, sql`SELECT count(*) AS n FROM requests WHERE id IN (SELECT id FROM requests) AND queue IS NULL AND status IN ('APPROVED', 'DENIED') AND crn IN (SELECT crn FROM people WHERE owner_staff_code = 'N07T01A')`)).toEqual({ n: owned.length });
      expect(await one(fx.engine, sql`SELECT count(*) AS n FROM requests`)).toEqual({ n: ids.length });
      expect(await all(fx.engine, sql`SELECT subject FROM audit_events WHERE action = 'request.escalate' GROUP BY subject HAVING count(*) > 1`)).toEqual([]);
      expect(await verifyAuditChain(fx.engine)).toMatchObject({ ok: true });
    } finally {
      await otherPool.close();
    }
  });
});
