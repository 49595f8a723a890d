/**
 * `rab` pointed at PostgreSQL with --database: the address never carries a password, exactly one
 * of --store and --database is given, a server migrates an empty database and serves from it, and
 * the audit and report commands read the same database.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAuditEvent } from '../../../electron/core/audit/audit-log';
import { openDatabase } from '../../../electron/core/store/open-database';
import { all, sql } from '../../../electron/core/store/sql';
import { adminQuery, POSTGRES_URL } from '../../helpers/engines';
import { startRabServe } from '../../helpers/rab-serve-process';
import { useTempDirs } from '../../helpers/temp-dir';
import { rowAt, seededSet, setField } from '../import/export-set-files';
import { cliHarness } from './cli-harness';

const tempDir = useTempDirs();
const schemas: string[] = [];


/** A database address whose tables live in a fresh schema of the test PostgreSQL. */
async function freshDatabaseUrl(): Promise<string> {
  const schema = `cli_${randomBytes(5).toString('hex')}`;
  await adminQuery(`CREATE SCHEMA ${schema}`);
  schemas.push(schema);
  const url = new URL(POSTGRES_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

afterEach(async () => {
  for (const s of schemas.splice(0)) await adminQuery(`DROP SCHEMA ${s} CASCADE`);
});

describe.skipIf(!POSTGRES_URL)('rab with --database (PostgreSQL)', () => {
  it('refuses an address with a password in it, before connecting, and says where the password goes', async () => {
    const r = await cliHarness().rab(['audit', 'verify', '--database', 'postgres://broker:secret@127.0.0.1:1/broker']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/Leave the password out of --database/);
    expect(r.stderr).toMatch(/PGPASSWORD or ~\/.pgpass/);
    expect(r.stderr + r.stdout).not.toContain('secret');
  });

  it('wants exactly one of --store and --database', async () => {
    const both = await cliHarness().rab(['report', '--store', join(tempDir(), 'x.db'), '--database', POSTGRES_URL, '--from', '2026-03-01', '--to', '2026-03-31', '--out', tempDir()]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/exactly one of --store PATH/);
    const neither = await cliHarness().rab(['audit', 'verify']);
    expect(neither.code).toBe(2);
  });

  it('refuses to read a database that holds no broker schema yet, changing nothing', async () => {
    const url = await freshDatabaseUrl();
    const r = await cliHarness().rab(['audit', 'verify', '--database', url]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/holds no broker schema yet/);
  });

  it('serves from an empty database after migrating it, then verifies its audit chain and reports on it', async () => {
    const url = await freshDatabaseUrl();
    const server = await startRabServe(['--database', url, '--listen', '127.0.0.1:0', '--insecure-loopback', '--quiet']);
    const address = server.address;
    const ready = await fetch(`${address}/readyz`);
    expect(ready.status).toBe(200);
    server.kill('SIGTERM');
    expect(await server.exited).toBe(0);

    // Two events written through the seam, as calls would write them, and one by `rab users add`.
    const engine = await openDatabase({ url });
    await appendAuditEvent(engine, { at: Date.UTC(2026, 2, 2, 10), actor: 'test', action: 'test.one', details: {} });
    await appendAuditEvent(engine, { at: Date.UTC(2026, 2, 2, 11), actor: 'test', action: 'test.two', details: {} });
    await engine.close();

    const added = await cliHarness().rab(['users', 'add', '--database', url, '--username', 'ada.admin', '--role', 'admin', '--password-stdin'], 'a long enough password');
    expect(added.stderr).toBe('');
    expect(added.stdout).toContain('Created account ada.admin');

    const verified = await cliHarness().rab(['audit', 'verify', '--database', url]);
    expect(verified.stdout).toContain('Audit chain verified: 3 events');
    expect(verified.code).toBe(0);

    const out = join(tempDir(), 'report');
    const report = await cliHarness().rab(['report', '--database', url, '--from', '2026-03-01', '--to', '2026-03-31', '--out', out]);
    expect(report.stderr).toBe('');
    expect(report.code).toBe(0);
    expect(existsSync(join(out, 'report.html'))).toBe(true);

    // Tampering needs the append-only triggers out of the way: only the database's owner could do it.
    const schema = new URL(url).searchParams.get('options')!.split('=')[1]!;
    await adminQuery(`ALTER TABLE ${schema}.audit_events DISABLE TRIGGER USER; UPDATE ${schema}.audit_events SET actor = 'someone else' WHERE seq = 1`);
    const broken = await cliHarness().rab(['audit', 'verify', '--database', url]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('Audit chain BROKEN at event 1');
  });

  it('imports a set into an empty database, adds its demonstration accounts, simulates on it, and verifies it whole', async () => {
    const url = await freshDatabaseUrl();
    const set = await seededSet(join(tempDir(), 'set'));
    const imported = await cliHarness().rab(['import', set, '--database', url]);
    expect(imported.stderr.replace(/\r?[^\n]*rows[^\n]*/g, '')).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/people\.csv/);
    expect(imported.stdout).toContain('written in one transaction');

    const again = await cliHarness().rab(['import', set, '--database', url]);
    expect(again.code).toBe(0);

    const demo = await cliHarness().rab(['users', 'import-demo', set, '--database', url, '--password-stdin'], 'demonstration pass');
    expect(demo.code).toBe(0);
    expect(demo.stdout).toMatch(/Created \d+ demonstration accounts/);

    const simulated = await cliHarness().rab(['simulate', '--database', url, '--days', '3', '--seed', '3', '--until', '2026-11-20', '--baseline', 'owner-only']);
    expect(simulated.code).toBe(0);
    expect(simulated.stdout).toContain('owner only (baseline, not kept)');

    const verified = await cliHarness().rab(['verify', '--database', url]);
    expect(verified.stdout).toMatch(/ok +schema version/);
    expect(verified.stdout).toMatch(/ok +foreign keys: \d+ foreign keys, no broken references/);
    expect(verified.stdout).toMatch(/ok +audit chain: \d+ events/);
    expect(verified.stdout).toContain('All checks hold');
    expect(verified.code).toBe(0);

    // A reference broken behind the constraints' back (triggers off, as a careless bulk load might).
    const schema = new URL(url).searchParams.get('options')!.split('=')[1]!;
    await adminQuery(`ALTER TABLE ${schema}.registrations DISABLE TRIGGER ALL; UPDATE ${schema}.registrations SET crn = 'Z999999' WHERE id = (SELECT min(id) FROM ${schema}.registrations); ALTER TABLE ${schema}.registrations ENABLE TRIGGER ALL`);
    const broken = await cliHarness().rab(['verify', '--database', url]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/FAIL +foreign keys: 1 row\(s\) of registrations \(crn\) → people missing/);
    expect(broken.stdout).toContain('The database FAILED verification');
  });

  it('refuses a bad export set whole, writing nothing to the database', async () => {
    const url = await freshDatabaseUrl();
    const set = await seededSet(join(tempDir(), 'set'));
    setField(set, 'people.csv', rowAt(set, 'people.csv').crn!, 'crn', 'X12');
    const r = await cliHarness().rab(['import', set, '--database', url]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/people\.csv.*crn/);
    expect(r.stderr).toContain('Nothing was imported.');
    const engine = await openDatabase({ url });
    try {
      expect(await all(engine, sql`SELECT crn FROM people`)).toEqual([]);
      expect(await all(engine, sql`SELECT seq FROM audit_events`)).toEqual([]);
    } finally {
      await engine.close();
    }
  });
});
