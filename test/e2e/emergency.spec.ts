/**
 * Emergency safety access: on an urgent pending request the requester re-enters their password,
 * sees the warnings, opens the front sheet only; the owner is told at once and the hub reviews it.
 */
import { expectAccessible } from './support/accessibility';
import { discoverCast, HUB, OWNER, TUTOR } from './support/cast';
import { DEMO_PASSWORD } from './support/test-host';
import { expect, navTo, test } from './support/fixtures';
import { requestFor } from './support/request-form';
import { saveScreenshot } from './support/screenshots';

test('emergency access opens the front sheet only, alerts the owner, and is reviewed by the hub', async ({ host, people }) => {
  const cast = await discoverCast(host);
  const person = cast.ownersPeople[0]!;
  const officer = await people.open(TUTOR);
  const { page } = officer;

  // Needed within the hour: the request is urgent enough for emergency access.
  await requestFor(page, person.crn, person.name, { scope: 'RoSH summary', urgency: 'Immediate safety', days: 1, neededBy: '2026-03-02T11:00' });
  await expect(page.getByTestId('emergency-link')).toBeVisible();
  await page.getByTestId('emergency-link').click();
  await expect(page.getByTestId('emergency-warnings')).toContainText('front sheet only');
  await expect(page.getByTestId('emergency-warnings')).toContainText('reviews every use');
  await expectAccessible(page, 'emergency access');

  // A wrong password is refused; the right one opens the record.
  await page.getByLabel('The person is attending now or within the hour').check();
  await page.getByLabel('Your password').fill('not my password');
  await page.getByTestId('open-emergency').click();
  await expect(page.getByTestId('error-summary')).toContainText('password');
  await page.getByLabel('Your password').fill(DEMO_PASSWORD);
  await page.getByTestId('open-emergency').click();

  await expect(page.getByTestId('record-viewer')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Emergency safety access' })).toBeVisible();
  await expect(page.getByTestId('section-front-sheet')).toBeVisible();
  await expect(page.getByTestId('section-rosh-summary')).toHaveCount(0);
  await expect(page.getByTestId('access-panel')).toContainText('Emergency safety access');
  await expectAccessible(page, 'emergency record');

  // The offender manager is told at once.
  const owner = await people.open(OWNER);
  await owner.page.getByTestId('notifications-link').click();
  await expect(owner.page.getByTestId('notifications')).toContainText(/emergency/i);
  await expectAccessible(owner.page, 'notifications');

  // The hub reviews the use.
  const hub = await people.open(HUB);
  await navTo(hub.page, 'Emergency reviews');
  const use = hub.page.getByTestId('emergency-uses').getByRole('row', { name: new RegExp(person.crn) });
  await expect(use).toContainText(cast.tutorName);
  await expectAccessible(hub.page, 'emergency reviews');
  await saveScreenshot(hub.page, 'hub-emergency-reviews');
  await use.getByRole('button', { name: /Review/ }).click();
  await hub.page.getByLabel('Justified, advice given').check();
  await hub.page.getByLabel('What you found').fill('Appointment was in progress; advised to request earlier next time.');
  await hub.page.getByTestId('submit-review').click();
  await expect(hub.page.getByTestId('review-done')).toContainText('Justified, advice given');
  await expect(hub.page.getByText('Nothing is waiting for review.')).toBeVisible();
});
