/**
 * A form checked by the contract's own schema: creating an account refuses what the broker would
 * refuse before anything is sent, each refusal against its field by its label, and a refusal only
 * the broker can know (a username already taken) is shown the same way.
 */
import { expectAccessible } from './support/accessibility';
import { ADMIN } from './support/cast';
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
