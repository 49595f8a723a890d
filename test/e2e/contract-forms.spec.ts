/**
 * Forms checked by the contract's own schema: creating an account or asking for access refuses what the broker would
 * refuse before anything is sent, each refusal against its field by its label, and a refusal only
 * the broker can know (a username already taken) is shown the same way.
 */
import { expectAccessible } from './support/accessibility';
import { ADMIN, discoverCast, TUTOR } from './support/cast';
import { expect, test } from './support/fixtures';
import { DEMO_PASSWORD } from './support/test-host';

test('the new account form refuses by the contract’s own rules, field by field, and sends nothing until they are met', async ({ host, people }) => {
  const admin = (await people.open(ADMIN)).page;
  const api = host.as(ADMIN);
  const before = await api.call<{ total: number }>('admin.listUsers', {});
  await admin.goto(`${host.origin}/#/admin/users/new`);
  await admin.getByRole('button', { name: 'Create account' }).click();

  const summary = admin.getByTestId('error-summary');
  await expect(summary).toContainText('Full name: is required');
  await expect(summary).toContainText('Roles: give at least one role');
  await expect(summary).toContainText('Password for the account: must be at least 12 characters');
  await expect(summary).toContainText('Your password: is required');
  await expect(admin.locator('#new-name-error')).toContainText('Full name: is required');
  await expectAccessible(admin, 'new account with errors');
  expect((await api.call<{ total: number }>('admin.listUsers', {})).total).toBe(before.total);

  // A staff code in lower case is taken as capitals; a username already in use is refused by the broker.
  await admin.getByLabel('Username').fill('crc.practitioner');
  await admin.getByLabel('Full name').fill('Casey Newstarter');
  await admin.getByLabel('Administrator', { exact: true }).check();
  await admin.getByLabel('Password for the account').fill('a long enough password');
  await admin.getByLabel('Your password').fill(DEMO_PASSWORD);
  await admin.getByRole('button', { name: 'Create account' }).click();
  await expect(summary).toContainText(/already|taken|in use/i);
  expect((await api.call<{ total: number }>('admin.listUsers', {})).total).toBe(before.total);

  await admin.getByLabel('Username').fill('casey.newstarter');
  await admin.getByLabel('Your password').fill(DEMO_PASSWORD);
  await admin.getByRole('button', { name: 'Create account' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Casey Newstarter' })).toBeVisible();
  expect((await api.call<{ total: number }>('admin.listUsers', {})).total).toBe(before.total + 1);
});

test('the request form refuses by requests.create’s own schema, in words about each field, and sends nothing until it is met', async ({ host, people }) => {
  const cast = await discoverCast(host);
  const person = cast.ownersPeople[1]!;
  const tutor = (await people.open(TUTOR)).page;
  const api = host.as(TUTOR);
  const before = await api.call<{ total: number }>('requests.mine', {});
  await tutor.goto(`${host.origin}/#/people/${person.crn}/request`);
  await tutor.getByRole('button', { name: 'Send request' }).click();

  const summary = tutor.getByTestId('error-summary');
  await expect(summary).toContainText('How much of the record: choose one');
  await expect(summary).toContainText('What you need it for: choose one');
  await expect(summary).toContainText('Why you need it: is required');
  await expect(summary).toContainText('How soon you need it: choose one');
  await expect(summary).toContainText('How long: is required');
  await expect(tutor.locator('#request-justification-error')).toContainText('Why you need it: is required');

  // A part of a day, and a needed-by date that does not exist, are named against their own boxes.
  await tutor.getByLabel('For how long?').fill('1.5');
  await tutor.locator('#request-needed-by').fill('31');
  await tutor.locator('#request-needed-by-month').fill('2');
  await tutor.locator('#request-needed-by-year').fill('2026');
  await tutor.getByRole('button', { name: 'Send request' }).click();
  await expect(summary).toContainText('How long: must be a whole number');
  await expect(summary).toContainText('Needed by: must be a real date and time');
  await expectAccessible(tutor, 'request form refused by the contract');
  expect((await api.call<{ total: number }>('requests.mine', {})).total).toBe(before.total);
});
