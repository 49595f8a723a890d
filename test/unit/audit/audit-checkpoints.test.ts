/**
 * Signed checkpoints anchor the audit chain outside the store. Someone who holds the store key can
 * drop the triggers and rewrite the chain so that `rab audit verify` alone still passes; with the
 * checkpoints, truncation, deletion and a recomputed chain are each caught and named.
 */
import { engineOf } from '../../../electron/core/store/engine/sqlcipher-engine';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { appendAuditEvent, canonicalEvent, chainHash, GENESIS_HASH, type StoredAuditEvent } from '../../../electron/core/audit/audit-log';
import { signerFromSeed } from '../../../electron/core/audit/checkpoint-key';
import { httpSink, writeCheckpoint } from '../../../electron/core/audit/checkpoints';
import type { CliContext } from '../../../electron/core/cli/cli-context';
import { runCli } from '../../../electron/core/cli/run-cli';
import { useBrokerFixture, type BrokerFixture } from '../../helpers/broker-fixture';
import { TEST_ENGINE } from '../../helpers/engines';
import { useTempDirs } from '../../helpers/temp-dir';

const fixture = useBrokerFixture({ signedOut: true });
const tempDir = useTempDirs();

async function rab(fx: BrokerFixture, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const ctx: CliContext = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin: Readable.from([]),
    keyStore: () => fx.keyStore,
    now: () => fx.clock.now(),
  };
  return { code: await runCli(argv, ctx), stdout, stderr };
}

const addEvents = async (fx: BrokerFixture, n: number) => {
  for (let i = 0; i < n; i++) await appendAuditEvent(engineOf(fx.db), { at: fx.clock.now(), actor: 'cli', action: 'test.event', subject: `thing:${i}`, details: { i } });
};

const lastSeq = (db: Database) => db.prepare('SELECT max(seq) FROM audit_events').pluck().get() as number;

/** What someone holding the key can do: drop the triggers, change the rows, recompute every hash. */
function rewriteChain(db: Database, change: (rows: StoredAuditEvent[]) => StoredAuditEvent[]): void {
  db.exec('DROP TRIGGER IF EXISTS audit_events_no_update; DROP TRIGGER IF EXISTS audit_events_no_delete;');
  const rows = change(db.prepare('SELECT * FROM audit_events ORDER BY seq').all() as StoredAuditEvent[]);
  db.transaction(() => {
    db.exec('DELETE FROM audit_events');
    let prev = GENESIS_HASH;
    const insert = db.prepare('INSERT INTO audit_events (seq, at, actor, action, subject, crn, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    rows.forEach((r, i) => {
      const row = { ...r, seq: i + 1 };
      const hash = chainHash(prev, canonicalEvent(row));
      insert.run(row.seq, row.at, row.actor, row.action, row.subject, row.crn, row.details, prev, hash);
      prev = hash;
    });
  })();
}

async function checkpointed(fx: BrokerFixture) {
  await addEvents(fx, 10);
  const file = join(tempDir(), 'broker-audit-checkpoints.jsonl');
  const first = await rab(fx, 'audit', 'checkpoint', '--store', fx.store.path, '--out', file);
  expect(first.code, first.stderr).toBe(0);
  expect(first.stdout).toMatch(/^Checkpoint of event \d+ signed with key [0-9a-f]{16} and written to /);
  await addEvents(fx, 5);
  expect((await rab(fx, 'audit', 'checkpoint', '--store', fx.store.path, '--out', file)).code).toBe(0);
  return file;
}

// `rab audit checkpoint` and `verify` work on an embedded store file (--store), as does
// writeCheckpoint: these cases tamper with the fixture's embedded store directly, and run only
// when the core runs on it.
describe.skipIf(TEST_ENGINE === 'postgres')('signed audit checkpoints (embedded store file)', () => {
  it('verify with checkpoints when nothing has been touched', async () => {
    const fx = await fixture();
    const file = await checkpointed(fx);
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(2);
    const r = await rab(fx, 'audit', 'verify', '--store', fx.store.path, '--checkpoints', file);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain('2 signed checkpoint(s) hold: every checkpointed event is still in the chain, unchanged');
  });

  it('catch and name truncation: the last events removed by someone holding the key', async () => {
    const fx = await fixture();
    const file = await checkpointed(fx);
    const end = lastSeq(fx.db);
    fx.db.exec('DROP TRIGGER audit_events_no_delete');
    fx.db.prepare('DELETE FROM audit_events WHERE seq > ?').run(end - 4);
    // The chain alone still verifies: that is the gap checkpoints close.
    expect((await rab(fx, 'audit', 'verify', '--store', fx.store.path)).code).toBe(0);
    const r = await rab(fx, 'audit', 'verify', '--store', fx.store.path, '--checkpoints', file);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`Audit chain BROKEN at event ${end - 3}: TRUNCATED:`);
    expect(r.stdout).toContain(`covers events up to ${end - 1}, but the chain ends at event ${end - 4}`);
  });

  it('catch and name a deletion hidden by renumbering and recomputing the chain', async () => {
    const fx = await fixture();
    const file = await checkpointed(fx);
    rewriteChain(fx.db, (rows) => rows.filter((r) => r.subject !== 'thing:3'));
    expect((await rab(fx, 'audit', 'verify', '--store', fx.store.path)).code).toBe(0);
    const r = await rab(fx, 'audit', 'verify', '--store', fx.store.path, '--checkpoints', file);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Audit chain BROKEN at event 1: REWRITTEN: event \d+ is not the event the checkpoint signed at .* vouched for/);
  });

  it('catch and name a recomputed chain after an event was changed, down to the checkpoints around it', async () => {
    const fx = await fixture();
    const file = await checkpointed(fx);
    const firstCheckpoint = JSON.parse(readFileSync(file, 'utf8').split('\n')[0]!) as { seq: number };
    rewriteChain(fx.db, (rows) => rows.map((r) => (r.subject === 'thing:2' && r.seq > firstCheckpoint.seq ? { ...r, actor: 'mallory' } : r)));
    expect((await rab(fx, 'audit', 'verify', '--store', fx.store.path)).code).toBe(0);
    const r = await rab(fx, 'audit', 'verify', '--store', fx.store.path, '--checkpoints', file);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`Audit chain BROKEN at event ${firstCheckpoint.seq + 1}: REWRITTEN:`);
  });

  it('refuse a checkpoint line that was forged or changed', async () => {
    const fx = await fixture();
    const file = await checkpointed(fx);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const forged = { ...JSON.parse(lines[1]!), seq: 3 };
    writeFileSync(file, `${lines[0]}\n${JSON.stringify(forged)}\n`);
    const r = await rab(fx, 'audit', 'verify', '--store', fx.store.path, '--checkpoints', file);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('line 2 of the checkpoint file (event 3) is not signed by this store\'s checkpoint key');
  });

  it('sign with a key kept apart from the store key, and post to another party\'s endpoint', async () => {
    const fx = await fixture();
    await addEvents(fx, 3);
    const received: string[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        received.push(body);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const signer = signerFromSeed('11'.repeat(32));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/checkpoints`;
      const c = await writeCheckpoint(fx.db, signer, [httpSink(url)], fx.clock.now());
      expect(received).toEqual([JSON.stringify(c)]);
      expect(c).toMatchObject({ seq: lastSeq(fx.db), keyId: signer.keyId });
      const storeKey = (await fx.keyStore.get(`store:${fx.store.path}`))!.keyHex;
      expect(signer.publicKeyHex).not.toBe(storeKey);
    } finally {
      server.close();
    }
  });
});
