// Axis scales and the chart parts every kind of chart shares: the legend,
// the order of the categories, and what a cell of a shown table draws as.
import type { AuditColumn, ShownCell, ShownRow, ShownTable } from './auditTable.ts';
import { type Paint, type Shape, secondaryInk, suppressedPaint, textWidth } from './chartDrawing.ts';

export interface Scale {
  lo: number;
  hi: number;
  ticks: number[];
  at(value: number): number;
}

/** A linear scale from [lo, hi] (widened to round steps, and to 0) onto [from, to]. */
export function niceScale(lo: number, hi: number, from: number, to: number, percent = false): Scale {
  let min = Math.min(0, lo);
  let max = Math.max(0, hi, percent ? 100 : 0);
  if (max === min) max = min + 1;
  const raw = (max - min) / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  min = Math.floor(min / step) * step;
  max = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let t = min; t <= max + step / 1e6; t += step) ticks.push(Number(t.toPrecision(12)));
  return { lo: min, hi: max, ticks, at: (v) => from + ((v - min) / (max - min)) * (to - from) };
}

export function tickText(value: number, column: AuditColumn): string {
  const text = value.toLocaleString('en-GB');
  return column.kind === 'percent' ? `${text}%` : text;
}

/** A numeric figure that may be drawn, or why not. */
export type Plotted =
  | { drawn: 'value'; value: number; text: string }
  | { drawn: 'small'; text: string }
  | { drawn: 'hidden'; text: string }
  | { drawn: 'none'; text: string };

/** A cell as a chart sees it: hidden figures are never numbers, whatever the cell holds. */
export function plotted(cell: ShownCell | undefined): Plotted {
  if (!cell) return { drawn: 'none', text: 'not recorded' };
  if (cell.suppressed)
    return cell.text.startsWith('fewer than')
      ? { drawn: 'small', text: cell.text }
      : { drawn: 'hidden', text: cell.text };
  if (typeof cell.value !== 'number') return { drawn: 'none', text: cell.text };
  return { drawn: 'value', value: cell.value, text: cell.text };
}

/** The columns a chart draws, checked against the table. */
export function chartColumns(table: ShownTable, keys: string[]): [AuditColumn, ...AuditColumn[]] {
  const columns = keys.map((key) => {
    const column = table.columns.find((c) => c.key === key);
    if (!column) throw new Error(`${table.id} has no column ${key}`);
    if (column.kind === 'text') throw new Error(`${table.id}.${key} is text: it cannot be charted`);
    return column;
  });
  const [first, ...rest] = columns;
  if (!first) throw new Error(`a chart of ${table.id} needs at least one column`);
  return [first, ...rest];
}

const periodKey = /^\d{4}-(Q[1-4]|\d{2}(-\d{2})?)$/;

/** The categories in order: periods oldest first (for a trend), anything else as the table has them. */
export function categoryRows(table: ShownTable, withTotal: boolean, chronological: boolean): ShownRow[] {
  const rows = [...table.rows];
  if (chronological && rows.every((r) => periodKey.test(r.key)))
    rows.sort((a, b) => a.key.localeCompare(b.key));
  return withTotal && table.total ? [...rows, table.total] : rows;
}

export interface LegendItem {
  label: string;
  paint: Paint;
  /** For a line series: its line style and marker, drawn instead of a block. */
  line?: { colour: string; dash: string; marker: MarkerKind };
  dashedOutline?: boolean;
  /** The swatch's edge, for a pale fill that would not show against white. */
  outline?: string;
}

export type MarkerKind = 'circle' | 'square' | 'triangle' | 'diamond' | 'cross';

export function suppressedLegend(threshold: number): LegendItem {
  return {
    label: `Hatched: fewer than ${threshold}, or not shown`,
    paint: suppressedPaint,
    dashedOutline: true,
  };
}

/** A marker as shapes, centred on (x, y). */
export function marker(kind: MarkerKind, x: number, y: number, colour: string): Shape {
  const r = 5;
  const d: Record<Exclude<MarkerKind, 'circle'>, string> = {
    square: `M${x - r} ${y - r}h${2 * r}v${2 * r}h${-2 * r}z`,
    triangle: `M${x} ${y - r - 1}L${x + r + 1} ${y + r}H${x - r - 1}z`,
    diamond: `M${x} ${y - r - 1}L${x + r + 1} ${y}L${x} ${y + r + 1}L${x - r - 1} ${y}z`,
    cross: `M${x - r} ${y - 2}h${r - 2}v${-r + 2}h4v${r - 2}h${r - 2}v4h${-r + 2}v${r - 2}h-4v${-r + 2}h${-r + 2}z`,
  };
  if (kind === 'circle')
    return { kind: 'circle', cx: x, cy: y, r, fill: colour, stroke: '#ffffff', strokeWidth: 1.5 };
  return { kind: 'path', d: d[kind], fill: colour, stroke: '#ffffff', strokeWidth: 1.5 };
}

/** Lays the legend out in rows from the top left; returns its shapes and the height it takes. */
export function legendShapes(
  items: LegendItem[],
  width: number,
  top: number,
): { shapes: Shape[]; height: number } {
  const shapes: Shape[] = [];
  let x = 0;
  let y = top;
  for (const item of items) {
    const itemWidth = 30 + textWidth(item.label, 14) + 24;
    if (x > 0 && x + itemWidth > width) {
      x = 0;
      y += 24;
    }
    if (item.line) {
      shapes.push({
        kind: 'path',
        d: `M${x} ${y + 8}h26`,
        fill: 'none',
        stroke: item.line.colour,
        strokeWidth: 2.5,
        dash: item.line.dash,
      });
      shapes.push(marker(item.line.marker, x + 13, y + 8, item.line.colour));
    } else {
      shapes.push({
        kind: 'rect',
        x,
        y: y + 1,
        width: 26,
        height: 14,
        fill: item.paint,
        stroke:
          typeof item.paint === 'string' ? item.paint : item.dashedOutline ? secondaryInk : item.paint.colour,
        strokeWidth: 1.5,
        ...(item.dashedOutline ? { dash: '4 2' } : {}),
      });
    }
    shapes.push({ kind: 'text', x: x + 32, y: y + 13, text: item.label, size: 14, anchor: 'start' });
    x += itemWidth;
  }
  return { shapes, height: items.length ? y - top + 24 : 0 };
}

/** The series' legend items when there are several, and the hatching's when a drawn figure is hidden. */
export function legendFor(
  table: ShownTable,
  keys: string[],
  series: LegendItem[],
  rows: ShownRow[],
): LegendItem[] {
  const anyHidden = rows.some((r) => keys.some((k) => r.cells[k]?.suppressed));
  return [...(series.length > 1 ? series : []), ...(anyHidden ? [suppressedLegend(table.threshold)] : [])];
}
