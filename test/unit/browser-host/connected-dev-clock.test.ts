import { describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/contract';
import type { Connection } from '../../../electron/core/auth/sessions';
import { withConnectedDevClock } from '../../browser-host/connected-dev-clock';
import { DevClock } from '../../browser-host/dev-clock';

describe('the dev.* clock channels of a connected browser host', () => {
  const start = Date.UTC(2026, 2, 2, 10, 0);
  const conn: Connection = { id: 'window', sessionId: null };
  const desktop = () => {
    const clock = new DevClock(start, false);
    const sent: string[] = [];
    const dispatch = withConnectedDevClock(clock, (channel) => {
      sent.push(channel);
      return Promise.resolve<Result<unknown>>({ ok: true, value: { from: 'broker' } });
    });
    return { clock, sent, dispatch };
  };

  it("moves the desktop's own clock and sends nothing to the broker", async () => {
    const { clock, sent, dispatch } = desktop();
    expect(await dispatch('dev.advanceClock', conn, { minutes: 8 * 60 + 1 })).toEqual({ ok: true, value: { now: start + (8 * 60 + 1) * 60_000 } });
    expect(await dispatch('dev.setClock', conn, { at: start })).toEqual({ ok: true, value: { now: start } });
    expect(await dispatch('dev.clock', conn, {})).toEqual({ ok: true, value: { now: start } });
    expect(clock.now()).toBe(start);
    expect(sent).toEqual([]);
  });

  it('refuses bad input and the sweep, leaving the clock where it was', async () => {
    const { clock, sent, dispatch } = desktop();
    expect(await dispatch('dev.advanceClock', conn, { minutes: 'soon' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await dispatch('dev.sweep', conn, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'A connected desktop runs no sweep: its broker does.' } });
    expect(clock.now()).toBe(start);
    expect(sent).toEqual([]);
  });

  it('passes every other channel to the broker', async () => {
    const { sent, dispatch } = desktop();
    expect(await dispatch('records.read', conn, { crn: 'X123456' })).toEqual({ ok: true, value: { from: 'broker' } });
    expect(sent).toEqual(['records.read']);
  });
});
