/**
 * Walks the audit chain from the first event and names the first one that does not follow.
 * `verifyRange` reads an embedded store's rows raw (arrays, no object per row) and hashes each
 * event in one call: at millions of events the per-row objects and the general canonical form were
 * most of the time. `verifyAuditChain` works on either engine through the seam, a page at a time.
 */
import { createHash } from 'node:crypto';
import * as crypto from 'node:crypto';
import type { EmbeddedConnection as Database } from '../store/embedded-connection';
import { all, one, sql, type Db } from '../store/sql';
import { GENESIS_HASH, canonicalEventText, type StoredAuditEvent } from './audit-log';

export type AuditChainResult =
  | { ok: true; checked: number }
  | { ok: false; checked: number; firstBadSeq: number; problem: string };

type Row = [seq: number, at: number, actor: string, action: string, subject: string | null, crn: string | null, details: string, prevHash: string, hash: string];

// One-shot hashing (Node ≥ 20.12) where there is one; the same digest as chainHash either way.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;
const sha256Hex: (text: string) => string = oneShot ? (text) => oneShot('sha256', text, 'hex') : (text) => createHash('sha256').update(text).digest('hex');

export const AUDIT_ROWS_SQL = 'SELECT seq, at, actor, action, subject, crn, details, prev_hash, hash FROM audit_events';

export interface RangeCheck {
  checked: number;
  /** The hash the range ends on (the previous hash for the next range). */
  lastHash: string;
  bad: { seq: number; problem: string } | null;
}

/** Checks events with seq in [from, to] against the hash the previous range ended on. */
export function verifyRange(db: Database, from: number, to: number, prevHashAtStart: string): RangeCheck {
  const rows = db.prepare(`${AUDIT_ROWS_SQL} WHERE seq >= ? AND seq <= ? ORDER BY seq`).raw(true).iterate(from, to) as IterableIterator<Row>;
  let prevHash = prevHashAtStart;
  let expectedSeq = from;
  let checked = 0;
  for (const row of rows) {
    const seq = row[0];
    const bad = (problem: string): RangeCheck => ({ checked, lastHash: prevHash, bad: { seq, problem } });
    // The first bad event is the missing one, not the survivor after the gap.
    if (seq !== expectedSeq) {
      const problem = seq > expectedSeq ? `event ${expectedSeq} is missing (the next event is ${seq})` : `event ${seq} appears out of order after event ${expectedSeq - 1}`;
      return { checked, lastHash: prevHash, bad: { seq: expectedSeq, problem } };
    }
    if (row[7] !== prevHash) return bad(`event ${seq} does not point at the hash of event ${seq - 1}`);
    if (sha256Hex(prevHash + canonicalEventText(seq, row[1], row[2], row[3], row[4], row[5], row[6])) !== row[8]) return bad(`event ${seq} has been changed since it was written`);
    prevHash = row[8];
    expectedSeq++;
    checked++;
  }
  // A range that is not the chain's end must hold every event up to `to`: the first one missing is
  // named with the event that survives after it, as the walk of the whole chain names it.
  if (expectedSeq <= to) {
    const next = db.prepare('SELECT min(seq) FROM audit_events WHERE seq > ?').pluck().get(to) as number | null;
    const problem = next === null ? `event ${expectedSeq} is missing` : `event ${expectedSeq} is missing (the next event is ${next})`;
    return { checked, lastHash: prevHash, bad: { seq: expectedSeq, problem } };
  }
  return { checked, lastHash: prevHash, bad: null };
}

/**
 * The hash a range starting at `from` must follow: the stored hash of event `from - 1` (whose own
 * hash the range before checks), or null when that event is missing (the range before names it).
 */
export function hashBefore(db: Database, from: number): string | null {
  if (from <= 1) return GENESIS_HASH;
  return (db.prepare('SELECT hash FROM audit_events WHERE seq = ?').pluck().get(from - 1) as string | undefined) ?? null;
}

const PAGE = 5000;

/** The whole chain on either engine, read in pages of consecutive events. */
export async function verifyAuditChain(db: Db): Promise<AuditChainResult> {
  const last = Number((await one<{ n: number | null }>(db, sql`SELECT max(seq) AS n FROM audit_events`))?.n ?? 0);
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  while (expectedSeq <= last) {
    const rows = await all<StoredAuditEvent>(db, sql`SELECT seq, at, actor, action, subject, crn, details, prev_hash, hash FROM audit_events WHERE seq >= ${expectedSeq} AND seq <= ${last} ORDER BY seq LIMIT ${PAGE}`);
    if (rows.length === 0) return { ok: false, checked, firstBadSeq: expectedSeq, problem: `event ${expectedSeq} is missing` };
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) return { ok: false, checked, firstBadSeq: expectedSeq, problem: `event ${expectedSeq} is missing (the next event is ${seq})` };
      if (row.prev_hash !== prevHash) return { ok: false, checked, firstBadSeq: seq, problem: `event ${seq} does not point at the hash of event ${seq - 1}` };
      if (sha256Hex(prevHash + canonicalEventText(seq, Number(row.at), row.actor, row.action, row.subject, row.crn, row.details)) !== row.hash) {
        return { ok: false, checked, firstBadSeq: seq, problem: `event ${seq} has been changed since it was written` };
      }
      prevHash = row.hash;
      expectedSeq++;
      checked++;
    }
  }
  return { ok: true, checked };
}

/** The whole chain of an embedded store read raw in one pass: the fast path for `rab audit verify`. */
export function verifyStoreAuditChain(db: Database): AuditChainResult {
  const last = (db.prepare('SELECT max(seq) AS n FROM audit_events').get() as { n: number | null }).n ?? 0;
  const r = verifyRange(db, 1, last, GENESIS_HASH);
  return r.bad ? { ok: false, checked: r.checked, firstBadSeq: r.bad.seq, problem: r.bad.problem } : { ok: true, checked: r.checked };
}
