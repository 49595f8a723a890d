/**
 * An import from the admin screen runs on its own connection and the sweep waits for it: a sweep
 * asked for while a failing import holds its transaction runs after it, in a transaction of its
 * own, and keeps its audit events when the import is rolled back.
 */
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ImportReport } from '../../../shared/contract';
import type { Importer } from '../../../electron/core/rpc/call';
import { seedExportSet } from '../../../electron/core/seed/write-export-set';
import { all, one, sql } from '../../../electron/core/store/sql';
import { desktopImporter } from '../../../electron/main/desktop-importer';
import { PASSWORD, PEOPLE, useBrokerFixture, type BrokerFixture } from '../../helpers/broker-fixture';
import { requestBody, safetyWithOwnerTurn } from '../../helpers/broker-requests';
import { TEST_ENGINE } from '../../helpers/engines';
import { useTempDirs } from '../../helpers/temp-dir';
import { join } from 'node:path';

const tempDir = useTempDirs();
let current: BrokerFixture | null = null;
let started!: () => void;
let release!: () => void;
const importStarted = () => new Promise<void>((r) => (started = r));

/** The desktop's own importer (second connection), held at its start until the test lets it go. */
const heldImporter: Importer = async (dir, by, onProgress): Promise<ImportReport> => {
  const gate = new Promise<void>((r) => (release = r));
  started();
  await gate;
  return desktopImporter(current!.store.path, current!.keyStore, current!.clock)(dir, by, onProgress);
};

const fixture = useBrokerFixture({ importer: heldImporter });

// The import is the embedded store's own bulk load.
describe.skipIf(TEST_ENGINE === 'postgres')('an import alongside the sweep', () => {
  it('lets a sweep asked for during a failing import run after it, keeping the sweep\'s audit events', async () => {
    const fx = await fixture();
    current = fx;
    const { results } = await fx.call('priya', 'requests.create', requestBody({ crns: [PEOPLE.warrant.crn], ...safetyWithOwnerTurn(fx), scope: 'ROSH_SUMMARY', durationDays: 3 }));
    const requestId = results[0]!.outcome === 'CREATED' ? results[0]!.request.id : -1;
    fx.clock.advanceHours(1);

    const broken = tempDir();
    await seedExportSet({ scale: 'small', seed: 7, outDir: broken, asOf: '2026-03-02' });
    rmSync(join(broken, 'sentences.csv'));

    const begun = importStarted();
    await fx.signIn('ada');
    const importing = fx.call('ada', 'admin.runImport', { confirmPassword: PASSWORD, directory: broken });
    await begun;
    let sweptEarly = false;
    const sweeping = fx.core.sweepInTurn().then((r) => ((sweptEarly = !importDone), r));
    let importDone = false;
    void importing.then(() => (importDone = true), () => (importDone = true));
    // Give the sweep every chance to run first: it must wait for the import instead.
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    expect(sweptEarly).toBe(false);
    release();

    const report = await importing;
    expect(report.ok).toBe(false);
    const swept = await sweeping;
    expect(sweptEarly).toBe(false);
    expect(swept.escalated).toBe(1);
    expect(await all(fx.engine, sql`SELECT action FROM audit_events WHERE subject = ${`request:${requestId}`} AND action = 'request.escalate'`)).toHaveLength(1);
    expect(await one(fx.engine, sql`SELECT status FROM requests WHERE id = ${requestId}`)).toEqual({ status: 'PENDING_HUB' });
    expect(await one(fx.engine, sql`SELECT count(*) AS n FROM audit_events WHERE action = 'admin.importRecords'`)).toEqual({ n: 0 });
  });
});
