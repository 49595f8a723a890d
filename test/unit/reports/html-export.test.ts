import { describe, expect, it } from 'vitest';
import { reportHtml } from '../../../electron/core/reports/html-export';
import { run, sql } from '../../../electron/core/store/sql';
import { chartSpecs } from '../../../shared/contract/report-charts';
import { reportTables } from '../../../shared/contract/report-tables';
import { CAST, PEOPLE, useBrokerFixture } from '../../helpers/broker-fixture';
import { createRequest, grantAccess } from '../../helpers/broker-requests';
import { reportFor } from '../../helpers/report-fixture';

const fixture = useBrokerFixture();

describe('the HTML report', () => {
  it('stands alone: chart.js and the figures are inside the file, and every table is printed', async () => {
    const fx = await fixture();
    await grantAccess(fx, 'priya', { crns: [PEOPLE.warrant.crn] });
    await createRequest(fx, 'priya', { crns: [PEOPLE.absentOwner.crn] });
    const report = await reportFor(fx);
    const html = reportHtml(report);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/);
    expect(html).toMatch(/Chart\.js v4/);
    for (const t of reportTables(report)) expect(html).toContain(`<table id="table-${t.id}">`);
    for (const c of chartSpecs(report)) expect(html).toContain(`<canvas id="chart-${c.id}" role="img"`);
    const data = JSON.parse(/<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(html)![1]!);
    expect(data.charts).toEqual(chartSpecs(report));
  });

  it('escapes names in tables and in the chart data, so nothing in the store can run as script', async () => {
    const fx = await fixture();
    await run(fx.engine, sql`UPDATE staff SET surname = '</script><script>alert(1)</script>' WHERE code = ${CAST.olivia.staffCode}`);
    await grantAccess(fx, 'priya', { crns: [PEOPLE.warrant.crn] });
    const html = reportHtml(await reportFor(fx));
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('Olivia &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Olivia \\u003c/script>\\u003cscript>alert(1)\\u003c/script>');
    expect(html.match(/<script/g)).toHaveLength(3);
  });
});
