/**
 * Version 4: the broker. Requests (with every fact the reports need: routing, escalation, decision
 * route, requested against approved scope and duration), grants, emergency uses, notifications,
 * policy settings, the clock the store has seen, and the append-only, hash-chained audit log.
 */
import type { MigrationScript } from '../engine/migration-script';

const SCOPE = `('FRONT_SHEET', 'ROSH_SUMMARY', 'RISK_MANAGEMENT_PLAN', 'FULL_RECORD')`;

export function updateToSchemaVersion4(m: MigrationScript): void {
  m.ddl(`
    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL,
      updated_at INTEGER NOT NULL,
      updated_by INTEGER REFERENCES users(id)
    ) STRICT;

    CREATE TABLE clock_state (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      latest_seen_at INTEGER NOT NULL,
      rollback_detected_at INTEGER,
      rollback_latest_seen_at INTEGER
    ) STRICT;
    INSERT INTO clock_state (id, latest_seen_at) VALUES (1, 0);

    CREATE TABLE grants (
      id INTEGER PRIMARY KEY,
      request_id INTEGER,
      kind TEXT NOT NULL CHECK (kind IN ('REQUEST', 'EMERGENCY')),
      grantee_user_id INTEGER NOT NULL REFERENCES users(id),
      crn TEXT NOT NULL REFERENCES people(crn),
      scope TEXT NOT NULL CHECK (scope IN ${SCOPE}),
      start_at INTEGER NOT NULL,
      end_at INTEGER NOT NULL,
      granted_by_user_id INTEGER REFERENCES users(id),
      created_at INTEGER NOT NULL,
      revoked_at INTEGER,
      revoked_by_user_id INTEGER REFERENCES users(id),
      revoke_reason TEXT,
      -- Set once by the sweep when an unrevoked grant runs out, so its expiry is audited exactly once.
      expiry_recorded_at INTEGER,
      CHECK (end_at > start_at),
      CHECK ((revoked_at IS NULL) = (revoke_reason IS NULL))
    ) STRICT;
    CREATE INDEX grants_grantee ON grants(grantee_user_id, crn, end_at);
    CREATE INDEX grants_crn ON grants(crn, end_at);
    CREATE INDEX grants_live_end ON grants(end_at) WHERE revoked_at IS NULL AND expiry_recorded_at IS NULL;

    CREATE TABLE requests (
      id INTEGER PRIMARY KEY,
      batch_id TEXT,
      requester_user_id INTEGER NOT NULL REFERENCES users(id),
      requester_staff_code TEXT,
      crn TEXT NOT NULL REFERENCES people(crn),
      scope TEXT NOT NULL CHECK (scope IN ${SCOPE}),
      purpose TEXT NOT NULL,
      justification TEXT NOT NULL CHECK (length(justification) > 0),
      urgency TEXT NOT NULL CHECK (urgency IN ('IMMEDIATE_SAFETY', 'WITHIN_2_WORKING_DAYS', 'ROUTINE')),
      needed_by INTEGER,
      duration_days INTEGER NOT NULL CHECK (duration_days > 0),
      extends_grant_id INTEGER REFERENCES grants(id),
      fast_track INTEGER NOT NULL DEFAULT 0 CHECK (fast_track IN (0, 1)),
      status TEXT NOT NULL CHECK (status IN ('PENDING_OWNER', 'PENDING_HUB', 'APPROVED', 'DENIED', 'WITHDRAWN')),
      queue TEXT CHECK (queue IN ('OWNER', 'HUB')),
      owner_staff_code TEXT,
      hub_reason TEXT CHECK (hub_reason IN ('OWNER_ABSENT', 'OWNER_INACTIVE', 'NO_OWNER', 'DEADLINE_MISSED')),
      hub_reason_text TEXT,
      created_at INTEGER NOT NULL,
      routed_at INTEGER NOT NULL,
      deadline INTEGER NOT NULL,
      escalated_at INTEGER,
      decided_at INTEGER,
      decided_by_user_id INTEGER REFERENCES users(id),
      decision_route TEXT CHECK (decision_route IN ('OWNER', 'DEPUTY', 'HUB')),
      approved_scope TEXT CHECK (approved_scope IN ${SCOPE}),
      approved_duration_days INTEGER,
      approved_start_at INTEGER,
      narrowed INTEGER CHECK (narrowed IN (0, 1)),
      deny_reason_code TEXT,
      decision_reason TEXT,
      withdrawn_at INTEGER,
      grant_id INTEGER REFERENCES grants(id),
      CHECK ((status IN ('PENDING_OWNER', 'PENDING_HUB')) = (queue IS NOT NULL))
    ) STRICT;
    -- Inbox, hub queue and sweep read only pending rows: partial indexes keep them small at 1M rows a year.
    CREATE INDEX requests_owner_pending ON requests(owner_staff_code, deadline) WHERE queue IS NOT NULL;
    CREATE INDEX requests_pending_deadline ON requests(status, deadline) WHERE queue IS NOT NULL;
    CREATE INDEX requests_requester ON requests(requester_user_id, created_at);
    CREATE INDEX requests_crn ON requests(crn, requester_user_id);
    CREATE INDEX requests_created ON requests(created_at);
    CREATE INDEX requests_decided ON requests(decided_at) WHERE decided_at IS NOT NULL;

    CREATE TABLE emergency_uses (
      id INTEGER PRIMARY KEY,
      request_id INTEGER NOT NULL REFERENCES requests(id),
      grant_id INTEGER NOT NULL REFERENCES grants(id),
      user_id INTEGER NOT NULL REFERENCES users(id),
      crn TEXT NOT NULL REFERENCES people(crn),
      reason_code TEXT NOT NULL,
      reason_text TEXT,
      used_at INTEGER NOT NULL,
      ends_at INTEGER NOT NULL,
      review_outcome TEXT CHECK (review_outcome IN ('JUSTIFIED', 'JUSTIFIED_WITH_ADVICE', 'NOT_JUSTIFIED_REFERRED')),
      review_notes TEXT,
      reviewed_at INTEGER,
      reviewed_by_user_id INTEGER REFERENCES users(id)
    ) STRICT;
    CREATE INDEX emergency_uses_unreviewed ON emergency_uses(used_at) WHERE reviewed_at IS NULL;
    CREATE INDEX emergency_uses_used ON emergency_uses(used_at);

    CREATE TABLE notifications (
      id INTEGER PRIMARY KEY,
      user_id INTEGER NOT NULL REFERENCES users(id),
      kind TEXT NOT NULL,
      title TEXT NOT NULL,
      body TEXT NOT NULL,
      crn TEXT,
      request_id INTEGER,
      grant_id INTEGER,
      created_at INTEGER NOT NULL,
      read_at INTEGER,
      -- Reminders carry a key so a sweep run twice (or from two connections) sends them once.
      dedupe_key TEXT UNIQUE
    ) STRICT;
    CREATE INDEX notifications_user ON notifications(user_id, created_at);
    CREATE INDEX notifications_unread ON notifications(user_id) WHERE read_at IS NULL;

    CREATE TABLE audit_events (
      seq INTEGER PRIMARY KEY,
      at INTEGER NOT NULL,
      actor TEXT NOT NULL,
      action TEXT NOT NULL,
      subject TEXT,
      crn TEXT,
      details TEXT NOT NULL,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL
    ) STRICT;
    CREATE INDEX audit_events_at ON audit_events(at);
    CREATE INDEX audit_events_crn ON audit_events(crn, seq) WHERE crn IS NOT NULL;
  `);
  // The audit log is append-only on both engines; only the trigger language differs.
  m.dialect({
    sqlite: `
    CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
      BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
    CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
      BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
  `,
    postgres: `
    CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit events are append-only'; END $$;
    CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
    CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
    CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
  `,
  });
}
