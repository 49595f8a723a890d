/**
 * An audit event in words people use: "Granted front sheet to Jade Stephenson until 2 March 2026,
 * 13:00" rather than its JSON with epoch milliseconds and "user:7". The event itself (and its
 * export) keeps the exact values; this is how the screen tells them.
 */
import type { AuditEventRow, AuditNames } from '../../../shared/contract';
import { DENY_REASON_LABELS, EMERGENCY_REASON_LABELS, type DenyReasonCode, type EmergencyReason } from '../../../shared/contract/vocabulary';
import { SCOPES, scopeInSentence, type Scope } from '../../../shared/domain/access';
import { formatDateTime, formatDuration } from './time';

type Details = Record<string, unknown>;

const isScope = (v: unknown): v is Scope => typeof v === 'string' && (SCOPES as readonly string[]).includes(v);
const scopeWords = (v: unknown): string => (isScope(v) ? scopeInSentence(v) : 'access');
const when = (v: unknown): string => (typeof v === 'number' ? formatDateTime(v) : '');

/** The name of whoever did it: an account's name, or "The broker" for its own scheduled work. */
export function actorName(actor: string, names: AuditNames): string {
  if (actor === 'system') return 'The broker';
  return names.users[actor] ?? actor;
}

/** Where a request was sent: a request needed too soon for turns (or for immediate safety) went to both at once. */
const routeWords = (d: Details): string =>
  d.hubReason === 'NEEDED_SOON' ? 'Sent to the offender manager and the NPS hub together'
  : d.status === 'PENDING_HUB' ? 'Sent to the NPS hub' : 'Sent to the offender manager';

function personFor(userId: unknown, names: AuditNames): string {
  return (typeof userId === 'number' && names.users[`user:${userId}`]) || 'a member of staff';
}

const ACTION_WORDS: Record<string, string> = {
  'auth.signIn': 'Signed in',
  'auth.signOut': 'Signed out',
  'auth.unlock': 'Unlocked the window',
  'auth.reauth': 'Confirmed their password',
  'auth.changePassword': 'Changed their password',
  'request.create': 'Asked for access',
  'request.extend': 'Asked to extend access',
  'request.withdraw': 'Withdrew the request',
  'request.close': 'The request was closed',
  'request.refuse': 'A request was refused before it was sent',
  'audit.verify': 'Checked the audit chain',
  'audit.checkpoint': 'Recorded an audit checkpoint',
  'policy.update': 'Changed the policy settings',
  'clock.acknowledge': 'Acknowledged that the clock went back',
  'clock.rollback': 'The clock went back',
  'backup.create': 'Made a backup',
  'backup.restore': 'Restored a backup',
  'backup.expire': 'Removed old backups',
  'setup.demo': 'Set up the demonstration',
  'case.transfer': 'Transferred the case',
  'report.export': 'Exported a report',
  'lao.add': 'Added a limited-access entry',
  'lao.end': 'Ended a limited-access entry',
  'store.damaged': 'The store was found damaged',
};

/** What happened, as one sentence with names and dates. */
export function auditSentence(e: AuditEventRow, names: AuditNames): string {
  let d: Details = {};
  try {
    d = JSON.parse(e.details) as Details;
  } catch {
    return e.details;
  }
  switch (e.action) {
    case 'grant.create':
      return `Granted ${scopeWords(d.scope)} to ${personFor(d.granteeUserId, names)} until ${when(d.endAt)}${d.onReview ? ', on review of a refusal' : ''}`;
    case 'grant.revoke':
      return `Revoked ${personFor(d.granteeUserId, names)}'s access${typeof d.reason === 'string' ? `: ${d.reason}` : ''}`;
    case 'grant.expire':
      return `${personFor(d.granteeUserId, names)}'s access ended at ${when(d.endAt)}`;
    case 'request.approve':
      return `Approved ${scopeWords(d.scope)}${typeof d.minutes === 'number' ? ` for ${formatDuration(d.minutes)}` : ''}${d.narrowed ? ' (narrower than asked)' : ''}${d.overdue ? ', after the deadline' : ''}`;
    case 'request.deny':
      return `Refused: ${DENY_REASON_LABELS[d.reasonCode as DenyReasonCode] ?? 'no reason code'}${typeof d.reason === 'string' && d.reason ? `. ${d.reason}` : ''}`;
    case 'request.route':
    case 'request.reroute':
      return `${routeWords(d)}${typeof d.deadline === 'number' ? `, to decide by ${when(d.deadline)}` : ''}`;
    case 'request.escalate':
      return `Passed to the NPS hub: not decided by ${when(d.deadline)}`;
    case 'record.read':
      return `Read the ${scopeWords(d.scope)}${Array.isArray(d.sections) && d.sections.length > 0 ? ` (${d.sections.length} ${d.sections.length === 1 ? 'section' : 'sections'})` : ''}`;
    case 'record.read.refuse':
      return `Was refused the record${typeof d.why === 'string' ? `: ${d.why}` : ''}`;
    case 'record.copy.offline':
      return `Copied the ${scopeWords(d.scope)} to their desktop for reading offline (not read yet)`;
    case 'record.copy.offline.refuse':
      return `Was refused an offline copy of the record${typeof d.why === 'string' ? `: ${d.why}` : ''}`;
    case 'emergency.open':
      return `Opened the front sheet with emergency safety access until ${when(d.endAt)} (${EMERGENCY_REASON_LABELS[d.reasonCode as EmergencyReason] ?? 'no reason given'})`;
    case 'emergency.review':
      return `Reviewed an emergency use${typeof d.notes === 'string' ? `: ${d.notes}` : ''}`;
    case 'audit.export':
      return `Exported ${typeof d.rows === 'number' ? d.rows.toLocaleString('en-GB') : ''} audit events${typeof d.from === 'number' ? ` from ${when(d.from)}` : ''}${typeof d.to === 'number' ? ` to ${when(d.to)}` : ''}`;
    default: {
      if (/^auth\.\w+\.fail$/.test(e.action)) return `Sign-in refused${typeof d.reason === 'string' ? `: ${d.reason.toLowerCase().replace(/_/g, ' ')}` : ''}`;
      return ACTION_WORDS[e.action] ?? e.action.replace(/[._]/g, ' ').replace(/^\w/, (c) => c.toUpperCase());
    }
  }
}
