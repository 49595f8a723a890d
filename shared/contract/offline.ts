/**
 * What a connected desktop asks of the broker for its offline copy: a copy of a record the person
 * holds through a grant (the sections a read would show, audited as a copy, not a read); which
 * cached records the person may still read (checked before any further read after an outage); and
 * the reads it showed from its copy while the broker could not be reached, to be appended to the one
 * audit chain with their original times.
 */
import { z } from 'zod';
import { channel } from './define';
import { crn, id, instant, scope } from './common';
import { recordView } from './records';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 hash in lower-case hex');

/** The record sections a read showed, by their names in the record view. */
export const OFFLINE_SECTIONS = ['frontSheet', 'roshSummary', 'riskManagementPlan', 'fullRecord'] as const;

/** One offline read as the desktop's local chain holds it. */
export const offlineRead = z.strictObject({
  /** Its place in this person's chain on this desktop, from 1. */
  seq: z.number().int().min(1),
  at: instant,
  crn,
  grantId: id,
  sections: z.array(z.enum(OFFLINE_SECTIONS)).min(1).max(OFFLINE_SECTIONS.length),
  prevHash: sha256Hex,
  hash: sha256Hex,
});
export type OfflineRead = z.infer<typeof offlineRead>;

/** Password checks a desktop makes while the broker cannot be reached: a sign-in or an unlock, and failed attempts at either. */
export const OFFLINE_PASSWORD_CHECKS = ['signIn', 'signInFailed', 'unlock', 'unlockFailed'] as const;

/**
 * A sign-in (or the unlocking of a locked window) on the desktop while the broker could not be reached, checked against the person's
 * local password verifier, or an attempt that failed: in the same local chain as the reads.
 */
export const offlineSignIn = z.strictObject({
  seq: z.number().int().min(1),
  at: instant,
  kind: z.enum(OFFLINE_PASSWORD_CHECKS),
  prevHash: sha256Hex,
  hash: sha256Hex,
});
export type OfflineSignIn = z.infer<typeof offlineSignIn>;

/** One entry of a desktop's local chain: a read from the offline copy, or an offline sign-in. */
export type OfflineChainEntry = OfflineRead | OfflineSignIn;

export const isOfflineSignIn = (e: OfflineChainEntry): e is OfflineSignIn => 'kind' in e;

/** The lockout the broker's policy sets, which a desktop applies to offline sign-ins too. */
export const offlineLockout = z.object({
  failuresBeforeLock: z.number().int().min(1),
  firstLockMinutes: z.number().int().min(1),
  maxLockMinutes: z.number().int().min(1),
});

export const offlineChannels = {
  'offline.copyRecord': channel({
    summary:
      'For a connected desktop: a copy of a record you hold through a grant, kept for reading offline. The same sections a read shows; audited as a copy, not as a read.',
    access: 'session',
    input: z.strictObject({ crn }),
    output: recordView,
    // As records.read refuses, and NO_ACTIVE_GRANT too for access by allocation, ownership or emergency; FORBIDDEN when offline reading is off.
    errors: ['NOT_FOUND', 'NO_ACTIVE_GRANT', 'ACCESS_EXCLUDED', 'ACCESS_RESTRICTED', 'CLOCK_ROLLBACK'],
  }),
  'offline.check': channel({
    summary: 'For a connected desktop: the offline window, and for each cached record what you may read now (nothing, once revoked, excluded or ended).',
    access: 'session',
    input: z.strictObject({ crns: z.array(crn).max(500, 'at most 500 records at once') }),
    output: z.object({
      /** Policy: hours after the last contact with the broker that cached sections stay readable; 0 means never. */
      offlineWindowHours: z.number().int().min(0),
      /** Policy: the lockout that applies to signing in, counted on the desktop for offline sign-ins. */
      lockout: offlineLockout,
      records: z.array(z.object({ crn: z.string(), scope: scope.nullable(), grantId: id.nullable(), until: instant.nullable() })),
    }),
  }),
  'offline.uploadReads': channel({
    summary: "For a connected desktop: record the reads it showed from its offline copy, and its offline sign-ins, in the audit chain, with their original times, after checking its local chain's hashes.",
    access: 'session',
    input: z.strictObject({
      /** This person's chain on this desktop. */
      chainId: z.string().uuid(),
      reads: z.array(z.union([offlineRead, offlineSignIn])).min(1).max(1000, 'at most 1,000 reads at once'),
    }),
    output: z.object({ recorded: z.number().int(), alreadyRecorded: z.number().int() }),
    errors: ['OFFLINE_CHAIN_BROKEN'],
  }),
} as const;

/** The text one offline read's hash is taken over (with the previous hash before it): the same on both sides. */
export const offlineReadCanonical = (chainId: string, username: string, r: Omit<OfflineRead, 'prevHash' | 'hash'>): string =>
  JSON.stringify({ at: r.at, chainId, crn: r.crn, grantId: r.grantId, sections: [...r.sections], seq: r.seq, username });

/** The text an offline sign-in's hash is taken over: the same on both sides. */
export const offlineSignInCanonical = (chainId: string, username: string, s: Omit<OfflineSignIn, 'prevHash' | 'hash'>): string =>
  JSON.stringify({ at: s.at, chainId, kind: s.kind, seq: s.seq, username });

/** The canonical text of any chain entry. */
export const offlineEntryCanonical = (chainId: string, username: string, e: OfflineChainEntry): string =>
  isOfflineSignIn(e) ? offlineSignInCanonical(chainId, username, e) : offlineReadCanonical(chainId, username, e);
