/**
 * Decisions made with their facts: the bulk view shows why, for what, how urgently and at what risk
 * each request was made, offers nothing wider than was asked, and says what was granted to whom
 * until when; the hub's decide page says when emergency access was already used; and the requester's
 * "Request sent" banner goes once the request has moved on.
 */
import { expectAccessible } from './support/accessibility';
import { discoverCast, HUB, OWNER, TUTOR } from './support/cast';
import { expect, test } from './support/fixtures';
import { saveScreenshot } from './support/screenshots';
import { DEMO_PASSWORD } from './support/test-host';

interface Created {
  results: Array<{ crn: string; request: { id: number } }>;
}

test('the bulk view shows each request’s facts, offers only the scopes asked for or narrower, and says what was granted to whom until when', async ({ host, people }) => {
  const cast = await discoverCast(host);
  const crns = cast.ownersPeople.map((p) => p.crn);
  const batch = await host.as(TUTOR).call<Created>('requests.create', {
    crns,
    scope: 'RISK_MANAGEMENT_PLAN',
    purpose: 'PROGRAMME_DELIVERY',
    justification: 'Thinking Skills starts on Thursday; I need each plan before the first session.',
    urgency: 'WITHIN_2_WORKING_DAYS',
    durationDays: 7,
  });
  const ids = batch.results.map((r) => r.request.id);

  const owner = (await people.open(OWNER)).page;
  await owner.goto(`${host.origin}/#/decide-bulk?ids=${ids.join(',')}`);
  const asked = owner.getByTestId('bulk-request');
  await expect(asked).toHaveCount(ids.length);
  for (const row of await asked.all()) {
    await expect(row).toContainText('Thinking Skills starts on Thursday');
    await expect(row).toContainText('Delivering an accredited programme');
    await expect(row).toContainText('Risk management plan for 7 days');
    await expect(row).toContainText('2 working days');
    await expect(row).toContainText(/RoSH (low|medium|high|very high|not assessed)/);
  }
  await owner.getByLabel('Approve all').check();
  // A risk management plan was asked for: the full record is never offered.
  const scopes = owner.getByRole('group', { name: 'How much of each record?' });
  await expect(scopes.getByRole('radio')).toHaveCount(3);
  await expect(scopes.getByLabel('Full record')).toHaveCount(0);
  await scopes.getByLabel('RoSH summary').check();
  await expectAccessible(owner, 'bulk decision with the facts of each request');
  await saveScreenshot(owner, 'nps-offender-manager-bulk-decision');
  await owner.getByTestId('submit-bulk').click();

  await expect(owner.getByTestId('bulk-done')).toContainText(`${ids.length} of ${ids.length} requests decided`);
  for (const result of await owner.getByTestId('bulk-result').all()) {
    await expect(result).toContainText(new RegExp(`^Granted RoSH summary to ${cast.tutorName} until \\d{1,2} March 2026, \\d\\d:\\d\\d$`));
  }
  await expectAccessible(owner, 'bulk decisions sent');
});

test('the hub’s decide page says emergency access was already used, and the requester’s “Request sent” banner goes once the request is decided', async ({ host, people }) => {
  const cast = await discoverCast(host);
  const person = cast.hubPeople[0]!;
  const tutorApi = host.as(TUTOR);
  // Needed within the hour, and the owner is away: the hub holds it and emergency access is open.
  const created = await tutorApi.call<Created>('requests.create', {
    crns: [person.crn],
    scope: 'ROSH_SUMMARY',
    purpose: 'PROGRAMME_DELIVERY',
    justification: 'He is in reception now and the group session starts in ten minutes.',
    urgency: 'IMMEDIATE_SAFETY',
    neededBy: Date.parse('2026-03-02T10:45:00Z'),
    durationDays: 1,
  });
  const requestId = created.results[0]!.request.id;

  const tutor = (await people.open(TUTOR)).page;
  await tutor.goto(`${host.origin}/#/requests/${requestId}?sent=1`);
  await expect(tutor.getByTestId('request-sent')).toContainText('NPS hub');
  await tutorApi.call('emergency.open', { requestId, password: DEMO_PASSWORD, reasonCode: 'PERSON_ATTENDING_NOW' });

  const hub = (await people.open(HUB)).page;
  await hub.goto(`${host.origin}/#/decide/${requestId}`);
  await expect(hub.getByTestId('emergency-used')).toContainText(`Emergency safety access was already used on this request: ${cast.tutorName} opened the front sheet on 2 March 2026, 10:00`);
  await expectAccessible(hub, 'decide, after emergency access');
  await hub.getByLabel('Approve').check();
  await hub.getByTestId('submit-decision').click();
  await expect(hub.getByTestId('decision-done')).toBeVisible();

  // The requester's screen notices the decision: the banner from sending gives way to the decision.
  await expect(tutor.getByTestId('decision')).toBeVisible();
  await expect(tutor.getByTestId('request-sent')).toHaveCount(0);
  await expect(tutor.getByTestId('history')).toContainText('Emergency safety access used');
});
