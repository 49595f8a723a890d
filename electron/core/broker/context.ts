/** What every broker service needs: the store, the clock and the policy settings in force. */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { PolicySettings } from '../../../shared/contract/policy-settings';
import { AppError } from '../../../shared/errors';
import type { Clock } from '../clock/clock';
import { can, type Action } from '../policy/can';
import type { Actor } from '../policy/actor';
import { readPolicy } from '../settings/policy-store';

export interface BrokerContext {
  db: Database;
  clock: Clock;
}

export const policyOf = (ctx: BrokerContext): PolicySettings => readPolicy(ctx.db);

/** Asks the policy and throws its answer as an AppError when the answer is no. */
export function authorise<A extends Action>(actor: Actor, action: A, resource: Parameters<typeof can<A>>[2], now: number) {
  const verdict = can(actor, action, resource, now);
  if (!verdict.allowed) throw new AppError(verdict.code, verdict.message);
  return verdict;
}

/** Runs `fn` in a BEGIN IMMEDIATE transaction: the write lock is taken before anything is read. */
export const writeTransaction = <T>(ctx: BrokerContext, fn: () => T): T => ctx.db.transaction(fn).immediate();

/** How an actor appears in the audit log. */
export const auditActor = (actor: Actor): string => actor.username;
