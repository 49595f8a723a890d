/**
 * One broker for many desktops: two `rab serve` processes over one backing store, and three
 * desktops in connected mode (the practitioner's on server A; the offender manager's and the hub's
 * on server B). Each change made through one server reaches the desktops on the other by the push
 * connection, without reloading: the request appears in the owner's inbox and the hub's queue, the
 * decision on the practitioner's page, and a revocation closes the practitioner's open record.
 */
import { startBrokerCluster, type BrokerCluster } from './support/broker-cluster';
import { ADMIN, discoverCast, HUB, OWNER, TUTOR } from './support/cast';
import { expect, navTo, openPerson, test } from './support/fixtures';
import { requestFor } from './support/request-form';

let cluster: BrokerCluster | null = null;
test.afterEach(async () => {
  await cluster?.stop();
  cluster = null;
});

test('a request, its approval and a revocation travel between desktops on two servers, live', async ({ browser, cspViolations }) => {
  // A store, two servers and three desktops to start, on a machine that may be busy.
  test.setTimeout(480_000);
  cluster = await startBrokerCluster(2);
  const [serverA, serverB] = cluster.servers as [(typeof cluster.servers)[0], (typeof cluster.servers)[0]];
  const desktopA = await cluster.desktop(serverA);
  const desktopB = await cluster.desktop(serverB);
  const hubDesktop = await cluster.desktop(serverB);
  const cast = await discoverCast(desktopA);
  const person = cast.ownersPeople[0]!;
  const hubPerson = cast.hubPeople[0]!;

  const practitioner = await openPerson(browser, desktopA, TUTOR, cspViolations);
  const owner = await openPerson(browser, desktopB, OWNER, cspViolations);
  const hub = await openPerson(browser, hubDesktop, HUB, cspViolations);
  try {
    await expect(owner.page.getByRole('heading', { level: 1, name: 'Requests to decide' })).toBeVisible();
    await expect(hub.page.getByRole('heading', { level: 1, name: 'Hub queue' })).toBeVisible();

    // The practitioner asks through server A; the owner's open inbox on server B shows it without reloading.
    await requestFor(practitioner.page, person.crn, person.name, { scope: 'RoSH summary', urgency: 'Routine', days: 3 });
    const row = owner.page.getByTestId('queue').getByRole('row', { name: new RegExp(person.crn) });
    await expect(row).toContainText(cast.tutorName);

    // A request for someone whose offender manager is away goes to the hub's open queue, also live.
    const toHub = await desktopA.as(TUTOR).call<{ results: Array<{ outcome: string }> }>('requests.create', {
      crns: [hubPerson.crn],
      scope: 'ROSH_SUMMARY',
      purpose: 'PROGRAMME_DELIVERY',
      justification: 'Group session on Thursday; I need the safety essentials first.',
      urgency: 'ROUTINE',
      durationDays: 3,
    });
    expect(toHub.results[0]!.outcome).toBe('CREATED');
    await expect(hub.page.getByTestId('queue').getByRole('row', { name: new RegExp(hubPerson.crn) })).toBeVisible();

    // The practitioner watches their requests while the owner approves on server B.
    await navTo(practitioner.page, 'My requests');
    const mine = practitioner.page.getByTestId('my-requests').getByRole('row', { name: new RegExp(person.crn) });
    await expect(mine).not.toContainText('Approved');
    await row.getByRole('link', { name: person.name }).click();
    await owner.page.getByLabel('Approve').check();
    await owner.page.getByRole('button', { name: 'Send decision' }).click();
    await expect(owner.page.getByTestId('decision-done')).toContainText('Request approved');
    await expect(mine).toContainText('Approved');

    // The record reads through server A.
    await navTo(practitioner.page, 'My access');
    await practitioner.page.getByTestId('my-grants').getByRole('row', { name: new RegExp(person.crn) }).getByRole('link', { name: /^Read/ }).click();
    await expect(practitioner.page.getByTestId('section-rosh-summary')).toBeVisible();

    // The owner revokes on server B: the record open on the practitioner's desktop closes within seconds.
    await navTo(owner.page, 'My caseload');
    await owner.page.getByLabel('Filter by name or CRN').fill(person.crn);
    await owner.page.getByTestId('caseload').getByRole('link', { name: person.name }).click();
    await owner.page.getByTestId('viewers').getByRole('row', { name: /Granted access/ }).getByRole('button', { name: /Revoke/ }).click();
    await owner.page.getByLabel('Reason').fill('The group has moved to another provider.');
    await owner.page.getByTestId('confirm-revoke').click();
    await expect(owner.page.getByTestId('revoked')).toContainText(cast.tutorName);
    await expect(practitioner.page.getByTestId('record-closed-reason')).toContainText('The group has moved to another provider.');
    await expect(practitioner.page.getByTestId('record-viewer')).toHaveCount(0);
  } finally {
    for (const p of [practitioner, owner, hub]) await p.context.close();
  }
});

test('a desktop shows since when it cannot reach its broker and answers a typed error, and the banner goes by itself when the broker is back', async ({ browser, cspViolations }) => {
  test.setTimeout(360_000);
  cluster = await startBrokerCluster(2);
  const [serverA, serverB] = cluster.servers as [(typeof cluster.servers)[0], (typeof cluster.servers)[0]];
  const desktop = await cluster.desktop(serverA);
  const practitioner = await openPerson(browser, desktop, TUTOR, cspViolations);
  try {
    await expect(practitioner.page.getByTestId('broker-unreachable')).toHaveCount(0);
    await serverA.stop();
    await navTo(practitioner.page, 'My requests');
    await expect(practitioner.page.getByTestId('broker-unreachable')).toContainText(/Cannot reach the broker since \d\d:\d\d; retrying/);
    await expect(practitioner.page.getByText('Cannot reach the broker. Nothing was lost')).toBeVisible();
    // Server B is still up: the other servers serve the same store.
    expect((await (await cluster.desktop(serverB)).as(OWNER).attempt('requests.inbox', { offset: 0, limit: 10 })).ok).toBe(true);
    // Server A is back on its address: the desktop notices by itself. The restarted server finds the
    // session in the store (servers keep sessions there), so the person carries on without signing in.
    await serverA.start();
    await expect(practitioner.page.getByTestId('broker-unreachable')).toHaveCount(0);
    await navTo(practitioner.page, 'My requests');
    await expect(practitioner.page.getByTestId('my-requests')).toBeVisible();

    // Export sets are imported on the broker's own server: a connected desktop's import screen says so in words, with no form and no command.
    const admin = await openPerson(browser, desktop, ADMIN, cspViolations);
    try {
      await navTo(admin.page, 'Import');
      await expect(admin.page.getByTestId('import-elsewhere')).toContainText('imported there, by whoever looks after that server');
      await expect(admin.page.getByTestId('start-import')).toHaveCount(0);
      await expect(admin.page.getByRole('main')).not.toContainText(/\brab [a-z]/);
      const refused = await desktop.as(ADMIN).attempt('admin.runImport', { directory: '/srv/exports/2026-03-02', confirmPassword: 'not needed here' });
      expect(refused.error?.code).toBe('IMPORT_UNAVAILABLE');
      expect(refused.error?.message).not.toMatch(/\brab\b|command/);
    } finally {
      await admin.context.close();
    }
  } finally {
    await practitioner.context.close();
  }
});
