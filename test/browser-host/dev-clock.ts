/**
 * The browser host's clock: the core's only clock, settable through the dev.* channels. It either
 * flows with real time from wherever it was set (for people clicking through the preview) or stands
 * still until told to move (for the end-to-end tests, which move it step by step).
 */
import { TestClock } from '../../electron/core/clock/clock';

export class DevClock extends TestClock {
  private setAt: number;
  private setAtWall: number;

  constructor(
    start: number,
    private readonly flowing: boolean,
    private readonly wallNow: () => number = Date.now,
  ) {
    super(start);
    this.setAt = start;
    this.setAtWall = wallNow();
  }

  override now(): number {
    return this.flowing ? this.setAt + (this.wallNow() - this.setAtWall) : this.setAt;
  }

  override set(at: number | Date): void {
    this.setAt = typeof at === 'number' ? at : at.getTime();
    this.setAtWall = this.wallNow();
  }

  override advanceMinutes(minutes: number): void {
    this.set(this.now() + minutes * 60_000);
  }
}
