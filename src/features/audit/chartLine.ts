// Line charts of trends: one line per figure over the periods, broken where
// a figure is hidden, with a hatched mark there instead of a point.

import type { ChartSpec } from './auditCharts.ts';
import type { ShownRow, ShownTable } from './auditTable.ts';
import {
  type Drawing,
  gridColour,
  ink,
  type Shape,
  secondaryInk,
  seriesColours,
  seriesDashes,
  seriesMarkers,
  suppressedPaint,
  wrapText,
} from './chartDrawing.ts';
import {
  chartColumns,
  legendFor,
  legendShapes,
  marker,
  niceScale,
  type Plotted,
  plotted,
  tickText,
} from './chartScale.ts';

const width = 680;

export function chartLine(table: ShownTable, spec: ChartSpec, rows: ShownRow[]): Drawing {
  const series = chartColumns(table, spec.columns);
  const style = (i: number) => ({
    colour: seriesColours[i % seriesColours.length] as string,
    dash: seriesDashes[i % seriesDashes.length] as string,
    marker: seriesMarkers[i % seriesMarkers.length] as (typeof seriesMarkers)[number],
  });
  const legend = legendShapes(
    legendFor(
      table,
      spec.columns,
      series.map((c, i) => ({ label: c.label, paint: style(i).colour, line: style(i) })),
      rows,
    ),
    width,
    4,
  );
  const top = legend.height + 14;
  const left = 64;
  const right = width - 16;
  const bottom = top + 220;
  const cells = rows.map((r) => series.map((c) => plotted(r.cells[c.key])));
  const values = cells.flat().flatMap((p) => (p.drawn === 'value' ? [p.value] : []));
  const anySmall = cells.some((row) => row.some((p) => p.drawn === 'small'));
  const percent = series.every((c) => c.kind === 'percent');
  const scale = niceScale(
    Math.min(0, ...values),
    Math.max(0, ...values, anySmall ? table.threshold : 0),
    bottom,
    top,
    percent,
  );
  const step = (right - left) / Math.max(1, rows.length);
  const xAt = (i: number) => left + (i + 0.5) * step;
  const shapes: Shape[] = [...legend.shapes];
  for (const tick of scale.ticks) {
    const y = scale.at(tick);
    shapes.push({
      kind: 'path',
      d: `M${left} ${y}H${right}`,
      fill: 'none',
      stroke: gridColour,
      strokeWidth: 1,
    });
    shapes.push({
      kind: 'text',
      x: left - 8,
      y: y + 5,
      text: tickText(tick, series[0]),
      tick: true,
      size: 13,
      anchor: 'end',
    });
  }
  shapes.push({
    kind: 'path',
    d: `M${left} ${scale.at(0)}H${right}`,
    fill: 'none',
    stroke: ink,
    strokeWidth: 1.5,
  });
  rows.forEach((row, i) => {
    for (const [j, line] of wrapText(row.label, 12, step - 6, 2).entries())
      shapes.push({
        kind: 'text',
        x: xAt(i),
        y: bottom + 18 + j * 15,
        text: line,
        size: 12,
        anchor: 'middle',
      });
  });
  series.forEach((_, s) => {
    const { colour, dash, marker: markerKind } = style(s);
    let run: string[] = [];
    const flush = () => {
      if (run.length > 1)
        shapes.push({
          kind: 'path',
          d: `M${run.join('L')}`,
          fill: 'none',
          stroke: colour,
          strokeWidth: 2.5,
          dash,
        });
      run = [];
    };
    const points: Shape[] = [];
    cells.forEach((row, i) => {
      const p = row[s] as Plotted;
      const x = xAt(i);
      if (p.drawn === 'value') {
        const y = scale.at(p.value);
        run.push(`${Math.round(x * 100) / 100} ${Math.round(y * 100) / 100}`);
        points.push(marker(markerKind, x, y, colour));
        return;
      }
      flush();
      if (p.drawn === 'small' || p.drawn === 'hidden') {
        const zero = scale.at(0);
        const height = p.drawn === 'small' ? zero - scale.at(table.threshold) : 14;
        const offset = (s - (series.length - 1) / 2) * 12;
        points.push({
          kind: 'rect',
          x: x + offset - 5,
          y: zero - height,
          width: 10,
          height,
          fill: suppressedPaint,
          stroke: secondaryInk,
          strokeWidth: 1.5,
          dash: '3 2',
        });
      }
    });
    flush();
    shapes.push(...points);
  });
  return { width, height: bottom + 50, shapes };
}
