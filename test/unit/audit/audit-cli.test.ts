import { readFileSync } from 'node:fs';
import { engineOf } from '../../../electron/core/store/engine/sqlcipher-engine';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/core/cli/run-cli';
import type { CliContext } from '../../../electron/core/cli/cli-context';
import { appendAuditEvent } from '../../../electron/core/audit/audit-log';
import { useBrokerFixture, type BrokerFixture } from '../../helpers/broker-fixture';
import { TEST_ENGINE } from '../../helpers/engines';
import { useTempDirs } from '../../helpers/temp-dir';

const fixture = useBrokerFixture();
// `rab audit` works on an embedded store file (--store), so these cases write to and read the
// fixture's embedded store directly, and run only when the core runs on it.
const embeddedOnly = describe.skipIf(TEST_ENGINE === 'postgres');
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
  const code = await runCli(argv, ctx);
  return { code, stdout, stderr };
}

async function addEvents(fx: BrokerFixture, n: number) {
  for (let i = 0; i < n; i++) await appendAuditEvent(engineOf(fx.db), { at: Date.UTC(2026, 1, 1 + i), actor: 'cli', action: 'test.event', subject: `day:${i + 1}`, details: {} });
}

embeddedOnly('rab audit verify (embedded store file)', () => {
  it('says the chain holds and exits 0', async () => {
    const fx = await fixture();
    await addEvents(fx, 3);
    const r = await rab(fx, 'audit', 'verify', '--store', fx.store.path);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Audit chain verified: \d+ events/);
  });

  it('names the first broken event and exits 1', async () => {
    const fx = await fixture();
    await addEvents(fx, 5);
    const target = (fx.db.prepare(`SELECT seq FROM audit_events WHERE subject = 'day:2'`).get() as { seq: number }).seq;
    fx.db.exec('DROP TRIGGER audit_events_no_update');
    fx.db.prepare(`UPDATE audit_events SET actor = 'mallory' WHERE seq >= ?`).run(target);
    const r = await rab(fx, 'audit', 'verify', '--store', fx.store.path);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`Audit chain BROKEN at event ${target}: event ${target} has been changed since it was written.`);
  });
});

embeddedOnly('rab audit verify naming a deleted event (embedded store file)', () => {
  it('names the deleted event itself, not the one after it', async () => {
    const fx = await fixture();
    await addEvents(fx, 5);
    const target = (fx.db.prepare(`SELECT seq FROM audit_events WHERE subject = 'day:3'`).get() as { seq: number }).seq;
    fx.db.exec('DROP TRIGGER audit_events_no_delete');
    fx.db.prepare('DELETE FROM audit_events WHERE seq = ?').run(target);
    const r = await rab(fx, 'audit', 'verify', '--store', fx.store.path);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`Audit chain BROKEN at event ${target}: event ${target} is missing (the next event is ${target + 1}).`);
  });
});

embeddedOnly('rab audit export (embedded store file)', () => {
  it('writes the events in the range to a new CSV file and audits the export', async () => {
    const fx = await fixture();
    await addEvents(fx, 5);
    const out = join(tempDir(), 'february.csv');
    const r = await rab(fx, 'audit', 'export', '--store', fx.store.path, '--out', out, '--from', '2026-02-02', '--to', '2026-02-04T00:00:00Z');
    expect(r).toMatchObject({ code: 0, stdout: `Wrote 2 audit events to ${out}.\n` });
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('day:2');
    expect(fx.db.prepare(`SELECT actor, details FROM audit_events WHERE action = 'audit.export'`).get()).toMatchObject({ actor: 'cli' });
  });

  it('refuses a bad date and an existing file, changing nothing', async () => {
    const fx = await fixture();
    const out = join(tempDir(), 'a.csv');
    expect((await rab(fx, 'audit', 'export', '--store', fx.store.path, '--out', out, '--from', '1 March')).code).toBe(2);
    expect((await rab(fx, 'audit', 'export', '--store', fx.store.path, '--out', out)).code).toBe(0);
    const again = await rab(fx, 'audit', 'export', '--store', fx.store.path, '--out', out);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
  });
});
