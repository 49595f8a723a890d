import { describe, expect, it } from 'vitest';
import { DevClock } from '../../browser-host/dev-clock';

describe('the browser host’s clock', () => {
  const start = Date.UTC(2026, 2, 2, 10, 0);

  it('stands still until moved when frozen, for the end-to-end tests', () => {
    let wall = 1_000;
    const clock = new DevClock(start, false, () => wall);
    wall += 60_000;
    expect(clock.now()).toBe(start);
    clock.advanceMinutes(90);
    expect(clock.now()).toBe(start + 90 * 60_000);
    clock.advanceDays(1);
    expect(clock.now()).toBe(start + 90 * 60_000 + 24 * 3_600_000);
  });

  it('flows with real time from wherever it was last set, for people clicking through', () => {
    let wall = 1_000;
    const clock = new DevClock(start, true, () => wall);
    wall += 5_000;
    expect(clock.now()).toBe(start + 5_000);
    clock.set(start + 3_600_000);
    wall += 2_000;
    expect(clock.now()).toBe(start + 3_602_000);
    clock.advanceMinutes(-60);
    expect(clock.now()).toBe(start + 2_000);
  });
});
