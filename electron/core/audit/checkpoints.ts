/**
 * Signed checkpoints of the audit chain's head (sequence, hash, time), written outside the store
 * so the chain is anchored somewhere its key holder cannot quietly rewrite: an append-only file
 * beside the user-data folder on a desktop, and on a server a folder or an HTTP endpoint of
 * another party. One checkpoint is one JSON line.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { EmbeddedConnection as Database } from '../store/embedded-connection';
import { canonicalJson } from './canonical-json';
import type { CheckpointSigner } from './checkpoint-key';

export interface Checkpoint {
  seq: number;
  hash: string;
  at: number;
  keyId: string;
  signature: string;
}

/** Where checkpoints go. */
export interface CheckpointSink {
  describe: string;
  append(line: string): Promise<void>;
}

/** The exact text that is signed: everything but the signature, canonically. */
export const signedText = (c: Omit<Checkpoint, 'signature'>): string => canonicalJson({ seq: c.seq, hash: c.hash, at: c.at, keyId: c.keyId });

export function chainHead(db: Database): { seq: number; hash: string } | null {
  return (db.prepare('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined) ?? null;
}

export function makeCheckpoint(db: Database, signer: CheckpointSigner, at: number): Checkpoint | null {
  const head = chainHead(db);
  if (!head) return null;
  const unsigned = { seq: head.seq, hash: head.hash, at, keyId: signer.keyId };
  return { ...unsigned, signature: signer.sign(signedText(unsigned)) };
}

/** Appends to one file (opened for appending only, readable by its owner only) and syncs it to disk. */
export function fileSink(path: string): CheckpointSink {
  return {
    describe: path,
    append: async (line) => {
      const fd = openSync(path, 'a', 0o600);
      try {
        writeSync(fd, `${line}\n`);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    },
  };
}

/** A folder (for example a share another party owns): one append-only file per store in it. */
export function folderSink(dir: string, storePath: string): CheckpointSink {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return fileSink(join(dir, `${basename(storePath)}.checkpoints.jsonl`));
}

/** An HTTP endpoint of another party (the hub, say): each checkpoint is POSTed as JSON. */
export function httpSink(url: string): CheckpointSink {
  return {
    describe: url,
    append: async (line) => {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: line, signal: AbortSignal.timeout(15_000) });
      if (!res.ok) throw new Error(`The checkpoint endpoint answered ${res.status}.`);
    },
  };
}

/** Writes the head as a checkpoint to every sink; answers the checkpoint (null for an empty chain). */
export async function writeCheckpoint(db: Database, signer: CheckpointSigner, sinks: readonly CheckpointSink[], at: number): Promise<Checkpoint | null> {
  const checkpoint = makeCheckpoint(db, signer, at);
  if (!checkpoint) return null;
  const line = JSON.stringify(checkpoint);
  for (const sink of sinks) await sink.append(line);
  return checkpoint;
}

/** The lines of a checkpoint file as written; a line that is not a checkpoint is kept as text for the verifier to name. */
export function readCheckpointFile(path: string): { line: number; checkpoint: Checkpoint | null; text: string }[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((text, i) => ({ text, line: i + 1 }))
    .filter((l) => l.text.trim() !== '')
    .map(({ text, line }) => ({ line, text, checkpoint: parseCheckpoint(text) }));
}

function parseCheckpoint(text: string): Checkpoint | null {
  try {
    const v = JSON.parse(text) as Partial<Checkpoint>;
    const ok = Number.isSafeInteger(v.seq) && typeof v.hash === 'string' && Number.isSafeInteger(v.at) && typeof v.keyId === 'string' && typeof v.signature === 'string';
    return ok ? (v as Checkpoint) : null;
  } catch {
    return null;
  }
}
