/**
 * Child process of scripts/bench.ts: seeds one export set and reports its time, size and the
 * process's peak resident memory, which is only meaningful measured in a process of its own.
 * Usage: node --import tsx scripts/bench-seed.ts SCALE OUT_DIR
 */
import { seedExportSet } from '../electron/core/seed/write-export-set';
import type { ScaleName } from '../electron/core/seed/scales';

const [scale, out] = process.argv.slice(2) as [ScaleName, string];
const started = performance.now();
const result = await seedExportSet({ scale, seed: 1, outDir: out, asOf: '2026-11-22', overwrite: true });
const ms = performance.now() - started;
const rows = Object.values(result.manifest.files).reduce((n, f) => n + f.rows, 0);
process.stdout.write(
  JSON.stringify({ scale, ms, rows, bytes: result.bytes, peakRssBytes: process.resourceUsage().maxRSS * 1024, people: result.manifest.files['people.csv']!.rows }),
);
