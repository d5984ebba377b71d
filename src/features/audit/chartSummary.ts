// A chart's figures in words, written from the shown table: the highest and
// lowest for a comparison, first, last and highest for a trend. Hidden
// figures are named by their words ("fewer than 10"), never guessed at.

import type { ChartKind } from './auditCharts.ts';
import type { AuditColumn, ShownRow, ShownTable } from './auditTable.ts';
import { type Plotted, plotted } from './chartScale.ts';

/** "North", "North and South", "North, South and East", "North, South and 3 others". */
export function joinNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  if (names.length > 3) return `${names.slice(0, 2).join(', ')} and ${names.length - 2} others`;
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

interface Item {
  label: string;
  p: Plotted;
}

const words = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** How many figures a chart hides, in words up to ten: "two not shown", never a bare small number. */
export function inWords(n: number): string {
  return words[n] ?? n.toLocaleString('en-GB');
}

function extremes(items: Item[]): string {
  const values = items.flatMap((i) =>
    i.p.drawn === 'value' ? [{ label: i.label, value: i.p.value, text: i.p.text }] : [],
  );
  const small = items.filter((i) => i.p.drawn === 'small');
  const hidden = items.filter((i) => i.p.drawn === 'hidden').length;
  const named = (list: { label: string }[]) => joinNames(list.map((v) => v.label));
  const parts: string[] = [];
  const max = Math.max(...values.map((v) => v.value));
  const min = Math.min(...values.map((v) => v.value));
  if (values.length > 1 && min === max && !small.length)
    parts.push(`all ${inWords(values.length)} are ${values[0]?.text}`);
  else {
    const top = values.filter((v) => v.value === max);
    if (values.length && (max > 0 || !small.length))
      parts.push(`${hidden ? 'highest shown' : 'highest'}: ${named(top)}, ${top[0]?.text}`);
    // Counts shown are 0 or at least the threshold, so "fewer than" ones are the lowest unless a 0 is shown.
    const bottom = values.filter((v) => v.value === min);
    if (values.length && min <= 0 && (min < max || small.length))
      parts.push(`lowest: ${named(bottom)}, ${bottom[0]?.text}`);
    else if (small.length) {
      parts.push(`lowest: ${named(small)}, ${small[0]?.p.text}`);
      small.length = 0;
    } else if (min < max) parts.push(`lowest: ${named(bottom)}, ${bottom[0]?.text}`);
  }
  if (small.length) parts.push(`${small[0]?.p.text}: ${named(small)}`);
  if (hidden) parts.push(`${inWords(hidden)} not shown`);
  return parts.length ? parts.join('; ') : 'no figures are shown';
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function items(rows: ShownRow[], key: string): Item[] {
  return rows.map((r) => ({ label: r.label, p: plotted(r.cells[key]) }));
}

function trend(column: AuditColumn, rows: ShownRow[], threshold: number): string {
  const points = items(rows, column.key);
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return `${column.label}: no figures.`;
  if (points.length === 1) return `${column.label}: ${first.p.text} in ${first.label}.`;
  const shown = points.filter((i) => i.p.drawn === 'value');
  const top = shown.reduce<Item | undefined>(
    (best, i) =>
      i.p.drawn === 'value' && (!best || (best.p.drawn === 'value' && i.p.value > best.p.value)) ? i : best,
    undefined,
  );
  const hidden = points.length - shown.length;
  const sentence = [`${column.label}: ${first.p.text} in ${first.label}, ${last.p.text} in ${last.label}`];
  if (top) sentence.push(`highest ${top.p.text} in ${top.label}`);
  if (hidden)
    sentence.push(
      `${inWords(hidden)} of ${inWords(points.length)} ${hidden === 1 ? 'figure is' : 'figures are'} fewer than ${threshold} or not shown`,
    );
  return `${sentence.join('; ')}.`;
}

/** The summary a chart's description and caption carry. */
export function chartSummary(
  table: ShownTable,
  kind: ChartKind,
  columns: AuditColumn[],
  rows: ShownRow[],
): string {
  const categories = rows.filter((r) => r !== table.total);
  if (!categories.length) return 'There are no figures to show.';
  if (kind === 'line') return columns.map((c) => trend(c, categories, table.threshold)).join(' ');
  const drawn = kind === 'bar' ? columns.slice(0, 1) : columns;
  const sentences = drawn.map((c) => {
    const text = extremes(items(categories, c.key));
    return drawn.length === 1 ? `${capitalised(text)}.` : `${c.label}: ${text}.`;
  });
  const total = table.total;
  if (total) {
    const totals = drawn.map(
      (c) => `${drawn.length === 1 ? '' : `${c.label} `}${total.cells[c.key]?.text ?? 'not recorded'}`,
    );
    sentences.push(`${total.label}: ${totals.join(', ')}.`);
  }
  const none = categories.filter((r) => drawn.every((c) => plotted(r.cells[c.key]).drawn === 'none'));
  if (none.length) sentences.push(`Not recorded: ${joinNames(none.map((r) => r.label))}.`);
  return sentences.join(' ');
}
