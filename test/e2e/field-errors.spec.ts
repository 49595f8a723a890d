/**
 * The broker's refusal of a field comes back with the field's path, so the form shows it against
 * that field (GOV.UK error summary and field error), worded with the label the person sees.
 */
import { expectAccessible } from './support/accessibility';
import { ADMIN } from './support/cast';
import { expect, navTo, test } from './support/fixtures';

test('a field the broker refuses is shown against that field, by its label, and nothing changes', async ({ people, host }) => {
  const admin = await people.open(ADMIN);
  const a = admin.page;
  await navTo(a, 'Policy');
  await expect(a.getByRole('heading', { level: 1, name: 'Policy settings' })).toBeVisible();
  const routine = a.locator('#policy-sla-ROUTINE-minutes');
  // The heading shows before the policy has arrived: wait for the form to hold the stored value.
  const stored = await host.as(ADMIN).call<{ sla: { ROUTINE: { minutes: number } } }>('admin.getPolicy', {});
  const before = String(stored.sla.ROUTINE.minutes);
  await expect(routine).toHaveValue(before);
  await routine.fill('0');
  await a.getByLabel('Your password').fill('demonstration');
  await a.getByTestId('save-policy').click();

  const summary = a.getByTestId('error-summary');
  await expect(summary).toContainText('Minutes for routine: must be at least 1');
  // Never the contract's own names for things.
  await expect(summary).not.toContainText(/sla|ROUTINE|policy\./);
  await expect(a.locator('#policy-sla-ROUTINE-minutes-error')).toContainText('must be at least 1');
  await summary.getByRole('link', { name: /Minutes for routine/ }).click();
  await expect(routine).toBeFocused();
  await expectAccessible(a, 'policy with a refused field');

  const policy = await host.as(ADMIN).call<{ sla: { ROUTINE: { minutes: number } } }>('admin.getPolicy', {});
  expect(String(policy.sla.ROUTINE.minutes)).toBe(before);
});
