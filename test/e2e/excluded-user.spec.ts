/**
 * A member of staff excluded from a person (LAO) can neither see nor ask for the record: search
 * shows "Access restricted", a request is refused with the exclusion message, and a read is refused.
 */
import { expectAccessible } from './support/accessibility';
import { discoverCast, TUTOR } from './support/cast';
import { expect, test } from './support/fixtures';
import { fillRequest } from './support/request-form';

test('an excluded user is refused: hidden in search, refused on request, refused on read', async ({ host, people }) => {
  const cast = await discoverCast(host);
  const other = cast.ownersPeople[0]!;
  const { page } = await people.open(TUTOR);

  await page.getByLabel('CRN, PNC or name').fill(cast.excludedCrn);
  await page.getByRole('button', { name: 'Search' }).click();
  const result = page.getByTestId('search-results').getByRole('row', { name: new RegExp(cast.excludedCrn) });
  await expect(result).toContainText('Access restricted');
  await expectAccessible(page, 'search results');

  await result.getByRole('link', { name: cast.excludedCrn }).click();
  await expect(page.getByRole('region', { name: 'Access restricted' })).toContainText('You are excluded from this record.');
  await expect(page.getByTestId('request-access')).toHaveCount(0);
  await expectAccessible(page, 'excluded person');

  // Asked for in a group with someone else: that person's request goes, the excluded one is refused.
  await page.goto(`${host.origin}/#/requests/batch`);
  await page.getByLabel('A list of CRNs').check();
  await page.getByLabel('CRNs', { exact: true }).fill(`${cast.excludedCrn}\n${other.crn}`);
  await fillRequest(page, { scope: 'RoSH summary', urgency: 'Routine', days: 7 });
  await page.getByTestId('send-batch').click();
  const results = page.getByTestId('batch-results');
  await expect(results.getByRole('row', { name: new RegExp(cast.excludedCrn) })).toContainText('Not sent');
  await expect(results.getByRole('row', { name: new RegExp(cast.excludedCrn) })).toContainText('excluded');
  await expect(results.getByRole('row', { name: new RegExp(other.crn) })).toContainText('Waiting for the offender manager');

  // Going straight to the record is refused too.
  await page.goto(`${host.origin}/#/records/${cast.excludedCrn}`);
  await expect(page.getByTestId('record-refused')).toContainText('excluded');
  await expect(page.getByTestId('record-viewer')).toHaveCount(0);
  await expectAccessible(page, 'record refused');
});
