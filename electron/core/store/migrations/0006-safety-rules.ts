/**
 * Version 6: the safety rules of issue 8.
 * - Durations in minutes, so access can last hours (duration_days stays, rounded up, for old readers).
 * - Why a request went to the hub beside the owner, or past a requester who deputises: a column of
 *   its own, because the original hub_reason CHECK cannot be widened without rebuilding the table.
 * - Why a request was closed without a decision (its requester became excluded).
 * - The latest time the store has ever seen, which never goes back, not even when an administrator
 *   acknowledges a clock rollback: grants are checked against it so expired access stays expired.
 * - Reviews of refusals: one per refused request, decided by the hub or an SPO of the owner's team.
 */
import type { MigrationScript } from '../engine/migration-script';

export function updateToSchemaVersion6(m: MigrationScript): void {
  m.ddl(`
    ALTER TABLE requests ADD COLUMN duration_minutes INTEGER CHECK (duration_minutes >= 60);
    ALTER TABLE requests ADD COLUMN approved_duration_minutes INTEGER CHECK (approved_duration_minutes >= 60);
    ALTER TABLE requests ADD COLUMN route_reason TEXT CHECK (route_reason IN ('NEEDED_SOON', 'REQUESTER_IS_ONLY_DECIDER'));
    ALTER TABLE requests ADD COLUMN closed_reason TEXT CHECK (closed_reason IN ('REQUESTER_EXCLUDED'));
    UPDATE requests SET duration_minutes = duration_days * 1440;
    UPDATE requests SET approved_duration_minutes = approved_duration_days * 1440 WHERE approved_duration_days IS NOT NULL;

    ALTER TABLE clock_state ADD COLUMN high_water_at INTEGER NOT NULL DEFAULT 0;
    UPDATE clock_state SET high_water_at = CASE
      WHEN rollback_latest_seen_at IS NOT NULL AND rollback_latest_seen_at > latest_seen_at THEN rollback_latest_seen_at
      ELSE latest_seen_at END;

    CREATE TABLE refusal_reviews (
      id INTEGER PRIMARY KEY,
      request_id INTEGER NOT NULL UNIQUE REFERENCES requests(id),
      asked_by_user_id INTEGER NOT NULL REFERENCES users(id),
      asked_at INTEGER NOT NULL,
      reason TEXT NOT NULL CHECK (length(reason) > 0),
      -- The team of the case owner when the review was asked: its SPOs may decide it, reports count by it.
      owner_team_code TEXT,
      outcome TEXT CHECK (outcome IN ('UPHELD', 'OVERTURNED')),
      decided_at INTEGER,
      decided_by_user_id INTEGER REFERENCES users(id),
      decision_reason TEXT,
      grant_id INTEGER REFERENCES grants(id),
      CHECK ((outcome IS NULL) = (decided_at IS NULL)),
      CHECK ((outcome IS NULL) = (decision_reason IS NULL))
    ) STRICT;
    CREATE INDEX refusal_reviews_open ON refusal_reviews(asked_at) WHERE outcome IS NULL;
    CREATE INDEX refusal_reviews_asked ON refusal_reviews(asked_at);
  `);
}
