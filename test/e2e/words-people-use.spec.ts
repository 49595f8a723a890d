/**
 * Words people use, not the machine's: audit details as sentences with names and dates, a second
 * request for the same person named and linked rather than numbered (to the pending request, to
 * extending the access already given, or to the record an allocation already opens), histories and
 * notifications by people's names, and no command-line instructions on any screen.
 */
import type { Page } from '@playwright/test';
import { expectAccessible } from './support/accessibility';
import { ADMIN, discoverCast, OWNER, TUTOR } from './support/cast';
import { expect, test } from './support/fixtures';
import { fillRequest, requestFor, type RequestAnswers } from './support/request-form';

/** Opens the request form for someone again (as if left open in another tab) and sends it. */
async function askAgain(page: Page, origin: string, crn: string, answers: RequestAnswers): Promise<void> {
  await page.goto(`${origin}/#/people/${crn}/request`);
  await fillRequest(page, { why: 'Asking again by mistake.', ...answers });
  await page.getByRole('button', { name: 'Send request' }).click();
}

test('audit details, a repeated request, histories and notifications say names and dates, never ids, JSON or commands', async ({ host, people }) => {
  const cast = await discoverCast(host);
  const person = cast.ownersPeople[1]!;
  const officer = await people.open(TUTOR);
  const tutor = officer.page;
  await requestFor(tutor, person.crn, person.name, { scope: 'RoSH summary', urgency: 'Routine', days: 7 });
  const requestUrl = tutor.url();

  // Asking again for the same person (the form left open in another tab) names them and links to the request that covers it.
  await askAgain(tutor, host.origin, person.crn, { scope: 'RoSH summary', urgency: 'Routine', days: 7 });
  const already = tutor.getByTestId('error-summary').getByRole('link', { name: new RegExp(`You already have a request for ${person.name} waiting for a decision`) });
  await expect(already).toBeVisible();
  await expect(tutor.getByTestId('error-summary')).not.toContainText(/\(\d+\)/);
  await expectAccessible(tutor, 'a repeated request');
  await already.click();
  await expect(tutor).toHaveURL(requestUrl.replace(/\?.*$/, ''));

  // The owner approves; the history says who by name, and the requester's notification names the person.
  const owner = (await people.open(OWNER)).page;
  await owner.goto(`${host.origin}/#${new URL(requestUrl).hash.slice(1).replace(/^\/requests\//, '/decide/').replace(/\?.*$/, '')}`);
  await owner.getByLabel('Approve').check();
  await owner.getByTestId('submit-decision').click();
  await expect(owner.getByTestId('decision-done')).toBeVisible();
  await expect(owner.getByTestId('history')).toContainText(`by ${cast.ownerName}`);
  await expect(owner.getByTestId('history')).not.toContainText(`by ${OWNER}`);

  await tutor.getByTestId('notifications-link').click();
  await expect(tutor.getByTestId('notification-person').first()).toContainText(`${person.name} (${person.crn})`);

  // Asking again once access is given says until when, by name, and links to extending it.
  await askAgain(tutor, host.origin, person.crn, { scope: 'Front sheet (safety essentials)', urgency: 'Routine', days: 7 });
  const granted = tutor.getByTestId('error-summary').getByRole('link', { name: new RegExp(`You already have RoSH summary access to ${person.name} until \\d{1,2} March 2026, \\d\\d:\\d\\d\\. To keep it longer, ask to extend it from My access\\.`) });
  await expect(granted).toBeVisible();
  await expect(tutor.getByTestId('error-summary')).not.toContainText('waiting for a decision');
  await expect(tutor.getByTestId('error-summary')).not.toContainText(person.crn);
  await expectAccessible(tutor, 'a request that access already given covers');
  await granted.click();
  await expect(tutor).toHaveURL(/#\/grants\/\d+\/extend$/);

  // The front sheet of someone in the tutor's own group: the allocation already opens it, and the link reads it.
  const grouped = cast.ownersPeople[2]!;
  await askAgain(tutor, host.origin, grouped.crn, { scope: 'Front sheet (safety essentials)', urgency: 'Routine', days: 7 });
  const allocated = tutor.getByTestId('error-summary').getByRole('link', { name: `Your allocation for ${grouped.name} already lets you read the front sheet: open their record to read it.` });
  await expect(allocated).toBeVisible();
  await expect(tutor.getByTestId('error-summary')).not.toContainText(/waiting for a decision|extend/);
  await allocated.click();
  await expect(tutor).toHaveURL(new RegExp(`#/records/${grouped.crn}$`));
  await expect(tutor.getByRole('heading', { level: 1, name: grouped.name })).toBeVisible();

  // The audit log tells the grant as a sentence: to whom, what, until when; no JSON, no "user:7".
  const admin = (await people.open(ADMIN)).page;
  await admin.goto(`${host.origin}/#/admin/audit`);
  await admin.getByLabel('CRN', { exact: true }).fill(person.crn);
  await admin.getByRole('button', { name: 'Filter' }).click();
  const what = admin.getByTestId('audit-what');
  await expect(what.filter({ hasText: 'Granted RoSH summary to' }).first()).toContainText(new RegExp(`Granted RoSH summary to ${cast.tutorName} until \\d{1,2} March 2026, \\d\\d:\\d\\d`));
  await expect(admin.getByRole('table')).not.toContainText('{"');
  await expect(admin.getByRole('table')).not.toContainText(/user:\d/);
  await expect(admin.getByRole('table')).toContainText(`${person.name} (${person.crn})`);
  await expect(admin.getByRole('main')).not.toContainText(/\brab [a-z]+/);
  await expectAccessible(admin, 'audit log in words');
});
