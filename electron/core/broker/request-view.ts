/** Stored requests turned into the rows the screens list (RequestRow), with where-and-why in words. */
import type { Db } from '../store/sql';
import type { RequestRow } from '../../../shared/contract';
import type { PolicySettings } from '../../../shared/contract/policy-settings';
import { DENY_REASON_LABELS } from '../../../shared/contract/vocabulary';
import { all, sql, sqlFlag, type SqlFragment } from '../store/sql';
import { MINUTE } from '../clock/clock';
import type { Actor } from '../policy/actor';
import { formatWhen, laoFacts, type LaoDetail } from './case-facts';
import { caseFactsOneByOne, gatherListFacts, type ListFacts } from './list-facts';
import { requestedMinutes, type RequestRecord } from './request-record';
import { HUB_REASON_WORDS } from './routing';

export interface RequestViewRecord extends RequestRecord {
  p_forename: string;
  p_surname: string;
  p_owner: string | null;
  requester_name: string;
  requester_provider: string | null;
  owner_name: string | null;
  decided_by_name: string | null;
  g_start_at: number | null;
  g_end_at: number | null;
  live_emergency: number;
  rv_asked_at: number | null;
  rv_reason: string | null;
  rv_outcome: 'UPHELD' | 'OVERTURNED' | null;
  rv_decided_at: number | null;
  rv_decided_by_name: string | null;
  rv_decision_reason: string | null;
}

const requestViewSelect = (now: number): SqlFragment => sql`
  SELECT r.*, p.forename AS p_forename, p.surname AS p_surname, p.owner_staff_code AS p_owner,
    ru.display_name AS requester_name, rp.name AS requester_provider,
    CASE WHEN os.code IS NULL THEN NULL ELSE os.forename || ' ' || os.surname END AS owner_name,
    du.display_name AS decided_by_name, g.start_at AS g_start_at, g.end_at AS g_end_at,
    rv.asked_at AS rv_asked_at, rv.reason AS rv_reason, rv.outcome AS rv_outcome, rv.decided_at AS rv_decided_at,
    rvu.display_name AS rv_decided_by_name, rv.decision_reason AS rv_decision_reason,
    ${sqlFlag(sql`EXISTS (SELECT 1 FROM emergency_uses e JOIN grants eg ON eg.id = e.grant_id
            WHERE e.request_id = r.id AND eg.revoked_at IS NULL AND eg.end_at > ${now})`)} AS live_emergency
  FROM requests r
  JOIN people p ON p.crn = r.crn
  JOIN users ru ON ru.id = r.requester_user_id
  LEFT JOIN staff rs ON rs.code = r.requester_staff_code
  LEFT JOIN teams rt ON rt.code = rs.team_code
  LEFT JOIN providers rp ON rp.code = rt.provider_code
  LEFT JOIN staff os ON os.code = r.owner_staff_code
  LEFT JOIN users du ON du.id = r.decided_by_user_id
  LEFT JOIN grants g ON g.id = r.grant_id
  LEFT JOIN refusal_reviews rv ON rv.request_id = r.id
  LEFT JOIN users rvu ON rvu.id = rv.decided_by_user_id`;

/** Loads request views; `rest` holds the WHERE / ORDER / LIMIT part with its own parameters. */
export async function selectRequestViews(db: Db, now: number, rest: SqlFragment): Promise<RequestViewRecord[]> {
  return await all<RequestViewRecord>(db, sql`${requestViewSelect(now)} ${rest}`);
}

export const RESTRICTED_NAME = 'Access restricted';

/** The viewer may see the person's name: not excluded, and if restricted, owner, on the list or LAO admin. */
export async function mayNameCase(db: Db, viewer: Actor, crn: string, ownerStaffCode: string | null, now: number): Promise<boolean> {
  return mayNameWith(await laoFacts(db, crn, viewer.staffCode, now), viewer, ownerStaffCode);
}

export function mayNameWith(lao: LaoDetail, viewer: Actor, ownerStaffCode: string | null): boolean {
  if (lao.excluded) return false;
  if (!lao.restricted) return true;
  return lao.onAllowList || (viewer.staffCode !== null && viewer.staffCode === ownerStaffCode) || viewer.roles.includes('lao-admin');
}

export function whereAndWhy(facts: ListFacts, r: RequestViewRecord): string {
  switch (r.status) {
    case 'PENDING_OWNER': {
      const owner = r.owner_staff_code ? facts.availability(r.owner_staff_code) : null;
      const by = `decision due by ${formatWhen(r.deadline, facts.timeZone)}`;
      if (owner && !owner.available) {
        const deputies = facts.availableDeputies(owner.staffCode).map((d) => d.name);
        if (deputies.length > 0) return `With ${deputies.join(', ')}, deputising: ${owner.note} (${by})`;
      }
      return `With the offender manager, ${r.owner_name ?? 'unknown'} (${by})`;
    }
    case 'PENDING_HUB': {
      if (r.route_reason === 'NEEDED_SOON') {
        return `With ${r.owner_name ?? 'the offender manager'} and the NPS hub together: ${r.hub_reason_text ?? HUB_REASON_WORDS.NEEDED_SOON} (decision due by ${formatWhen(r.deadline, facts.timeZone)}; the first decision wins)`;
      }
      const why = r.hub_reason === 'DEADLINE_MISSED'
        ? `${HUB_REASON_WORDS.DEADLINE_MISSED} (${formatWhen(r.deadline, facts.timeZone)})`
        : (r.hub_reason_text ?? (r.hub_reason ? HUB_REASON_WORDS[r.hub_reason] : 'no offender manager can decide'));
      return `With the NPS hub: ${why}`;
    }
    case 'APPROVED':
      return `Approved by ${r.decided_by_name ?? 'unknown'}`;
    case 'DENIED': {
      const refused = `Refused by ${r.decided_by_name ?? 'unknown'}: ${r.deny_reason_code ? DENY_REASON_LABELS[r.deny_reason_code] : ''}`;
      if (r.rv_asked_at !== null && r.rv_outcome === null) return `${refused}. Review asked for: with the NPS hub and the owner's senior probation officer`;
      if (r.rv_outcome === 'UPHELD') return `${refused}. Refusal upheld on review by ${r.rv_decided_by_name ?? 'unknown'}`;
      if (r.rv_outcome === 'OVERTURNED') return `${refused}. Overturned on review by ${r.rv_decided_by_name ?? 'unknown'}: access granted${r.g_end_at === null ? '' : ` until ${formatWhen(r.g_end_at, facts.timeZone)}`}`;
      return refused;
    }
    case 'WITHDRAWN':
      return r.closed_reason === 'REQUESTER_EXCLUDED' ? 'Closed: requester excluded' : 'Withdrawn by the requester';
  }
}

/** One request as a row, its facts read one by one (for single-request answers). */
export async function toRequestRow(db: Db, r: RequestViewRecord, viewer: Actor, policy: PolicySettings, now: number): Promise<RequestRow> {
  return requestRowWith(await caseFactsOneByOne(db, viewer, now, { crn: r.crn, owner: r.owner_staff_code, policy }), r, viewer);
}

/** What a page of request rows needs to know, gathered for the whole page at once. */
export const gatherRequestPageFacts = async (db: Db, viewer: Actor, rows: readonly RequestViewRecord[], now: number, extra: { withHub?: boolean } = {}): Promise<ListFacts> =>
  await gatherListFacts(db, viewer, now, {
    crns: rows.map((r) => r.crn),
    availabilityOf: rows.filter((r) => r.status === 'PENDING_OWNER' && r.owner_staff_code !== null).map((r) => r.owner_staff_code!),
    withHub: extra.withHub,
    // The same test as the query's: a pending request with the hub or past its deadline.
    knownWithHub: rows.filter((r) => r.queue !== null && (r.status === 'PENDING_HUB' || r.deadline <= now)).map((r) => r.crn),
  });

/** A page of requests as rows, in a fixed number of queries whatever the page size. */
export async function toRequestRows(db: Db, rows: readonly RequestViewRecord[], viewer: Actor, now: number): Promise<RequestRow[]> {
  const facts = await gatherRequestPageFacts(db, viewer, rows, now);
  return rows.map((r) => requestRowWith(facts, r, viewer));
}

export function requestRowWith(facts: ListFacts, r: RequestViewRecord, viewer: Actor): RequestRow {
  const now = facts.now;
  const pending = r.status === 'PENDING_OWNER' || r.status === 'PENDING_HUB';
  const neededBy = r.needed_by ?? (r.urgency === 'IMMEDIATE_SAFETY' ? now : null);
  const decided = r.status === 'APPROVED' || r.status === 'DENIED';
  return {
    id: r.id,
    batchId: r.batch_id,
    crn: r.crn,
    personName: mayNameWith(facts.lao(r.crn, viewer.staffCode), viewer, r.p_owner) ? `${r.p_forename} ${r.p_surname}` : RESTRICTED_NAME,
    requesterUserId: r.requester_user_id,
    requesterName: r.requester_name,
    requesterProvider: r.requester_provider,
    ownerStaffCode: r.owner_staff_code,
    ownerName: r.owner_name,
    scope: r.scope,
    purpose: r.purpose,
    justification: r.justification,
    urgency: r.urgency,
    neededBy: r.needed_by,
    durationDays: r.duration_days,
    durationMinutes: requestedMinutes(r),
    status: r.status,
    queue: r.queue,
    hubReason: r.route_reason ?? r.hub_reason,
    whereAndWhy: whereAndWhy(facts, r),
    createdAt: r.created_at,
    deadline: r.deadline,
    escalatedAt: r.escalated_at,
    overdue: pending && r.deadline <= now,
    fastTrack: r.fast_track === 1,
    extendsGrantId: r.extends_grant_id,
    decision: decided
      ? {
          outcome: r.status === 'APPROVED' ? 'APPROVED' : 'DENIED',
          decidedAt: r.decided_at ?? 0,
          decidedByName: r.decided_by_name ?? 'unknown',
          route: r.decision_route ?? 'HUB',
          scope: r.approved_scope,
          durationDays: r.approved_duration_days,
          durationMinutes: r.approved_duration_minutes ?? (r.approved_duration_days === null ? null : r.approved_duration_days * 24 * 60),
          startAt: r.g_start_at,
          endAt: r.g_end_at,
          narrowed: r.narrowed === 1,
          reasonCode: r.deny_reason_code,
          reason: r.decision_reason,
        }
      : null,
    grantId: r.grant_id,
    withdrawnAt: r.withdrawn_at,
    emergencyAvailable:
      pending && viewer.userId === r.requester_user_id && r.live_emergency === 0 && neededBy !== null && neededBy - now <= facts.policy.emergencyWindowMinutes * MINUTE,
    closedReason: r.closed_reason === 'REQUESTER_EXCLUDED' ? 'Closed: requester excluded' : null,
    review: r.rv_asked_at === null ? null : {
      askedAt: r.rv_asked_at, reason: r.rv_reason ?? '', outcome: r.rv_outcome, decidedAt: r.rv_decided_at,
      decidedByName: r.rv_decided_by_name, decisionReason: r.rv_decision_reason,
    },
    reviewAvailable: r.status === 'DENIED' && r.rv_asked_at === null && viewer.userId === r.requester_user_id,
  };
}
