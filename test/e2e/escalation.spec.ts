/**
 * The offender manager misses the deadline: the sweep passes the request to the hub, flagged
 * overdue, but the owner may still decide, and the first decision wins.
 */
import { expectAccessible } from './support/accessibility';
import { discoverCast, HUB, OWNER, TUTOR } from './support/cast';
import { expect, test } from './support/fixtures';
import { requestFor } from './support/request-form';

test('a request past its deadline escalates to the hub, and the owner’s late approval wins when it comes first', async ({ host, people }) => {
  const cast = await discoverCast(host);
  const person = cast.ownersPeople[2]!;
  const officer = await people.open(TUTOR);
  await requestFor(officer.page, person.crn, person.name, { scope: 'Risk management plan', urgency: 'Routine', days: 7 });
  await expect(officer.page.getByTestId('request-sent')).toContainText(cast.ownerName);

  // A routine request gives the owner one working day. A day and an hour later, the sweep escalates it.
  await host.advanceClock(25 * 60);

  const hub = await people.open(HUB);
  const hubRow = hub.page.getByTestId('queue').getByRole('row', { name: new RegExp(person.crn) });
  await expect(hubRow.getByTestId('hub-reason')).toContainText('Deadline passed');
  await expect(hubRow).toContainText('Overdue');
  await hubRow.getByRole('link', { name: person.name }).click();
  await expect(hub.page.getByTestId('decision-form')).toBeVisible();

  // The owner, late, approves first.
  const owner = await people.open(OWNER);
  const ownerRow = owner.page.getByTestId('queue').getByRole('row', { name: new RegExp(person.crn) });
  await expect(ownerRow).toContainText('Overdue');
  await ownerRow.getByRole('link', { name: person.name }).click();
  await owner.page.getByLabel('Approve').check();
  await owner.page.getByRole('button', { name: 'Send decision' }).click();
  await expect(owner.page.getByTestId('decision-done')).toContainText('Request approved');

  // The hub's decision, second, is refused, and the hub sees the owner's.
  await hub.page.getByLabel('Refuse').check();
  await hub.page.getByLabel('Other (see the reason)').check();
  await hub.page.getByLabel('Reason for the requester').fill('The owner is away today.');
  await hub.page.getByRole('button', { name: 'Send decision' }).click();
  await expect(hub.page.getByTestId('error-summary')).toContainText('already been decided');
  await expect(hub.page.getByTestId('decision')).toContainText(cast.ownerName);
  await expectAccessible(hub.page, 'decide, already decided');

  // The officer's request was approved by the offender manager, and they can read the record.
  await officer.signInAgain();
  await officer.page.getByRole('navigation', { name: 'Primary navigation' }).getByRole('link', { name: 'My requests' }).click();
  const mine = officer.page.getByTestId('my-requests').getByRole('row', { name: new RegExp(person.crn) });
  await expect(mine.getByTestId('decision')).toContainText(`Approved by ${cast.ownerName}`);
});
