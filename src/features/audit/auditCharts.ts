// Charts of a shown (already suppressed) audit table, drawn on the server:
// horizontal bars for comparing localities or groups, grouped or stacked bars
// for several figures of each, and lines for trends by quarter. A hidden
// figure is drawn as a hatched box with its words ("fewer than 10" spans the
// range 0 to 10 it lies in; "not shown" is a small fixed box), never as a
// bar of its value.
import type { ShownTable } from './auditTable.ts';
import { barChart } from './chartBars.ts';
import { type Drawing, drawingToSvg, safeId } from './chartDrawing.ts';
import { chartLine } from './chartLine.ts';
import { categoryRows, chartColumns } from './chartScale.ts';
import { chartSummary } from './chartSummary.ts';

export type ChartKind = 'bar' | 'groupedBar' | 'stackedBar' | 'line';

export interface ChartSpec {
  kind: ChartKind;
  /** The columns drawn: one for a bar chart; one series each for the others. */
  columns: string[];
  /** Draw the table's total row too, as the last bar (bar charts). */
  withTotal?: boolean;
  /** Instead of the table's title. */
  title?: string;
  /** For an id of its own when one table has two charts of the same kind on a page. */
  id?: string;
}

export interface Chart {
  id: string;
  title: string;
  /** The figures in a sentence or two, for screen readers and under the chart. */
  summary: string;
  svg: string;
  drawing: Drawing;
}

/** Draws a chart of a shown table. Throws when the spec names a column the table does not have. */
export function renderChart(table: ShownTable, spec: ChartSpec): Chart {
  const columns = chartColumns(table, spec.columns);
  const rows = categoryRows(table, spec.kind !== 'line' && Boolean(spec.withTotal), spec.kind === 'line');
  const drawing = spec.kind === 'line' ? chartLine(table, spec, rows) : barChart(table, spec, rows);
  const id = safeId(spec.id ?? `chart-${table.id}-${spec.kind}-${columns.map((c) => c.key).join('-')}`);
  const title = spec.title ?? table.title;
  const summary = chartSummary(table, spec.kind, columns, rows);
  return { id, title, summary, drawing, svg: drawingToSvg(drawing, { id, title, description: summary }) };
}

/**
 * The chart a table gets when a page does not choose one: a line over its
 * numeric columns when its rows are periods, stacked bars of a count's parts,
 * grouped bars for two to four figures of the same kind, else a bar of its
 * first figure. None for a table with no rows or no figures, or one marked
 * too long to draw.
 */
export function defaultChartSpec(table: ShownTable): ChartSpec | undefined {
  if (!table.rows.length || table.chart === 'none') return undefined;
  const numeric = table.columns.filter((c) => c.kind !== 'text');
  const first = numeric[0];
  if (!first) return undefined;
  const sameKind = numeric.filter((c) => c.kind === first.kind).map((c) => c.key);
  if (table.rows.every((r) => /^\d{4}-(Q[1-4]|\d{2}(-\d{2})?)$/.test(r.key)))
    return { kind: 'line', columns: sameKind.slice(0, 3) };
  const sum = table.columns.find(
    (c) => c.kind === 'count' && c.sumOf && c.sumOf.length >= 2 && c.sumOf.length <= 5,
  );
  if (sum?.sumOf) return { kind: 'stackedBar', columns: sum.sumOf };
  if (sameKind.length >= 2 && sameKind.length <= 4) return { kind: 'groupedBar', columns: sameKind };
  return { kind: 'bar', columns: [first.key] };
}
