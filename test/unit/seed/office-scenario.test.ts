import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importExportSet } from '../../../electron/core/import/import-export-set';
import { MemoryKeyStore } from '../../../electron/core/store/key-store';
import { openStore, type Store } from '../../../electron/core/store/open-store';
import { seedExportSet } from '../../../electron/core/seed/write-export-set';

const AS_OF = '2026-11-22';
const NOW = Date.parse(`${AS_OF}T12:00:00Z`);
let dir: string;
let store: Store;
let db: Database;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rab-test-office-'));
  await seedExportSet({ scale: 'office', seed: 42, outDir: join(dir, 'set'), asOf: AS_OF, demoUsers: true });
  store = await openStore({ path: join(dir, 'broker.db'), keyStore: new MemoryKeyStore(), create: true });
  db = store.db;
  const r = await importExportSet(db, join(dir, 'set'));
  if (!r.ok) throw new Error(JSON.stringify(r.problems.slice(0, 5)));
});

afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const scalar = (q: string, ...p: unknown[]) => db.prepare(q).pluck().get(...p);
const column = (q: string, ...p: unknown[]) => db.prepare(q).pluck().all(...p);
const isAbsent = (code: string) =>
  scalar('SELECT count(*) FROM absences WHERE staff_code = ? AND start_at <= ? AND end_at > ?', code, NOW, NOW) as number;
const deputiesOf = (code: string) =>
  column('SELECT deputy_staff_code FROM deputies WHERE staff_code = ? AND start_at <= ? AND (end_at IS NULL OR end_at > ?)', code, NOW, NOW);

describe('the office scale: one NPS London office and its CRC partner', () => {
  it('has a few hundred people, about 60 staff including hub staff, in London teams only', () => {
    expect(scalar('SELECT count(*) FROM people')).toBe(400);
    expect(scalar('SELECT count(*) FROM staff')).toBeGreaterThanOrEqual(50);
    expect(scalar('SELECT count(*) FROM staff')).toBeLessThanOrEqual(70);
    expect(scalar(`SELECT count(*) FROM staff WHERE grade = 'HUB'`)).toBe(4);
    expect(column('SELECT DISTINCT provider_code FROM teams ORDER BY 1')).toEqual(['C17', 'N07']);
  });

  it('has one programme group of 12, run by a CRC tutor, for NPS cases of three owners', () => {
    const group = db
      .prepare(`SELECT programme_code, staff_code, count(*) AS n FROM allocations WHERE kind = 'PROGRAMME' GROUP BY 1, 2`)
      .all() as { programme_code: string; staff_code: string; n: number }[];
    expect(group).toEqual([{ programme_code: 'BBR-C17-0001', staff_code: expect.stringMatching(/^C17/), n: 12 }]);
    const owners = column(
      `SELECT DISTINCT p.owner_staff_code FROM allocations a JOIN people p ON p.crn = a.crn WHERE a.programme_code = 'BBR-C17-0001'`,
    ) as string[];
    expect(owners).toHaveLength(3);
    expect(column(`SELECT DISTINCT managing_sector FROM people WHERE owner_staff_code IN (${owners.map(() => '?').join()})`, ...owners)).toEqual(['NPS']);
  });

  it('has one owner on leave now with no deputy, one off sick now whose deputy covers, and one available with a deputy', () => {
    const owners = column(
      `SELECT DISTINCT p.owner_staff_code FROM allocations a JOIN people p ON p.crn = a.crn WHERE a.programme_code = 'BBR-C17-0001' ORDER BY 1`,
    ) as string[];
    const states = owners.map((o) => ({ absent: isAbsent(o) > 0, deputies: deputiesOf(o).length }));
    expect(states).toEqual(
      expect.arrayContaining([
        { absent: true, deputies: 0 },
        { absent: true, deputies: 1 },
        { absent: false, deputies: 1 },
      ]),
    );
    const onLeave = owners.find((o) => isAbsent(o) && deputiesOf(o).length === 0)!;
    expect(scalar('SELECT kind FROM absences WHERE staff_code = ? AND start_at <= ? AND end_at > ?', onLeave, NOW, NOW)).toBe('LEAVE');
  });

  it('has the safety flags of the cases that made the broker necessary among the group', () => {
    const flags = column(
      `SELECT r.type_code FROM registrations r JOIN allocations a ON a.crn = r.crn WHERE a.programme_code = 'BBR-C17-0001' AND r.end_date IS NULL`,
    );
    expect(flags).toEqual(expect.arrayContaining(['AV2S', 'WRSM', 'STRG']));
    const rivals = column(
      `SELECT r.notes FROM registrations r JOIN allocations a ON a.crn = r.crn WHERE a.programme_code = 'BBR-C17-0001' AND r.type_code = 'STRG' AND r.notes LIKE 'Rival gang%'`,
    );
    expect(rivals).toHaveLength(2);
  });

  it('excludes the tutor from one group member and restricts another to named staff', () => {
    const tutor = scalar(`SELECT staff_code FROM allocations WHERE programme_code = 'BBR-C17-0001' LIMIT 1`);
    expect(scalar('SELECT count(*) FROM lao_exclusions WHERE staff_code = ?', tutor)).toBe(1);
    const restricted = db.prepare(`SELECT crn, count(*) AS n FROM lao_restrictions GROUP BY crn`).all() as { crn: string; n: number }[];
    expect(restricted.length).toBeGreaterThanOrEqual(1);
    expect(scalar('SELECT count(*) FROM lao_exclusions')).toBeGreaterThanOrEqual(2);
  });

  it('gives every person a tier computed from the generated risk', () => {
    expect(scalar(`SELECT count(*) FROM people WHERE tier IS NULL OR tier NOT GLOB '[A-D][1-3]'`)).toBe(0);
    expect(scalar(`SELECT count(*) FROM people p WHERE tier LIKE 'A%' AND NOT EXISTS (
      SELECT 1 FROM registrations r WHERE r.crn = p.crn AND r.end_date IS NULL AND (r.type_code = 'RVHR' OR (r.type_code = 'MAPP' AND r.level IN ('M2', 'M3'))))`)).toBe(0);
  });
});
