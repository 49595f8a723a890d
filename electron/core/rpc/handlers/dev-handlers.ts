/** dev.* channels: only served when the host built the core with a settable clock (development). */
import { AppError } from '../../../../shared/errors';
import { sweep } from '../../broker/sweep';
import type { TestClock } from '../../clock/clock';
import type { Call, HandlersOf } from '../call';

const devClock = (call: Call): TestClock => {
  if (!call.services.devClock) throw new AppError('UNKNOWN_CHANNEL');
  return call.services.devClock;
};

export const devHandlers: HandlersOf<'dev.'> = {
  'dev.clock': (call) => ({ now: devClock(call).now() }),
  'dev.setClock': (call, input) => {
    devClock(call).set(input.at);
    return { now: devClock(call).now() };
  },
  'dev.advanceClock': (call, input) => {
    devClock(call).advanceMinutes(input.minutes);
    return { now: devClock(call).now() };
  },
  'dev.sweep': async (call) => {
    devClock(call);
    return await sweep(call.services.ctx);
  },
};
