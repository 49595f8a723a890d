/**
 * The one entry point: dispatch(channel, connection, rawInput). Validate with the channel's zod
 * schema, check the session, call the handler (which asks the policy), check the answer against
 * the output schema, and answer {ok:true,value} or {ok:false,error:{code,message}} (with `fields`,
 * each refused field's path and message, when the input was invalid). Nothing
 * thrown ever escapes: unknown channels and malformed input are answered as errors, having
 * changed nothing. Each call is all or nothing (call-atomicity.ts); a damaged store is refused
 * from the first sign of damage on (store-health.ts).
 */
import { CONTRACT, isChannelName, type ChannelName, type Result } from '../../../shared/contract';
import { AppError, type ERROR_CODES } from '../../../shared/errors';
import { loadActor } from '../auth/load-actor';
import type { Actor } from '../policy/actor';
import type { Connection } from '../auth/sessions';
import { withCallPolicy } from '../settings/policy-store';
import { storeFailureOf } from '../store/store-failures';
import type { Call, CoreServices, Handler } from './call';
import { invalidInput } from './invalid-input';
import { inCallTransaction, OWN_TRANSACTIONS, READ_ONLY, Recalled, type CallJournal } from './call-atomicity';
import { watchClock } from './call-start';
import { HANDLERS } from './handlers/index';

/** Channels the window polls in the background: they are not activity, so they do not hold off the idle lock. */
const BACKGROUND_CHANNELS: ReadonlySet<string> = new Set(['notifications.list', 'auth.status']);

const failure = (code: keyof typeof ERROR_CODES, message?: string): Result<never> => ({
  ok: false,
  error: new AppError(code, message).toShape(),
});

export type InternalErrorLog = (channel: string, error: unknown) => void;

/**
 * `journal` (a server's calls sent with an idempotency key) is kept inside the call's transaction;
 * channels with their own transactions are journaled by the server around the call instead.
 */
export async function dispatch(services: CoreServices, channel: unknown, conn: Connection, rawInput: unknown, logInternal: InternalErrorLog, journal?: CallJournal): Promise<Result<unknown>> {
  try {
    const refused = services.health.refused;
    if (refused) return { ok: false, error: refused.toShape() };
    if (!isChannelName(channel)) {
      return failure('UNKNOWN_CHANNEL', typeof channel === 'string' ? `No such operation: ${channel.slice(0, 80)}.` : 'No such operation.');
    }
    const def = CONTRACT[channel];
    if (def.access === 'dev' && services.devClock === null) return failure('UNKNOWN_CHANNEL', `No such operation: ${channel}.`);
    const parsed = def.input.safeParse(rawInput === undefined ? {} : rawInput);
    if (!parsed.success) return { ok: false, error: invalidInput(parsed.error).toShape() };
    // Before the call's transaction, and committed at once whatever the call does (call-start.ts).
    const caller = def.access === 'session' ? (services.sessions.peek(conn.sessionId)?.userId ?? null) : null;
    const { policy, actor } = await watchClock(services, caller);
    return await withCallPolicy(services.ctx.db, policy, () => runCall(services, channel, conn, parsed.data, logInternal, journal, actor));
  } catch (e) {
    return await answerFor(services, typeof channel === 'string' ? channel : '?', e, logInternal);
  }
}

/** The call itself, once checked and the time recorded: in one transaction, or in its own (OWN_TRANSACTIONS). */
async function runCall(services: CoreServices, channel: ChannelName, conn: Connection, input: unknown, logInternal: InternalErrorLog, journal: CallJournal | undefined, known: Actor | undefined): Promise<Result<unknown>> {
  const handler = HANDLERS[channel] as Handler<ChannelName>;
  // A call runs, with everything it reads and writes, in one transaction (call-atomicity.ts).
  if (!OWN_TRANSACTIONS.has(channel)) {
    const value = await inCallTransaction(services.ctx.db, conn, services.sessions, async () => {
      const call = await startCall(services, channel, conn, known);
      return checkAnswer(channel, await handler(call, input as never), logInternal);
    }, { otherWriterBusy: services.importProgress.running, readOnly: READ_ONLY.has(channel), ...(journal ? { journal } : {}) });
    return value instanceof Recalled ? value.answer : { ok: true, value };
  }
  const call = await startCall(services, channel, conn, known);
  return { ok: true, value: checkAnswer(channel, await handler(call, input as never), logInternal) };
}

/** For session channels, the signed-in actor: as read with the clock (call-start.ts), or read now if the session changed hands meanwhile. */
async function startCall(services: CoreServices, channel: ChannelName, conn: Connection, known: Actor | undefined): Promise<Call> {
  const call: Call = { services, conn, actor: null };
  if (CONTRACT[channel].access === 'session') {
    const session = services.sessions.require(conn.sessionId, { touch: !BACKGROUND_CHANNELS.has(channel) });
    const actor = known?.userId === session.userId ? known : await loadActor(services.ctx.db, session.userId);
    if (!actor.active) {
      services.sessions.end(session.id);
      conn.sessionId = null;
      throw new AppError('ACCOUNT_INACTIVE');
    }
    call.actor = actor;
  }
  return call;
}

function checkAnswer(channel: ChannelName, value: unknown, logInternal: InternalErrorLog): unknown {
  const checked = CONTRACT[channel].output.safeParse(value);
  if (!checked.success) {
    logInternal(channel, new Error(`The answer did not match the contract: ${invalidInput(checked.error).message}`));
    // Thrown, not returned, so the call's changes are rolled back with it.
    throw new AppError('INTERNAL');
  }
  return checked.data;
}

/** The answer for a failed call: store failures by their own codes (damage refuses the store), bugs as INTERNAL. */
async function answerFor(services: CoreServices, channel: string, e: unknown, logInternal: InternalErrorLog): Promise<Result<never>> {
  const storeFailure = storeFailureOf(e);
  if (storeFailure?.code === 'STORE_DAMAGED') {
    await logInternal(channel, e);
    return { ok: false, error: (await services.health.refuse(channel, e instanceof Error ? e.message : String(e))).toShape() };
  }
  if (storeFailure) return { ok: false, error: storeFailure.toShape() };
  if (e instanceof AppError) return { ok: false, error: e.toShape() };
  await logInternal(channel, e);
  return failure('INTERNAL');
}
