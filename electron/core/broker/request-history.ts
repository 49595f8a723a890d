/** A request's story in words, from its audit events (which are the record of what happened). */
import type { Db } from '../store/sql';
import type { RequestDetail } from '../../../shared/contract';
import { all, sql } from '../store/sql';
import type { RequestRecord } from './request-record';

const WORDS: Record<string, string> = {
  'request.create': 'Asked for access',
  'request.extend': 'Asked to extend access',
  'request.route': 'Routed',
  'request.reroute': 'Routed again',
  'request.escalate': 'Escalated to the NPS hub: the deadline passed',
  'request.approve': 'Approved',
  'request.deny': 'Refused',
  'request.withdraw': 'Withdrawn',
};

interface EventRow {
  at: number;
  actor: string;
  action: string;
  details: string;
}

export async function requestHistory(db: Db, r: RequestRecord): Promise<RequestDetail['history']> {
  const events = await all<EventRow>(db, sql`SELECT at, actor, action, details FROM audit_events WHERE crn = ${r.crn} AND subject = ${`request:${r.id}`} ORDER BY seq`);
  return events.map((e) => ({ at: e.at, what: describe(e), by: e.actor === 'system' ? null : e.actor }));
}

function describe(e: EventRow): string {
  const base = WORDS[e.action] ?? e.action;
  const d = JSON.parse(e.details) as Record<string, unknown>;
  if (e.action === 'request.route' || e.action === 'request.reroute') {
    return d.status === 'PENDING_HUB' ? `${base} to the NPS hub` : `${base} to the offender manager${d.to ? ` (${String(d.to)})` : ''}`;
  }
  if (e.action === 'request.deny' && typeof d.reason === 'string') return `${base}: ${d.reason}`;
  return base;
}
