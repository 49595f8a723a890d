/** Walks the audit chain from the first event and names the first one that does not follow. */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { GENESIS_HASH, canonicalEvent, chainHash, type StoredAuditEvent } from './audit-log';

export type AuditChainResult =
  | { ok: true; checked: number }
  | { ok: false; checked: number; firstBadSeq: number; problem: string };

export function verifyAuditChain(db: Database): AuditChainResult {
  const rows = db.prepare('SELECT seq, at, actor, action, subject, crn, details, prev_hash, hash FROM audit_events ORDER BY seq').iterate() as IterableIterator<StoredAuditEvent>;
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (const row of rows) {
    const bad = (problem: string): AuditChainResult => ({ ok: false, checked, firstBadSeq: row.seq, problem });
    // The first bad event is the missing one, not the survivor after the gap.
    if (row.seq !== expectedSeq) return { ok: false, checked, firstBadSeq: expectedSeq, problem: row.seq > expectedSeq ? `event ${expectedSeq} is missing (the next event is ${row.seq})` : `event ${row.seq} appears out of order after event ${expectedSeq - 1}` };
    if (row.prev_hash !== prevHash) return bad(`event ${row.seq} does not point at the hash of event ${row.seq - 1}`);
    if (chainHash(prevHash, canonicalEvent(row)) !== row.hash) return bad(`event ${row.seq} has been changed since it was written`);
    prevHash = row.hash;
    expectedSeq++;
    checked++;
  }
  return { ok: true, checked };
}
