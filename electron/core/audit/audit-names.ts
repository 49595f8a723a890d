/**
 * The names behind an audit page's identifiers, so the screen can say "Granted front sheet to Jade
 * Stephenson" rather than "user:7": accounts by username and by id (subjects and the details'
 * …UserId fields), people by CRN. Three set-based queries per page, whatever its size.
 */
import type { AuditEventRow, AuditNames } from '../../../shared/contract';
import { all, sql, sqlList, type Db } from '../store/sql';

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

export async function auditNames(db: Db, rows: readonly AuditEventRow[]): Promise<AuditNames> {
  const usernames = [...new Set(rows.map((e) => e.actor))];
  const ids = [...new Set(rows.flatMap(userIdsIn))];
  const crns = [...new Set(rows.flatMap((e) => (e.crn ? [e.crn] : [])))];
  const users: Record<string, string> = {};
  if (usernames.length > 0) {
    for (const u of await all<{ username: string; display_name: string }>(db, sql`SELECT username, display_name FROM users WHERE username IN ${sqlList(usernames)}`)) {
      users[u.username] = u.display_name;
    }
  }
  if (ids.length > 0) {
    for (const u of await all<{ id: number; display_name: string }>(db, sql`SELECT id, display_name FROM users WHERE id IN ${sqlList(ids)}`)) {
      users[`user:${u.id}`] = u.display_name;
    }
  }
  const people: Record<string, string> = {};
  if (crns.length > 0) {
    for (const p of await all<{ crn: string; forename: string; surname: string }>(db, sql`SELECT crn, forename, surname FROM people WHERE crn IN ${sqlList(crns)}`)) {
      people[p.crn] = `${p.forename} ${p.surname}`;
    }
  }
  return { users, people };
}
