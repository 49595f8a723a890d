/**
 * Reports for NPS senior probation officers, hub staff and administrators: how long requests wait,
 * SLA performance, hub fallback, outcomes, emergency access, access in force and caseload pressure,
 * for a period and a breakdown. The figures come from the broker's one report (the same as
 * `rab report` writes), and each chart has its table.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { chartSpecs, REPORT_SECTIONS } from '../../../../shared/contract/report-charts';
import { formatInstant, headlineFigures, reportTables } from '../../../../shared/contract/report-tables';
import { BREAKDOWNS, BREAKDOWN_LABELS, type Breakdown } from '../../../../shared/contract/report-vocabulary';
import { coreNow } from '../../app/core-clock';
import { replaceQuery, useRoute } from '../../app/router';
import { call } from '../../broker/call';
import { useLiveQuery } from '../../broker/live-query';
import { ErrorSummary, type Problem } from '../../components/ErrorSummary';
import { Select } from '../../components/fields';
import { problemsFrom } from '../../components/forms';
import { LoadProblem, Page } from '../../components/Page';
import { fromLondonInputValue } from '../../format/time';
import { formatPeriod } from '../../../../shared/format/dates';
import { CsvExport } from './CsvExport';
import { DateField } from './DateField';
import { ReportChart } from './ReportChart';
import { ReportTableView } from './ReportTableView';
import { viewFromQuery, type ReportView } from './report-period-form';
import './reports.css';

/** Lists longer than this start folded, so the charts stay in view. */
const FOLD_AFTER_ROWS = 10;

export function ReportsScreen() {
  const route = useRoute();
  const applied = viewFromQuery(route.query, coreNow());
  const [draft, setDraft] = useState<ReportView>(applied);
  const [problems, setProblems] = useState<Problem[]>([]);
  const loaded = useLiveQuery('reports', [applied.from, applied.to, applied.breakdown], () => call('reports.build', applied), { poll: false });
  const report = loaded.value;
  const tables = useMemo(() => (report ? new Map(reportTables(report).map((t) => [t.id, t])) : new Map()), [report]);
  const charts = useMemo(() => (report ? chartSpecs(report) : []), [report]);

  const show = (event: FormEvent) => {
    event.preventDefault();
    const found: Problem[] = [];
    const realDay = (day: string) => fromLondonInputValue(`${day}T12:00`) !== null;
    if (!draft.from) found.push({ fieldId: 'report-from', message: 'Enter the first day of the period' });
    else if (!realDay(draft.from)) found.push({ fieldId: 'report-from', message: 'The first day must be a real date, like 1 3 2026' });
    if (!draft.to) found.push({ fieldId: 'report-to', message: 'Enter the last day of the period' });
    else if (!realDay(draft.to)) found.push({ fieldId: 'report-to', message: 'The last day must be a real date, like 31 3 2026' });
    if (found.length === 0 && draft.to < draft.from) found.push({ fieldId: 'report-to', message: 'The last day must be the same as or after the first day' });
    setProblems(found);
    if (found.length === 0) replaceQuery('/reports', { from: draft.from, to: draft.to, by: draft.breakdown === 'NONE' ? undefined : draft.breakdown });
  };
  const loadProblems = loaded.error && loaded.error.code === 'REPORT_PERIOD_INVALID' ? problemsFrom(loaded.error) : [];
  const shownProblems = [...problems, ...loadProblems];

  return (
    <Page title="Reports" width="full" hasError={shownProblems.length > 0}>
      <ErrorSummary problems={shownProblems} />
      <p className="govuk-body rab-report-intro">
        How long CRC staff wait for risk information, how often the NPS hub has to step in, and why requests are refused. Requests made in the period count, as they
        stood at its end (or now, while it runs). Each table below can be saved as CSV; IT support can also produce the whole report as CSV and HTML files.
      </p>
      <form className="rab-filters" onSubmit={show} noValidate aria-label="Report period">
        <DateField id="report-from" label="From" value={draft.from} onChange={(from) => setDraft({ ...draft, from })} error={problems.find((p) => p.fieldId === 'report-from')?.message} />
        <DateField id="report-to" label="To" value={draft.to} onChange={(to) => setDraft({ ...draft, to })} error={problems.find((p) => p.fieldId === 'report-to')?.message} />
        <Select<Breakdown>
          id="report-breakdown"
          label="Break down by"
          value={draft.breakdown}
          onChange={(breakdown) => setDraft({ ...draft, breakdown })}
          choices={BREAKDOWNS.map((b) => ({ value: b, label: BREAKDOWN_LABELS[b] }))}
        />
        <button type="submit" className="govuk-button govuk-!-margin-bottom-0" data-testid="show-report">
          Show reports
        </button>
      </form>
      {loadProblems.length === 0 ? <LoadProblem error={loaded.error} loading={loaded.loading && !report} /> : null}
      {report ? (
        <div aria-busy={loaded.loading} data-testid="report">
          <h2 className="govuk-heading-m">
            {formatPeriod(report.period.from, report.period.to)}
          </h2>
          <p className="govuk-body-s" data-testid="report-as-of">
            Counted as things stood at {formatInstant(report.period.asOf, report.period.timeZone)} ({report.period.timeZone}). Broken down by:{' '}
            {BREAKDOWN_LABELS[report.breakdown].toLowerCase()}. Percentiles are nearest-rank.
          </p>
          <dl className="rab-report-headline" data-testid="headline">
            {headlineFigures(report).map((h) => (
              <div key={h.label}>
                <dt className="govuk-body-s govuk-!-margin-bottom-0">{h.label}</dt>
                <dd className="govuk-heading-m govuk-!-margin-bottom-0">{h.value}</dd>
              </div>
            ))}
          </dl>
          <CsvExport view={applied} onProblems={setProblems} />
          {REPORT_SECTIONS.map((section) => {
            const sectionCharts = charts.filter((c) => section.charts.includes(c.id));
            const charted = new Set(sectionCharts.map((c) => c.table));
            const others = section.tables.map((id) => tables.get(id)).filter((t) => t !== undefined && !charted.has(t.id));
            return (
              <section key={section.id} aria-labelledby={`section-${section.id}`} className="rab-report-section" data-testid={`section-${section.id}`}>
                <h2 className="govuk-heading-m" id={`section-${section.id}`}>
                  {section.title}
                </h2>
                {sectionCharts.map((spec) => (
                  <ReportChart key={spec.id} spec={spec} table={tables.get(spec.table)} />
                ))}
                {others.map((t) =>
                  t.rows.length > FOLD_AFTER_ROWS ? (
                    <details className="govuk-details" key={t.id}>
                      <summary className="govuk-details__summary">
                        <span className="govuk-details__summary-text">
                          {t.title} ({t.rows.length} rows)
                        </span>
                      </summary>
                      <div className="govuk-details__text">
                        <ReportTableView table={t} />
                      </div>
                    </details>
                  ) : (
                    <ReportTableView key={t.id} table={t} />
                  ),
                )}
              </section>
            );
          })}
        </div>
      ) : null}
    </Page>
  );
}
