/**
 * A CRC officer asks for a person's RoSH summary, the offender manager approves it, the officer
 * reads only the granted sections under a watermark, and the record closes itself when the access
 * ends.
 */
import { expectAccessible } from './support/accessibility';
import { discoverCast, OWNER, TUTOR } from './support/cast';
import { expect, navTo, test } from './support/fixtures';
import { saveScreenshot } from './support/screenshots';

test('an approved request is read until it expires, and the record closes when time passes', async ({ host, people }) => {
  const cast = await discoverCast(host);
  const person = cast.ownersPeople[0]!;
  const officer = await people.open(TUTOR);
  const { page } = officer;

  // Find the person and ask for the RoSH summary for one day.
  await expectAccessible(page, 'find a person');
  await saveScreenshot(page, 'crc-practitioner-find-a-person');
  await page.getByLabel('CRN, PNC or name').fill(person.crn);
  await page.getByRole('button', { name: 'Search' }).click();
  // One exact CRN match opens the person straight away.
  await expect(page.getByRole('heading', { level: 1, name: person.name })).toBeVisible();
  await expectAccessible(page, 'person');
  await page.getByTestId('request-access').click();
  await page.getByRole('button', { name: 'Send request' }).click();
  await expect(page.getByTestId('error-summary')).toContainText('How much of the record: choose one');
  await expectAccessible(page, 'request form with errors');
  await page.getByLabel('RoSH summary').check();
  await page.getByLabel('What do you need it for?').selectOption('PROGRAMME_DELIVERY');
  await page.getByLabel('Why do you need it?').fill('Building Better Relationships group starts on Thursday; I need the risk picture before the first session.');
  await page.getByLabel('Routine').check();
  await page.getByLabel('For how long?').fill('1');
  await page.getByRole('button', { name: 'Send request' }).click();
  await expect(page.getByTestId('request-sent')).toContainText(cast.ownerName);
  await expectAccessible(page, 'request sent');

  // The offender manager sees it in their inbox, with the person's risk beside it, and approves.
  const owner = await people.open(OWNER);
  await expect(owner.page.getByRole('heading', { level: 1, name: 'Requests to decide' })).toBeVisible();
  const row = owner.page.getByTestId('queue').getByRole('row', { name: new RegExp(person.crn) });
  await expect(row).toContainText(cast.tutorName);
  await expect(row).toContainText(/RoSH (low|medium|high|very high)/);
  await expectAccessible(owner.page, 'inbox');
  await saveScreenshot(owner.page, 'nps-offender-manager-requests-to-decide');
  await row.getByRole('link', { name: person.name }).click();
  await expectAccessible(owner.page, 'decide');
  await owner.page.getByLabel('Approve').check();
  await owner.page.getByRole('button', { name: 'Send decision' }).click();
  await expect(owner.page.getByTestId('decision-done')).toContainText('Request approved');

  // The officer sees the decision and reads the record: the front sheet and RoSH summary only.
  await navTo(page, 'My requests');
  await expect(page.getByTestId('my-requests').getByRole('row', { name: new RegExp(person.crn) })).toContainText('Approved');
  await expectAccessible(page, 'my requests');
  await navTo(page, 'My access');
  const grant = page.getByTestId('my-grants').getByRole('row', { name: new RegExp(person.crn) });
  await expect(grant).toContainText('Active');
  await expect(grant.getByTestId('countdown')).toContainText(/left/);
  await expectAccessible(page, 'my access');
  await grant.getByRole('link', { name: /^Read/ }).click();
  await expect(page.getByTestId('record-viewer')).toBeVisible();
  await expect(page.getByTestId('section-front-sheet')).toBeVisible();
  await expect(page.getByTestId('section-rosh-summary')).toBeVisible();
  await expect(page.getByTestId('section-risk-management-plan')).toHaveCount(0);
  await expect(page.getByTestId('section-full-record')).toHaveCount(0);
  await expect(page.getByTestId('watermark').locator('[data-mark]').first()).toHaveAttribute('data-mark', new RegExp(`^${cast.tutorName} · \\d+ March 2026, \\d\\d:\\d\\d$`));
  await expectAccessible(page, 'record viewer');
  await saveScreenshot(page, 'crc-practitioner-record-viewer');

  // A day later, two minutes before the end: the officer signs in again and opens the record.
  await host.advanceClock(24 * 60 - 2);
  await officer.signInAgain();
  await navTo(page, 'My access');
  await page.getByTestId('my-grants').getByRole('row', { name: new RegExp(person.crn) }).getByRole('link', { name: /^Read/ }).click();
  await expect(page.getByTestId('section-rosh-summary')).toBeVisible();
  await expect(page.getByTestId('countdown')).toContainText(/^[12]:\d\d left$/);

  // Time passes: the record closes itself and its contents leave the page.
  await host.advanceClock(3);
  await expect(page.getByTestId('record-closed-reason')).toContainText('Your access ended at');
  await expect(page.getByTestId('record-viewer')).toHaveCount(0);
  await expect(page.getByText('Who is at risk (SUM1)')).toHaveCount(0);
});
