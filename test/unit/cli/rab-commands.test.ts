import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryKeyStore } from '../../../electron/core/store/key-store';
import { keychainAccount, openStore } from '../../../electron/core/store/open-store';
import { sha256File } from '../../helpers/file-hash';
import { useTempDirs } from '../../helpers/temp-dir';
import { setField, rowAt } from '../import/export-set-files';
import { cliHarness } from './cli-harness';

const tempDir = useTempDirs();

async function seeded(rab: ReturnType<typeof cliHarness>['rab']) {
  const out = join(tempDir(), 'set');
  const r = await rab(['seed', '--scale', 'small', '--out', out, '--seed', '3', '--as-of', '2026-11-22', '--demo-users']);
  expect(r.code).toBe(0);
  return out;
}

describe('rab seed, import and verify', () => {
  it('seeds, imports and verifies a store, each exiting 0 with a summary', async () => {
    const { rab } = cliHarness();
    const set = await seeded(rab);
    const store = join(tempDir(), 'broker.db');
    const imported = await rab(['import', set, '--store', store]);
    expect(imported).toMatchObject({ code: 0, stderr: '' });
    expect(imported.stdout).toMatch(/^people\.csv\s+48\s+48\s+0\s+0\s+0$/m);
    expect(imported.stdout).toMatch(/rows in .* rows\/s\); the store is/);
    const again = await rab(['import', set, '--store', store]);
    expect(again.stdout).toMatch(/^people\.csv\s+48\s+0\s+0\s+48\s+0$/m);
    const verified = await rab(['verify', '--store', store]);
    expect(verified.code).toBe(0);
    for (const check of ['cipher page HMACs', 'integrity_check', 'foreign_key_check', 'schema version', 'row counts']) {
      expect(verified.stdout).toMatch(new RegExp(`^  ok    ${check}: `, 'm'));
    }
    expect(verified.stdout).toMatch(/^people\s+48$/m);
    expect(verified.stdout).toContain('All checks hold');
  });

  it('refuses a bad set with exit code 1, lists the problems, and leaves no store behind when it created one', async () => {
    const { rab, keyStore } = cliHarness();
    const set = await seeded(rab);
    setField(set, 'people.csv', rowAt(set, 'people.csv').crn!, 'crn', 'BAD');
    const store = join(tempDir(), 'broker.db');
    const r = await rab(['import', set, '--store', store]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('people.csv row 1 (line 2), column crn: "BAD" is not a CRN');
    expect(r.stderr).toMatch(/\d+ problem\(s\) in total\. Nothing was imported\.\n$/);
    expect(existsSync(store)).toBe(false);
    expect(await keyStore.get(keychainAccount(store))).toBeNull();
  });

  it('leaves an existing store byte-identical when the set is bad', async () => {
    const { rab } = cliHarness();
    const set = await seeded(rab);
    const store = join(tempDir(), 'broker.db');
    expect((await rab(['import', set, '--store', store])).code).toBe(0);
    const before = sha256File(store);
    setField(set, 'staff.csv', rowAt(set, 'staff.csv').code!, 'grade', 'BOSS');
    const r = await rab(['import', set, '--store', store]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('column grade: "BOSS" is not one of PSO, PQIP, PO, SPO, HUB, ADMIN');
    expect(sha256File(store)).toBe(before);
  });

  it('reports a store it cannot open and never touches it', async () => {
    const { rab } = cliHarness();
    const set = await seeded(rab);
    const store = join(tempDir(), 'broker.db');
    expect((await rab(['import', set, '--store', store])).code).toBe(0);
    const before = sha256File(store);
    const stranger = cliHarness(new MemoryKeyStore());
    const r = await stranger.rab(['import', set, '--store', store]);
    expect(r).toMatchObject({ code: 1, stderr: expect.stringContaining('exists but its key is not in the keychain. The store has not been changed.') });
    expect(sha256File(store)).toBe(before);
    expect((await stranger.rab(['verify', '--store', join(tempDir(), 'none.db')])).stderr).toMatch(/^error: There is no store at /);
  });

  it('says so when the folder for a new store does not exist', async () => {
    const { rab } = cliHarness();
    const set = await seeded(rab);
    const r = await rab(['import', set, '--store', join(tempDir(), 'missing', 'broker.db')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: The folder for the store, .*missing, does not exist\. Create it first\.\n$/);
  });

  it('fails verification, naming the page, when a byte of the store is changed', async () => {
    const { rab } = cliHarness();
    const set = await seeded(rab);
    const store = join(tempDir(), 'broker.db');
    await rab(['import', set, '--store', store]);
    const bytes = readFileSync(store);
    bytes.writeUInt8(bytes.readUInt8(4096 * 20 + 100) ^ 0x01, 4096 * 20 + 100);
    writeFileSync(store, bytes);
    const r = await rab(['verify', '--store', store]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FAIL  cipher page HMACs: HMAC mismatch: page 21');
    expect(r.stdout).toContain('The store FAILED verification');
  });

  it('fails verification when the store is at an older schema version', async () => {
    const { rab, keyStore } = cliHarness();
    const store = join(tempDir(), 'broker.db');
    const s = await openStore({ path: store, keyStore, create: true });
    s.db.pragma('user_version = 1');
    s.close();
    const r = await rab(['verify', '--store', store]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FAIL  schema version: 1 (this version of rab expects');
  });
});

describe('rab users', () => {
  it('adds an account with the password read from standard input, never echoing it', async () => {
    const { rab } = cliHarness();
    const set = await seeded(rab);
    const store = join(tempDir(), 'broker.db');
    await rab(['import', set, '--store', store]);
    const staff = rowAt(set, 'staff.csv', 2);
    const r = await rab(
      ['users', 'add', '--store', store, '--username', 'jsmith', '--role', 'nps-offender-manager', '--role', 'lao-admin', '--staff-code', staff.code!, '--password-stdin'],
      'correct horse battery\n',
    );
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe(`Created account jsmith (${staff.forename} ${staff.surname}, staff ${staff.code}) with role(s) nps-offender-manager, lao-admin.\n`);
    const again = await rab(['users', 'add', '--store', store, '--username', 'jsmith', '--role', 'admin', '--password-stdin'], 'correct horse battery\n');
    expect(again).toMatchObject({ code: 1, stderr: 'error: The username jsmith is already in use.\n' });
    const short = await rab(['users', 'add', '--store', store, '--username', 'other', '--role', 'admin', '--password-stdin'], 'tiny\n');
    expect(short).toMatchObject({ code: 1, stderr: 'error: A password must be at least 12 characters long.\n' });
    expect(`${r.stdout}${again.stderr}${short.stderr}`).not.toMatch(/correct horse|tiny/);
  });

  it('imports the demonstration accounts of a seeded set', async () => {
    const { rab } = cliHarness();
    const set = await seeded(rab);
    const store = join(tempDir(), 'broker.db');
    await rab(['import', set, '--store', store]);
    const r = await rab(['users', 'import-demo', set, '--store', store, '--password-stdin'], 'demonstration pass');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Created 7 demonstration accounts:/);
    expect(r.stdout).toMatch(/^hub\.lao\s+hub, lao-admin\s+N07H01/m);
  });
});
