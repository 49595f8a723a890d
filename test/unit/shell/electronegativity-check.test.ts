import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../helpers/temp-dir';

const repository = fileURLToPath(new URL('../../../', import.meta.url));
const check = (root?: string) =>
  spawnSync('npx', ['tsx', 'scripts/electronegativity-check.ts', ...(root ? ['--root', root] : [])], {
    cwd: repository,
    encoding: 'utf8',
  });

// The gate passing on this app is a step of `npm test` itself (scripts/test-all.sh).
describe('the Electronegativity gate', () => {
  const tempDir = useTempDirs();

  it('fails, naming the findings, on an app that breaks the checklist', () => {
    const root = tempDir();
    mkdirSync(join(root, 'electron', 'main'), { recursive: true });
    mkdirSync(join(root, 'renderer'));
    writeFileSync(
      join(root, 'electron', 'main', 'index.ts'),
      `import { BrowserWindow } from 'electron';\n` +
        `export const w = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });\n`,
    );
    writeFileSync(join(root, 'renderer', 'index.html'), '<!doctype html><div id="root"></div>');
    const result = check(root);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('CONTEXT_ISOLATION_JS_CHECK');
    expect(result.stdout).toContain('SANDBOX_JS_CHECK');
    expect(result.stdout).toContain('PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK');
    expect(result.stdout).toContain('CSP_GLOBAL_CHECK');
    expect(result.stdout).toContain('LIMIT_NAVIGATION_GLOBAL_CHECK');
  });
});
