/**
 * Helpers for the report tests: ask for the report through the channel the screen uses, and
 * move the broker fixture's clock in minutes.
 */
import type { Breakdown, Report } from '../../shared/contract/reports';
import type { BrokerFixture } from './broker-fixture';

/** Monday 2 March 2026, the broker cast's first day. */
export const MONDAY = '2026-03-02';

export async function reportFor(fx: BrokerFixture, from = MONDAY, to = from, breakdown: Breakdown = 'NONE'): Promise<Report> {
  return fx.call('hana', 'reports.build', { from, to, breakdown });
}

export const byRoute = (r: Report, route: Report['waitTimes']['byRoute'][number]['route']) => r.waitTimes.byRoute.find((x) => x.route === route)!;
