import { execFileSync } from 'node:child_process';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The boundaries are import rules: the type-aware rules need each file in a TypeScript project,
// which these made-up files are not, so they are switched off here.
const eslint = new ESLint({
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false } },
    rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
  },
});
const problems = async (filePath: string, code: string) => {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => m.ruleId);
};

describe('import boundaries (lint)', () => {
  it('shared/ may not import Node built-ins, Electron or app code', async () => {
    expect(await problems('shared/violation.ts', `import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n`)).toContain('no-restricted-imports');
    expect(await problems('shared/violation.ts', `import path from 'path';\nexport const x = path;\n`)).toContain('no-restricted-imports');
    expect(await problems('shared/violation.ts', `import { app } from 'electron';\nexport const x = app;\n`)).toContain('no-restricted-imports');
    expect(await problems('shared/violation.ts', `import { x } from '../electron/core/store/sql';\nexport const y = x;\n`)).toContain('no-restricted-imports');
  });

  it('shared/ may not use the DOM or Node globals', async () => {
    expect(await problems('shared/violation.ts', `export const w = window.location;\n`)).toContain('no-restricted-globals');
    expect(await problems('shared/violation.ts', `export const e = process.env;\n`)).toContain('no-restricted-globals');
  });

  it('electron/core may not import electron', async () => {
    expect(await problems('electron/core/violation.ts', `import { app } from 'electron';\nexport const x = app;\n`)).toContain('no-restricted-imports');
  });

  it('only electron/core/store may import a database driver', async () => {
    const driverImport = `import Database from 'better-sqlite3-multiple-ciphers';\nexport const x = Database;\n`;
    expect(await problems('electron/core/broker/violation.ts', driverImport)).toContain('no-restricted-imports');
    expect(await problems('electron/main/violation.ts', driverImport)).toContain('no-restricted-imports');
    expect(await problems('electron/core/reports/violation.ts', `import pg from 'pg';\nexport const x = pg;\n`)).toContain('no-restricted-imports');
    expect(await problems('electron/core/store/engine/ok.ts', driverImport)).toEqual([]);
  });

  it('renderer/ may not import electron/ or Node', async () => {
    expect(await problems('renderer/src/violation.ts', `import { openStore } from '../../electron/core/store/open-store';\nexport const x = openStore;\n`)).toContain('no-restricted-imports');
    expect(await problems('renderer/src/violation.ts', `import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n`)).toContain('no-restricted-imports');
    expect(await problems('renderer/src/violation.ts', `import fs from 'node:fs';\nexport const x = fs;\n`)).toContain('no-restricted-imports');
  });

  it('allowed imports pass', async () => {
    expect(await problems('electron/core/ok.ts', `import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n`)).toEqual([]);
    expect(await problems('renderer/src/ok.ts', `import { SCOPES } from '../../shared/domain/access';\nexport const x = SCOPES;\n`)).toEqual([]);
  });

  it('a deliberate violation makes `eslint` (npm run lint) exit non-zero', () => {
    let status = 0;
    try {
      execFileSync('npx', ['eslint', '--stdin', '--stdin-filename', 'shared/violation.ts'], {
        input: `import fs from 'node:fs';\nexport const x = fs;\n`,
        stdio: ['pipe', 'pipe', 'pipe'],
      });
    } catch (e) {
      status = (e as { status: number }).status;
    }
    expect(status).toBe(1);
  });
});
