/**
 * The idle lock: the window locks itself after the policy's idle time without keyboard or pointer
 * use, and the core locks a session that has been idle as long; either way the screen's contents
 * are gone until the password is entered again.
 */
import { expectAccessible } from './support/accessibility';
import { OWNER, TUTOR } from './support/cast';
import { DEMO_PASSWORD } from './support/test-host';
import { expect, test } from './support/fixtures';

test('the app locks when idle and opens again with the password, where the person left off', async ({ host, people }) => {
  // The window's own timer: 15 idle minutes by the page's clock.
  const officer = await people.open(TUTOR, { fakeClock: true });
  const o = officer.page;
  await o.getByRole('navigation', { name: 'Primary navigation' }).getByRole('link', { name: 'My access' }).click();
  await expect(o.getByRole('heading', { level: 1, name: 'My access' })).toBeVisible();
  await o.clock.fastForward('14:00');
  await expect(o.getByRole('heading', { level: 1, name: 'My access' })).toBeVisible();
  await o.clock.fastForward('01:10');
  await expect(o.getByRole('heading', { level: 1, name: 'Records Access Broker is locked' })).toBeVisible();
  await expect(o.getByRole('heading', { level: 1, name: 'My access' })).toHaveCount(0);
  await o.getByLabel('Password').fill('wrong password');
  await o.getByRole('button', { name: 'Unlock' }).click();
  await expect(o.getByTestId('error-summary')).toBeVisible();
  await o.getByLabel('Password').fill(DEMO_PASSWORD);
  await o.getByRole('button', { name: 'Unlock' }).click();
  await expect(o.getByRole('heading', { level: 1, name: 'My access' })).toBeVisible();

  // The core's own idle lock: twenty minutes pass on the core's clock with nothing from this window.
  const owner = await people.open(OWNER);
  await expect(owner.page.getByRole('heading', { level: 1, name: 'Requests to decide' })).toBeVisible();
  await host.advanceClock(20);
  await expect(owner.page.getByRole('heading', { level: 1, name: 'Records Access Broker is locked' })).toBeVisible({ timeout: 30_000 });
  await expectAccessible(owner.page, 'locked by the core');
  await owner.page.getByLabel('Password').fill(DEMO_PASSWORD);
  await owner.page.getByRole('button', { name: 'Unlock' }).click();
  await expect(owner.page.getByRole('heading', { level: 1, name: 'Requests to decide' })).toBeVisible();
});
