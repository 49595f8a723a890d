/**
 * The 08:50 case: asked at 08:50 for a 09:30 appointment, the request goes to the offender manager
 * and the NPS hub at once, due 09:30 and not overdue; the hub grants 2 hours; the record reads; at
 * 2 hours 1 minute it no longer does; every read and the refused one are in the audit log. And
 * immediate safety with no needed-by: both at once too, due in 30 minutes, said without a time.
 */
import { expectAccessible } from './support/accessibility';
import { ADMIN, HUB, OWNER, TUTOR } from './support/cast';
import { expect, navTo, test } from './support/fixtures';
import { fillRequest } from './support/request-form';
import { DEMO_PASSWORD, type TestHost } from './support/test-host';

interface AuditRow {
  actor: string;
  action: string;
  crn: string | null;
  details: string;
}

/** One of the offender manager's people the tutor has no allocation for (an allocation would read the front sheet anyway). */
async function unallocatedPerson(host: TestHost): Promise<{ crn: string; name: string }> {
  const allocated = new Set((await host.as(TUTOR).call<{ allocations: Array<{ crn: string }> }>('grants.mine', {})).allocations.map((a) => a.crn));
  const caseload = await host.as(OWNER).call<{ rows: Array<{ crn: string; name: string; risk: { restricted: boolean } }> }>('caseload.mine', { limit: 500 });
  for (const row of caseload.rows) {
    if (allocated.has(row.crn) || row.risk.restricted) continue;
    if ((await host.as(TUTOR).attempt('people.get', { crn: row.crn })).ok) return { crn: row.crn, name: row.name };
  }
  throw new Error('the offender manager has nobody the tutor is not allocated to');
}

test('asked at 08:50 for 09:30: owner and hub both see it at once, due 09:30; the hub grants 2 hours, which read until they end', async ({ host, people }) => {
  // Three people's browsers on a busy build machine: allow three times the usual time.
  test.slow();
  const person = await unallocatedPerson(host);
  // From Monday 10:00 to Tuesday 3 March, 08:50 (the clock only ever moves forward here).
  await host.advanceClock(22 * 60 + 50);

  const officer = await people.open(TUTOR);
  const { page } = officer;
  await page.getByLabel('CRN, PNC or name').fill(person.crn);
  await page.getByRole('button', { name: 'Search' }).click();
  // One exact CRN match opens the person straight away.
  await page.getByRole('heading', { level: 1, name: person.name }).waitFor();
  await page.getByTestId('request-access').click();
  await fillRequest(page, { scope: 'Front sheet (safety essentials)', urgency: 'Immediate safety', neededBy: '2026-03-03T09:30', hours: 4, why: 'He is booked in at 09:30; I need to know who can safely see him.' });

  // Before sending, the form says who gets it, due when, and that emergency access is there.
  const preview = page.getByTestId('request-preview');
  await expect(preview).toContainText('and the NPS hub at the same time');
  await expect(preview).toContainText('3 March 2026, 09:30');
  await expect(preview).toContainText('emergency safety access');
  await expectAccessible(page, 'request form with its preview');
  await page.getByRole('button', { name: 'Send request' }).click();
  await expect(page.getByTestId('request-sent')).toContainText('needed by 09:30: sent to the offender manager and the NPS hub together');
  await expect(page.getByTestId('request-status').first()).toBeVisible();
  await expect(page.getByText('Overdue')).toHaveCount(0);

  // The offender manager and the hub both have it at once, due 09:30, not overdue.
  const owner = await people.open(OWNER);
  const ownerRow = owner.page.getByTestId('queue').getByRole('row', { name: new RegExp(person.crn) });
  await expect(ownerRow).toContainText('3 March 2026, 09:30');
  await expect(ownerRow).not.toContainText('Overdue');
  const hub = await people.open(HUB);
  const hubRow = hub.page.getByTestId('queue').getByRole('row', { name: new RegExp(person.crn) });
  await expect(hubRow).toContainText('3 March 2026, 09:30');
  await expect(hubRow.getByTestId('hub-reason')).toContainText('Needed soon');
  await expect(hubRow).not.toContainText('Overdue');
  await expectAccessible(hub.page, 'hub queue with a request needed soon');

  // The hub grants 2 hours.
  await hubRow.getByRole('link', { name: person.name }).click();
  await hub.page.getByLabel('Approve').check();
  await hub.page.getByLabel('For how long? (optional)').fill('2');
  await hub.page.getByLabel('Days or hours').selectOption('HOURS');
  await expectAccessible(hub.page, 'decide in hours');
  await hub.page.getByRole('button', { name: 'Send decision' }).click();
  await expect(hub.page.getByTestId('decision-done')).toContainText('Request approved');
  await expect(hub.page.getByTestId('decision')).toContainText('for 2 hours');

  // The record reads, with its end time and the time left in hours.
  await navTo(page, 'My access');
  const grant = page.getByTestId('my-grants').getByRole('row', { name: new RegExp(person.crn) });
  await expect(grant).toContainText('3 March 2026, 10:50');
  await expect(grant.getByTestId('countdown')).toContainText(/^(2 hours|1 hour 5\d minutes) left$/);
  await grant.getByRole('link', { name: /^Read/ }).click();
  await expect(page.getByTestId('section-front-sheet')).toBeVisible();

  // At 1 hour 59 minutes it still reads (the app locked while idle: unlock it first).
  await host.advanceClock(2 * 60 - 1);
  await expect(page.getByRole('heading', { name: 'Records Access Broker is locked' })).toBeVisible();
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await navTo(page, 'My access');
  await page.getByTestId('my-grants').getByRole('row', { name: new RegExp(person.crn) }).getByRole('link', { name: /^Read/ }).click();
  await expect(page.getByTestId('section-front-sheet')).toBeVisible();

  // At 2 hours 1 minute it no longer reads: the viewer closes, and opening it again is refused.
  await host.advanceClock(2);
  await expect(page.getByTestId('record-closed-reason')).toContainText('Your access ended at');
  await expect(page.getByTestId('section-front-sheet')).toHaveCount(0);
  const refused = await host.as(TUTOR).attempt('records.read', { crn: person.crn });
  expect(refused).toMatchObject({ ok: false, error: { code: 'NO_ACTIVE_GRANT' } });

  // Every read and the refused one are in the audit log.
  const audit = host.as(ADMIN);
  const reads = await audit.call<{ rows: AuditRow[] }>('admin.auditList', { crn: person.crn, action: 'record.read', limit: 100 });
  expect(reads.rows.length).toBeGreaterThanOrEqual(1);
  expect(reads.rows.every((r) => r.actor === TUTOR)).toBe(true);
  const refusals = await audit.call<{ rows: AuditRow[] }>('admin.auditList', { crn: person.crn, action: 'record.read.refuse', limit: 100 });
  expect(refusals.rows.length).toBeGreaterThanOrEqual(1);
  expect(refusals.rows[0]).toMatchObject({ actor: TUTOR, crn: person.crn });
  expect(JSON.parse(refusals.rows[0]!.details)).toMatchObject({ code: 'NO_ACTIVE_GRANT', why: 'EXPIRED' });
});

test('immediate safety with no needed-by: owner and hub both see it at once, due in 30 minutes, and nobody is shown a needed-by time', async ({ host, people }) => {
  // Three people's browsers on a busy build machine: allow three times the usual time.
  test.slow();
  const person = await unallocatedPerson(host);
  const officer = await people.open(TUTOR);
  const { page } = officer;
  await page.getByLabel('CRN, PNC or name').fill(person.crn);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('heading', { level: 1, name: person.name }).waitFor();
  await page.getByTestId('request-access').click();
  await fillRequest(page, { scope: 'Front sheet (safety essentials)', urgency: 'Immediate safety', hours: 4, why: 'He has just threatened staff in reception; I need to know the risks now.' });

  // Asked Monday 10:00: due 10:30, with the owner and the hub at once.
  const preview = page.getByTestId('request-preview');
  await expect(preview).toContainText('and the NPS hub at the same time');
  await expect(preview).toContainText('2 March 2026, 10:30');
  await page.getByRole('button', { name: 'Send request' }).click();
  const sent = page.getByTestId('request-sent');
  await expect(sent).toContainText('immediate safety: sent to the offender manager and the NPS hub together');
  await expect(sent).not.toContainText(/needed by/i);

  const owner = await people.open(OWNER);
  const ownerRow = owner.page.getByTestId('queue').getByRole('row', { name: new RegExp(person.crn) });
  await expect(ownerRow).toContainText('2 March 2026, 10:30');
  const hub = await people.open(HUB);
  const hubRow = hub.page.getByTestId('queue').getByRole('row', { name: new RegExp(person.crn) });
  await expect(hubRow).toContainText('2 March 2026, 10:30');
  await expect(hubRow.getByTestId('hub-reason')).toContainText('Needed soon or immediate safety: with the offender manager too');
  await expectAccessible(hub.page, 'hub queue with an immediate-safety request');

  // The owner decides first; the hub can no longer decide it.
  await ownerRow.getByRole('link', { name: person.name }).click();
  await owner.page.getByLabel('Approve').check();
  await owner.page.getByRole('button', { name: 'Send decision' }).click();
  await expect(owner.page.getByTestId('decision-done')).toContainText('Request approved');
  const mine = await host.as(TUTOR).call<{ rows: Array<{ id: number; crn: string }> }>('requests.mine', {});
  const requestId = mine.rows.find((r) => r.crn === person.crn)!.id;
  expect(await host.as(HUB).attempt('requests.approve', { requestId })).toMatchObject({ ok: false, error: { code: 'ALREADY_DECIDED' } });
});
