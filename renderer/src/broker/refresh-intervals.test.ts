import { describe, expect, it } from 'vitest';
import { FALLBACK_GRANT_CHECK_MS, FALLBACK_REFRESH_MS, grantCheckInterval, liveUpdatesFlowing, PUSHED_REFRESH_MS, refreshInterval } from './refresh-intervals';

describe('polling is a slow fallback while live updates flow', () => {
  it('asks again every five minutes while a connected broker pushes its changes', () => {
    const status = { mode: 'connected', reachable: true } as const;
    expect(liveUpdatesFlowing(status)).toBe(true);
    expect(refreshInterval(status)).toBe(PUSHED_REFRESH_MS);
    expect(grantCheckInterval(status)).toBe(PUSHED_REFRESH_MS);
    expect(PUSHED_REFRESH_MS).toBe(300_000);
  });

  it('asks again every five minutes on this computer’s store, which pushes its changes too', () => {
    expect(refreshInterval({ mode: 'embedded' })).toBe(PUSHED_REFRESH_MS);
    expect(grantCheckInterval({ mode: 'embedded' })).toBe(PUSHED_REFRESH_MS);
  });

  it('keeps the short intervals when the broker cannot be reached', () => {
    const status = { mode: 'connected', reachable: false, since: 1_000 } as const;
    expect(liveUpdatesFlowing(status)).toBe(false);
    expect(refreshInterval(status)).toBe(FALLBACK_REFRESH_MS);
    expect(grantCheckInterval(status)).toBe(FALLBACK_GRANT_CHECK_MS);
  });

  it('keeps the short intervals on a store that pushes nothing yet', () => {
    expect(refreshInterval({ mode: 'embedded', live: false })).toBe(FALLBACK_REFRESH_MS);
    expect(grantCheckInterval({ mode: 'embedded', live: false })).toBe(FALLBACK_GRANT_CHECK_MS);
  });

  it('keeps the short intervals until the host has said anything (no push bridge at all)', () => {
    expect(refreshInterval(null)).toBe(FALLBACK_REFRESH_MS);
    expect(grantCheckInterval(null)).toBe(FALLBACK_GRANT_CHECK_MS);
    expect([FALLBACK_REFRESH_MS, FALLBACK_GRANT_CHECK_MS]).toEqual([15_000, 5_000]);
  });
});
