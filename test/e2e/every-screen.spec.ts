/**
 * Every screen, as each role sees it, checked with axe-core (nothing reported at any impact), for
 * the navigation saying where the person is and for never showing a command to run, with a screenshot of each role's main screen. The store
 * is given some activity first, so the queues and lists have rows.
 */
import type { Page } from '@playwright/test';
import { expectAccessible } from './support/accessibility';
import { ADMIN, discoverCast, HUB, HUB_LAO, OWNER, TUTOR, type Cast } from './support/cast';
import { expect, navTo, test } from './support/fixtures';
import { saveScreenshot } from './support/screenshots';
import type { TestHost } from './support/test-host';

async function visit(page: Page, origin: string, route: string, heading: string | RegExp): Promise<void> {
  await page.goto(`${origin}/#${route}`);
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  await expect(page.getByText('Loading…')).toHaveCount(0);
  await expectAccessible(page, route);
  // No screen tells a person to run a command: what they can do is said in words.
  await expect(page.locator('body'), `no command on ${route}`).not.toContainText(/\brab [a-z]/);
  // Every screen a person may open says where they are: exactly one navigation link is current.
  const refused = typeof heading === 'string' && ['Page not found', 'You cannot use this page'].includes(heading);
  await expect(page.getByRole('navigation').locator('[aria-current="page"]'), `current section on ${route}`).toHaveCount(refused ? 0 : 1);
}

/** Some activity: the tutor asks for the whole group (routed to the owner, the deputy and the hub). */
async function askForTheGroup(host: TestHost) {
  const cast = await discoverCast(host);
  const tutor = host.as(TUTOR);
  const crns = [...cast.ownersPeople, ...cast.hubPeople].map((p) => p.crn);
  const batch = await tutor.call<{ results: Array<{ crn: string; request: { id: number } }> }>('requests.create', {
    crns,
    scope: 'ROSH_SUMMARY',
    purpose: 'PROGRAMME_DELIVERY',
    justification: 'Building Better Relationships starts on Thursday.',
    urgency: 'WITHIN_2_WORKING_DAYS',
    durationDays: 7,
  });
  const requestId = (crn: string) => batch.results.find((r) => r.crn === crn)!.request.id;
  return { cast, requestId };
}

/** One approval to read and one refusal. */
async function decideTwo(host: TestHost, cast: Cast, requestId: (crn: string) => number): Promise<number> {
  await host.as(OWNER).call('requests.approve', { requestId: requestId(cast.ownersPeople[0]!.crn) });
  await host.as(OWNER).call('requests.deny', { requestId: requestId(cast.ownersPeople[1]!.crn), reasonCode: 'SCOPE_TOO_WIDE', reason: 'The front sheet covers a group session.' });
  const grants = await host.as(TUTOR).call<{ rows: Array<{ id: number; crn: string }> }>('grants.mine', {});
  return grants.rows.find((g) => g.crn === cast.ownersPeople[0]!.crn)!.id;
}

test('every screen of the practitioner and the offender manager passes axe-core and says where the person is', async ({ host, people }) => {
  // Dozens of screens, each checked by axe-core: three times the usual time on a busy machine.
  test.slow();
  const { cast, requestId } = await askForTheGroup(host);
  // The offender manager's inbox with the whole group waiting, before anything is decided.
  const owner = await people.open(OWNER);
  const w = owner.page;
  await expect(w.getByTestId('queue').getByRole('row', { name: new RegExp(cast.ownersPeople[2]!.crn) })).toBeVisible();
  await expectAccessible(w, 'requests to decide');
  await saveScreenshot(w, 'role-2-nps-offender-manager-requests-to-decide');

  const grantId = await decideTwo(host, cast, requestId);

  // CRC practitioner.
  const officer = await people.open(TUTOR);
  const o = officer.page;
  await visit(o, host.origin, `/people?q=${cast.ownersPeople[0]!.crn.slice(0, 4)}`, 'Find a person');
  await visit(o, host.origin, `/people/${cast.ownersPeople[2]!.crn}`, cast.ownersPeople[2]!.name);
  await visit(o, host.origin, `/people/${cast.ownersPeople[2]!.crn}/request`, 'Request access to a record');
  await visit(o, host.origin, '/requests/batch', 'Request access for a group');
  await o.getByLabel('The participants of a programme I deliver').check();
  await o.getByLabel('Programme', { exact: true }).selectOption(cast.programmeCode);
  await expectAccessible(o, 'group request with participants');
  await visit(o, host.origin, '/requests', 'My requests');
  await saveScreenshot(o, 'role-1-crc-practitioner-my-requests');
  await visit(o, host.origin, `/requests/${requestId(cast.hubPeople[0]!.crn)}`, /^Request for/);
  await visit(o, host.origin, '/grants', 'My access');
  await visit(o, host.origin, `/grants/${grantId}/extend`, 'Ask to extend access');
  await visit(o, host.origin, '/notifications', 'Notifications');
  await visit(o, host.origin, '/no/such/page', 'Page not found');
  await visit(o, host.origin, '/admin/users', 'You cannot use this page');

  // NPS offender manager.
  await visit(w, host.origin, `/decide/${requestId(cast.ownersPeople[2]!.crn)}`, /^Decide:/);
  await w.getByLabel('Approve').check();
  await expectAccessible(w, 'decide, approving');
  await w.getByLabel('Refuse').check();
  await expectAccessible(w, 'decide, refusing');
  await visit(w, host.origin, '/caseload', 'My caseload');
  await visit(w, host.origin, `/caseload/${cast.ownersPeople[0]!.crn}`, /^Who can see/);
  await visit(w, host.origin, '/absences', 'Absences and deputies');
  await w.getByLabel('Name or staff code').fill('N07');
  await w.getByRole('button', { name: 'Find' }).click();
  await expect(w.getByRole('group', { name: 'Deputy' })).toBeVisible();
  await expectAccessible(w, 'naming a deputy');

  // Signed out and locked.
  await o.getByRole('button', { name: 'Lock' }).click();
  await expect(o.getByRole('heading', { level: 1, name: 'Records Access Broker is locked' })).toBeVisible();
  await expectAccessible(o, 'lock screen');
  await o.getByRole('button', { name: 'Sign out instead' }).click();
  await expect(o.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await o.getByRole('button', { name: 'Sign in' }).click();
  await expect(o.getByTestId('error-summary')).toContainText('Username: is required');
  await expectAccessible(o, 'sign in with errors');
  await saveScreenshot(o, 'role-0-sign-in');
});

test('every screen of the hub, the LAO administrator and the administrator passes axe-core and says where the person is', async ({ host, people }) => {
  test.slow();
  const { cast, requestId } = await askForTheGroup(host);
  await decideTwo(host, cast, requestId);

  // NPS hub.
  const hub = await people.open(HUB);
  const h = hub.page;
  await expect(h.getByTestId('queue').getByRole('row', { name: new RegExp(cast.hubPeople[0]!.crn) })).toBeVisible();
  await expectAccessible(h, 'hub queue');
  await saveScreenshot(h, 'role-3-hub-queue');
  await visit(h, host.origin, `/decide/${requestId(cast.hubPeople[0]!.crn)}`, /^Decide:/);
  await visit(h, host.origin, '/emergency-reviews', 'Emergency access reviews');
  await visit(h, host.origin, '/reviews', 'Reviews of refusals');

  // LAO administrator (a hub officer too).
  const lao = await people.open(HUB_LAO);
  await navTo(lao.page, 'LAO lists');
  await expect(lao.page.getByTestId('lao-entries').getByRole('row').nth(1)).toBeVisible();
  await expectAccessible(lao.page, 'LAO lists');
  await saveScreenshot(lao.page, 'role-5-lao-administrator-lists');

  // Administrator.
  const admin = await people.open(ADMIN);
  const a = admin.page;
  await expect(a.getByTestId('users').getByRole('row', { name: /crc\.practitioner/ })).toBeVisible();
  await expectAccessible(a, 'users');
  await saveScreenshot(a, 'role-4-administrator-users');
  await a.getByTestId('users').getByRole('link', { name: cast.tutorName }).click();
  await expect(a.getByRole('heading', { level: 1, name: cast.tutorName })).toBeVisible();
  await a.getByLabel('Roles', { exact: true }).check();
  await expectAccessible(a, 'user');
  await visit(a, host.origin, '/admin/users/new', 'Create an account');
  await visit(a, host.origin, '/admin/policy', 'Policy settings');
  await visit(a, host.origin, '/admin/audit', 'Audit');
  await a.getByTestId('verify-audit').click();
  await expect(a.getByTestId('audit-verified')).toContainText('The audit chain is intact');
  // The browser host takes no daily backups itself, and says so where the desktop lists them.
  await expect(a.getByTestId('backups')).toContainText('IT support makes them');
  await expectAccessible(a, 'audit verified');
  await visit(a, host.origin, '/admin/clock', 'Clock');
  await visit(a, host.origin, '/admin/import', 'Import an export set');
});
