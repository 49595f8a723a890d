/**
 * Finding a person the ways staff write them: by PNC with or without the slash (one exact match
 * opens the person straight away) and by "Surname, Forename" as on a list.
 */
import { expectAccessible } from './support/accessibility';
import { discoverCast, TUTOR } from './support/cast';
import { expect, test } from './support/fixtures';

test('a PNC with or without the slash opens the person, and "Surname, Forename" lists them', async ({ host, people }) => {
  const cast = await discoverCast(host);
  const person = cast.ownersPeople[0]!;
  const detail = await host.as(TUTOR).call<{ pnc: string | null }>('people.get', { crn: person.crn });
  expect(detail.pnc, 'the demonstration person has a PNC').toMatch(/^\d{4}\/\d{7}[A-Z]$/);
  const [forename, ...rest] = person.name.split(' ');
  const surname = rest.join(' ');

  const { page } = await people.open(TUTOR);
  const search = async (query: string) => {
    await page.getByRole('navigation', { name: 'Primary navigation' }).getByRole('link', { name: 'Find a person', exact: true }).click();
    await page.getByLabel('CRN, PNC or name').fill(query);
    await page.getByRole('button', { name: 'Search' }).click();
  };

  for (const pnc of [detail.pnc!, detail.pnc!.replace('/', '')]) {
    await search(pnc);
    await expect(page.getByRole('heading', { level: 1, name: person.name })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`#/people/${person.crn}$`));
  }

  await search(`${surname}, ${forename}`);
  await expect(page.getByTestId('search-results').getByRole('row', { name: new RegExp(person.crn) })).toBeVisible();
  await expectAccessible(page, 'search by surname, forename');
});
