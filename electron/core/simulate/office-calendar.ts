/**
 * The simulated office's calendar, in the policy's time zone and working hours: which days are
 * working days, instants at a local time of day, and who in the hub is on shift. The hub works
 * two overlapping shifts on working days (08:00–16:00 and 12:00–20:00, alternating staff) and one
 * person covers 10:00–16:00 on other days, in rotation.
 */
import { TZDate } from '@date-fns/tz';
import type { PolicySettings } from '../../../shared/contract/policy-settings';
import { DAY, HOUR } from '../clock/clock';
import { addWorkingMinutes, type WorkingHours } from '../clock/working-time';

export interface OfficeDay {
  /** Local midnight. */
  start: number;
  working: boolean;
  /** Index of the day from the first one, for rotations. */
  index: number;
}

export class OfficeCalendar {
  readonly hours: WorkingHours;

  constructor(policy: PolicySettings) {
    this.hours = { ...policy.workingHours, bankHolidays: policy.bankHolidays };
  }

  get timeZone(): string {
    return this.hours.timeZone;
  }

  /** Local midnight of the day containing `at`. */
  midnight(at: number): number {
    const local = new TZDate(at, this.timeZone);
    return new TZDate(local.getFullYear(), local.getMonth(), local.getDate(), 0, 0, this.timeZone).getTime();
  }

  /** `hour` o'clock (local) on the day starting at local midnight `dayStart`. */
  at(dayStart: number, hour: number): number {
    const local = new TZDate(dayStart, this.timeZone);
    return new TZDate(local.getFullYear(), local.getMonth(), local.getDate(), Math.floor(hour), Math.round((hour % 1) * 60), this.timeZone).getTime();
  }

  /** The days that overlap [from, until). */
  days(from: number, until: number): OfficeDay[] {
    const out: OfficeDay[] = [];
    for (let start = this.midnight(from), index = 0; start < until; index++) {
      const next = this.midnight(start + DAY + 2 * HOUR);
      out.push({ start, working: addWorkingMinutes(start, 0, this.hours) < next, index });
      start = next;
    }
    return out;
  }

  isWorkingTime(at: number): boolean {
    return addWorkingMinutes(at, 0, this.hours) === at;
  }

  addWorkingMinutes(from: number, minutes: number): number {
    return addWorkingMinutes(from, minutes, this.hours);
  }

  localHour(at: number): number {
    const local = new TZDate(at, this.timeZone);
    return local.getHours() + local.getMinutes() / 60;
  }

  /** Indexes of the hub staff on shift at `at`, out of `count`. */
  hubOnShift(at: number, count: number, day: OfficeDay): number[] {
    if (count === 0) return [];
    const hour = this.localHour(at);
    if (!day.working) return hour >= 10 && hour < 16 ? [day.index % count] : [];
    const onDuty: number[] = [];
    for (let i = 0; i < count; i++) {
      const early = i % 2 === 0 || count === 1;
      if (early ? hour >= 8 && hour < 16 : hour >= 12 && hour < 20) onDuty.push(i);
    }
    return onDuty;
  }
}
