/**
 * A national hub queue (30,000 requests) is never loaded whole: the screen asks the server for one
 * page by (deadline, id), asks for the next only as the reader scrolls, and sends the filter words
 * to the server. The queue answer is replaced here by a synthetic backlog paged the way the server
 * pages; everything else is real.
 */
import type { Route } from '@playwright/test';
import { HUB } from './support/cast';
import { expect, test } from './support/fixtures';

const TOTAL = 30_000;
const START = Date.UTC(2026, 2, 2, 10, 0);

function hubRow(i: number) {
  return {
    id: i + 1, batchId: null, crn: `X${String(600000 + i).padStart(6, '0')}`, personName: `Person ${String(i).padStart(5, '0')}`,
    requesterUserId: 1, requesterName: `Requester ${i % 97}`, requesterProvider: 'London CRC',
    ownerStaffCode: 'N07T01B', ownerName: 'Willow Wood', scope: 'ROSH_SUMMARY', purpose: 'PROGRAMME_DELIVERY',
    justification: 'Synthetic backlog', urgency: 'ROUTINE', neededBy: null, durationDays: 7,
    status: 'PENDING_HUB', queue: 'HUB', hubReason: 'OWNER_ABSENT', whereAndWhy: 'With the NPS hub: away',
    createdAt: START - i * 60_000, deadline: START + i * 60_000, escalatedAt: null, overdue: false, fastTrack: false,
    extendsGrantId: null, decision: null, grantId: null, withdrawnAt: null, emergencyAvailable: false,
    risk: { roshLevel: 'HIGH', mappa: null, tier: 'B2', flags: [], restricted: false },
    canDecide: true, cannotDecideReason: null, maxDurationDays: 14,
  };
}

interface Asked {
  after: { deadline: number; id: number } | null;
  limit: number;
  text: string;
}

test('the hub queue loads one page, the next as the reader scrolls, and filters on the server', async ({ people }) => {
  const hub = await people.open(HUB);
  const { page } = hub;
  const asked: Asked[] = [];
  await page.route('**/rpc/requests.hubQueue', async (route: Route) => {
    const { input } = route.request().postDataJSON() as { input: Asked };
    asked.push(input);
    const matching = input.text ? [Number(input.text.replace(/\D/g, ''))].filter((i) => i < TOTAL) : null;
    const from = input.after ? input.after.id : 0;
    const ids = matching ?? Array.from({ length: Math.max(0, Math.min(input.limit, TOTAL - from)) }, (_, k) => from + k);
    const rows = ids.map(hubRow);
    const last = rows[rows.length - 1];
    const next = !matching && last && rows.length === input.limit ? { deadline: last.deadline, id: last.id } : null;
    await route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: true, value: { rows, total: matching ? matching.length : TOTAL, overdue: 0, next } }) });
  });
  await page.reload();
  const queue = page.getByTestId('queue');
  await expect(queue.getByRole('link', { name: 'Person 00000' })).toBeVisible();
  await expect(queue.getByRole('table')).toHaveAttribute('aria-rowcount', String(TOTAL + 1));
  // One page, not the whole queue.
  expect(asked.every((a) => a.after === null)).toBe(true);
  const firstPage = asked[asked.length - 1]!.limit;
  expect(firstPage).toBeLessThan(1000);

  // Scrolling to the end of what is loaded asks for the page after the last row, by key.
  // The page scrolls (no box inside it): to the bottom of the page is to the end of the loaded rows.
  await page.evaluate('window.scrollTo(0, document.documentElement.scrollHeight)');
  await expect(queue.getByRole('link', { name: `Person ${String(firstPage).padStart(5, '0')}` })).toBeAttached();
  const more = asked.find((a) => a.after !== null)!;
  expect(more.after).toEqual({ deadline: START + (firstPage - 1) * 60_000, id: firstPage });
  expect(asked.length).toBeLessThan(10);

  // Filter words go to the server, which answers with the one match.
  await page.getByLabel('Filter by name, CRN or requester').fill('Person 04242');
  await expect(page.getByTestId('list-count')).toHaveText('Showing 1 of 1');
  await expect(queue.getByRole('link', { name: 'Person 04242' })).toBeVisible();
  expect(asked[asked.length - 1]).toMatchObject({ text: 'Person 04242', after: null });
});
