/**
 * Draws a report chart with chart.js, readable in grey scale: every series has a fill pattern as
 * well as a colour, and every bar carries its value. The HTML export draws the same specs the same
 * way (electron/core/reports/html-chart-script.ts). chart.js sets only canvas properties and
 * element styles through the CSSOM, so it runs under the app's Content Security Policy.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip, type ChartConfiguration, type Plugin } from 'chart.js';
import { SERIES_STYLES, type ChartSpec } from '../../../../shared/contract/report-charts';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const INK = '#0b0c0c';

function fillPattern(style: (typeof SERIES_STYLES)[number]): CanvasPattern | string {
  const tile = document.createElement('canvas');
  tile.width = 12;
  tile.height = 12;
  const g = tile.getContext('2d');
  if (!g) return style.colour;
  g.fillStyle = style.colour;
  g.fillRect(0, 0, 12, 12);
  g.strokeStyle = '#ffffff';
  g.fillStyle = '#ffffff';
  g.lineWidth = 2;
  g.beginPath();
  switch (style.pattern) {
    case 'diagonal':
      g.moveTo(-2, 14);
      g.lineTo(14, -2);
      g.moveTo(-8, 8);
      g.lineTo(8, -8);
      g.moveTo(4, 20);
      g.lineTo(20, 4);
      g.stroke();
      break;
    case 'cross':
      g.moveTo(0, 6);
      g.lineTo(12, 6);
      g.moveTo(6, 0);
      g.lineTo(6, 12);
      g.stroke();
      break;
    case 'horizontal':
      g.moveTo(0, 4);
      g.lineTo(12, 4);
      g.moveTo(0, 10);
      g.lineTo(12, 10);
      g.stroke();
      break;
    case 'dots':
      g.arc(3, 3, 1.8, 0, 2 * Math.PI);
      g.arc(9, 9, 1.8, 0, 2 * Math.PI);
      g.fill();
      break;
    case 'solid':
      break;
  }
  return g.createPattern(tile, 'repeat') ?? style.colour;
}

/** Writes each bar's value on or beside it, so no figure depends on reading colours or an axis. */
const valueLabels: Plugin<'bar'> = {
  id: 'valueLabels',
  afterDatasetsDraw(chart) {
    const g = chart.ctx;
    const horizontal = chart.options.indexAxis === 'y';
    const stacked = Boolean((chart.options.scales?.x as { stacked?: boolean } | undefined)?.stacked);
    g.save();
    g.font = 'bold 12px sans-serif';
    g.lineWidth = 3;
    g.strokeStyle = '#ffffff';
    g.fillStyle = INK;
    chart.data.datasets.forEach((dataset, i) => {
      const meta = chart.getDatasetMeta(i);
      if (meta.hidden) return;
      meta.data.forEach((bar, j) => {
        const value = dataset.data[j];
        if (typeof value !== 'number' || value === 0) return;
        const centre = (bar as BarElement).getCenterPoint();
        const at = stacked ? centre : { x: horizontal ? (bar.x ?? 0) + 6 : (bar.x ?? 0), y: horizontal ? (bar.y ?? 0) : (bar.y ?? 0) - 6 };
        g.textAlign = stacked || !horizontal ? 'center' : 'left';
        g.textBaseline = stacked || horizontal ? 'middle' : 'bottom';
        g.strokeText(String(value), at.x ?? 0, at.y ?? 0);
        g.fillText(String(value), at.x ?? 0, at.y ?? 0);
      });
    });
    g.restore();
  },
};

export function chartConfig(spec: ChartSpec): ChartConfiguration<'bar'> {
  const category = { stacked: spec.stacked, ticks: { color: INK }, grid: { display: false } };
  const value = { stacked: spec.stacked, beginAtZero: true, grace: '10%', ticks: { precision: 0, color: INK }, title: { display: true, text: spec.valueAxis, color: INK } };
  return {
    type: 'bar',
    data: {
      labels: spec.labels,
      datasets: spec.series.map((s) => ({ label: s.label, data: s.data, backgroundColor: fillPattern(SERIES_STYLES[s.style % SERIES_STYLES.length]!), borderColor: INK, borderWidth: 1 })),
    },
    options: {
      indexAxis: spec.horizontal ? 'y' : 'x',
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: spec.horizontal ? { x: value, y: category } : { x: category, y: value },
      plugins: { legend: { display: spec.series.length > 1, labels: { color: INK } }, tooltip: { enabled: true } },
    },
    plugins: [valueLabels],
  };
}

export const drawChart = (canvas: HTMLCanvasElement, spec: ChartSpec): Chart<'bar'> => new Chart(canvas, chartConfig(spec));
