/**
 * The script the HTML report runs to draw its charts with the chart.js inlined beside it. Plain
 * ES2017 so any browser opens the file offline. It draws the same specs, patterns and value labels
 * as the Reports screen (renderer/src/screens/reports/draw-chart.ts).
 */
export const HTML_CHART_SCRIPT = String.raw`(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  function pattern(style) {
    var c = document.createElement('canvas');
    c.width = 12; c.height = 12;
    var g = c.getContext('2d');
    g.fillStyle = style.colour; g.fillRect(0, 0, 12, 12);
    g.strokeStyle = '#ffffff'; g.fillStyle = '#ffffff'; g.lineWidth = 2;
    if (style.pattern === 'diagonal') { g.beginPath(); g.moveTo(-2, 14); g.lineTo(14, -2); g.moveTo(-8, 8); g.lineTo(8, -8); g.moveTo(4, 20); g.lineTo(20, 4); g.stroke(); }
    if (style.pattern === 'cross') { g.beginPath(); g.moveTo(0, 6); g.lineTo(12, 6); g.moveTo(6, 0); g.lineTo(6, 12); g.stroke(); }
    if (style.pattern === 'horizontal') { g.beginPath(); g.moveTo(0, 4); g.lineTo(12, 4); g.moveTo(0, 10); g.lineTo(12, 10); g.stroke(); }
    if (style.pattern === 'dots') { g.beginPath(); g.arc(3, 3, 1.8, 0, 2 * Math.PI); g.arc(9, 9, 1.8, 0, 2 * Math.PI); g.fill(); }
    return g.createPattern(c, 'repeat');
  }
  var valueLabels = {
    id: 'valueLabels',
    afterDatasetsDraw: function (chart) {
      var g = chart.ctx, horizontal = chart.options.indexAxis === 'y', stacked = !!chart.options.scales.x.stacked;
      g.save();
      g.font = 'bold 12px sans-serif'; g.lineWidth = 3; g.strokeStyle = '#ffffff'; g.fillStyle = '#0b0c0c';
      chart.data.datasets.forEach(function (ds, i) {
        var meta = chart.getDatasetMeta(i);
        if (meta.hidden) return;
        meta.data.forEach(function (bar, j) {
          var v = ds.data[j];
          if (!v) return;
          var p = stacked ? bar.getCenterPoint() : { x: horizontal ? bar.x + 6 : bar.x, y: horizontal ? bar.y : bar.y - 6 };
          g.textAlign = stacked ? 'center' : horizontal ? 'left' : 'center';
          g.textBaseline = stacked || horizontal ? 'middle' : 'bottom';
          g.strokeText(String(v), p.x, p.y); g.fillText(String(v), p.x, p.y);
        });
      });
      g.restore();
    }
  };
  data.charts.forEach(function (spec) {
    var canvas = document.getElementById('chart-' + spec.id);
    if (!canvas) return;
    var category = { stacked: spec.stacked, ticks: { color: '#0b0c0c' }, grid: { display: false } };
    var value = { stacked: spec.stacked, beginAtZero: true, ticks: { precision: 0, color: '#0b0c0c' }, title: { display: true, text: spec.valueAxis, color: '#0b0c0c' }, grace: '10%' };
    new Chart(canvas, {
      type: 'bar',
      data: { labels: spec.labels, datasets: spec.series.map(function (s) { return { label: s.label, data: s.data, backgroundColor: pattern(data.styles[s.style]), borderColor: '#0b0c0c', borderWidth: 1 }; }) },
      options: {
        indexAxis: spec.horizontal ? 'y' : 'x', animation: false, responsive: true, maintainAspectRatio: false,
        scales: spec.horizontal ? { x: value, y: category } : { x: category, y: value },
        plugins: { legend: { display: spec.series.length > 1, labels: { color: '#0b0c0c' } }, tooltip: { enabled: true } }
      },
      plugins: [valueLabels]
    });
  });
})();`;
