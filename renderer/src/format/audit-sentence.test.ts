import { describe, expect, it } from 'vitest';
import { actorName, auditSentence } from './audit-sentence';

const names = { users: { 'olivia.owner': 'Olivia Owner', 'user:7': 'Jade Stephenson' }, people: { X100001: 'Wayne Walker' } };
const event = (action: string, details: object, actor = 'olivia.owner') => ({ seq: 1, at: 0, actor, action, subject: null, crn: 'X100001', details: JSON.stringify(details) });
const END = Date.UTC(2026, 2, 2, 13, 0);

describe('audit events in words people use', () => {
  it('says what was granted to whom until when, with names and UK dates instead of ids and epoch milliseconds', () => {
    expect(auditSentence(event('grant.create', { requestId: 70, granteeUserId: 7, scope: 'FRONT_SHEET', startAt: 0, endAt: END }), names)).toBe(
      'Granted front sheet (safety essentials) to Jade Stephenson until 2 March 2026, 13:00',
    );
  });

  it('keeps the capitals of the RoSH summary inside a sentence', () => {
    expect(auditSentence(event('request.approve', { scope: 'ROSH_SUMMARY', minutes: 2880, narrowed: true }), names)).toBe('Approved RoSH summary for 2 days (narrower than asked)');
  });

  it('says where a request was sent, both at once when the owner and the hub hold it together', () => {
    expect(auditSentence(event('request.route', { status: 'PENDING_HUB', hubReason: 'NEEDED_SOON', deadline: END }, 'system'), names)).toBe(
      'Sent to the offender manager and the NPS hub together, to decide by 2 March 2026, 13:00',
    );
    expect(auditSentence(event('request.route', { status: 'PENDING_HUB', hubReason: 'OWNER_ABSENT', deadline: END }, 'system'), names)).toBe('Sent to the NPS hub, to decide by 2 March 2026, 13:00');
    expect(auditSentence(event('request.route', { status: 'PENDING_OWNER', hubReason: null, deadline: END }, 'system'), names)).toBe('Sent to the offender manager, to decide by 2 March 2026, 13:00');
  });

  it('names the person behind a username, and the broker for its own work', () => {
    expect(actorName('olivia.owner', names)).toBe('Olivia Owner');
    expect(actorName('system', names)).toBe('The broker');
  });

  it('never shows raw JSON for an action it has no sentence for', () => {
    expect(auditSentence(event('lao.end', { kind: 'EXCLUSION' }), names)).toBe('Ended a limited-access entry');
    expect(auditSentence(event('something.new', { a: 1 }), names)).toBe('Something new');
  });
});
