/**
 * An administrator imports an export set. A set with bad rows imports nothing and every bad row is
 * shown (file, row, field); a good set imports, with a progress bar while it runs.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expectAccessible } from './support/accessibility';
import { ADMIN } from './support/cast';
import { DEMO_PASSWORD } from './support/test-host';
import { expect, navTo, test } from './support/fixtures';
import { saveScreenshot } from './support/screenshots';

const ROOT = resolve(import.meta.dirname, '../..');

/** A small synthetic export set written by `rab seed`, as an administrator would receive one. */
function exportSet(parent: string, name: string): string {
  const dir = join(parent, name);
  execFileSync(process.execPath, ['bin/rab.mjs', 'seed', '--scale', 'small', '--seed', '7', '--as-of', '2026-03-02', '--out', dir], { cwd: ROOT, stdio: 'ignore' });
  return dir;
}

/** Breaks two rows of people.csv: an impossible date of birth, and a CRN in the wrong form. */
function breakPeople(dir: string): void {
  const path = join(dir, 'people.csv');
  const lines = readFileSync(path, 'utf8').split('\n');
  const header = lines[0]!.split(',');
  const dob = header.indexOf('dob');
  const crn = header.indexOf('crn');
  const second = lines[2]!.split(',');
  second[dob] = '1990-13-45';
  lines[2] = second.join(',');
  const fourth = lines[4]!.split(',');
  fourth[crn] = 'BAD0001';
  lines[4] = fourth.join(',');
  writeFileSync(path, lines.join('\n'));
}

test('an import with bad rows imports nothing and shows each bad row; a good one imports with a progress bar', async ({ people }) => {
  const scratch = mkdtempSync(join(tmpdir(), 'rab-e2e-import-'));
  try {
    const bad = exportSet(scratch, 'bad');
    breakPeople(bad);
    const good = exportSet(scratch, 'good');

    const admin = await people.open(ADMIN);
    const { page } = admin;
    await navTo(page, 'Import');
    await expectAccessible(page, 'import');
    await page.getByLabel('Folder').fill(bad);
    await page.getByLabel('Your password').fill(DEMO_PASSWORD);
    await page.getByTestId('start-import').click();

    await expect(page.getByRole('heading', { name: 'The import files have errors. Nothing was imported.' })).toBeVisible();
    const errors = page.getByTestId('import-errors');
    await expect(errors.getByRole('row', { name: /people\.csv 2 dob/ })).toBeVisible();
    await expect(errors.getByRole('row', { name: /people\.csv 4 crn/ })).toBeVisible();
    await expectAccessible(page, 'import with errors');
    await saveScreenshot(page, 'administrator-import-errors');

    // While an import runs, the progress bar shows; here the call is held back so it is seen.
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/rpc/admin.runImport', async (route) => {
      await held;
      await route.continue();
    });
    await page.getByLabel('Folder').fill(good);
    await page.getByLabel('Your password').fill(DEMO_PASSWORD);
    await page.getByTestId('start-import').click();
    await expect(page.getByTestId('import-progress').getByRole('progressbar')).toBeVisible();
    await expect(page.getByTestId('start-import')).toBeDisabled();
    await expectAccessible(page, 'import running');
    release();
    await expect(page.getByTestId('import-done')).toContainText(/Imported [\d,]+ rows/);
    await expect(page.getByTestId('import-counts').getByRole('row', { name: /people\.csv/ })).toBeVisible();
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});
