/**
 * `npx tsx scripts/bench-durability.ts`: what full durability costs. The store commits with
 * `synchronous=FULL` (a confirmed decision is on the disk before it is answered); this measures
 * small write transactions (one audited change each, as a decision is) under FULL and under the
 * former NORMAL, on the same real encrypted store in WAL mode, on the disk under the temp folder.
 * Timings are printed, never asserted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendAuditEvent } from '../electron/core/audit/audit-log';
import { MemoryKeyStore } from '../electron/core/store/key-store';
import { openStore } from '../electron/core/store/open-store';
import { run, sql } from '../electron/core/store/sql';

const COMMITS = Number(process.env.RAB_BENCH_COMMITS ?? 2000);
const work = mkdtempSync(join(tmpdir(), 'rab-bench-durability-'));

async function measure(mode: 'NORMAL' | 'FULL'): Promise<{ perSecond: number; p50: number; p99: number }> {
  const store = await openStore({ path: join(work, `${mode}.db`), keyStore: new MemoryKeyStore(), create: true });
  store.db.pragma(`synchronous=${mode}`);
  const times: number[] = [];
  const started = process.hrtime.bigint();
  for (let i = 0; i < COMMITS; i++) {
    const t = process.hrtime.bigint();
    await store.engine.write(async () => {
      await run(
        store.engine,
        sql`INSERT INTO settings (key, value, updated_at, updated_by) VALUES ('bench', ${String(i)}, ${i}, NULL)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      );
      await appendAuditEvent(store.engine, { at: Date.now(), actor: 'bench', action: 'bench.commit', details: { i } });
    });
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  store.close();
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { perSecond: COMMITS / seconds, p50: at(0.5), p99: at(0.99) };
}

try {
  const normal = await measure('NORMAL');
  const full = await measure('FULL');
  const line = (name: string, r: { perSecond: number; p50: number; p99: number }) =>
    `${name.padEnd(6)} ${Math.round(r.perSecond).toLocaleString('en-GB').padStart(7)} commits/s   median ${r.p50.toFixed(2)} ms   99th percentile ${r.p99.toFixed(2)} ms`;
  console.log(`${COMMITS} small audited write transactions each, encrypted store, WAL mode:\n${line('NORMAL', normal)}\n${line('FULL', full)}`);
  console.log(`FULL costs ${(full.p50 - normal.p50).toFixed(2)} ms more per commit at the median (${(normal.perSecond / full.perSecond).toFixed(1)}× fewer commits per second).`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
