/**
 * Clock safety. The store remembers the latest time it has seen; if the clock is later found more
 * than the tolerance behind it, grant-dependent reads pause until an administrator acknowledges,
 * because a clock moved back could otherwise revive expired grants.
 */
import type { Db } from '../store/sql';
import { one, run, sql, sqlGreatest } from '../store/sql';
import { MINUTE } from './clock';

export interface ClockRow {
  latest_seen_at: number;
  rollback_detected_at: number | null;
  rollback_latest_seen_at: number | null;
  high_water_at: number;
}

export interface ClockState {
  latestSeenAt: number;
  /** The latest time the store has ever seen: it never goes back, not even on acknowledgement. */
  highWaterAt: number;
  rollback: { detectedAt: number; latestSeenAt: number } | null;
}

/** How far ahead of the last recorded time the clock must be before it is written again. */
const RECORD_STEP = 1000;

/** The clock's columns, as every statement that reads them names them. */
export const CLOCK_COLUMNS = sql`latest_seen_at, rollback_detected_at, rollback_latest_seen_at, high_water_at`;

/** The state a `clock_state` row says (the row is made by the migrations; none means nothing seen yet). */
export function clockStateOf(row: ClockRow | undefined | null): ClockState {
  if (!row) return { latestSeenAt: 0, highWaterAt: 0, rollback: null };
  return {
    latestSeenAt: row.latest_seen_at,
    highWaterAt: row.high_water_at,
    rollback:
      row.rollback_detected_at === null ? null : { detectedAt: row.rollback_detected_at, latestSeenAt: row.rollback_latest_seen_at ?? row.latest_seen_at },
  };
}

export async function readClockState(db: Db): Promise<ClockState> {
  return clockStateOf(await one<ClockRow>(db, sql`SELECT ${CLOCK_COLUMNS} FROM clock_state WHERE id = 1`));
}

/**
 * Records `now` as seen. Returns the state afterwards, and whether this call detected a new
 * rollback (so the caller can audit and alert once). `before` is the state when the caller has
 * just read it (with the policy, in one statement); most calls then need no statement here at all:
 * the time is written at most once a second, and the write answers the state it leaves.
 */
export async function observeClock(db: Db, now: number, toleranceMinutes: number, before?: ClockState): Promise<ClockState & { newlyDetected: boolean }> {
  before ??= await readClockState(db);
  if (!before.rollback && now < before.latestSeenAt - toleranceMinutes * MINUTE) {
    const changed = (await run(
      db,
      sql`UPDATE clock_state SET rollback_detected_at = ${now}, rollback_latest_seen_at = latest_seen_at
          WHERE id = 1 AND rollback_detected_at IS NULL AND latest_seen_at > ${now + toleranceMinutes * MINUTE}`,
    )).changes;
    return { ...await readClockState(db), newlyDetected: changed === 1 };
  }
  if (now >= before.latestSeenAt + RECORD_STEP) {
    const after = await db.write(
      (w) => w.one<ClockRow>(sql`UPDATE clock_state SET latest_seen_at = ${now}, high_water_at = ${sqlGreatest(sql`high_water_at`, now)} WHERE id = 1 AND latest_seen_at < ${now} RETURNING ${CLOCK_COLUMNS}`),
      { oneStatement: true },
    );
    // No row changed: another caller recorded a later time meanwhile, so read what it left.
    return { ...(after ? clockStateOf(after) : await readClockState(db)), newlyDetected: false };
  }
  return { ...before, newlyDetected: false };
}

/**
 * Clears a rollback: the current time becomes the latest time seen, so detection starts afresh.
 * The high-water mark stays where it was: access that had ended by then stays ended.
 */
export async function acknowledgeClock(db: Db, now: number): Promise<ClockState> {
  await run(db, sql`UPDATE clock_state SET latest_seen_at = ${now}, rollback_detected_at = NULL, rollback_latest_seen_at = NULL WHERE id = 1`);
  return await readClockState(db);
}

/**
 * The instant a grant's end is checked against: now, or the latest time the store has ever seen
 * if that is later. Once a grant has been seen expired, no clock moved back brings it to life.
 */
export async function grantCheckTime(db: Db, now: number): Promise<number> {
  return Math.max(now, (await readClockState(db)).highWaterAt);
}
