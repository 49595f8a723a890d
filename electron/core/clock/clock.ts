/** The one source of time. Everything in the core asks a Clock, so tests and the dev host can move it. */
export interface Clock {
  /** Milliseconds since the epoch (UTC). */
  now(): number;
}

export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }
}

/** A clock that only moves when told to. */
export class TestClock implements Clock {
  private at: number;
  constructor(start: number | Date) {
    this.at = typeof start === 'number' ? start : start.getTime();
  }
  now(): number {
    return this.at;
  }
  set(at: number | Date): void {
    this.at = typeof at === 'number' ? at : at.getTime();
  }
  advanceMinutes(minutes: number): void {
    this.at += minutes * 60_000;
  }
  advanceHours(hours: number): void {
    this.advanceMinutes(hours * 60);
  }
  advanceDays(days: number): void {
    this.advanceMinutes(days * 24 * 60);
  }
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
