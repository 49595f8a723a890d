/**
 * Clock safety. The store remembers the latest time it has seen; if the clock is later found more
 * than the tolerance behind it, grant-dependent reads pause until an administrator acknowledges,
 * because a clock moved back could otherwise revive expired grants.
 */
import type { Db } from '../store/sql';
import { one, run, sql, sqlGreatest } from '../store/sql';
import { MINUTE } from './clock';

interface ClockRow {
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

export async function readClockState(db: Db): Promise<ClockState> {
  const row = await one<ClockRow>(db, sql`SELECT latest_seen_at, rollback_detected_at, rollback_latest_seen_at, high_water_at FROM clock_state WHERE id = 1`);
  if (!row) return { latestSeenAt: 0, highWaterAt: 0, rollback: null };
  return {
    latestSeenAt: row.latest_seen_at,
    highWaterAt: row.high_water_at,
    rollback:
      row.rollback_detected_at === null ? null : { detectedAt: row.rollback_detected_at, latestSeenAt: row.rollback_latest_seen_at ?? row.latest_seen_at },
  };
}

/**
 * Records `now` as seen. Returns the state afterwards, and whether this call detected a new
 * rollback (so the caller can audit and alert once).
 */
export async function observeClock(db: Db, now: number, toleranceMinutes: number): Promise<ClockState & { newlyDetected: boolean }> {
  const before = await readClockState(db);
  if (!before.rollback && now < before.latestSeenAt - toleranceMinutes * MINUTE) {
    const changed = (await run(
      db,
      sql`UPDATE clock_state SET rollback_detected_at = ${now}, rollback_latest_seen_at = latest_seen_at
          WHERE id = 1 AND rollback_detected_at IS NULL AND latest_seen_at > ${now + toleranceMinutes * MINUTE}`,
    )).changes;
    return { ...await readClockState(db), newlyDetected: changed === 1 };
  }
  if (now >= before.latestSeenAt + RECORD_STEP) {
    await run(db, sql`UPDATE clock_state SET latest_seen_at = ${now}, high_water_at = ${sqlGreatest(sql`high_water_at`, now)} WHERE id = 1 AND latest_seen_at < ${now}`);
    return { ...await readClockState(db), newlyDetected: false };
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
