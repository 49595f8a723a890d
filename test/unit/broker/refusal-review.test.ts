/**
 * Issue 8, rule 3, through the contract: a refusal needs a real reason, and the requester may ask
 * once for a review, which the hub or an SPO of the owner's team decides.
 */
import { describe, expect, it } from 'vitest';
import { all, run, sql } from '../../../electron/core/store/sql';
import { CAST, PEOPLE, useBrokerFixture, type BrokerFixture } from '../../helpers/broker-fixture';
import { createRequest, safetyWithOwnerTurn } from '../../helpers/broker-requests';

const fixture = useBrokerFixture();

const REASON = 'The front sheet covers what the appointment needs.';

async function refused(fx: BrokerFixture) {
  const r = await createRequest(fx, 'priya', safetyWithOwnerTurn(fx));
  await fx.call('olivia', 'requests.deny', { requestId: r.id, reasonCode: 'SCOPE_TOO_WIDE', reason: REASON });
  return r;
}

const auditActions = async (fx: BrokerFixture, action: string) => await all<{ details: string }>(fx.engine, sql`SELECT details FROM audit_events WHERE action = ${action}`);

describe('a refusal needs a real reason', () => {
  it('refuses "No." as a reason with its own error code, and changes nothing', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya', safetyWithOwnerTurn(fx));
    const answer = await fx.attempt('olivia', 'requests.deny', { requestId: r.id, reasonCode: 'OTHER', reason: 'No.' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'DECISION_REASON_TOO_SHORT', message: expect.stringContaining('at least 20 characters') } });
    expect((await fx.call('priya', 'requests.get', { requestId: r.id })).request.status).toBe('PENDING_OWNER');
    expect(await auditActions(fx, 'request.deny')).toHaveLength(0);
  });

  it('does not count spaces towards the minimum, which policy sets', async () => {
    const fx = await fixture();
    const r = await createRequest(fx, 'priya');
    const padded = 'n o t   n e e d e d   a t   a l l';
    expect(await fx.attempt('olivia', 'requests.deny', { requestId: r.id, reasonCode: 'OTHER', reason: padded })).toMatchObject({ ok: false, error: { code: 'DECISION_REASON_TOO_SHORT' } });
    await run(fx.engine, sql`INSERT INTO settings (key, value, updated_at) VALUES ('policy', ${JSON.stringify({ ...(await fx.call('ada', 'admin.getPolicy', {})), refusalReasonMinChars: 10 })}, 0)`);
    await expect(fx.call('olivia', 'requests.deny', { requestId: r.id, reasonCode: 'OTHER', reason: padded })).resolves.toMatchObject({ status: 'DENIED' });
  });
});

describe('a refused requester can ask for a review of the refusal', () => {
  it('sends the review to the hub, who can overturn it and grant access; the requester and the original decider are told', async () => {
    const fx = await fixture();
    const r = await refused(fx);
    const mine = (await fx.call('priya', 'requests.get', { requestId: r.id })).request;
    expect(mine).toMatchObject({ status: 'DENIED', reviewAvailable: true, review: null });
    const asked = await fx.call('priya', 'requests.askReview', { requestId: r.id, reason: 'He threatened staff last week; the RoSH summary says who is at risk.' });
    expect(asked).toMatchObject({ reviewAvailable: false, review: { outcome: null } });
    const queue = await fx.call('hana', 'requests.reviewQueue', {});
    expect(queue.rows.map((x) => x.id)).toEqual([r.id]);
    expect((await fx.call('hana', 'notifications.list', {})).rows[0]).toMatchObject({ kind: 'REVIEW_ASKED', requestId: r.id });

    const decided = await fx.call('hana', 'requests.decideReview', { requestId: r.id, outcome: 'OVERTURNED', reason: 'Risk to staff is recorded: the summary is needed.', durationHours: 4 });
    expect(decided).toMatchObject({ status: 'DENIED', review: { outcome: 'OVERTURNED', decidedByName: 'Hana Hub' } });
    expect(decided.whereAndWhy).toContain('Overturned on review by Hana Hub: access granted until');
    await expect(fx.call('priya', 'records.read', { crn: PEOPLE.warrant.crn })).resolves.toMatchObject({ access: { route: 'GRANT', scope: 'ROSH_SUMMARY' } });
    expect((await fx.call('priya', 'notifications.list', {})).rows[0]).toMatchObject({ kind: 'REVIEW_DECIDED', requestId: r.id });
    expect((await fx.call('olivia', 'notifications.list', {})).rows[0]).toMatchObject({ kind: 'REVIEW_DECIDED', title: expect.stringContaining('overturned on review') });
    expect(await auditActions(fx, 'refusal.review.ask')).toHaveLength(1);
    expect(await auditActions(fx, 'refusal.review.decide')).toHaveLength(1);
    expect((await fx.call('hana', 'requests.reviewQueue', {})).total).toBe(0);
  });

  it('allows one review per refusal, asked by the requester only', async () => {
    const fx = await fixture();
    const r = await refused(fx);
    expect(await fx.attempt('alan', 'requests.askReview', { requestId: r.id, reason: 'I am not the requester.' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await fx.call('priya', 'requests.askReview', { requestId: r.id, reason: 'Please look again.' });
    expect(await fx.attempt('priya', 'requests.askReview', { requestId: r.id, reason: 'And again.' })).toMatchObject({ ok: false, error: { code: 'REVIEW_NOT_ALLOWED' } });
    const pending = await createRequest(fx, 'priya', { crns: [PEOPLE.allocated.crn] });
    expect(await fx.attempt('priya', 'requests.askReview', { requestId: pending.id, reason: 'Not refused yet.' })).toMatchObject({ ok: false, error: { code: 'REVIEW_NOT_ALLOWED' } });
  });

  it('lets an SPO of the owner\'s team uphold it with a reason, but never the one who refused', async () => {
    const fx = await fixture();
    await run(fx.engine, sql`UPDATE staff SET grade = 'SPO' WHERE code IN (${CAST.dev.staffCode}, ${CAST.olivia.staffCode})`);
    const r = await refused(fx);
    await fx.call('priya', 'requests.askReview', { requestId: r.id, reason: 'Please look again.' });
    expect((await fx.call('dev', 'requests.reviewQueue', {})).rows.map((x) => x.id)).toEqual([r.id]);
    expect(await fx.attempt('olivia', 'requests.decideReview', { requestId: r.id, outcome: 'UPHELD', reason: 'I still think the front sheet is enough.' })).toMatchObject({ ok: false, error: { code: 'REVIEW_NOT_ALLOWED' } });
    expect(await fx.attempt('dev', 'requests.decideReview', { requestId: r.id, outcome: 'UPHELD', reason: 'Too short.' })).toMatchObject({ ok: false, error: { code: 'DECISION_REASON_TOO_SHORT' } });
    const upheld = await fx.call('dev', 'requests.decideReview', { requestId: r.id, outcome: 'UPHELD', reason: 'The appointment is covered by the front sheet.' });
    expect(upheld).toMatchObject({ review: { outcome: 'UPHELD', decidedByName: 'Dev Deputy' }, grantId: null });
    expect(upheld.whereAndWhy).toContain('Refusal upheld on review by Dev Deputy');
    expect(await fx.attempt('hana', 'requests.decideReview', { requestId: r.id, outcome: 'OVERTURNED', reason: 'Hub wants to overturn this one.' })).toMatchObject({ ok: false, error: { code: 'REVIEW_NOT_ALLOWED' } });
    expect(await fx.attempt('priya', 'records.read', { crn: PEOPLE.warrant.crn })).toMatchObject({ ok: false, error: { code: 'NO_ACTIVE_GRANT' } });
  });

  it('keeps reviews from anyone else: a practitioner or an owner who is not an SPO of the team', async () => {
    const fx = await fixture();
    const r = await refused(fx);
    await fx.call('priya', 'requests.askReview', { requestId: r.id, reason: 'Please look again.' });
    expect(await fx.attempt('alan', 'requests.reviewQueue', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await fx.attempt('dev', 'requests.decideReview', { requestId: r.id, outcome: 'OVERTURNED', reason: 'I would like to grant this one.' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('counts reviews and overturns by team and reason in reports', async () => {
    const fx = await fixture();
    const a = await refused(fx);
    const b = await createRequest(fx, 'priya', { crns: [PEOPLE.allocated.crn] });
    await fx.call('olivia', 'requests.deny', { requestId: b.id, reasonCode: 'INSUFFICIENT_JUSTIFICATION', reason: 'Say which session this is for.' });
    await fx.call('priya', 'requests.askReview', { requestId: a.id, reason: 'Please look again.' });
    await fx.call('priya', 'requests.askReview', { requestId: b.id, reason: 'It is for Thursday.' });
    await fx.call('hana', 'requests.decideReview', { requestId: a.id, outcome: 'OVERTURNED', reason: 'Risk to staff is recorded: needed.' });
    const report = await fx.call('ada', 'reports.build', { from: '2026-03-02', to: '2026-03-02' });
    expect(report.outcomes.refusalReviews).toEqual([
      { teamName: 'Camden NPS', reasonCode: 'INSUFFICIENT_JUSTIFICATION', label: 'The justification is not enough', refused: 1, reviewed: 1, overturned: 0, upheld: 0 },
      { teamName: 'Camden NPS', reasonCode: 'SCOPE_TOO_WIDE', label: 'More of the record than the work needs', refused: 1, reviewed: 1, overturned: 1, upheld: 0 },
    ]);
  });
});
