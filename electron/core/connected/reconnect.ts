/**
 * What a connected desktop does, in this order, when it has the broker again (the first call after
 * an outage, a sign-in, or the broker found reachable again):
 *
 * 1. asks which cached records the person may still read (offline.check) and deletes the rest, so a
 *    revocation, an exclusion or an ended grant takes effect before any further read;
 * 2. uploads the offline reads and offline sign-ins of the local chain (offline.uploadReads), which
 *    the broker appends to the one audit chain with their original times;
 * 3. sends the outbox (requests and withdrawals made offline) with their idempotency keys;
 * then the window refreshes. If the broker goes again midway, the steps not done wait for next time.
 */
import type { Result } from '../../../shared/contract';
import type { OutputOf } from '../../../shared/contract/define';
import type { offlineChannels } from '../../../shared/contract/offline';
import type { OfflineCache } from './offline-cache';

/** One call to the broker, with the idempotency key to send (a new one when not given). */
export type SendToBroker = (channel: string, input: unknown, idempotencyKey?: string) => Promise<Result<unknown>>;

export type ReconnectOutcome =
  | { kind: 'back'; deleted: number; uploaded: number; sent: number }
  | { kind: 'unreachable' }
  /** The broker answered but would not serve this person (session ended, account inactive, …). */
  | { kind: 'refused'; code: string };

const UNAVAILABLE = 'BROKER_UNAVAILABLE';

export async function reconnect(cache: OfflineCache, username: string, send: SendToBroker, now: () => number): Promise<ReconnectOutcome> {
  const person = cache.person(username);
  if (!person) return { kind: 'refused', code: 'NOT_SIGNED_IN' };

  const askedAt = cache.mark();
  const check = await send('offline.check', { crns: cache.cachedCrns(username) });
  if (!check.ok) {
    if (check.error.code === UNAVAILABLE) return { kind: 'unreachable' };
    if (check.error.code === 'ACCOUNT_INACTIVE') cache.forgetPerson(username);
    return { kind: 'refused', code: check.error.code };
  }
  const answer = check.value as OutputOf<(typeof offlineChannels)['offline.check']>;
  const deleted = cache.applyRecheck(username, answer.offlineWindowHours, answer.records, now(), answer.lockout, askedAt);

  let uploaded = 0;
  const reads = cache.chain.pending(person.chainId);
  if (reads.length > 0) {
    const upload = await send('offline.uploadReads', { chainId: person.chainId, reads });
    if (!upload.ok && upload.error.code === UNAVAILABLE) return { kind: 'unreachable' };
    // A refused upload stays in the local chain for the next reconnection and for an administrator to see.
    if (!upload.ok) return { kind: 'refused', code: upload.error.code };
    cache.chain.markUploaded(person.chainId, reads[reads.length - 1]!.seq);
    uploaded = reads.length;
  }

  let sent = 0;
  for (const item of cache.outbox.waiting(username)) {
    const result = await send(item.channel, item.input, item.idempotencyKey);
    if (!result.ok && result.error.code === UNAVAILABLE) return { kind: 'unreachable' };
    // Answered (done, or refused as it would have been online): the person sees the outcome in their lists.
    cache.outbox.sent(item.idempotencyKey);
    sent++;
  }
  cache.noteContact(username, now());
  return { kind: 'back', deleted, uploaded, sent };
}
