/**
 * A refusal needs a real reason, and the requester a next step: "No." is refused, a full reason is
 * read by the requester, who asks for a review; the hub overturns it and grants access in hours,
 * and the offender manager who refused is told.
 */
import { expectAccessible } from './support/accessibility';
import { discoverCast, HUB, OWNER, TUTOR } from './support/cast';
import { expect, navTo, test } from './support/fixtures';

test('a refusal needs a real reason; the requester asks for a review and the hub overturns it, granting hours', async ({ host, people }) => {
  // Three people's browsers on a busy build machine: allow three times the usual time.
  test.slow();
  const cast = await discoverCast(host);
  const person = cast.ownersPeople[1]!;
  const { results } = await host.as(TUTOR).call<{ results: Array<{ request: { id: number } }> }>('requests.create', {
    crns: [person.crn],
    scope: 'ROSH_SUMMARY',
    purpose: 'APPOINTMENT_SAFETY',
    justification: 'First one-to-one session on Thursday; I need to know who is at risk.',
    urgency: 'IMMEDIATE_SAFETY',
    durationHours: 6,
  });
  const requestId = results[0]!.request.id;

  // "No." is not a reason.
  const owner = await people.open(OWNER);
  await owner.page.getByTestId('queue').getByRole('row', { name: new RegExp(person.crn) }).getByRole('link', { name: person.name }).click();
  await owner.page.getByLabel('Refuse').check();
  await owner.page.getByLabel('Other (see the reason)').check();
  await owner.page.getByLabel('Reason for the requester').fill('No.');
  await owner.page.getByRole('button', { name: 'Send decision' }).click();
  await expect(owner.page.getByTestId('error-summary')).toContainText('at least 20 characters, not counting spaces');
  await owner.page.getByLabel('Reason for the requester').fill('The front sheet covers a one-to-one session.');
  await owner.page.getByRole('button', { name: 'Send decision' }).click();
  await expect(owner.page.getByTestId('decision-done')).toContainText('Request refused');

  // The requester reads the reason and asks for a review.
  const officer = await people.open(TUTOR);
  await officer.page.goto(`${host.origin}/#/requests/${requestId}`);
  await expect(officer.page.getByTestId('decision')).toContainText('The front sheet covers a one-to-one session.');
  await expectAccessible(officer.page, 'refused request with a review form');
  await officer.page.getByLabel('Why should it be looked at again?').fill('He made threats to a female officer last month; the summary says who is at risk.');
  await officer.page.getByRole('button', { name: 'Ask for a review' }).click();
  await expect(officer.page.getByTestId('review-asked')).toBeVisible();
  await expect(officer.page.getByTestId('refusal-review')).toContainText('Waiting for the NPS hub');

  // The hub reviews it and grants 4 hours.
  const hub = await people.open(HUB);
  await navTo(hub.page, 'Refusal reviews');
  const row = hub.page.getByTestId('refusal-reviews').getByRole('row', { name: new RegExp(person.crn) });
  await expect(row).toContainText('threats to a female officer');
  await expectAccessible(hub.page, 'refusal reviews');
  await row.getByRole('button', { name: /^Review/ }).click();
  await hub.page.getByLabel('Overturn it and grant access').check();
  await hub.page.getByLabel('For how long? (optional)').fill('4');
  await hub.page.getByLabel('Reason', { exact: true }).fill('Threats to staff are recorded: the RoSH summary is needed for this session.');
  await expectAccessible(hub.page, 'reviewing a refusal');
  await hub.page.getByRole('button', { name: 'Record the review' }).click();
  await expect(hub.page.getByTestId('refusal-review-done')).toContainText('access granted');

  // The requester reads the record; the offender manager who refused is told.
  await officer.page.reload();
  await expect(officer.page.getByTestId('refusal-review')).toContainText('Overturned: access granted by');
  const read = await host.as(TUTOR).call<{ access: { scope: string } }>('records.read', { crn: person.crn });
  expect(read.access.scope).toBe('ROSH_SUMMARY');
  const told = await host.as(OWNER).call<{ rows: Array<{ kind: string; title: string }> }>('notifications.list', {});
  expect(told.rows.find((n) => n.kind === 'REVIEW_DECIDED')?.title).toContain('overturned on review');
});
