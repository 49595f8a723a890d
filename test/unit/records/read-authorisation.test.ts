/**
 * The read check gathers every fact the policy needs in one query. It must answer exactly what the
 * single-fact readers answer (LAO, owner, widest live grant, allocation, paused reads), for every
 * member of the cast and every person.
 */
import { describe, expect, it } from 'vitest';
import { caseOwner, hasActiveAllocation, laoFacts } from '../../../electron/core/broker/case-facts';
import { liveGrants, widestGrant } from '../../../electron/core/broker/grant-record';
import { loadActor } from '../../../electron/core/auth/load-actor';
import { readClockState } from '../../../electron/core/clock/clock-guard';
import { recordResource } from '../../../electron/core/records/record-access';
import { CAST_NAMES, PASSWORD, PEOPLE, PROGRAMME_CRNS, useBrokerFixture, type BrokerFixture } from '../../helpers/broker-fixture';
import { createRequest, grantAccess } from '../../helpers/broker-requests';
import { countingEngine } from '../../helpers/statement-counter';

const fixture = useBrokerFixture();

const CRNS = [...Object.values(PEOPLE).map((p) => p.crn), ...PROGRAMME_CRNS.slice(0, 3)];

/** The facts as the single-fact readers give them, one query each. */
async function factByFact(fx: BrokerFixture, userId: number, crn: string, now: number) {
  const actor = await loadActor(fx.engine, userId);
  const lao = await laoFacts(fx.engine, crn, actor.staffCode, now);
  const grant = widestGrant(await liveGrants(fx.engine, actor.userId, crn, now));
  return {
    resource: {
      kind: 'record',
      owner: actor.staffCode !== null && actor.staffCode === (await caseOwner(fx.engine, crn) ?? null),
      grantScope: grant?.scope ?? null,
      grantIsEmergency: grant?.kind === 'EMERGENCY',
      allocation: await hasActiveAllocation(fx.engine, actor.staffCode, crn, now),
      readsPaused: (await readClockState(fx.engine)).rollback !== null,
      excluded: lao.excluded,
      restricted: lao.restricted,
      onAllowList: lao.onAllowList,
    },
    grant,
  };
}

async function grantsOfEveryKind(fx: BrokerFixture): Promise<void> {
  await grantAccess(fx, 'priya', { crns: [PEOPLE.warrant.crn], scope: 'FRONT_SHEET' });
  await grantAccess(fx, 'priya', { crns: [PEOPLE.warrant.crn], scope: 'FULL_RECORD' });
  await grantAccess(fx, 'rita', { crns: [PEOPLE.restricted.crn], scope: 'ROSH_SUMMARY' });
  const revoked = await grantAccess(fx, 'tara', { crns: [PEOPLE.veryHigh.crn], scope: 'ROSH_SUMMARY', durationDays: 3 });
  await fx.call('olivia', 'grants.revoke', { grantId: revoked.grantId!, reason: 'No longer needed' });
  const urgent = await createRequest(fx, 'alan', { crns: [PEOPLE.allocated.crn], scope: 'ROSH_SUMMARY', urgency: 'IMMEDIATE_SAFETY' });
  await fx.call('alan', 'emergency.open', { requestId: urgent.id, password: PASSWORD, reasonCode: 'PERSON_ATTENDING_NOW', reasonText: '' });
}

describe('the read check', () => {
  it('answers as the single-fact readers do, for everyone and every person, now and after grants end', async () => {
    const fx = await fixture();
    await grantsOfEveryKind(fx);
    for (const advanceHours of [0, 5, 24 * 8]) {
      fx.clock.advanceHours(advanceHours);
      const now = fx.clock.now();
      for (const who of CAST_NAMES) {
        for (const crn of CRNS) {
          const actor = await loadActor(fx.engine, fx.users[who].userId);
          expect(await recordResource(fx.engine, actor, crn, now), `${who} reading ${crn} after ${advanceHours} h`).toEqual(await factByFact(fx, actor.userId, crn, now));
        }
      }
    }
  });

  it('takes one query, whatever grants, allocations and restrictions apply', async () => {
    const fx = await fixture();
    await grantsOfEveryKind(fx);
    for (const who of CAST_NAMES) {
      const actor = await loadActor(fx.engine, fx.users[who].userId);
      for (const crn of CRNS) {
        const counter = countingEngine(fx.engine);
        await recordResource(counter.db, actor, crn, fx.clock.now());
        expect(counter.statements, `${who} reading ${crn}`).toHaveLength(1);
      }
    }
  });
});
