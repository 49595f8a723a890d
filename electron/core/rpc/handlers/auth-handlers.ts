/** auth.* channels: sign-in, sign-out, lock and unlock, status, own password. */
import type { SessionStatus } from '../../../../shared/contract';
import { AppError } from '../../../../shared/errors';
import { appendAuditEvent } from '../../audit/audit-log';
import { changeOwnPassword } from '../../auth/accounts';
import { loadActor, sessionUser } from '../../auth/load-actor';
import type { Session } from '../../auth/sessions';
import { checkPassword } from '../../auth/sign-in';
import { policyOf } from '../../broker/context';
import { readClockState } from '../../clock/clock-guard';
import { actorOf, type Call, type HandlersOf } from '../call';

export async function sessionStatus(call: Call): Promise<SessionStatus> {
  const { ctx, sessions } = call.services;
  const s = sessions.peek(call.conn.sessionId);
  if (!s) {
    call.conn.sessionId = null;
    return { state: 'SIGNED_OUT' };
  }
  const actor = await loadActor(ctx.db, s.userId);
  if (!actor.active) {
    sessions.end(s.id);
    call.conn.sessionId = null;
    return { state: 'SIGNED_OUT' };
  }
  const user = await sessionUser(ctx.db, actor);
  if (s.locked) return { state: 'LOCKED', user };
  return { state: 'SIGNED_IN', user, idleExpiresAt: sessions.idleExpiresAt(s), now: ctx.clock.now(), idleLockMinutes: (await policyOf(ctx)).idleLockMinutes, readsPaused: (await readClockState(ctx.db)).rollback !== null };
}

export const authHandlers: HandlersOf<'auth.'> = {
  'auth.status': async (call) => await sessionStatus(call),

  'auth.signIn': async (call, input) => {
    const { ctx, sessions } = call.services;
    // The new session is described inside the transaction that records the sign-in, and only then
    // handed to the window: a sign-in that fails part-way (a damaged page, say) records nothing and
    // leaves the window as it was.
    let session: Session | null = null;
    let status: SessionStatus | null = null;
    await checkPassword(ctx.db, await policyOf(ctx), () => ctx.clock.now(), { username: input.username }, input.password, 'signIn', async (userId) => {
      const started = sessions.start(userId);
      try {
        status = await sessionStatus({ ...call, conn: { id: call.conn.id, sessionId: started.id } });
      } catch (e) {
        sessions.end(started.id);
        throw e;
      }
      session = started;
    });
    sessions.end(call.conn.sessionId);
    call.conn.sessionId = session!.id;
    return status!;
  },

  'auth.signOut': async (call) => {
    const { ctx, sessions } = call.services;
    const s = sessions.peek(call.conn.sessionId);
    if (s) {
      const actor = await loadActor(ctx.db, s.userId);
      await appendAuditEvent(ctx.db, { at: ctx.clock.now(), actor: actor.username, action: 'auth.signOut', subject: `user:${s.userId}`, details: {} });
    }
    sessions.end(call.conn.sessionId);
    call.conn.sessionId = null;
    return { state: 'SIGNED_OUT' as const };
  },

  'auth.lock': async (call) => {
    if (call.conn.sessionId) call.services.sessions.lock(call.conn.sessionId);
    return await sessionStatus(call);
  },

  'auth.unlock': async (call, input) => {
    const { ctx, sessions } = call.services;
    const s = sessions.peek(call.conn.sessionId);
    if (!s) throw new AppError(call.conn.sessionId ? 'SESSION_EXPIRED' : 'NOT_SIGNED_IN');
    await checkPassword(ctx.db, await policyOf(ctx), () => ctx.clock.now(), { userId: s.userId }, input.password, 'unlock');
    sessions.unlock(s.id);
    return await sessionStatus(call);
  },

  'auth.changePassword': async (call, input) => {
    const actor = actorOf(call);
    const { ctx } = call.services;
    await checkPassword(ctx.db, await policyOf(ctx), () => ctx.clock.now(), { userId: actor.userId }, input.currentPassword, 'reauth');
    await changeOwnPassword(ctx.db, actor.username, () => ctx.clock.now(), actor.userId, input.newPassword);
    return { done: true as const };
  },
};
