import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../electron/core/reports/build-report';
import { reportPeriodFor } from '../../../electron/core/reports/report-period';
import { all, run, sql, value } from '../../../electron/core/store/sql';
import { reportTables } from '../../../shared/contract/report-tables';
import { CAST, PASSWORD, PEOPLE, useBrokerFixture, type BrokerFixture } from '../../helpers/broker-fixture';
import { createRequest, grantAccess } from '../../helpers/broker-requests';
import { MONDAY } from '../../helpers/report-fixture';

const fixture = useBrokerFixture();
const input = { from: MONDAY, to: MONDAY };

async function someActivity(fx: BrokerFixture) {
  await grantAccess(fx, 'priya', { crns: [PEOPLE.warrant.crn], scope: 'FRONT_SHEET', durationDays: 3 });
  await createRequest(fx, 'priya', { crns: [PEOPLE.absentOwner.crn] });
  const r = await createRequest(fx, 'tara', { crns: [PEOPLE.veryHigh.crn], scope: 'FRONT_SHEET', urgency: 'IMMEDIATE_SAFETY' });
  await fx.call('tara', 'emergency.open', { requestId: r.id, password: PASSWORD, reasonCode: 'PERSON_ATTENDING_NOW', reasonText: 'He is in reception.' });
  fx.clock.advanceMinutes(45);
  await fx.core.sweep();
  await fx.call('hana', 'requests.deny', { requestId: r.id, reasonCode: 'SCOPE_TOO_WIDE', reason: 'Emergency access covered it.' });
}

const auditCount = async (fx: BrokerFixture) => Number(await value<number>(fx.engine, sql`SELECT count(*) AS n FROM audit_events`));
const lastSeq = async (fx: BrokerFixture) => Number(await value<number>(fx.engine, sql`SELECT coalesce(max(seq), 0) AS n FROM audit_events`));

describe('the reports channels', () => {
  it('lets hub staff and administrators see reports, and offender managers only if they are senior probation officers', async () => {
    const fx = await fixture();
    for (const who of ['hana', 'ada'] as const) expect((await fx.attempt(who, 'reports.build', input)).ok, who).toBe(true);
    for (const who of ['priya', 'olivia'] as const) {
      expect(await fx.attempt(who, 'reports.build', input), who).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await fx.attempt(who, 'reports.exportCsv', input), who).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    await run(fx.engine, sql`UPDATE staff SET grade = 'SPO' WHERE code = ${CAST.olivia.staffCode}`);
    expect((await fx.attempt('olivia', 'reports.build', input)).ok).toBe(true);
    await run(fx.engine, sql`UPDATE staff SET grade = 'SPO' WHERE code = ${CAST.priya.staffCode}`);
    expect(await fx.attempt('priya', 'reports.build', input)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('answers with the same figures as buildReport', async () => {
    const fx = await fixture();
    await someActivity(fx);
    const viaChannel = await fx.call('hana', 'reports.build', { ...input, breakdown: 'OFFENDER_MANAGER' });
    const direct = await buildReport(fx.core.ctx.db, await reportPeriodFor(fx.core.ctx.db, MONDAY, MONDAY, fx.clock.now()), { breakdown: 'OFFENDER_MANAGER', generatedAt: fx.clock.now() });
    expect(viaChannel).toEqual(direct);
  });

  it('refuses a bad period clearly and changes nothing', async () => {
    const fx = await fixture();
    const before = await auditCount(fx);
    expect(await fx.attempt('ada', 'reports.exportCsv', { from: '2026-03-05', to: MONDAY })).toMatchObject({
      ok: false, error: { code: 'REPORT_PERIOD_INVALID', message: 'The period ends (2026-03-02) before it starts (2026-03-05).' },
    });
    expect(await fx.attempt('ada', 'reports.build', { from: '2 March', to: MONDAY })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await auditCount(fx)).toBe(before);
  });
});

describe('CSV export from the screen', () => {
  it('writes every table of the current view as CSV with the screen’s figures, and audits the export once', async () => {
    const fx = await fixture();
    await someActivity(fx);
    const report = await fx.call('ada', 'reports.build', { ...input, breakdown: 'OWNER_TEAM' });
    const before = await lastSeq(fx);
    const { files } = await fx.call('ada', 'reports.exportCsv', { ...input, breakdown: 'OWNER_TEAM' });

    const tables = reportTables(report);
    expect(files.map((f) => f.table)).toEqual(tables.map((t) => t.id));
    for (const [i, f] of files.entries()) {
      expect(f.filename).toBe(`report-2026-03-02-to-2026-03-02-${tables[i]!.id}.csv`);
      const rows = parse(f.csv) as string[][];
      expect(rows[0]).toEqual(tables[i]!.columns);
      expect(rows.slice(1)).toEqual(tables[i]!.rows.map((row) => row.map((c) => (c === null ? '' : String(c)))));
      expect(f.rows).toBe(tables[i]!.rows.length);
    }
    const events = await all<{ actor: string; action: string; details: string }>(fx.engine, sql`SELECT actor, action, details FROM audit_events WHERE seq > ${before} ORDER BY seq`);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor: 'ada', action: 'report.export' });
    expect(JSON.parse(events[0]!.details)).toEqual({
      format: 'CSV', from: MONDAY, to: MONDAY, breakdown: 'OWNER_TEAM', tables: files.map((f) => f.table), rows: files.reduce((n, f) => n + f.rows, 0),
    });
  });

  it('exports one table when asked for one', async () => {
    const fx = await fixture();
    await someActivity(fx);
    const { files } = await fx.call('hana', 'reports.exportCsv', { ...input, table: 'sla-breaches' });
    expect(files.map((f) => f.table)).toEqual(['sla-breaches']);
    expect(parse(files[0]!.csv)).toHaveLength(2);
  });

  it('holds access facts only: no CRNs, no names of people under supervision, no justification or record text', async () => {
    const fx = await fixture();
    await someActivity(fx);
    const { files } = await fx.call('ada', 'reports.exportCsv', { ...input, breakdown: 'OFFENDER_MANAGER' });
    const everything = files.map((f) => f.csv).join('\n');
    expect(everything).not.toMatch(/X\d{6}/);
    for (const p of Object.values(PEOPLE)) expect(everything).not.toContain(p.surname);
    for (const words of ['He is in reception', 'First appointment on Thursday', 'Emergency access covered it', 'Female staff']) expect(everything).not.toContain(words);
    expect(everything).toContain('Olivia Owner');
  });

  it('defuses names a spreadsheet would run as a formula', async () => {
    const fx = await fixture();
    await run(fx.engine, sql`UPDATE staff SET forename = '=HYPERLINK("http://example.invalid")' WHERE code = ${CAST.olivia.staffCode}`);
    await grantAccess(fx, 'priya', { crns: [PEOPLE.warrant.crn] });
    const { files } = await fx.call('ada', 'reports.exportCsv', { ...input, table: 'caseload-pressure' });
    const rows = parse(files[0]!.csv) as string[][];
    expect(rows[1]![0]).toBe(`'=HYPERLINK("http://example.invalid") Owner`);
  });
});
