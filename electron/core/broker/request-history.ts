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
  /** The actor's name when the actor is an account (histories say "by Willow Wood", not a username). */
  actor_name: string | null;
  action: string;
  details: string;
}

export async function requestHistory(db: Db, r: RequestRecord): Promise<RequestDetail['history']> {
  const events = await all<EventRow>(
    db,
    sql`SELECT e.at, e.actor, u.display_name AS actor_name, e.action, e.details FROM audit_events e LEFT JOIN users u ON u.username = e.actor
        WHERE e.crn = ${r.crn} AND e.subject = ${`request:${r.id}`} ORDER BY e.seq`,
  );
  const told = events.map((e) => ({ at: e.at, what: describe(e), by: e.actor === 'system' ? null : (e.actor_name ?? e.actor) }));
  const emergency = (await emergencyUsesOf(db, r.id)).map((u) => ({ at: u.usedAt, what: 'Emergency safety access used: front sheet opened', by: u.byName }));
  return [...told, ...emergency].sort((a, b) => a.at - b.at);
}

/** Each use of emergency safety access on this request, so whoever decides it knows it was needed. */
export async function emergencyUsesOf(db: Db, requestId: number): Promise<RequestDetail['emergencyUses']> {
  const rows = await all<{ used_at: number; ends_at: number; by_name: string }>(
    db,
    sql`SELECT e.used_at, e.ends_at, u.display_name AS by_name FROM emergency_uses e JOIN users u ON u.id = e.user_id WHERE e.request_id = ${requestId} ORDER BY e.used_at`,
  );
  return rows.map((u) => ({ usedAt: u.used_at, endsAt: u.ends_at, byName: u.by_name }));
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
