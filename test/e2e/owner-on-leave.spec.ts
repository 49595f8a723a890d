/**
 * The offender manager is on leave and nobody stands in, so a request goes straight to the NPS hub,
 * with the reason shown to the requester, and the hub grants it.
 */
import { expectAccessible } from './support/accessibility';
import { discoverCast, HUB, OWNER, TUTOR } from './support/cast';
import { fillDate } from './support/date-input';
import { expect, navTo, test } from './support/fixtures';
import { requestFor } from './support/request-form';
import { saveScreenshot } from './support/screenshots';

test('with the owner on leave and no deputy, the request goes to the hub at once and the hub grants it', async ({ host, people }) => {
  const cast = await discoverCast(host);
  const person = cast.ownersPeople[1]!;

  // The offender manager ends their deputy arrangement and records a week's leave.
  const owner = await people.open(OWNER);
  await navTo(owner.page, 'Absences and deputies');
  await expectAccessible(owner.page, 'absences and deputies');
  await owner.page.getByTestId('my-deputies').getByRole('button', { name: /End now/ }).click();
  await expect(owner.page.getByText('Deputy arrangement ended.')).toBeVisible();
  await owner.page.getByLabel('Leave').check();
  await fillDate(owner.page, 'From', '2026-03-02T09:00');
  await fillDate(owner.page, 'Until', '2026-03-09T17:00');
  await owner.page.getByRole('button', { name: 'Record absence' }).click();
  await expect(owner.page.getByTestId('absences')).toContainText('Leave');

  // The officer's request goes to the hub, and says why.
  const officer = await people.open(TUTOR);
  await requestFor(officer.page, person.crn, person.name, { scope: 'RoSH summary', urgency: 'Needed within 2 working days', days: 7 });
  await expect(officer.page.getByTestId('request-sent')).toContainText(/hub/i);
  await expect(officer.page.getByTestId('request-sent')).toContainText(/leave/i);
  await expect(officer.page.getByTestId('request-status').first()).toHaveText('Waiting for the NPS hub');

  // The hub sees it in the fallback queue with the reason, and approves.
  const hub = await people.open(HUB);
  await expect(hub.page.getByRole('heading', { level: 1, name: 'Hub queue' })).toBeVisible();
  const row = hub.page.getByTestId('queue').getByRole('row', { name: new RegExp(person.crn) });
  await expect(row.getByTestId('hub-reason')).toContainText('Offender manager away');
  await expectAccessible(hub.page, 'hub queue');
  await saveScreenshot(hub.page, 'hub-queue');
  await row.getByRole('link', { name: person.name }).click();
  await hub.page.getByLabel('Approve').check();
  await hub.page.getByRole('button', { name: 'Send decision' }).click();
  await expect(hub.page.getByTestId('decision-done')).toContainText('Request approved');

  // The officer sees who decided: the hub.
  await navTo(officer.page, 'My requests');
  const mine = officer.page.getByTestId('my-requests').getByRole('row', { name: new RegExp(person.crn) });
  await expect(mine).toContainText('Approved');
  await mine.getByRole('link', { name: person.name }).click();
  await expect(officer.page.getByTestId('decision')).toContainText('NPS hub');
});
