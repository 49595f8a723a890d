/**
 * `simulateHistory`: N days of an office's activity on an imported store, driven through the
 * broker's own services with a clock that moves from N days ago up to `until`. The sweep runs
 * every 10 simulated minutes as the app's timer would. The same store, seed and `until` always
 * give the same history. At the end the period's report is built, for its headline figures.
 */
import type { Db } from '../store/sql';
import type { Report } from '../../../shared/contract/reports';
import { localDate } from '../broker/case-facts';
import type { Actor } from '../policy/actor';
import { policyOf, type BrokerContext } from '../broker/context';
import { sweep } from '../broker/sweep';
import { DAY, MINUTE, TestClock } from '../clock/clock';
import { buildReport } from '../reports/build-report';
import { reportPeriod } from '../reports/report-period';
import { rngFor } from '../seed/prng';
import { EventQueue } from './event-queue';
import { OfficeCalendar, type OfficeDay } from './office-calendar';
import { noCounts, type SimEvent, type SimulationCounts } from './simulated-events';
import { SimulatedOffice } from './simulated-office';
import { immediateSafetyInTime, type MissionFigure } from './mission-figure';
import { simulationStaff, type SimulationStaff } from './simulation-staff';

export const MAX_SIMULATED_DAYS = 365;
const SWEEP_EVERY = 10 * MINUTE;

export interface SimulationOptions {
  days: number;
  seed: number;
  /** The history ends here (normally now); it starts `days` days before. */
  until: number;
  /**
   * Staff the simulation leaves alone: it never acts as them, never asks about the people they hold
   * or are allocated to, and plans no absences for them (the demonstration accounts and their cases).
   */
  spareStaff?: readonly string[];
  /**
   * Share of offender managers (0 to 1) away for the whole period, chosen by the seed: their leave
   * is recorded at the start through the broker, as an administrator would.
   */
  unavailableShare?: number;
  /** Owner-only baseline: nobody else can give access (no hub, no emergency access), as before the broker. */
  ownerOnly?: boolean;
  /** Called after each simulated day, for a progress bar. */
  onDay?: (done: number, total: number) => void;
}

export interface SimulationResult {
  from: number;
  until: number;
  accountsCreated: number;
  counts: SimulationCounts;
  /** The report for the simulated days (dates in the office's time zone), as the screen would show it. */
  report: Report;
  /** Immediate-safety requests decided or emergency-opened within 30 minutes. */
  mission: MissionFigure;
}

export async function simulateHistory(db: Db, o: SimulationOptions): Promise<SimulationResult> {
  if (!Number.isInteger(o.days) || o.days < 1 || o.days > MAX_SIMULATED_DAYS) throw new RangeError(`days must be a whole number from 1 to ${MAX_SIMULATED_DAYS}`);
  const from = o.until - o.days * DAY;
  const clock = new TestClock(from);
  const ctx: BrokerContext = { db, clock };
  const calendar = new OfficeCalendar(await policyOf(ctx));
  const spare = new Set(o.spareStaff ?? []);
  const staff = await simulationStaff(db, from, spare);
  const rng = rngFor(o.seed, 'simulate-history');
  const queue = new EventQueue<SimEvent>();
  const counts = noCounts();
  const office = await SimulatedOffice.open(ctx, staff, rng, calendar, queue, counts, spare);

  const days = calendar.days(from, o.until);
  planUnavailableOwners(queue, staff, o, from);
  office.planAbsences(days, from, o.until);
  for (const day of days) office.planArrivals(day, from, o.until);

  // Events arrive in time order, so the day they fall in only ever moves forward.
  let dayIndex = 0;
  const dayAt = (at: number): number => {
    while (dayIndex < days.length - 1 && at >= days[dayIndex + 1]!.start) {
      dayIndex++;
      o.onDay?.(dayIndex, days.length);
    }
    return dayIndex;
  };
  const onShift = (at: number) => (o.ownerOnly ? [] : calendar.hubOnShift(at, staff.hub.length, days[dayAt(at)]!).map((i) => staff.hub[i]!));
  const nextShift = (at: number): number => {
    for (let t = at + 30 * MINUTE; t < at + 7 * DAY; t += 30 * MINUTE) if (calendar.hubOnShift(t, o.ownerOnly ? 0 : staff.hub.length, dayContaining(days, t)).length > 0) return t;
    return at + 7 * DAY;
  };

  let nextSweep = from;
  const nextAt = (): number => Math.min(queue.peek()?.at ?? Infinity, nextSweep);
  /** Plays the next simulated moment: an event, or the sweep when it comes first. False at the end. */
  const nextStep = async (): Promise<boolean> => {
    const next = queue.peek();
    const at = nextAt();
    if (at >= o.until) return false;
    clock.set(at);
    if (next && next.at === at) {
      queue.pop();
      if (!(o.ownerOnly && next.kind === 'breakGlass')) await handle(office, next, onShift(at), () => nextShift(at));
      return true;
    }
    await sweep(ctx);
    counts.sweeps++;
    if (onShift(at).length > 0) await office.pickUpHubWork();
    nextSweep += SWEEP_EVERY;
    return true;
  };
  if (db.dialect === 'sqlite') {
    // One transaction per simulated day instead of one per action: each action keeps its own
    // savepoint (a refusal undoes only itself), and the store writes its hot pages once a day, not
    // thousands of times. On PostgreSQL a transaction may be run again after a serialisation failure,
    // which would replay a day's draws, so there every action stays a transaction of its own.
    for (let more = true; more; ) {
      more = await db.write(async () => {
        const day = dayAt(nextAt());
        while (nextAt() < o.until && dayAt(nextAt()) === day) await nextStep();
        return nextAt() < o.until;
      });
    }
  } else {
    let more = true;
    while (more) more = await nextStep();
  }
  clock.set(o.until);
  await sweep(ctx);
  counts.sweeps++;
  o.onDay?.(days.length, days.length);

  const period = reportPeriod(localDate(from, calendar.timeZone), localDate(o.until - 1, calendar.timeZone), o.until, calendar.timeZone);
  return {
    from,
    until: o.until,
    accountsCreated: staff.accountsCreated,
    counts,
    report: await buildReport(db, period, { generatedAt: o.until }),
    mission: await immediateSafetyInTime(db, from, o.until),
  };
}

/** The office day containing `at` (the first one for an instant before it). */
function dayContaining(days: readonly OfficeDay[], at: number): OfficeDay {
  let found = days[0]!;
  for (const d of days) {
    if (d.start > at) break;
    found = d;
  }
  return found;
}

/** The chosen share of owners goes on leave for the whole period, recorded at its start. */
function planUnavailableOwners(queue: EventQueue<SimEvent>, staff: SimulationStaff, o: SimulationOptions, from: number): void {
  const share = o.unavailableShare ?? 0;
  if (!(share >= 0 && share <= 1)) throw new RangeError('the unavailable share must be from 0 to 1');
  const rng = rngFor(o.seed, 'unavailable-owners');
  const owners = [...staff.owners];
  // A seeded shuffle, then the first share of them: the same seed picks the same owners.
  for (let i = owners.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [owners[i], owners[j]] = [owners[j]!, owners[i]!];
  }
  for (const owner of owners.slice(0, Math.round(share * owners.length))) {
    queue.push({ at: from, kind: 'absence', owner, absence: 'LEAVE', startAt: from, endAt: o.until - MINUTE, recordedBy: staff.admin ?? owner.actor });
  }
}

async function handle(office: SimulatedOffice, e: SimEvent, onShift: Actor[], nextShift: () => number): Promise<void> {
  switch (e.kind) {
    case 'ask':
      return await office.ask(e.requester);
    case 'ownerAnswers':
      return await office.ownerAnswers(e.requestId);
    case 'hubAnswers':
      return await office.hubAnswers(e.requestId, onShift);
    case 'withdraw':
      return await office.withdraw(e.requestId, e.requester);
    case 'breakGlass':
      return await office.breakGlass(e.requestId, e.requester);
    case 'review':
      return await office.review(e.useId, e.userId, onShift, nextShift());
    case 'revoke':
      return await office.revoke(e.grantId, e.ownerStaffCode, onShift);
    case 'absence':
      return await office.recordAbsence(e);
  }
}
