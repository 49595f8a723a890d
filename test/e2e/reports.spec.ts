/**
 * The Reports screen: a day of known activity (decisions after 10, 20 and 90 minutes, a refusal,
 * an escalation, a request the hub takes because the owner is away, one emergency use, one record
 * read) and the figures the hub sees for it, with axe-core, the charts drawn under the app's CSP, a table for
 * every chart, the CSV export audited, and a screenshot.
 */
import { expectAccessible } from './support/accessibility';
import { ADMIN, discoverCast, HUB, OWNER, TUTOR } from './support/cast';
import { fillDate } from './support/date-input';
import { expect, navTo, test } from './support/fixtures';
import { saveScreenshot } from './support/screenshots';
import { DEMO_PASSWORD } from './support/test-host';

const TUESDAY = '2026-03-03';

test('the hub sees a day’s figures on the Reports screen, each chart with its table, and exports them as CSV', async ({ host, people }) => {
  const cast = await discoverCast(host);
  // From Monday 10:00 to Tuesday 09:30, so the day reported holds only this test's requests.
  await host.advanceClock(23 * 60 + 30);
  const tutor = host.as(TUTOR);
  const owner = host.as(OWNER);
  const hub = host.as(HUB);
  const ask = async (crn: string, urgency: string, neededBy: number | null = null) => {
    const { results } = await tutor.call<{ results: Array<{ outcome: string; request: { id: number } }> }>('requests.create', {
      crns: [crn], scope: 'ROSH_SUMMARY', purpose: 'PROGRAMME_DELIVERY', justification: 'Group session on Thursday.', urgency, neededBy, durationDays: 7,
    });
    expect(results[0], JSON.stringify(results[0])).toMatchObject({ outcome: 'CREATED' });
    return results[0]!.request.id;
  };
  const approved = await ask(cast.ownersPeople[0]!.crn, 'ROUTINE');
  const refused = await ask(cast.ownersPeople[1]!.crn, 'ROUTINE');
  // Needed in 3 hours: the owner has a 30-minute turn, misses it, and it is escalated to the hub.
  const urgent = await ask(cast.ownersPeople[2]!.crn, 'IMMEDIATE_SAFETY', Date.parse('2026-03-03T12:30:00Z'));
  const ownerAway = await ask(cast.hubPeople[0]!.crn, 'ROUTINE');
  await host.advanceClock(5);
  await tutor.call('emergency.open', { requestId: urgent, password: DEMO_PASSWORD, reasonCode: 'PERSON_ATTENDING_NOW', reasonText: '' });
  await host.advanceClock(5);
  await owner.call('requests.approve', { requestId: approved });
  await tutor.call('records.read', { crn: cast.ownersPeople[0]!.crn });
  await host.advanceClock(10);
  await owner.call('requests.deny', { requestId: refused, reasonCode: 'INSUFFICIENT_JUSTIFICATION', reason: 'Say which sessions need it.' });
  await host.advanceClock(70);
  await hub.call('requests.approve', { requestId: urgent });
  await hub.call('requests.approve', { requestId: ownerAway });

  const { page } = await people.open(HUB);
  await navTo(page, 'Reports');
  await expect(page.getByRole('heading', { level: 1, name: 'Reports' })).toBeVisible();
  await fillDate(page, 'From', TUESDAY);
  await fillDate(page, 'To', TUESDAY);
  await page.getByTestId('show-report').click();
  await expect(page.getByRole('heading', { level: 2, name: '3 March 2026' })).toBeVisible();

  const headline = page.getByTestId('headline');
  const figure = (label: string) => headline.locator('div', { has: page.getByText(label, { exact: true }) }).locator('dd');
  await expect(figure('Requests made')).toHaveText('4');
  await expect(figure('Median time to a decision')).toHaveText('20 min');
  await expect(figure('90% decided within')).toHaveText('1 h 30 min');
  await expect(figure('Decided within the deadline')).toHaveText('75%');
  await expect(figure('Went to the NPS hub')).toHaveText('50%');
  await expect(figure('Refused')).toHaveText('25%');
  await expect(figure('Emergency access uses')).toHaveText('1');

  const byRoute = page.getByTestId('table-wait-times-by-route');
  await expect(byRoute.getByRole('row', { name: /^Offender manager 2 10 20 20$/ })).toBeVisible();
  await expect(byRoute.getByRole('row', { name: /^NPS hub 2 90 90 90$/ })).toBeVisible();
  await expect(byRoute.getByRole('row', { name: /^Emergency access \(until opened\) 1 5 5 5$/ })).toBeVisible();
  await expect(page.getByTestId('table-sla-breaches').getByRole('row')).toHaveCount(2);
  // The one record read, online (none offline), in the tutor's team's row.
  await expect(page.getByTestId('table-record-reads-by-team').getByRole('row', { name: /^\S.* 1 0 0 –$/ })).toBeVisible();

  // Every chart is drawn, and its figures are one key press away as a table.
  for (const chart of ['wait-distribution', 'sla', 'fallback', 'outcomes', 'grants', 'caseload']) {
    const box = await page.getByTestId(`chart-${chart}`).locator('canvas').boundingBox();
    expect(box?.height, chart).toBeGreaterThan(100);
  }
  const slaTable = page.getByTestId('chart-table-sla');
  await slaTable.getByText('Show the figures as a table').click();
  await expect(slaTable.getByRole('row', { name: /^Immediate safety 1 0 1 0 0$/ })).toBeVisible();
  await expectAccessible(page, 'reports');
  await saveScreenshot(page, 'reports');

  // Broken down by offender manager.
  await page.getByLabel('Break down by').selectOption('OFFENDER_MANAGER');
  await page.getByTestId('show-report').click();
  await expect(page.getByTestId('table-wait-times-by-group').getByRole('row', { name: new RegExp(`^${cast.ownerName} 3 `) })).toBeVisible();
  await expectAccessible(page, 'reports by offender manager');

  // The view as CSV: one file per table, and the export is in the audit log.
  await page.getByTestId('export-csv').click();
  const files = page.getByTestId('csv-files');
  await expect(files).toContainText('CSV files are ready');
  await expect(files.getByRole('link', { name: /^Save report-2026-03-03-to-2026-03-03-/ })).toHaveCount(19);
  const download = page.waitForEvent('download');
  await files.getByRole('link', { name: 'Save report-2026-03-03-to-2026-03-03-outcomes.csv' }).click();
  const csv = await (await download).path();
  expect(csv).toBeTruthy();
  const audit = await host.as(ADMIN).call<{ rows: Array<{ action: string; actor: string }> }>('admin.auditList', { action: 'report.export', limit: 10, offset: 0 });
  expect(audit.rows.map((e) => [e.action, e.actor])).toEqual([['report.export', HUB]]);
});

test('an offender manager who is not a senior probation officer is told who can see reports', async ({ people }) => {
  const { page } = await people.open(OWNER);
  await navTo(page, 'Reports');
  await expect(page.getByText('Only senior probation officers, hub staff and administrators can do that.')).toBeVisible();
  await expectAccessible(page, 'reports, not allowed');
});
