/**
 * One chart of the report, with its figures as a table beside it for anyone who cannot see the
 * chart: the canvas is an image named by the chart's title and description, and the table sits in
 * a details element that opens with one key press.
 */
import { useEffect, useRef } from 'react';
import type { ChartSpec } from '../../../../shared/contract/report-charts';
import type { ReportTable } from '../../../../shared/contract/report-tables';
import { drawChart } from './draw-chart';
import { ReportTableView } from './ReportTableView';

export function ReportChart({ spec, table }: { spec: ChartSpec; table: ReportTable | undefined }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = drawChart(canvas.current, spec);
    return () => chart.destroy();
  }, [spec]);
  return (
    <figure className="rab-report-figure" data-testid={`chart-${spec.id}`}>
      <figcaption className="govuk-heading-s" id={`caption-${spec.id}`}>
        {spec.title}
      </figcaption>
      <div className="rab-report-chart">
        <canvas ref={canvas} role="img" aria-labelledby={`caption-${spec.id}`} aria-describedby={`desc-${spec.id}`} />
      </div>
      <p className="govuk-body-s" id={`desc-${spec.id}`}>
        {spec.description}
      </p>
      {table ? (
        <details className="govuk-details" data-testid={`chart-table-${spec.id}`}>
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">Show the figures as a table</span>
          </summary>
          <div className="govuk-details__text">
            <ReportTableView table={table} />
          </div>
        </details>
      ) : null}
    </figure>
  );
}
