import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportReport } from '../../../shared/contract';
import { SystemClock } from '../../../electron/core/clock/clock';
import { seedExportSet } from '../../../electron/core/seed/write-export-set';
import { MemoryKeyStore } from '../../../electron/core/store/key-store';
import { one, sql } from '../../../electron/core/store/sql';
import { BrokerHost } from '../../../electron/main/broker-host';
import { useTempDirs } from '../../helpers/temp-dir';

const PASSWORD = 'correct horse battery';

describe('importing from the desktop admin screen', () => {
  const tempDir = useTempDirs();

  async function signedInAdministrator() {
    const host = new BrokerHost({ storePath: join(tempDir(), 'broker.db'), keyStore: new MemoryKeyStore(), clock: new SystemClock() });
    await host.start();
    await host.dispatch('setup.createAdministrator', { id: 'w', sessionId: null }, { username: 'alice.admin', displayName: 'Alice', password: PASSWORD });
    const conn = { id: 'window-1', sessionId: null as string | null };
    await host.dispatch('auth.signIn', conn, { username: 'alice.admin', password: PASSWORD });
    return { host, conn };
  }

  it('imports an export set all or nothing and reports the rows per file', async () => {
    const { host, conn } = await signedInAdministrator();
    const dir = tempDir();
    await seedExportSet({ scale: 'small', seed: 7, outDir: dir, asOf: '2026-03-02' });
    const answer = await host.dispatch('admin.runImport', conn, { confirmPassword: PASSWORD, directory: dir });
    expect(answer.ok).toBe(true);
    const report = (answer as { value: ImportReport }).value;
    expect(report.ok).toBe(true);
    expect(report.counts['people.csv']).toBe(48);
    expect((await one<{ n: number }>(host.core!.ctx.db, sql`SELECT count(*) AS n FROM people`))?.n).toBe(48);
    host.close();
  });

  it('reports every problem and imports nothing from a broken set', async () => {
    const { host, conn } = await signedInAdministrator();
    const dir = tempDir();
    await seedExportSet({ scale: 'small', seed: 7, outDir: dir, asOf: '2026-03-02' });
    rmSync(join(dir, 'sentences.csv'));
    const answer = await host.dispatch('admin.runImport', conn, { confirmPassword: PASSWORD, directory: dir });
    const report = (answer as { value: ImportReport }).value;
    expect(report.ok).toBe(false);
    expect(report.errors.length).toBeGreaterThan(0);
    expect(report.errors).toContainEqual(expect.objectContaining({ file: 'sentences.csv', row: null }));
    expect((await one<{ n: number }>(host.core!.ctx.db, sql`SELECT count(*) AS n FROM people`))?.n).toBe(0);
    host.close();
  });
});
