/** A refusal needs a reason the requester can read: without one the broker refuses the refusal. */
import { expectAccessible } from './support/accessibility';
import { discoverCast, OWNER, TUTOR } from './support/cast';
import { expect, navTo, test } from './support/fixtures';

test('a denial without a reason is refused, and the reason given is shown to the requester', async ({ host, people }) => {
  const cast = await discoverCast(host);
  const person = cast.ownersPeople[0]!;
  await host.as(TUTOR).call('requests.create', {
    crns: [person.crn],
    scope: 'FULL_RECORD',
    purpose: 'OTHER',
    justification: 'General interest in the case.',
    urgency: 'ROUTINE',
    durationDays: 14,
  });

  const owner = await people.open(OWNER);
  await owner.page.getByTestId('queue').getByRole('row', { name: new RegExp(person.crn) }).getByRole('link', { name: person.name }).click();
  await owner.page.getByLabel('Refuse').check();
  await owner.page.getByLabel('The justification is not enough').check();
  await owner.page.getByRole('button', { name: 'Send decision' }).click();

  // The broker refuses a refusal with no reason; nothing changes.
  await expect(owner.page.getByTestId('error-summary')).toContainText('Write the reason for refusing');
  await expect(owner.page.getByTestId('request-status').first()).toHaveText('Waiting for the offender manager');
  await expectAccessible(owner.page, 'decide with an error');

  await owner.page.getByLabel('Reason for the requester').fill('Say which sessions you will deliver and why the front sheet is not enough.');
  await owner.page.getByRole('button', { name: 'Send decision' }).click();
  await expect(owner.page.getByTestId('decision-done')).toContainText('Request refused');

  const officer = await people.open(TUTOR);
  await navTo(officer.page, 'My requests');
  const mine = officer.page.getByTestId('my-requests').getByRole('row', { name: new RegExp(person.crn) });
  await expect(mine).toContainText('Refused');
  await expect(mine.getByTestId('decision')).toContainText('Say which sessions you will deliver and why the front sheet is not enough.');
});
