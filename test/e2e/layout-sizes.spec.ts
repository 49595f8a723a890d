/**
 * The sizes people's windows are: at 800, 1024, 1280, 1440 and 1920 pixels wide, no screen is wider
 * than the window, nothing is cut off at its edge ("Sign out" included), the content keeps a margin
 * from the left edge (centred on wide screens), queues let the page scroll instead of a box inside
 * it, and at narrow widths a queue's rows become stacked summaries.
 */
import type { Page } from '@playwright/test';
import { expectAccessible } from './support/accessibility';
import { ADMIN, discoverCast, HUB, OWNER, TUTOR } from './support/cast';
import { expect, test } from './support/fixtures';
import { saveScreenshot } from './support/screenshots';

const WIDTHS = [800, 1024, 1280, 1440, 1920];

interface LayoutFacts {
  pageWidth: number;
  windowWidth: number;
  /** Visible elements reaching past the window's right edge, as tag.class (text). */
  cutOff: string[];
  /** Elements that scroll on their own inside the page. */
  innerScrollers: string[];
  mainLeft: number;
  mainRight: number;
}

/** What the page looks like at this size, measured in the page. */
async function layoutFacts(page: Page): Promise<LayoutFacts> {
  return page.evaluate(`(() => {
    const describe = (el) => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') + ' (' + (el.textContent || '').trim().slice(0, 40) + ')';
    const width = document.documentElement.clientWidth;
    const cutOff = [];
    const innerScrollers = [];
    for (const el of document.querySelectorAll('body *')) {
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      // Visually hidden text (1px, clipped) is for screen readers and may sit anywhere.
      if (box.width <= 1 && box.height <= 1) continue;
      if (box.right > width + 1) cutOff.push(describe(el));
      // A text box scrolls its own text; any other element scrolling on its own hides content.
      if (el.tagName !== 'TEXTAREA' && /(auto|scroll)/.test(style.overflowY) && el.scrollHeight > el.clientHeight + 1) innerScrollers.push(describe(el));
    }
    const main = document.getElementById('main-content').getBoundingClientRect();
    return { pageWidth: document.documentElement.scrollWidth, windowWidth: width, cutOff: cutOff.slice(0, 5), innerScrollers, mainLeft: main.left, mainRight: main.right };
  })()`);
}

async function expectFits(page: Page, screen: string, width: number): Promise<void> {
  const facts = await layoutFacts(page);
  expect(facts.cutOff, `${screen} at ${width}px: nothing past the window's edge`).toEqual([]);
  expect(facts.pageWidth, `${screen} at ${width}px: page no wider than the window`).toBeLessThanOrEqual(facts.windowWidth);
  expect(facts.innerScrollers, `${screen} at ${width}px: the page scrolls, not a box inside it`).toEqual([]);
  expect(facts.mainLeft, `${screen} at ${width}px: content not against the left edge`).toBeGreaterThanOrEqual(15);
  // On wide screens the content is centred: the same margin on both sides.
  if (width >= 1280) expect(Math.abs(facts.mainLeft - (facts.windowWidth - facts.mainRight)), `${screen} at ${width}px: centred`).toBeLessThanOrEqual(2);
  const signOut = page.getByRole('button', { name: 'Sign out' });
  await expect(signOut).toBeInViewport({ ratio: 1 });
}

async function visit(page: Page, url: string, heading: string | RegExp): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  await expect(page.getByText('Loading…')).toHaveCount(0);
}

test('at 800 to 1920 pixels no screen is wider than the window or cut off, queues scroll with the page, and narrow queues stack their rows', async ({ host, people }) => {
  // Five sizes of a dozen screens, the queues checked by axe-core at each: three times the usual time.
  test.slow();
  const cast = await discoverCast(host);
  const crns = [...cast.ownersPeople, ...cast.hubPeople].map((p) => p.crn);
  await host.as(TUTOR).call('requests.create', {
    crns,
    scope: 'ROSH_SUMMARY',
    purpose: 'PROGRAMME_DELIVERY',
    justification: 'Building Better Relationships starts on Thursday.',
    urgency: 'WITHIN_2_WORKING_DAYS',
    durationDays: 7,
  });
  const owner = (await people.open(OWNER)).page;
  const hub = (await people.open(HUB)).page;
  const tutor = (await people.open(TUTOR)).page;
  const admin = (await people.open(ADMIN)).page;
  const screens: Array<{ page: Page; route: string; heading: string | RegExp; queue?: string }> = [
    { page: owner, route: '/inbox', heading: 'Requests to decide', queue: 'queue' },
    { page: owner, route: '/caseload', heading: 'My caseload', queue: 'caseload' },
    { page: hub, route: '/hub', heading: 'Hub queue', queue: 'queue' },
    { page: tutor, route: '/requests', heading: 'My requests' },
    { page: tutor, route: `/people/${cast.ownersPeople[0]!.crn}`, heading: cast.ownersPeople[0]!.name },
    { page: tutor, route: `/people/${cast.ownersPeople[0]!.crn}/request`, heading: 'Request access to a record' },
    { page: admin, route: '/admin/users', heading: 'Users', queue: 'users' },
    { page: admin, route: '/admin/audit', heading: 'Audit' },
    { page: admin, route: '/admin/policy', heading: 'Policy settings' },
  ];

  for (const width of WIDTHS) {
    for (const s of screens) {
      await s.page.setViewportSize({ width, height: 900 });
      await visit(s.page, `${host.origin}/#${s.route}`, s.heading);
      await expectFits(s.page, s.route, width);
      if (!s.queue) continue;
      const rows = s.page.getByTestId(s.queue).getByTestId('virtual-row');
      await expect(rows.first()).toBeVisible();
      // Below about 900 pixels a row is a stacked summary, each value under its column's name.
      await expect(rows.first(), `${s.route} rows at ${width}px`).toHaveCSS('display', width < 900 ? 'block' : 'table-row');
      await expectAccessible(s.page, `${s.route} at ${width}px`);
      if (width === 800 && s.route === '/inbox') await saveScreenshot(s.page, 'nps-offender-manager-queue-at-800px');
    }
  }

  // A short queue shows every row in the page: as many rows as "Showing n of n" says.
  await hub.setViewportSize({ width: 1280, height: 900 });
  await visit(hub, `${host.origin}/#/hub`, 'Hub queue');
  const count = await hub.getByText(/^Showing \d+ of \d+$/).textContent();
  const shown = Number(/Showing (\d+)/.exec(count ?? '')?.[1]);
  await expect(hub.getByTestId('queue').getByTestId('virtual-row')).toHaveCount(shown);
  for (const row of await hub.getByTestId('queue').getByTestId('virtual-row').all()) {
    await row.scrollIntoViewIfNeeded();
    await expect(row).toBeInViewport();
  }
});
