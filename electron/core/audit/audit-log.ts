/**
 * The append-only audit log. Each event's hash is SHA-256 over the previous event's hash and the
 * canonical form of this event, so changing, removing or reordering any event breaks the chain
 * from that point. Appending always happens inside a write transaction (one is opened if the
 * caller has none), so two connections can never chain onto the same previous event.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../store/sql';
import { one, run, sql } from '../store/sql';
import { canonicalJson } from './canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEventInput {
  at: number;
  /** Who did it: a username, or 'system' for the sweep, 'cli' for the command line. */
  actor: string;
  /** What happened, as area.verb: 'auth.signIn', 'request.create', 'record.read'. */
  action: string;
  /** What it happened to: 'request:12', 'grant:4', 'user:3'. */
  subject?: string | null;
  crn?: string | null;
  details?: Record<string, unknown>;
}

export interface StoredAuditEvent {
  seq: number;
  at: number;
  actor: string;
  action: string;
  subject: string | null;
  crn: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

/** The text that is hashed for one event (everything but the hashes themselves). */
export function canonicalEvent(e: Omit<StoredAuditEvent, 'prev_hash' | 'hash'>): string {
  return canonicalEventText(e.seq, e.at, e.actor, e.action, e.subject, e.crn, e.details);
}

const jsonOrNull = (s: string | null): string => (s === null ? 'null' : JSON.stringify(s));

/**
 * canonicalJson of an event, written out for its fixed shape (keys in sorted order, integers and
 * strings only): verification hashes millions of events, and the general sort-and-copy was most
 * of its time. A property test holds it to canonicalJson.
 */
export function canonicalEventText(seq: number, at: number, actor: string, action: string, subject: string | null, crn: string | null, details: string): string {
  if (!Number.isSafeInteger(seq) || !Number.isSafeInteger(at)) return canonicalJson({ seq, at, actor, action, subject, crn, details });
  return `{"action":${JSON.stringify(action)},"actor":${JSON.stringify(actor)},"at":${at},"crn":${jsonOrNull(crn)},"details":${JSON.stringify(details)},"seq":${seq},"subject":${jsonOrNull(subject)}}`;
}

export const chainHash = (prevHash: string, canonical: string): string =>
  createHash('sha256').update(prevHash).update(canonical).digest('hex');

export async function appendAuditEvent(db: Db, event: AuditEventInput): Promise<{ seq: number; hash: string }> {
  const append = async () => {
    const last = await one<{ seq: number; hash: string }>(db, sql`SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1`);
    const seq = (last?.seq ?? 0) + 1;
    const prevHash = last?.hash ?? GENESIS_HASH;
    const stored = {
      seq,
      at: event.at,
      actor: event.actor,
      action: event.action,
      subject: event.subject ?? null,
      crn: event.crn ?? null,
      details: canonicalJson(event.details ?? {}),
    };
    const hash = chainHash(prevHash, canonicalEvent(stored));
    await run(
      db,
      sql`INSERT INTO audit_events (seq, at, actor, action, subject, crn, details, prev_hash, hash)
          VALUES (${seq}, ${stored.at}, ${stored.actor}, ${stored.action}, ${stored.subject}, ${stored.crn}, ${stored.details}, ${prevHash}, ${hash})`,
    );
    return { seq, hash };
  };
  return db.write(append);
}
