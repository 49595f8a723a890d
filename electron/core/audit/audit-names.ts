/**
 * The names behind an audit page's identifiers, so the screen can say "Granted front sheet to Jade
 * Stephenson" rather than "user:7": accounts by username and by id (subjects and the details'
 * …UserId fields), people by CRN. Three set-based queries per page, whatever its size.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { AuditEventRow, AuditNames } from '../../../shared/contract';
import { all } from '../store/sql';

const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

function userIdsIn(e: AuditEventRow): number[] {
  const ids: number[] = [];
  const subject = /^user:(\d+)$/.exec(e.subject ?? '');
  if (subject) ids.push(Number(subject[1]));
  try {
    const details = JSON.parse(e.details) as Record<string, unknown>;
    for (const [key, value] of Object.entries(details)) if (/UserId$/.test(key) && Number.isInteger(value)) ids.push(value as number);
  } catch {
    // Details are always JSON; an event that is not is shown as it is.
  }
  return ids;
}

export function auditNames(db: Database, rows: readonly AuditEventRow[]): AuditNames {
  const usernames = [...new Set(rows.map((e) => e.actor))];
  const ids = [...new Set(rows.flatMap(userIdsIn))];
  const crns = [...new Set(rows.flatMap((e) => (e.crn ? [e.crn] : [])))];
  const users: Record<string, string> = {};
  if (usernames.length > 0) {
    for (const u of all<{ username: string; display_name: string }>(db, { text: `SELECT username, display_name FROM users WHERE username IN (${placeholders(usernames.length)})`, params: usernames })) {
      users[u.username] = u.display_name;
    }
  }
  if (ids.length > 0) {
    for (const u of all<{ id: number; display_name: string }>(db, { text: `SELECT id, display_name FROM users WHERE id IN (${placeholders(ids.length)})`, params: ids })) {
      users[`user:${u.id}`] = u.display_name;
    }
  }
  const people: Record<string, string> = {};
  if (crns.length > 0) {
    for (const p of all<{ crn: string; forename: string; surname: string }>(db, { text: `SELECT crn, forename, surname FROM people WHERE crn IN (${placeholders(crns.length)})`, params: crns })) {
      people[p.crn] = `${p.forename} ${p.surname}`;
    }
  }
  return { users, people };
}
