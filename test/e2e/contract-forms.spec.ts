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

test('the policy form refuses by admin.updatePolicy’s own schema, each refusal on its own field, and a good policy is saved and shown', async ({ host, people }) => {
  const admin = (await people.open(ADMIN)).page;
  const api = host.as(ADMIN);
  const before = await api.call<{ hubLeadMinutes: number; sla: { ROUTINE: { minutes: number } } }>('admin.getPolicy', {});
  await admin.goto(`${host.origin}/#/admin/policy`);
  await expect(admin.getByRole('heading', { level: 1, name: 'Policy settings' })).toBeVisible();

  // A word where a number goes, a day that ends before it starts, and no password: all said at once, nothing sent.
  await admin.getByLabel('Hub lead time, in minutes').fill('soon');
  await admin.getByLabel('Day starts').fill('17:00');
  await admin.getByLabel('Day ends').fill('09:00');
  await admin.getByTestId('save-policy').click();
  const summary = admin.getByTestId('error-summary');
  await expect(summary).toContainText('Hub lead time, in minutes: must be a whole number');
  await expect(summary).toContainText('Day ends: the working day must end after it starts');
  await expect(summary).toContainText('Your password: is required');
  await expect(admin.locator('#policy-hubLeadMinutes-error')).toContainText('must be a whole number');
  await expectAccessible(admin, 'policy refused by the contract');
  expect(await api.call('admin.getPolicy', {})).toEqual(before);

  await admin.getByLabel('Hub lead time, in minutes').fill(String(before.hubLeadMinutes + 15));
  await admin.getByLabel('Day starts').fill('09:00');
  await admin.getByLabel('Day ends').fill('17:00');
  await admin.locator('#policy-sla-ROUTINE-minutes').fill(String(before.sla.ROUTINE.minutes + 60));
  await admin.getByLabel('Your password').fill(DEMO_PASSWORD);
  await admin.getByTestId('save-policy').click();
  await expect(admin.getByTestId('policy-saved')).toBeVisible();
  await expect(summary).toHaveCount(0);
  const after = await api.call<typeof before>('admin.getPolicy', {});
  expect(after.hubLeadMinutes).toBe(before.hubLeadMinutes + 15);
  expect(after.sla.ROUTINE.minutes).toBe(before.sla.ROUTINE.minutes + 60);
  // The form shows the policy now in force, and the password box is empty again.
  await expect(admin.getByLabel('Hub lead time, in minutes')).toHaveValue(String(before.hubLeadMinutes + 15));
  await expect(admin.getByLabel('Your password')).toHaveValue('');
});

test('changing an account is checked by the chosen channel’s own schema, and the change is made once it passes', async ({ host, people }) => {
  const admin = (await people.open(ADMIN)).page;
  const api = host.as(ADMIN);
  const users = await api.call<{ rows: { userId: number; username: string }[] }>('admin.listUsers', { query: TUTOR });
  const tutor = users.rows.find((u) => u.username === TUTOR)!;
  await admin.goto(`${host.origin}/#/admin/users/${tutor.userId}`);
  await admin.getByRole('button', { name: 'Save' }).click();
  const summary = admin.getByTestId('error-summary');
  await expect(summary).toContainText('What do you want to change: choose what to change');
  await expect(summary).toContainText('Your password: is required');

  await admin.getByLabel('Set a new password').check();
  await admin.getByLabel('New password', { exact: true }).fill('too short');
  await admin.getByLabel('Your password').fill(DEMO_PASSWORD);
  await admin.getByRole('button', { name: 'Save' }).click();
  await expect(summary).toContainText('New password: must be at least 12 characters');
  await expect(summary).not.toContainText('choose what to change');
  await expectAccessible(admin, 'account change refused by the contract');

  await admin.getByLabel('New password', { exact: true }).fill('a new long password');
  await admin.getByLabel('Your password').fill(DEMO_PASSWORD);
  await admin.getByRole('button', { name: 'Save' }).click();
  await expect(admin.getByText('Password set and lockout cleared')).toBeVisible();
  // The old password no longer signs the practitioner in.
  await expect(host.as(TUTOR).call('auth.status', {})).rejects.toThrow(/could not sign in/);
});
