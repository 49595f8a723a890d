/**
 * A tutor asks for the whole programme group at once; each person is routed on their own, and the
 * offender manager decides their share of the group in one go.
 */
import { expectAccessible } from './support/accessibility';
import { discoverCast, OWNER, TUTOR } from './support/cast';
import { expect, test } from './support/fixtures';
import { fillRequest } from './support/request-form';

test('a batch request for a programme group is routed person by person and decided in bulk', async ({ host, people }) => {
  const cast = await discoverCast(host);
  const officer = await people.open(TUTOR);
  const { page } = officer;

  await page.getByRole('link', { name: 'Request access for a group' }).click();
  await page.getByLabel('The participants of a programme I deliver').check();
  await page.getByLabel('Programme', { exact: true }).selectOption(cast.programmeCode);
  // Everyone the tutor may ask for is ticked; people they may not see are shown but cannot be chosen.
  await expect(page.getByLabel(`Access restricted (${cast.excludedCrn})`)).toBeDisabled();
  await expect(page.getByLabel(new RegExp(cast.ownersPeople[0]!.crn))).toBeChecked();
  await fillRequest(page, { scope: 'RoSH summary', urgency: 'Needed within 2 working days', days: 7 });
  await expectAccessible(page, 'group request');
  await page.getByTestId('send-batch').click();

  const results = page.getByTestId('batch-results');
  await expect(page.getByTestId('batch-banner')).toContainText('requests sent');
  for (const p of cast.ownersPeople) await expect(results.getByRole('row', { name: new RegExp(p.crn) })).toContainText(cast.ownerName);
  for (const p of cast.hubPeople) await expect(results.getByRole('row', { name: new RegExp(p.crn) })).toContainText(/hub/i);
  await expectAccessible(page, 'group request sent');

  // The offender manager picks the whole group from one of its rows and approves all at once.
  const owner = await people.open(OWNER);
  const queue = owner.page.getByTestId('queue');
  await queue.getByRole('row', { name: new RegExp(cast.ownersPeople[0]!.crn) }).getByRole('button', { name: /Select group/ }).click();
  await expect(owner.page.getByTestId('bulk-decide')).toHaveText(`Decide selected (${cast.ownersPeople.length})`);
  await owner.page.getByTestId('bulk-decide').click();
  await expect(owner.page.getByTestId('bulk-requests').getByRole('row')).toHaveCount(cast.ownersPeople.length + 1);
  await owner.page.getByLabel('Approve all').check();
  await owner.page.getByLabel('Front sheet (safety essentials)').check();
  await expectAccessible(owner.page, 'bulk decision');
  await owner.page.getByTestId('submit-bulk').click();
  await expect(owner.page.getByTestId('bulk-done')).toContainText(`${cast.ownersPeople.length} of ${cast.ownersPeople.length} requests decided`);

  // Each approval narrowed the scope to the front sheet, and the requester sees that.
  const mine = await host.as(TUTOR).call<{ rows: Array<{ crn: string; status: string; decision: { scope: string; narrowed: boolean } | null }> }>('requests.mine', { filter: 'DECIDED' });
  for (const p of cast.ownersPeople) {
    expect(mine.rows.find((r) => r.crn === p.crn)).toMatchObject({ status: 'APPROVED', decision: { scope: 'FRONT_SHEET', narrowed: true } });
  }
});
