/**
 * Audit export as CSV, for `rab audit export` and the administrator's export screen. Rows are
 * written in chunks so a national-size log never has to sit in memory at once. Cells go through the
 * app's one CSV writer: an actor such as `=HYPERLINK(…)` (a failed sign-in's username) is written
 * as `'=HYPERLINK(…)`, so whoever recomputes hashes from the export drops that one apostrophe.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { all, sql, type Db } from '../store/sql';
import { csvText } from '../csv/csv-writer';
import type { StoredAuditEvent } from './audit-log';

export interface AuditRange {
  from?: number | undefined;
  to?: number | undefined;
}

export const AUDIT_CSV_COLUMNS = ['seq', 'at_utc', 'at_ms', 'actor', 'action', 'subject', 'crn', 'details', 'prev_hash', 'hash'] as const;
const CHUNK = 1000;

async function* auditRows(db: Db, range: AuditRange): AsyncGenerator<StoredAuditEvent[]> {
  let after = 0;
  for (;;) {
    const rows = await all<StoredAuditEvent>(
      db,
      sql`SELECT seq, at, actor, action, subject, crn, details, prev_hash, hash FROM audit_events
          WHERE at >= ${range.from ?? 0} AND at < ${range.to ?? Number.MAX_SAFE_INTEGER} AND seq > ${after} ORDER BY seq LIMIT ${CHUNK}`,
    );
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]!.seq;
  }
}

const toCsv = (rows: StoredAuditEvent[]): string =>
  csvText(rows.map((r) => [r.seq, new Date(r.at).toISOString(), r.at, r.actor, r.action, r.subject ?? '', r.crn ?? '', r.details, r.prev_hash, r.hash]));

const header = (): string => csvText([[...AUDIT_CSV_COLUMNS]]);

/** The events in [from, to) as CSV text, with a header row. */
export async function auditCsv(db: Db, range: AuditRange): Promise<{ csv: string; rows: number }> {
  let csv = header();
  let count = 0;
  for await (const rows of auditRows(db, range)) {
    csv += toCsv(rows);
    count += rows.length;
  }
  return { csv, rows: count };
}

/** Writes the events in [from, to) to a new file readable only by its owner. Refuses to overwrite. */
export async function writeAuditCsv(db: Db, path: string, range: AuditRange): Promise<{ rows: number }> {
  const fd = openSync(path, 'wx', 0o600);
  let count = 0;
  try {
    writeSync(fd, header());
    for await (const rows of auditRows(db, range)) {
      writeSync(fd, toCsv(rows));
      count += rows.length;
    }
  } finally {
    closeSync(fd);
  }
  return { rows: count };
}
