import { describe, expect, it } from 'vitest';
import type { ImportReport } from '../../../shared/contract';
import type { ImportProgressUpdate } from '../../../electron/core/rpc/call';
import { PASSWORD, useBrokerFixture } from '../../helpers/broker-fixture';

/** An importer the test steps through by hand: it reports progress, then waits to be finished. */
function steppedImporter() {
  let report: ((p: ImportProgressUpdate) => void) | null = null;
  let finish: ((r: ImportReport) => void) | null = null;
  const importer = (_dir: string, _by: unknown, onProgress: (p: ImportProgressUpdate) => void) =>
    new Promise<ImportReport>((resolve) => {
      report = onProgress;
      finish = resolve;
    });
  return {
    importer,
    progress: (p: ImportProgressUpdate) => report?.(p),
    finish: (r: ImportReport) => finish?.(r),
  };
}

describe('import progress, for the administrator’s progress bar', () => {
  const stepped = steppedImporter();
  const fixture = useBrokerFixture({ importer: stepped.importer });

  it('reports rows read while an import runs, and not running once it has finished', async () => {
    const fx = await fixture();
    expect(await fx.call('ada', 'admin.importProgress', {})).toEqual({ running: false, file: null, rowsDone: 0, rowsTotal: 0 });

    const running = fx.call('ada', 'admin.runImport', { confirmPassword: PASSWORD, directory: '/exports/week-12' });
    await waitUntil(async () => (await fx.call('ada', 'admin.importProgress', {})).running);
    stepped.progress({ file: 'people.csv', rowsDone: 5000, rowsTotal: 20000 });
    expect(await fx.call('ada', 'admin.importProgress', {})).toEqual({ running: true, file: 'people.csv', rowsDone: 5000, rowsTotal: 20000 });

    const again = await fx.attempt('ada', 'admin.runImport', { confirmPassword: PASSWORD, directory: '/exports/week-12' });
    expect(again).toMatchObject({ ok: false, error: { code: 'IMPORT_BUSY' } });

    stepped.finish({ ok: true, counts: { 'people.csv': 20000 }, errors: [] });
    expect(await running).toEqual({ ok: true, counts: { 'people.csv': 20000 }, errors: [] });
    expect((await fx.call('ada', 'admin.importProgress', {})).running).toBe(false);
  });

  it('is for administrators only', async () => {
    const fx = await fixture();
    expect(await fx.attempt('priya', 'admin.importProgress', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

/** Waits until the condition holds, yielding to the event loop between tries. */
async function waitUntil(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('the condition never held');
}
