/**
 * The dev.* clock channels for a browser host in connected mode. There the core is the broker's, on
 * the broker's clock, but the desktop keeps a clock of its own for its offline copy (the offline
 * window, the clock-rollback guard, the times of offline reads); tests move that one, and only that
 * one, to show what happens on this computer as time passes while the broker cannot be reached.
 */
import type { Result } from '../../shared/contract';
import { CONTRACT } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { Connection } from '../../electron/core/auth/sessions';
import { invalidInput } from '../../electron/core/rpc/invalid-input';
import type { DevClock } from './dev-clock';

type Dispatch = (channel: string, conn: Connection, rawInput: unknown) => Promise<Result<unknown>>;

/** `dispatch` with dev.clock, dev.setClock and dev.advanceClock answered here, on the desktop's clock. */
export function withConnectedDevClock(clock: DevClock, dispatch: Dispatch): Dispatch {
  return async (channel, conn, rawInput) => {
    if (channel === 'dev.clock' || channel === 'dev.setClock' || channel === 'dev.advanceClock') {
      const parsed = CONTRACT[channel].input.safeParse(rawInput ?? {});
      if (!parsed.success) return { ok: false, error: invalidInput(parsed.error).toShape() };
      if ('at' in parsed.data) clock.set(parsed.data.at);
      if ('minutes' in parsed.data) clock.advanceMinutes(parsed.data.minutes);
      return { ok: true, value: { now: clock.now() } };
    }
    // Escalations and expiries run on the broker's sweep, on the broker's clock, not on this computer.
    if (channel === 'dev.sweep') return { ok: false, error: new AppError('UNKNOWN_CHANNEL', 'A connected desktop runs no sweep: its broker does.').toShape() };
    return dispatch(channel, conn, rawInput);
  };
}
