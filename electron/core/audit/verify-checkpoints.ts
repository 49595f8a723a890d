/**
 * Proves the audit chain still holds every event a signed checkpoint vouched for, unchanged. The
 * chain's own hashes catch an edit by someone without the key; checkpoints also catch whoever holds
 * the key and drops the triggers: removing the last events (truncation), deleting events and
 * renumbering, or rewriting events and recomputing every hash after them.
 */
import type { EmbeddedConnection as Database } from '../store/embedded-connection';
import { publicKeyFromHex, signatureHolds } from './checkpoint-key';
import { readCheckpointFile, signedText, type Checkpoint } from './checkpoints';
import { verifyStoreAuditChain, type AuditChainResult } from './verify-chain';

export interface CheckpointProblem {
  /** The first event the problem makes untrustworthy, when one can be named. */
  firstBadSeq: number | null;
  problem: string;
}

export interface CheckpointVerification {
  ok: boolean;
  chain: AuditChainResult;
  /** Checkpoints whose signature holds. */
  checkpoints: number;
  latest: Checkpoint | null;
  problems: CheckpointProblem[];
}

const when = (at: number): string => new Date(at).toISOString();

/** `chain` is the chain's own verification when the caller has already made it (in worker threads). */
export function verifyAgainstCheckpoints(db: Database, checkpointFile: string, publicKeyHex: string, chain: AuditChainResult = verifyStoreAuditChain(db)): CheckpointVerification {
  const problems: CheckpointProblem[] = [];
  if (!chain.ok) problems.push({ firstBadSeq: chain.firstBadSeq, problem: chain.problem });
  const publicKey = publicKeyFromHex(publicKeyHex);
  const valid: Checkpoint[] = [];
  for (const { line, checkpoint } of readCheckpointFile(checkpointFile)) {
    if (!checkpoint) {
      problems.push({ firstBadSeq: null, problem: `line ${line} of the checkpoint file is not a checkpoint` });
    } else if (!signatureHolds(publicKey, signedText(checkpoint), checkpoint.signature)) {
      problems.push({ firstBadSeq: null, problem: `line ${line} of the checkpoint file (event ${checkpoint.seq}) is not signed by this store's checkpoint key: it was forged or changed` });
    } else {
      valid.push(checkpoint);
    }
  }
  valid.sort((a, b) => a.seq - b.seq || a.at - b.at);
  const end = (db.prepare('SELECT ifnull(max(seq), 0) FROM audit_events').pluck().get() as number) ?? 0;
  const hashAt = db.prepare('SELECT hash FROM audit_events WHERE seq = ?').pluck();
  let lastGood = 0;
  for (const c of valid) {
    const hash = hashAt.get(c.seq) as string | undefined;
    if (hash === c.hash) {
      lastGood = Math.max(lastGood, c.seq);
      continue;
    }
    if (hash === undefined && c.seq > end) {
      problems.push({ firstBadSeq: end + 1, problem: `TRUNCATED: the checkpoint signed at ${when(c.at)} covers events up to ${c.seq}, but the chain ends at event ${end}: events ${end + 1} to ${c.seq} have been removed` });
    } else if (hash === undefined) {
      problems.push({ firstBadSeq: c.seq, problem: `event ${c.seq}, vouched for by the checkpoint signed at ${when(c.at)}, is missing: events were deleted` });
    } else {
      problems.push({
        firstBadSeq: lastGood + 1,
        problem: `REWRITTEN: event ${c.seq} is not the event the checkpoint signed at ${when(c.at)} vouched for: the chain was changed and its hashes recomputed somewhere in events ${lastGood + 1} to ${c.seq}`,
      });
    }
    // Later checkpoints only repeat the finding.
    break;
  }
  problems.sort((a, b) => (a.firstBadSeq ?? Infinity) - (b.firstBadSeq ?? Infinity));
  return { ok: problems.length === 0, chain, checkpoints: valid.length, latest: valid.at(-1) ?? null, problems };
}

/** The latest checkpoint in a file whose signature holds (for a restore, which must not go behind it). */
export function latestSignedCheckpoint(checkpointFile: string, publicKeyHex: string): Checkpoint | null {
  const publicKey = publicKeyFromHex(publicKeyHex);
  let latest: Checkpoint | null = null;
  for (const { checkpoint } of readCheckpointFile(checkpointFile)) {
    if (checkpoint && signatureHolds(publicKey, signedText(checkpoint), checkpoint.signature) && (!latest || checkpoint.seq > latest.seq)) latest = checkpoint;
  }
  return latest;
}
