/** records.* and emergency.* channels: reading, break-glass and its review. */
import { AppError } from '../../../../shared/errors';
import { emergencyReviewQueue, openEmergencyAccess, reviewEmergencyUse } from '../../broker/emergency-access';
import { readClockState } from '../../clock/clock-guard';
import { readRecord } from '../../records/read-record';
import { actorOf, confirmPassword, type HandlersOf } from '../call';

export const recordsHandlers: HandlersOf<'records.'> = {
  'records.read': async (call, input) => await readRecord(call.services.ctx, actorOf(call), input.crn),
};

export const emergencyHandlers: HandlersOf<'emergency.'> = {
  'emergency.open': async (call, input) => {
    const { ctx } = call.services;
    // Break-glass opens a grant-dependent read, so it pauses with them after the clock went back.
    if ((await readClockState(ctx.db)).rollback) throw new AppError('CLOCK_ROLLBACK');
    await confirmPassword(call, input.password);
    return await openEmergencyAccess(ctx, actorOf(call), input);
  },
  'emergency.reviewQueue': async (call, input) => await emergencyReviewQueue(call.services.ctx, actorOf(call), input),
  'emergency.review': async (call, input) => await reviewEmergencyUse(call.services.ctx, actorOf(call), input),
};
