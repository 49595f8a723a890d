/** Typing a date (and time) into the GOV.UK date input, box by box, as a person does. */
import type { Locator, Page } from '@playwright/test';

/** `value` is London time as "2026-03-02T09:00", or "2026-03-02" for a date alone. */
export async function fillDate(page: Page | Locator, legend: string, value: string): Promise<void> {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}:\d{2}))?$/.exec(value);
  if (!match) throw new Error(`Not a date: ${value}`);
  const group = page.getByRole('group', { name: legend, exact: true }).first();
  await group.getByLabel('Day').fill(String(Number(match[3])));
  await group.getByLabel('Month').fill(String(Number(match[2])));
  await group.getByLabel('Year').fill(match[1]!);
  if (match[4]) await group.getByLabel('Time').fill(match[4]);
}
