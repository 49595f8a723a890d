/**
 * Contact details in the staff records: each member of staff's phone, each team's duty line and
 * mailbox (how the NPS hub is reached). The columns are optional, so export sets made before them
 * still import; a value that is not a phone number is refused like any other bad field.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importExportSet } from '../../../electron/core/import/import-export-set';
import { MemoryKeyStore } from '../../../electron/core/store/key-store';
import { openStore } from '../../../electron/core/store/open-store';
import { useTempDirs } from '../../helpers/temp-dir';
import { editRecords, rowAt, seededSet, setField } from './export-set-files';

const tempDir = useTempDirs();

async function importInto(edit: (dir: string) => void = () => {}) {
  const store = await openStore({ path: join(tempDir(), 'broker.db'), keyStore: new MemoryKeyStore(), create: true });
  const set = await seededSet(tempDir());
  edit(set);
  return { store, set, result: await importExportSet(store.db, set) };
}

const withoutColumns = (file: string, columns: string[]) => (dir: string) =>
  editRecords(dir, file, (rows) => {
    const drop = new Set(columns.map((c) => rows[0]!.indexOf(c)));
    return rows.map((r) => r.filter((_, i) => !drop.has(i)));
  });

describe('contact details in the staff records', () => {
  it('imports each member of staff’s phone and each team’s duty line and mailbox from the synthetic set', async () => {
    const { store, result } = await importInto();
    try {
      expect(result.ok).toBe(true);
      const staff = store.db.prepare(`SELECT phone, email FROM staff WHERE phone IS NOT NULL`).all() as Array<{ phone: string; email: string }>;
      expect(staff.length).toBeGreaterThan(10);
      for (const s of staff) expect(s.phone).toMatch(/^020 7946 0\d{3}$/);
      const hub = store.db.prepare(`SELECT phone, email FROM teams WHERE name LIKE '%central hub'`).get() as { phone: string; email: string };
      expect(hub.phone).toMatch(/^0113 496 0\d{3}$/);
      expect(hub.email).toMatch(/^hub\..+@.+\.probation\.example$/);
    } finally {
      store.close();
    }
  });

  it('still imports a set made before contact details, leaving them empty', async () => {
    const { store, result } = await importInto((d) => {
      withoutColumns('staff.csv', ['phone'])(d);
      withoutColumns('teams.csv', ['phone', 'email'])(d);
    });
    try {
      expect(result.ok).toBe(true);
      expect(store.db.prepare(`SELECT count(*) FROM staff WHERE phone IS NOT NULL`).pluck().get()).toBe(0);
      expect(store.db.prepare(`SELECT count(*) FROM teams WHERE phone IS NOT NULL OR email IS NOT NULL`).pluck().get()).toBe(0);
    } finally {
      store.close();
    }
  });

  it('refuses a phone number that is not one, naming the file, row and column, and writes nothing', async () => {
    let code = '';
    const { store, result } = await importInto((d) => {
      code = rowAt(d, 'staff.csv').code!;
      setField(d, 'staff.csv', code, 'phone', 'ring reception');
    });
    try {
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.problems).toContainEqual(expect.objectContaining({ file: 'staff.csv', line: 2, column: 'phone', problem: expect.stringContaining('a UK phone number') }));
      expect(store.db.prepare(`SELECT count(*) FROM staff`).pluck().get()).toBe(0);
    } finally {
      store.close();
    }
  });
});
