// Horizontal bar charts: one figure per category, several side by side
// (grouped), or the parts of a whole end to end (stacked).

import type { ChartSpec } from './auditCharts.ts';
import type { ShownRow, ShownTable } from './auditTable.ts';
import {
  type Drawing,
  fitText,
  gridColour,
  ink,
  type Paint,
  type Shape,
  secondaryInk,
  seriesPaint,
  suppressedPaint,
  wrapText,
} from './chartDrawing.ts';
import {
  chartColumns,
  legendFor,
  legendShapes,
  niceScale,
  type Plotted,
  plotted,
  tickText,
} from './chartScale.ts';
import { inWords } from './chartSummary.ts';

const width = 680;
const labelWidth = 190;
const valueWidth = 116;
/** The width of a "not shown" box: fixed, as its value is not known. */
const hiddenBox = 28;

export function barChart(table: ShownTable, spec: ChartSpec, rows: ShownRow[]): Drawing {
  const columns = chartColumns(table, spec.columns);
  const kind = spec.kind;
  const series = kind === 'bar' ? columns.slice(0, 1) : columns;
  const legend = legendShapes(
    legendFor(
      table,
      spec.columns,
      series.map((c, i) => ({ label: c.label, paint: seriesPaint(i) })),
      rows,
    ),
    width,
    4,
  );
  const top = legend.height + 12;
  const barHeight = kind === 'groupedBar' ? 14 : 18;
  const rowHeight = kind === 'groupedBar' ? series.length * (barHeight + 2) + 14 : 30;
  const plotLeft = labelWidth + 10;
  const cells = rows.map((r) => series.map((c) => plotted(r.cells[c.key])));
  // A stacked row's hidden parts are boxes after its bar: room for the most of them.
  const mostHidden =
    kind === 'stackedBar'
      ? Math.max(...cells.map((row) => row.filter((p) => p.drawn === 'small' || p.drawn === 'hidden').length))
      : 0;
  const plotRight = width - valueWidth - mostHidden * hiddenBox;
  const values = cells.flatMap((row) =>
    kind === 'stackedBar'
      ? [row.reduce((sum, p) => sum + (p.drawn === 'value' ? Math.max(0, p.value) : 0), 0)]
      : row.map((p) => (p.drawn === 'value' ? p.value : 0)),
  );
  const anySmall = cells.some((row) => row.some((p) => p.drawn === 'small'));
  const percent = series.every((c) => c.kind === 'percent');
  const scale = niceScale(
    Math.min(...values),
    Math.max(...values, anySmall ? table.threshold : 0),
    plotLeft,
    plotRight,
    percent,
  );
  const plotBottom = top + rows.length * rowHeight;
  const shapes: Shape[] = [...legend.shapes];
  for (const tick of scale.ticks) {
    const x = scale.at(tick);
    shapes.push({
      kind: 'path',
      d: `M${x} ${top}V${plotBottom}`,
      fill: 'none',
      stroke: gridColour,
      strokeWidth: 1,
    });
    shapes.push({
      kind: 'text',
      x,
      y: plotBottom + 18,
      text: tickText(tick, columns[0]),
      tick: true,
      size: 13,
      anchor: 'middle',
    });
  }
  const zero = scale.at(0);
  rows.forEach((row, r) => {
    const y = top + r * rowHeight;
    const isTotal = row === table.total;
    const label = wrapText(row.label, 14, labelWidth - 4, kind === 'groupedBar' ? 2 : 1);
    for (const [i, line] of label.entries())
      shapes.push({
        kind: 'text',
        x: labelWidth,
        y: y + rowHeight / 2 + 5 + (i - (label.length - 1) / 2) * 16,
        text: line,
        size: 14,
        anchor: 'end',
        bold: isTotal,
      });
    const rowCells = cells[r] ?? [];
    if (kind === 'stackedBar') {
      stackedRow(shapes, rowCells, scale.at, zero, y + (rowHeight - barHeight) / 2, barHeight);
      return;
    }
    rowCells.forEach((p, i) => {
      const barY = y + 7 + (kind === 'groupedBar' ? i * (barHeight + 2) : (rowHeight - 14 - barHeight) / 2);
      bar(shapes, p, seriesPaint(i), scale.at, zero, barY, barHeight, table.threshold);
    });
  });
  shapes.push({
    kind: 'path',
    d: `M${zero} ${top}V${plotBottom}`,
    fill: 'none',
    stroke: ink,
    strokeWidth: 1.5,
  });
  if (series.length === 1 && series[0])
    shapes.push({
      kind: 'text',
      x: (plotLeft + plotRight) / 2,
      y: plotBottom + 40,
      text: fitText(series[0].label, 14, plotRight - plotLeft),
      size: 14,
      anchor: 'middle',
      fill: secondaryInk,
    });
  return { width, height: plotBottom + (series.length === 1 ? 52 : 30), shapes };
}

/** One bar, or the hatched box of a hidden figure, with its words at the end. */
function bar(
  shapes: Shape[],
  p: Plotted,
  paint: Paint,
  at: (v: number) => number,
  zero: number,
  y: number,
  height: number,
  threshold: number,
): void {
  let end = zero;
  if (p.drawn === 'value') {
    const x = at(p.value);
    const colour = typeof paint === 'string' ? paint : paint.colour;
    shapes.push({
      kind: 'rect',
      x: Math.min(x, zero),
      y,
      width: Math.abs(x - zero),
      height,
      fill: paint,
      stroke: colour,
      strokeWidth: 1,
    });
    end = Math.max(x, zero);
  } else if (p.drawn === 'small' || p.drawn === 'hidden') {
    const boxWidth = p.drawn === 'small' ? at(threshold) - zero : hiddenBox;
    shapes.push({
      kind: 'rect',
      x: zero,
      y,
      width: boxWidth,
      height,
      fill: suppressedPaint,
      stroke: secondaryInk,
      strokeWidth: 1.5,
      dash: '4 2',
    });
    end = zero + boxWidth;
  }
  shapes.push({
    kind: 'text',
    x: end + 6,
    y: y + height / 2 + 5,
    text: p.text,
    size: 13,
    anchor: 'start',
    fill: p.drawn === 'value' ? ink : secondaryInk,
    halo: true,
  });
}

/** One stacked row: its shown parts end to end, then a hatched box for each hidden part. */
function stackedRow(
  shapes: Shape[],
  parts: Plotted[],
  at: (v: number) => number,
  zero: number,
  y: number,
  height: number,
): void {
  let x = zero;
  let sum = 0;
  parts.forEach((p, i) => {
    if (p.drawn !== 'value' || p.value <= 0) return;
    sum += p.value;
    const next = at(sum);
    const paint = seriesPaint(i);
    shapes.push({
      kind: 'rect',
      x,
      y,
      width: next - x,
      height,
      fill: paint,
      stroke: '#ffffff',
      strokeWidth: 2,
    });
    x = next;
  });
  const hidden = parts.filter((p) => p.drawn === 'small' || p.drawn === 'hidden');
  for (const _ of hidden) {
    shapes.push({
      kind: 'rect',
      x: x + 2,
      y,
      width: hiddenBox - 4,
      height,
      fill: suppressedPaint,
      stroke: secondaryInk,
      strokeWidth: 1.5,
      dash: '4 2',
    });
    x += hiddenBox;
  }
  const words =
    hidden.length === 1
      ? `+ ${hidden[0]?.text}`
      : hidden.length
        ? `+ ${inWords(hidden.length)} not shown`
        : '';
  const shown = sum > 0 ? sum.toLocaleString('en-GB') : '';
  const text = [shown, words].filter(Boolean).join(' ');
  if (text)
    shapes.push({
      kind: 'text',
      x: x + 6,
      y: y + height / 2 + 5,
      text,
      size: 13,
      anchor: 'start',
      fill: hidden.length ? secondaryInk : ink,
      halo: true,
    });
}
