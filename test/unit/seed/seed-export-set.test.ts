import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { EXPORT_FILES } from '../../../electron/core/import/export-format';
import { importExportSet } from '../../../electron/core/import/import-export-set';
import { MemoryKeyStore } from '../../../electron/core/store/key-store';
import { openStore } from '../../../electron/core/store/open-store';
import { seedExportSet } from '../../../electron/core/seed/write-export-set';
import { sha256File } from '../../helpers/file-hash';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const AS_OF = '2026-11-22';

const seed = (outDir: string, seedValue = 7, extra: { overwrite?: boolean; demoUsers?: boolean } = {}) =>
  seedExportSet({ scale: 'small', seed: seedValue, outDir, asOf: AS_OF, ...extra });

const fileHashes = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, sha256File(join(dir, f))]));

describe('rab seed', () => {
  it('writes the same bytes for the same seed and as-of day', async () => {
    const [a, b] = [tempDir(), tempDir()];
    await seed(a);
    await seed(b);
    expect(fileHashes(a)).toEqual(fileHashes(b));
  });

  it('writes different people for a different seed', async () => {
    const [a, b] = [tempDir(), tempDir()];
    await seed(a, 7);
    await seed(b, 8);
    expect(sha256File(join(a, 'people.csv'))).not.toBe(sha256File(join(b, 'people.csv')));
  });

  it('writes every file of the format with its documented header, and a manifest that counts the rows', async () => {
    const dir = tempDir();
    const { manifest } = await seed(dir);
    expect(manifest).toMatchObject({ format: 'rab-export', formatVersion: 1, scale: 'small', seed: 7, asOf: AS_OF });
    for (const f of EXPORT_FILES) {
      const [header, ...rows] = parse(readFileSync(join(dir, f.name))) as string[][];
      expect(header, f.name).toEqual(f.columns);
      expect(manifest.files[f.name]!.rows, f.name).toBe(rows.length);
      expect(rows.length, `${f.name} has rows`).toBeGreaterThan(0);
    }
    expect(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))).toEqual(manifest);
  });

  it('writes a set that imports cleanly', async () => {
    const dir = tempDir();
    await seed(dir);
    const store = await openStore({ path: join(tempDir(), 'b.db'), keyStore: new MemoryKeyStore(), create: true });
    const r = await importExportSet(store.db, dir);
    expect(r.ok ? 'ok' : r.problems).toBe('ok');
    store.close();
  });

  it('uses synthetic CRNs (X prefix) and PNCs with valid check letters', async () => {
    const dir = tempDir();
    await seed(dir);
    const [, ...people] = parse(readFileSync(join(dir, 'people.csv'))) as string[][];
    expect(people.every((p) => /^X\d{6}$/.test(p[0]!))).toBe(true);
    expect(new Set(people.map((p) => p[0])).size).toBe(people.length);
  });

  it('refuses a folder that already holds files, and replaces an earlier set only when asked', async () => {
    const dir = tempDir();
    await seed(dir);
    const before = fileHashes(dir);
    await expect(seed(dir, 9)).rejects.toThrow(AppError);
    await expect(seed(dir, 9)).rejects.toThrow(/already holds 13 file\(s\)/);
    expect(fileHashes(dir)).toEqual(before);
    await seed(dir, 9, { overwrite: true });
    expect(fileHashes(dir)).not.toEqual(before);
  });

  it('never overwrites files that are not part of an export set', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.txt'), 'keep me');
    await expect(seed(dir, 7, { overwrite: true })).rejects.toThrow(/not part of an export set \(notes\.txt\)/);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('keep me');
  });

  it('writes demo-users.csv only when asked', async () => {
    const [plain, demo] = [tempDir(), tempDir()];
    await seed(plain);
    await seed(demo, 7, { demoUsers: true });
    expect(readdirSync(plain)).not.toContain('demo-users.csv');
    const [header, ...rows] = parse(readFileSync(join(demo, 'demo-users.csv'))) as string[][];
    expect(header).toEqual(['username', 'roles', 'staff_code', 'description']);
    expect(rows.map((r) => [r[0], r[1]])).toEqual([
      ['crc.practitioner', 'crc-practitioner'],
      ['nps.owner', 'nps-offender-manager'],
      ['nps.deputy', 'nps-offender-manager'],
      ['nps.onleave', 'nps-offender-manager'],
      ['hub.officer', 'hub'],
      ['hub.lao', 'hub;lao-admin'],
      ['admin', 'admin'],
    ]);
  });
});
