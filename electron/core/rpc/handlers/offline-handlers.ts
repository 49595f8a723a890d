/**
 * offline.* channels: what a connected desktop's offline copy needs from the broker. The copy hands
 * over one record the person holds through a grant, built, refused and answered as records.read
 * builds, refuses and answers it (read-record.ts), but audited as `record.copy.offline`: it is
 * fetched so it can be read offline, and is not a read. The check
 * answers, for each record the desktop holds, what the person may read now by the same `can()` as a
 * read (so a revocation, an exclusion or an ended grant shows as nothing) without reading or
 * auditing anything. The upload appends the desktop's offline reads to the one audit chain as
 * `record.read.offline` events with their original times, after checking that its local chain is
 * whole and follows on from what this chain uploaded before: all of them, or none. The same chain
 * carries the desktop's offline sign-ins and unlocks (and failed attempts), appended as
 * `auth.signIn.offline` / `auth.unlock.offline` (`….fail`) events with their original times.
 */
import { isOfflineSignIn, offlineEntryCanonical, type OfflineChainEntry } from '../../../../shared/contract/offline';
import { AppError } from '../../../../shared/errors';
import { appendAuditEvent, chainHash, GENESIS_HASH } from '../../audit/audit-log';
import { auditActor, policyOf } from '../../broker/context';
import { can } from '../../policy/can';
import { recordResource } from '../../records/record-access';
import { OFFLINE_COPY, readRecord } from '../../records/read-record';
import { one, run, sql } from '../../store/sql';
import { actorOf, type HandlersOf } from '../call';

/** An offline read may be stamped this far ahead of the broker's clock (desktop clocks drift a little). */
const CLOCK_SLACK_MS = 5 * 60_000;

/** The audit action each offline password check becomes. */
const OFFLINE_CHECK_ACTIONS = {
  signIn: 'auth.signIn.offline',
  signInFailed: 'auth.signIn.offline.fail',
  unlock: 'auth.unlock.offline',
  unlockFailed: 'auth.unlock.offline.fail',
} as const;

const broken = (why: string) => new AppError('OFFLINE_CHAIN_BROKEN', `The offline reads sent do not follow on from this desktop's chain (${why}). None were recorded.`);

export const offlineHandlers: HandlersOf<'offline.'> = {
  'offline.copyRecord': async (call, input) => {
    const { ctx } = call.services;
    // With offline reading off nothing may be held on a desktop, so nothing is handed over for it.
    if ((await policyOf(ctx)).offlineWindowHours === 0) throw new AppError('FORBIDDEN', 'Offline reading is off (the offline window is 0 hours), so no record is copied for it.');
    return await readRecord(ctx, actorOf(call), input.crn, OFFLINE_COPY);
  },

  'offline.check': async (call, input) => {
    const actor = actorOf(call);
    const { ctx } = call.services;
    const now = ctx.clock.now();
    const records = [];
    for (const crn of new Set(input.crns)) {
      const { resource, grant } = await recordResource(ctx.db, actor, crn, now);
      const verdict = can(actor, 'record.read', resource, now);
      // Only access through a grant is kept offline; anything else is nothing to keep.
      const viaGrant = verdict.allowed && verdict.route === 'GRANT' && grant;
      records.push(viaGrant ? { crn, scope: verdict.scope ?? null, grantId: grant.id, until: grant.end_at } : { crn, scope: null, grantId: null, until: null });
    }
    const policy = await policyOf(ctx);
    return { offlineWindowHours: policy.offlineWindowHours, lockout: policy.lockout, records };
  },

  'offline.uploadReads': async (call, input) => {
    const actor = actorOf(call);
    const { ctx } = call.services;
    const now = ctx.clock.now();
    const reads = [...input.reads].sort((a, b) => a.seq - b.seq);
    const last = await one<{ seq: number; hash: string; user_id: number }>(
      ctx.db,
      sql`SELECT seq, hash, user_id FROM offline_read_receipts WHERE chain_id = ${input.chainId} ORDER BY seq DESC LIMIT 1`,
    );
    if (last && Number(last.user_id) !== actor.userId) throw new AppError('FORBIDDEN', "That chain of offline reads is another person's.");
    let alreadyRecorded = 0;
    let prevHash = last?.hash ?? GENESIS_HASH;
    let nextSeq = Number(last?.seq ?? 0) + 1;
    const fresh: OfflineChainEntry[] = [];
    for (const read of reads) {
      if (read.seq < nextSeq) {
        // Sent before (the desktop lost the answer): it must be the very read recorded then.
        const known = await one<{ hash: string }>(ctx.db, sql`SELECT hash FROM offline_read_receipts WHERE chain_id = ${input.chainId} AND seq = ${read.seq}`);
        if (known?.hash !== read.hash) throw broken(`read ${read.seq} differs from the one recorded before`);
        alreadyRecorded++;
        continue;
      }
      if (read.seq !== nextSeq) throw broken(`read ${nextSeq} is missing`);
      if (read.prevHash !== prevHash) throw broken(`read ${read.seq} does not name the hash of the read before it`);
      if (chainHash(prevHash, offlineEntryCanonical(input.chainId, actor.username, read)) !== read.hash) throw broken(`read ${read.seq} does not match its hash`);
      if (read.at > now + CLOCK_SLACK_MS) throw broken(`read ${read.seq} is dated after the broker's time`);
      fresh.push(read);
      prevHash = read.hash;
      nextSeq++;
    }
    for (const read of fresh) {
      if (isOfflineSignIn(read)) {
        const event = await appendAuditEvent(ctx.db, {
          at: read.at, actor: auditActor(actor), action: OFFLINE_CHECK_ACTIONS[read.kind], subject: `user:${actor.userId}`,
          details: { chainId: input.chainId, chainSeq: read.seq, localHash: read.hash, uploadedAt: now },
        });
        await run(ctx.db, sql`INSERT INTO offline_read_receipts (chain_id, seq, user_id, hash, audit_seq) VALUES (${input.chainId}, ${read.seq}, ${actor.userId}, ${read.hash}, ${event.seq})`);
        continue;
      }
      // Recorded whatever the answer (the read was shown), with whether the grant stood then, for whoever reviews it.
      const held = await one<{ id: number }>(
        ctx.db,
        sql`SELECT id FROM grants WHERE id = ${read.grantId} AND grantee_user_id = ${actor.userId} AND crn = ${read.crn}
              AND start_at <= ${read.at} AND end_at > ${read.at} AND (revoked_at IS NULL OR revoked_at > ${read.at})`,
      );
      const event = await appendAuditEvent(ctx.db, {
        at: read.at, actor: auditActor(actor), action: 'record.read.offline', subject: `person:${read.crn}`, crn: read.crn,
        details: { grantId: read.grantId, grantHeldThen: held !== undefined, sections: read.sections, chainId: input.chainId, chainSeq: read.seq, localHash: read.hash, uploadedAt: now },
      });
      await run(ctx.db, sql`INSERT INTO offline_read_receipts (chain_id, seq, user_id, hash, audit_seq) VALUES (${input.chainId}, ${read.seq}, ${actor.userId}, ${read.hash}, ${event.seq})`);
    }
    return { recorded: fresh.length, alreadyRecorded };
  },
};
