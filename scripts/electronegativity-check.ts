/**
 * Runs Electronegativity (Doyensec's Electron security scanner) over electron/ and fails on any
 * finding or on any file it could not parse (SECURITY.md). The tool itself exits 0 whatever it
 * finds, so this reads its results instead of trusting its exit code.
 *
 * It calls the scanner's documented programmatic entry point rather than its CLI: the CLI of
 * @doyensec/electronegativity 1.10.3 uses commander without declaring it, so it breaks when a
 * newer commander is hoisted (ours is 14). The options are the CLI's `-i electron/ -e <version> -r`.
 * The findings are read from the scan's own result: its `-o` report file is written with
 * callbacks that may finish after the scan resolves, so it is not a reliable thing to read.
 *
 * What it scans: electron/ (main, preload, core) plus renderer/index.html, the page shell whose meta
 * tag carries the CSP. The CSP header itself is built from a constant, which a static scanner cannot
 * evaluate; the meta tag holds the identical string (a unit test keeps them equal), so the tool's
 * CSP check judges the real policy. Both are copied into a temporary folder and scanned as one app.
 *
 * Lines a reviewer has accepted carry an `eng-disable <CHECK>` comment with the reason next to it;
 * they are listed in the output so they stay visible.
 *
 * Usage: tsx scripts/electronegativity-check.ts [--root <folder holding electron/ and renderer/>]
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

interface Finding {
  id: string;
  file: string;
  location: { line: number; column: number };
  severity: { name: string };
  confidence: { name: string };
  description: string;
  manualReview?: boolean;
}
interface ScanResult {
  globalChecks: number;
  atomicChecks: number;
  errors: Array<{ file: string; message: string; tolerable: boolean }>;
  issues: Finding[];
}
type Run = (options: Record<string, unknown>) => Promise<ScanResult>;

const require = createRequire(import.meta.url);
const repository = resolve(import.meta.dirname, '..');
const rootFlag = process.argv.indexOf('--root');
const root = rootFlag > 0 && process.argv[rootFlag + 1] ? resolve(process.argv[rootFlag + 1] as string) : repository;
const electronVersion = (require(join(repository, 'package.json')) as { devDependencies: Record<string, string> }).devDependencies['electron'];
if (!electronVersion || !/^\d+\.\d+\.\d+$/.test(electronVersion)) {
  console.error(`electronegativity-check: package.json must pin an exact electron version (found "${electronVersion}").`);
  process.exit(2);
}

const input = mkdtempSync(join(tmpdir(), 'rab-electronegativity-'));
try {
  cpSync(join(root, 'electron'), join(input, 'electron'), { recursive: true });
  mkdirSync(join(input, 'renderer'));
  cpSync(join(root, 'renderer', 'index.html'), join(input, 'renderer', 'index.html'));
  process.exitCode = await scan(input);
} finally {
  rmSync(input, { recursive: true, force: true });
}

async function scan(folder: string): Promise<number> {
  const run = require('@doyensec/electronegativity') as Run;
  const result = await run({ input: folder, isRelative: true, electronVersion, electronVersionOverride: electronVersion });
  const unparsed = result.errors.filter((e) => !e.tolerable);

  console.log(
    `Electronegativity (electron/ and renderer/index.html, as Electron ${electronVersion}): ${result.atomicChecks} file checks and ` +
      `${result.globalChecks} global checks, ${result.issues.length} findings, ${unparsed.length} files not parsed.`,
  );
  for (const issue of result.issues) {
    console.log(`  ${issue.id} ${issue.severity.name}/${issue.confidence.name} ${issue.file}:${issue.location.line}:${issue.location.column}`);
    console.log(`    ${issue.description}`);
  }
  for (const error of result.errors) console.log(`  ${error.tolerable ? 'warning' : 'NOT PARSED'} ${relative(folder, error.file)}: ${error.message}`);
  for (const line of reviewedLines(folder)) console.log(`  reviewed: ${line}`);
  return result.issues.length > 0 || unparsed.length > 0 ? 1 : 0;
}

/** Every `eng-disable` annotation, so accepted findings are never silent. */
function reviewedLines(folder: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|tsx|js|html)$/.test(entry.name)) {
        readFileSync(path, 'utf8')
          .split('\n')
          .forEach((text, index) => {
            const match = /eng-disable\s+([A-Z_ ]+)/.exec(text);
            if (match) found.push(`${relative(folder, path)}:${index + 1} ${match[1]?.trim()}`);
          });
      }
    }
  };
  walk(folder);
  return found;
}
