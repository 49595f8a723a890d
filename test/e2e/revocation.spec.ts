/** Revocation takes effect at once: a record open on the grantee's screen closes. */
import { expectAccessible } from './support/accessibility';
import { discoverCast, OWNER, TUTOR } from './support/cast';
import { expect, navTo, test } from './support/fixtures';
import { saveScreenshot } from './support/screenshots';

test('revoking a grant closes the record the grantee has open', async ({ host, people }) => {
  const cast = await discoverCast(host);
  const person = cast.ownersPeople[0]!;
  const created = await host.as(TUTOR).call<{ results: Array<{ request: { id: number } }> }>('requests.create', {
    crns: [person.crn],
    scope: 'ROSH_SUMMARY',
    purpose: 'PROGRAMME_DELIVERY',
    justification: 'Programme sessions this week.',
    urgency: 'ROUTINE',
    durationDays: 7,
  });
  await host.as(OWNER).call('requests.approve', { requestId: created.results[0]!.request.id });

  const officer = await people.open(TUTOR);
  await navTo(officer.page, 'My access');
  await officer.page.getByTestId('my-grants').getByRole('row', { name: new RegExp(person.crn) }).getByRole('link', { name: /^Read/ }).click();
  await expect(officer.page.getByTestId('section-rosh-summary')).toBeVisible();

  // The owner sees who can see the person and revokes the officer's access.
  const owner = await people.open(OWNER);
  await navTo(owner.page, 'My caseload');
  await expectAccessible(owner.page, 'my caseload');
  await saveScreenshot(owner.page, 'nps-offender-manager-caseload');
  await owner.page.getByLabel('Filter by name or CRN').fill(person.crn);
  await owner.page.getByTestId('caseload').getByRole('link', { name: person.name }).click();
  const viewers = owner.page.getByTestId('viewers');
  await expect(viewers.getByRole('row', { name: new RegExp(cast.tutorName) }).first()).toBeVisible();
  await expectAccessible(owner.page, 'who can see');
  await viewers.getByRole('row', { name: /Granted access/ }).getByRole('button', { name: /Revoke/ }).click();
  await owner.page.getByTestId('confirm-revoke').click();
  await expect(owner.page.getByTestId('error-summary')).toContainText('Reason: is required');
  await owner.page.getByLabel('Reason').fill('The group has been cancelled.');
  await owner.page.getByTestId('confirm-revoke').click();
  await expect(owner.page.getByTestId('revoked')).toContainText(cast.tutorName);

  // Within seconds the officer's record closes, saying why, and the record is gone from the page.
  await expect(officer.page.getByTestId('record-closed-reason')).toContainText('The group has been cancelled.');
  await expect(officer.page.getByTestId('record-viewer')).toHaveCount(0);
  await expectAccessible(officer.page, 'record closed');
});
