/** The period and breakdown the Reports screen shows, kept in the address so a view can be reloaded. */
import { BREAKDOWNS, type Breakdown } from '../../../../shared/contract/report-vocabulary';

export interface ReportView {
  from: string;
  to: string;
  breakdown: Breakdown;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const londonDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day in London at `at`, as YYYY-MM-DD. */
export const londonDay = (at: number): string => londonDate.format(at);

/** The last 30 days up to today, unless the address names a period. */
export function viewFromQuery(query: URLSearchParams, now: number): ReportView {
  const from = query.get('from') ?? '';
  const to = query.get('to') ?? '';
  const by = query.get('by') ?? '';
  return {
    from: ISO_DATE.test(from) ? from : londonDay(now - 29 * 86_400_000),
    to: ISO_DATE.test(to) ? to : londonDay(now),
    breakdown: (BREAKDOWNS as readonly string[]).includes(by) ? (by as Breakdown) : 'NONE',
  };
}
