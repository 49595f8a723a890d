/**
 * A read that is refused is an audit event too: who, which record, and why (expired, revoked,
 * excluded, reads paused after the clock went back, no grant); so is a refused copy for offline
 * reading, under its own action. Refusals are where misuse and
 * broken access show first, so they are kept like reads.
 */
import type { Db } from '../store/sql';
import { AppError, type ErrorCode } from '../../../shared/errors';
import { appendAuditEvent } from '../audit/audit-log';
import { laoFacts } from '../broker/case-facts';
import type { Actor } from '../policy/actor';
import { one, sql } from '../store/sql';

export type RefusedReadWhy = 'EXCLUDED' | 'RESTRICTED' | 'CLOCK_PAUSED' | 'EXPIRED' | 'REVOKED' | 'NO_GRANT';

/** Why, in the audit's words: for "no active grant", whether the reader's latest grant ran out or was revoked. */
async function whyRefused(db: Db, actor: Actor, crn: string, code: ErrorCode): Promise<RefusedReadWhy> {
  if (code === 'ACCESS_EXCLUDED') return 'EXCLUDED';
  if (code === 'ACCESS_RESTRICTED') return 'RESTRICTED';
  if (code === 'CLOCK_ROLLBACK') return 'CLOCK_PAUSED';
  const latest = await one<{ revoked_at: number | null }>(
    db,
    sql`SELECT revoked_at FROM grants WHERE grantee_user_id = ${actor.userId} AND crn = ${crn} ORDER BY end_at DESC, id DESC LIMIT 1`,
  );
  if (!latest) return 'NO_GRANT';
  return latest.revoked_at !== null ? 'REVOKED' : 'EXPIRED';
}

/**
 * Audits the refusal and returns the error to answer with. An exclusion answers with the record's
 * own LAO message, the same one shown when asking for access.
 */
export async function refuseRead(
  db: Db, actor: Actor, crn: string, code: ErrorCode, message: string, now: number, auditActorName: string,
  action: 'record.read.refuse' | 'record.copy.offline.refuse' = 'record.read.refuse',
): Promise<AppError> {
  const why = await whyRefused(db, actor, crn, code);
  await appendAuditEvent(db, { at: now, actor: auditActorName, action, subject: `person:${crn}`, crn, details: { code, why } });
  if (code === 'ACCESS_EXCLUDED') return new AppError(code, (await laoFacts(db, crn, actor.staffCode, now)).exclusionMessage ?? message);
  return new AppError(code, message);
}
