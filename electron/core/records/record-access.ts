/** What a reader may see of a person now: gathered fresh on every read, never cached. */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Actor } from '../policy/actor';
import type { RecordResource } from '../policy/resources';
import { caseOwner, hasActiveAllocation, laoFacts } from '../broker/case-facts';
import { liveGrants, widestGrant, type GrantRecord } from '../broker/grant-record';
import { readClockState } from '../clock/clock-guard';

export function recordResource(db: Database, actor: Actor, crn: string, now: number): { resource: RecordResource; grant: GrantRecord | null } {
  const lao = laoFacts(db, crn, actor.staffCode, now);
  const owner = caseOwner(db, crn) ?? null;
  // The holder's own state (active, not excluded) is part of "active grant": actor.active is
  // checked by the policy, exclusion by lao.excluded, so live grants here are only date and revocation.
  const grant = widestGrant(liveGrants(db, actor.userId, crn, now));
  return {
    resource: {
      kind: 'record',
      owner: actor.staffCode !== null && actor.staffCode === owner,
      grantScope: grant?.scope ?? null,
      grantIsEmergency: grant?.kind === 'EMERGENCY',
      allocation: hasActiveAllocation(db, actor.staffCode, crn, now),
      readsPaused: readClockState(db).rollback !== null,
      excluded: lao.excluded,
      restricted: lao.restricted,
      onAllowList: lao.onAllowList,
    },
    grant,
  };
}
