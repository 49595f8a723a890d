/**
 * The report as one self-contained HTML file for people without the app: the headline figures,
 * every chart (chart.js inlined from node_modules, so it opens offline) and every table, with the
 * report's figures as JSON for the charts. Tables are always shown, so it prints and reads aloud.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { chartSpecs, REPORT_SECTIONS, SERIES_STYLES } from '../../../shared/contract/report-charts';
import { formatPeriod } from '../../../shared/format/dates';
import { formatInstant, headlineFigures, reportTables, type Cell, type ReportTable } from '../../../shared/contract/report-tables';
import { BREAKDOWN_LABELS, type Report } from '../../../shared/contract/reports';
import { HTML_CHART_SCRIPT } from './html-chart-script';

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
/** JSON inside a script element: nothing in the data may close the element. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

let chartJs: string | null = null;
function chartJsSource(): string {
  if (chartJs === null) {
    const main = createRequire(import.meta.url).resolve('chart.js');
    // Inlined inside a script element, so the text must never close it.
    chartJs = readFileSync(join(dirname(main), 'chart.umd.min.js'), 'utf8').replace(/<\/script/gi, '<\\/script');
  }
  return chartJs;
}

const cell = (c: Cell): string => (c === null ? '–' : typeof c === 'number' ? c.toLocaleString('en-GB') : escapeHtml(c));

function tableHtml(t: ReportTable): string {
  const numeric = t.columns.map((_, i) => t.rows.length > 0 && t.rows.every((r) => r[i] === null || typeof r[i] === 'number'));
  const head = t.columns.map((c, i) => `<th scope="col"${numeric[i] ? ' class="num"' : ''}>${escapeHtml(c)}</th>`).join('');
  const body =
    t.rows.length === 0
      ? `<tr><td colspan="${t.columns.length}">None in this period.</td></tr>`
      : t.rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${cell(c)}</th>` : `<td${numeric[i] ? ' class="num"' : ''}>${cell(c)}</td>`)).join('')}</tr>`).join('\n');
  return `<table id="table-${t.id}"><caption>${escapeHtml(t.title)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>${t.note ? `<p class="note">${escapeHtml(t.note)}</p>` : ''}`;
}

const STYLE = `
body { font-family: Arial, Helvetica, sans-serif; color: #0b0c0c; margin: 0 auto; max-width: 1100px; padding: 0 20px 40px; line-height: 1.4; }
header { border-bottom: 10px solid #1d70b8; margin-bottom: 20px; padding: 10px 0 }
h1 { font-size: 2rem; margin: 10px 0 } h2 { font-size: 1.5rem; margin-top: 40px; border-top: 1px solid #b1b4b6; padding-top: 20px }
.meta { color: #505a5f } .note { color: #505a5f; font-size: .9rem }
dl.headline { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 12px; }
dl.headline div { border-left: 5px solid #1d70b8; padding: 5px 10px; background: #f3f2f1 } dl.headline dt { font-size: .9rem } dl.headline dd { margin: 0; font-size: 1.5rem; font-weight: bold }
figure { margin: 20px 0 } .chart { position: relative; height: 340px } figcaption { font-weight: bold; margin-bottom: 6px }
table { border-collapse: collapse; width: 100%; margin: 10px 0 20px; font-size: .9rem } caption { text-align: left; font-weight: bold; padding: 6px 0 }
th, td { border-bottom: 1px solid #b1b4b6; padding: 6px 8px; text-align: left; vertical-align: top } .num { text-align: right }
@media print { .chart { height: 280px; break-inside: avoid } table { break-inside: auto } h2 { break-before: auto } }
`;


export function reportHtml(report: Report): string {
  const tz = report.period.timeZone;
  const tables = new Map(reportTables(report).map((t) => [t.id, t]));
  const charts = chartSpecs(report);
  const title = `Access to risk records: ${formatPeriod(report.period.from, report.period.to)}`;
  const sections = REPORT_SECTIONS.map((s) => {
    const figures = charts
      .filter((c) => s.charts.includes(c.id))
      .map((c) => `<figure><figcaption id="caption-${c.id}">${escapeHtml(c.title)}</figcaption><div class="chart"><canvas id="chart-${c.id}" role="img" aria-labelledby="caption-${c.id}" aria-describedby="desc-${c.id}"></canvas></div><p class="note" id="desc-${c.id}">${escapeHtml(c.description)} The figures are in the table “${escapeHtml(tables.get(c.table)?.title ?? '')}”.</p></figure>`)
      .join('\n');
    const body = s.tables.map((id) => tables.get(id)).filter((t) => t !== undefined).map(tableHtml).join('\n');
    return `<section><h2>${escapeHtml(s.title)}</h2>\n${figures}\n${body}</section>`;
  }).join('\n');
  const headline = headlineFigures(report).map((h) => `<div><dt>${escapeHtml(h.label)}</dt><dd>${escapeHtml(h.value)}</dd></div>`).join('');
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<p class="meta">Records Access Broker report</p>
<h1>${escapeHtml(title)}</h1>
<p class="meta">Requests made ${escapeHtml(formatPeriod(report.period.from, report.period.to))} (${escapeHtml(tz)}), counted as they stood at ${escapeHtml(formatInstant(report.period.asOf, tz) ?? '')}.
Broken down by: ${escapeHtml(BREAKDOWN_LABELS[report.breakdown].toLowerCase())}. Generated ${escapeHtml(formatInstant(report.generatedAt, tz) ?? '')}.
Percentiles are nearest-rank. This report holds access facts only: no record contents and no case reference numbers.</p>
</header>
<main>
<h2>Headline figures</h2>
<dl class="headline">${headline}</dl>
${sections}
</main>
<script type="application/json" id="report-data">${scriptJson({ charts, styles: SERIES_STYLES })}</script>
<script>${chartJsSource()}</script>
<script>${HTML_CHART_SCRIPT}</script>
</body>
</html>
`;
}
