/**
 * The mission figure: of the immediate-safety requests asked in a period, the share that were
 * decided (approved or refused) or opened in an emergency within 30 minutes of asking. It is what
 * a practitioner facing someone now needs, and what the split service failed to give.
 */
import type { Db } from '../store/sql';
import { MINUTE } from '../clock/clock';
import { one, sql } from '../store/sql';

export interface MissionFigure {
  /** Immediate-safety requests asked in the period. */
  asked: number;
  /** Of those, decided or emergency-opened within 30 minutes. */
  inTime: number;
  /** inTime ÷ asked, or null when none were asked. */
  share: number | null;
}

export const MISSION_MINUTES = 30;

export async function immediateSafetyInTime(db: Db, from: number, until: number): Promise<MissionFigure> {
  const limit = MISSION_MINUTES * MINUTE;
  const row = await one<{ asked: number; in_time: number | null }>(
    db,
    sql`SELECT count(*) AS asked,
          sum(CASE WHEN (r.decided_at IS NOT NULL AND r.status IN ('APPROVED', 'DENIED') AND r.decided_at - r.created_at <= ${limit})
                     OR EXISTS (SELECT 1 FROM emergency_uses e WHERE e.request_id = r.id AND e.used_at - r.created_at <= ${limit})
                   THEN 1 ELSE 0 END) AS in_time
        FROM requests r WHERE r.urgency = 'IMMEDIATE_SAFETY' AND r.created_at >= ${from} AND r.created_at < ${until}`,
  );
  const asked = row?.asked ?? 0;
  const inTime = row?.in_time ?? 0;
  return { asked, inTime, share: asked === 0 ? null : inTime / asked };
}
