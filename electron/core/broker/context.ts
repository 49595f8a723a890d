/** What every broker service needs: the store, the clock and the policy settings in force. */
import type { PolicySettings } from '../../../shared/contract/policy-settings';
import { AppError } from '../../../shared/errors';
import type { Clock } from '../clock/clock';
import { can, type Action } from '../policy/can';
import type { Actor } from '../policy/actor';
import { readPolicy } from '../settings/policy-store';
import type { Db } from '../store/sql';
import type { WriteOptions } from '../store/engine/engine';

export interface BrokerContext {
  db: Db;
  clock: Clock;
}

export const policyOf = async (ctx: BrokerContext): Promise<PolicySettings> => await readPolicy(ctx.db);

/** Asks the policy and throws its answer as an AppError when the answer is no. */
export function authorise<A extends Action>(actor: Actor, action: A, resource: Parameters<typeof can<A>>[2], now: number) {
  const verdict = can(actor, action, resource, now);
  if (!verdict.allowed) throw new AppError(verdict.code, verdict.message);
  return verdict;
}

/**
 * Runs `fn` as one write transaction (BEGIN IMMEDIATE on SQLite, SERIALIZABLE on PostgreSQL, where
 * it may run again after a serialisation failure: `fn` must not act outside the store). Work already
 * inside a transaction joins it.
 */
export const writeTransaction = <T>(ctx: BrokerContext, fn: () => Promise<T>, options?: WriteOptions): Promise<T> =>
  ctx.db.write(async () => await fn(), options);

/** How an actor appears in the audit log. */
export const auditActor = (actor: Actor): string => actor.username;
