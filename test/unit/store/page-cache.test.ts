import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryKeyStore } from '../../../electron/core/store/key-store';
import { openStore, PAGE_CACHE_KIB } from '../../../electron/core/store/open-store';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();

describe('the page cache', () => {
  it('keeps 256 MiB of decrypted pages on a new, a reopened and a read-only connection', async () => {
    const keyStore = new MemoryKeyStore();
    const path = join(tempDir(), 'broker.db');
    const created = await openStore({ path, keyStore, create: true });
    expect(created.db.pragma('cache_size', { simple: true })).toBe(-PAGE_CACHE_KIB);
    created.close();
    for (const readonly of [false, true]) {
      const store = await openStore({ path, keyStore, readonly });
      expect(store.db.pragma('cache_size', { simple: true }), readonly ? 'read-only' : 'writable').toBe(-256 * 1024);
      store.close();
    }
  });
});
