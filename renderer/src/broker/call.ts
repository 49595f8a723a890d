/**
 * Calls one channel of window.broker by its contract name. Every answer is a Result; the screens
 * show `error.message`. Answers that say the session is locked or gone are also reported to the
 * session listener, so the whole app can lock or return to sign-in whichever screen asked.
 */
import type { Result } from '../../../shared/contract/define';
import type { ErrorCode } from '../../../shared/errors';
import type { AppChannel, AppInput, AppOutput, RendererBrokerApi } from './broker-api';

const SESSION_CODES: ReadonlySet<ErrorCode> = new Set(['SESSION_LOCKED', 'SESSION_EXPIRED', 'NOT_SIGNED_IN']);

type SessionListener = (code: ErrorCode) => void;
const sessionListeners = new Set<SessionListener>();

/** Hears every answer that means the session is locked, expired or signed out. */
export function onSessionProblem(listener: SessionListener): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

export function brokerApi(): RendererBrokerApi {
  const api = window.broker;
  if (!api) throw new Error('window.broker is missing: the app must be opened by the desktop app or the browser host.');
  return api;
}

type AnyFunction = (input: unknown) => Promise<Result<unknown>>;

function functionFor(channel: AppChannel): AnyFunction {
  let node: unknown = brokerApi();
  for (const part of channel.split('.')) {
    node = (node as Record<string, unknown> | undefined)?.[part];
  }
  if (typeof node !== 'function') throw new Error(`window.broker has no "${channel}".`);
  return node as AnyFunction;
}

export async function call<C extends AppChannel>(channel: C, input: AppInput<C>): Promise<Result<AppOutput<C>>> {
  let result: Result<unknown>;
  try {
    result = await functionFor(channel)(input);
  } catch {
    result = { ok: false, error: { code: 'INTERNAL', message: 'The app could not reach the broker. Nothing was changed.' } };
  }
  if (!result.ok && SESSION_CODES.has(result.error.code)) {
    for (const listener of sessionListeners) listener(result.error.code);
  }
  return result as Result<AppOutput<C>>;
}
