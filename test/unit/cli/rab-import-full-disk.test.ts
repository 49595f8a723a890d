/**
 * An import into a new store that fails for any reason leaves no trace, as docs/import-format.md
 * promises: not the half-made file, not its keychain entry. A full disk is answered as such.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keychainAccount } from '../../../electron/core/store/open-store';
import { useSmallDisks } from '../../helpers/small-disk';
import { useTempDirs } from '../../helpers/temp-dir';
import { cliHarness } from './cli-harness';

const tempDir = useTempDirs();
const smallDisk = useSmallDisks();

describe('rab import into a new store on a disk that fills', () => {
  it('answers that the disk is full and leaves neither the half-made store nor its key behind', async () => {
    const { rab, keyStore } = cliHarness();
    const set = join(tempDir(), 'set');
    expect((await rab(['seed', '--scale', 'office', '--out', set])).code).toBe(0);
    for (const size of [96 * 1024, 1024 * 1024]) {
      const disk = smallDisk(size);
      const store = join(disk.dir, 'broker.db');
      const r = await rab(['import', set, '--store', store]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('The disk is full. Free some space; nothing was changed.');
      expect(readdirSync(disk.dir)).toEqual([]);
      expect(await keyStore.get(keychainAccount(store))).toBeNull();
    }
  });
});
