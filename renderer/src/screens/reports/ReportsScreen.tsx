/**
 * Reports for NPS senior probation officers, hub staff and administrators: how long requests wait,
 * SLA performance, hub fallback, outcomes, emergency access, access in force and caseload pressure,
 * for a period and a breakdown. The figures come from the broker's one report (the same as
 * `rab report` writes), and each chart has its table.
 */
import { useMemo } from 'react';
import { Controller } from 'react-hook-form';
import { CONTRACT } from '../../../../shared/contract';
import { chartSpecs, REPORT_SECTIONS } from '../../../../shared/contract/report-charts';
import { formatInstant, headlineFigures, reportTables } from '../../../../shared/contract/report-tables';
import { BREAKDOWNS, BREAKDOWN_LABELS, type Breakdown } from '../../../../shared/contract/report-vocabulary';
import { coreNow } from '../../app/core-clock';
import { replaceQuery, useRoute } from '../../app/router';
import { call } from '../../broker/call';
import { useLiveQuery } from '../../broker/live-query';
import { useContractForm, type FormFields } from '../../components/contract-form';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Select } from '../../components/fields';
import { errorFor, problemsFrom } from '../../components/forms';
import { LoadProblem, Page } from '../../components/Page';
import { formatPeriod } from '../../../../shared/format/dates';
import { CsvExport } from './CsvExport';
import { DateField } from './DateField';
import { ReportChart } from './ReportChart';
import { ReportTableView } from './ReportTableView';
import { viewFromQuery, type ReportView } from './report-period-form';
import './reports.css';

/** Lists longer than this start folded, so the charts stay in view. */
const FOLD_AFTER_ROWS = 10;

const FIELDS: FormFields = { from: { id: 'report-from', label: 'From' }, to: { id: 'report-to', label: 'To' }, breakdown: { id: 'report-breakdown', label: 'Break down by' } };

export function ReportsScreen() {
  const route = useRoute();
  const applied = viewFromQuery(route.query, coreNow());
  // The period is checked by the report's own schema; a period that ends before it starts is the broker's to refuse.
  const { form, problems, refuse, onSubmit } = useContractForm({
    schema: CONTRACT['reports.build'].input,
    toInput: (v: ReportView) => ({ from: v.from || undefined, to: v.to || undefined, breakdown: v.breakdown }),
    fields: FIELDS,
    defaultValues: applied,
  });
  const loaded = useLiveQuery('reports', [applied.from, applied.to, applied.breakdown], () => call('reports.build', applied), { poll: false });
  const report = loaded.value;
  const tables = useMemo(() => (report ? new Map(reportTables(report).map((t) => [t.id, t])) : new Map()), [report]);
  const charts = useMemo(() => (report ? chartSpecs(report) : []), [report]);

  const show = onSubmit((input) => {
    replaceQuery('/reports', { from: input.from, to: input.to, by: input.breakdown === 'NONE' ? undefined : input.breakdown });
    return Promise.resolve();
  });
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
        <Controller control={form.control} name="from" render={({ field }) => <DateField id="report-from" label="From" value={field.value} onChange={field.onChange} error={errorFor(problems, 'report-from')} />} />
        <Controller control={form.control} name="to" render={({ field }) => <DateField id="report-to" label="To" value={field.value} onChange={field.onChange} error={errorFor(problems, 'report-to')} />} />
        <Controller
          control={form.control}
          name="breakdown"
          render={({ field }) => (
            <Select<Breakdown> id="report-breakdown" label="Break down by" value={field.value} onChange={field.onChange} choices={BREAKDOWNS.map((b) => ({ value: b, label: BREAKDOWN_LABELS[b] }))} />
          )}
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
          <CsvExport view={applied} onProblems={refuse} />
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
