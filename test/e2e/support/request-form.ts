/** Filling in the access request form the way a practitioner does. */
import type { Page } from '@playwright/test';
import { fillDate } from './date-input';

export interface RequestAnswers {
  scope: 'Front sheet (safety essentials)' | 'RoSH summary' | 'Risk management plan' | 'Full record';
  urgency: 'Immediate safety' | 'Needed within 2 working days' | 'Routine';
  /** How long, in days (or in hours when `hours` is given instead). */
  days?: number;
  hours?: number;
  why?: string;
  /** London time, typed into the day, month, year and time boxes: 2026-03-02T11:30 */
  neededBy?: string;
}

export async function fillRequest(page: Page, a: RequestAnswers): Promise<void> {
  await page.getByLabel(a.scope, { exact: true }).check();
  await page.getByLabel('What do you need it for?').selectOption('PROGRAMME_DELIVERY');
  await page.getByLabel('Why do you need it?').fill(a.why ?? 'The group starts this week and I need to plan the sessions safely.');
  await page.getByLabel(a.urgency, { exact: true }).check();
  if (a.neededBy) await fillDate(page, 'Needed by (optional)', a.neededBy);
  await page.getByLabel('For how long?').fill(String(a.hours ?? a.days ?? 1));
  await page.getByLabel('Days or hours').selectOption(a.hours !== undefined ? 'HOURS' : 'DAYS');
}

/** From the practitioner's start page to a sent request for one person. */
export async function requestFor(page: Page, crn: string, name: string, a: RequestAnswers): Promise<void> {
  await page.getByRole('navigation', { name: 'Primary navigation' }).getByRole('link', { name: 'Find a person' }).click();
  await page.getByLabel('CRN, PNC or name').fill(crn);
  await page.getByRole('button', { name: 'Search' }).click();
  // One exact CRN match opens the person straight away.
  await page.getByRole('heading', { level: 1, name }).waitFor();
  await page.getByTestId('request-access').click();
  await fillRequest(page, a);
  await page.getByRole('button', { name: 'Send request' }).click();
  await page.getByTestId('request-sent').waitFor();
}
