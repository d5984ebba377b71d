// The shape every provision-audit figure takes between the measures that
// count it and the views that show it (page table, SVG chart, CSV, XLSX,
// printable report, JSON API). Counts are raw here; small-number suppression
// is applied once, by `suppressTable`, before anything leaves the server, so
// no view can show a count the rule hides.
import { type LinkedCount, protectLinked } from './linkedSuppression.ts';

/** What a column holds: a count of people or things (suppressed when small), a rate, a median, or a label. */
export type AuditColumnKind = 'count' | 'percent' | 'days' | 'hours' | 'text';

export interface AuditColumn {
  key: string;
  label: string;
  kind: AuditColumnKind;
  /**
   * For a percent, median or other figure worked out from a count: the key of
   * the count column it comes from. When that count is suppressed, so is this
   * figure (a rate over "fewer than 10" people could reveal them).
   */
  basedOn?: string;
  /**
   * Further counts of the same row the figure is worked out from (a rate's
   * numerator and denominator): it is hidden when any of them is, so a shown
   * rate cannot give a hidden count back (a hidden denominator from a shown
   * numerator and rate, say).
   */
  alsoBasedOn?: string[];
  /** For a count that is the sum of other count columns of the same row: their keys. */
  sumOf?: string[];
}

export type AuditCellValue = number | string | null;

export interface AuditRow {
  /** A stable key (a locality id, a quarter "2026-Q3", a group code). */
  key: string;
  label: string;
  values: Record<string, AuditCellValue>;
}

/** One figure of the audit: a titled table with its definition, before suppression. */
export interface AuditTable {
  /** Stable id, used in export file names and the API: e.g. "reach-by-relationship". */
  id: string;
  title: string;
  /** What is counted, from which records, over which period: printed with the table and in the report. */
  definition: string;
  columns: AuditColumn[];
  rows: AuditRow[];
  /** Totals row: count columns are summed by the measure, not here. */
  total?: AuditRow;
  /**
   * For a table whose rows are the cells of two other tables of the same view
   * crossed (a service in a quarter): the table whose rows its rows add up to
   * across (a service over the period), the table whose rows they add up to
   * down (a quarter for the whole area), and each row's place in both. Every
   * pair must be a row, zeros too, and the three tables share one total. The
   * three are protected together by `suppressTables`.
   */
  crossOf?: { across: string; down: string; places: Record<string, { across: string; down: string }> };
  /** 'none' for a table too long to draw: its data table alone is shown. */
  chart?: 'none';
}

export type ShownCell = { text: string; value: number | string | null; suppressed: boolean };

export interface ShownRow {
  key: string;
  label: string;
  cells: Record<string, ShownCell>;
}

/** An audit table as it may be shown: every count checked against the threshold. */
export interface ShownTable extends Omit<AuditTable, 'rows' | 'total'> {
  rows: ShownRow[];
  total?: ShownRow;
  threshold: number;
  /** True when any cell was hidden: the view states the rule. */
  anySuppressed: boolean;
}

/** Cells of a table hidden with those of tables linked to it: `linkedAt(row key, column key)`. */
export type LinkedCells = ReadonlySet<string>;
const totalKey = '\u0000total';
const linkedAt = (row: string, key: string) => `${row}\u0000${key}`;

function formatted(kind: AuditColumnKind, value: AuditCellValue): ShownCell {
  if (value === null) return { text: 'not recorded', value: null, suppressed: false };
  if (typeof value === 'string') return { text: value, value, suppressed: false };
  // A share just under a standard (89.9% against 90%) is not rounded up to meet it.
  if (kind === 'percent')
    return { text: `${Number.isInteger(value) ? value : value.toFixed(1)}%`, value, suppressed: false };
  if (kind === 'days') return { text: `${value.toLocaleString('en-GB')} days`, value, suppressed: false };
  return { text: value.toLocaleString('en-GB'), value, suppressed: false };
}

const hidden: ShownCell = { text: 'not shown', value: null, suppressed: true };

/**
 * Applies the small-number rule to a whole table. Primary: every count from 1
 * to threshold - 1 is hidden as "fewer than N". Secondary, repeated until
 * nothing changes: in each count column (its rows and total taken together,
 * as the rows add up to the total, or to an area figure shown elsewhere),
 * and across the parts of a column that is the sum of others (`sumOf`), a
 * lone hidden cell takes the smallest shown non-zero cell with it ("not
 * shown"), so no hidden count can be worked out by subtraction. Figures based
 * on a hidden count are hidden with it.
 */
export function suppressTable(table: AuditTable, threshold: number, linked?: LinkedCells): ShownTable {
  const countKeys = table.columns.filter((c) => c.kind === 'count').map((c) => c.key);
  const all = [...table.rows, ...(table.total ? [table.total] : [])];
  const at = (row: number, key: string) => `${row}:${key}`;
  const num = (row: number, key: string) => {
    const v = all[row]?.values[key];
    return typeof v === 'number' ? v : 0;
  };
  const primary = new Set<string>();
  const hiddenAt = new Set<string>();
  all.forEach((row, i) => {
    for (const key of countKeys) {
      const n = num(i, key);
      if (n > 0 && n < threshold) {
        primary.add(at(i, key));
        hiddenAt.add(at(i, key));
      }
      if (linked?.has(linkedAt(i < table.rows.length ? row.key : totalKey, key))) hiddenAt.add(at(i, key));
    }
  });
  /** Hides the smallest shown non-zero cell of a group holding exactly one hidden cell; true if it did. */
  const complete = (cells: [number, string][]): boolean => {
    if (cells.filter(([i, k]) => hiddenAt.has(at(i, k))).length !== 1) return false;
    const shown = cells.filter(([i, k]) => !hiddenAt.has(at(i, k)) && num(i, k) > 0);
    shown.sort((a, b) => num(a[0], a[1]) - num(b[0], b[1]));
    const next = shown[0];
    if (!next) return false;
    hiddenAt.add(at(next[0], next[1]));
    return true;
  };
  const sums = table.columns.filter((c) => c.kind === 'count' && c.sumOf?.length);
  for (let changed = true; changed; ) {
    changed = false;
    for (const key of countKeys) if (complete(all.map((_, i) => [i, key]))) changed = true;
    for (const sum of sums)
      all.forEach((_, i) => {
        if (complete([sum.key, ...(sum.sumOf ?? [])].map((k) => [i, k]))) changed = true;
      });
  }

  const shownRow = (row: AuditRow, i: number): ShownRow => {
    const cells: Record<string, ShownCell> = {};
    for (const col of table.columns) {
      const key = col.key;
      const value = row.values[key] ?? null;
      if (col.kind === 'count' && hiddenAt.has(at(i, key)))
        cells[key] = primary.has(at(i, key))
          ? { text: `fewer than ${threshold}`, value: null, suppressed: true }
          : hidden;
      else if (
        [col.basedOn, ...(col.alsoBasedOn ?? [])].some((k) => k !== undefined && hiddenAt.has(at(i, k)))
      )
        cells[key] = hidden;
      else cells[key] = formatted(col.kind, value);
    }
    return { key: row.key, label: row.label, cells };
  };
  return {
    id: table.id,
    title: table.title,
    definition: table.definition,
    columns: table.columns,
    ...(table.chart ? { chart: table.chart } : {}),
    rows: table.rows.map(shownRow),
    ...(table.total ? { total: shownRow(table.total, table.rows.length) } : {}),
    threshold,
    anySuppressed: hiddenAt.size > 0,
  };
}

/**
 * Applies the small-number rule to a view's tables. A table crossed from two
 * others (`crossOf`) is protected with them as one set of linked counts
 * (`protectLinked`): each count column's cells, the rows they add up to in
 * both tables and the shared total, so that no hidden count can be worked out
 * along any mix of rows and columns. Other tables are protected one by one.
 */
export function suppressTables(tables: readonly AuditTable[], threshold: number): ShownTable[] {
  const linked = new Map<string, Set<string>>();
  for (const cross of tables) {
    if (!cross.crossOf) continue;
    const { across, down, places } = cross.crossOf;
    const acrossTable = tables.find((t) => t.id === across);
    const downTable = tables.find((t) => t.id === down);
    if (!acrossTable || !downTable) throw new Error(`${cross.id} is crossed from tables not in its view`);
    const sets = [cross, acrossTable, downTable].map((t) => {
      const set = linked.get(t.id) ?? new Set<string>();
      linked.set(t.id, set);
      return set;
    });
    const pairs = new Set(cross.rows.map((r) => `${places[r.key]?.across}\u0000${places[r.key]?.down}`));
    for (const a of acrossTable.rows)
      for (const d of downTable.rows)
        if (!pairs.has(`${a.key}\u0000${d.key}`))
          throw new Error(`${cross.id} has no row for ${a.key} in ${d.key}`);
    const value = (row: AuditRow | undefined, key: string) => {
      const v = row?.values[key];
      return typeof v === 'number' ? v : 0;
    };
    for (const column of cross.columns.filter((c) => c.kind === 'count')) {
      const key = column.key;
      const counts: LinkedCount[] = [
        ...cross.rows.map((r) => ({
          id: `cell\u0000${r.key}`,
          from: `across\u0000${places[r.key]?.across}`,
          to: `down\u0000${places[r.key]?.down}`,
          value: value(r, key),
        })),
        ...acrossTable.rows.map((r) => ({
          id: `across\u0000${r.key}`,
          from: `across\u0000${r.key}`,
          to: 'down\u0000',
          value: value(r, key),
        })),
        ...downTable.rows.map((r) => ({
          id: `down\u0000${r.key}`,
          from: 'across\u0000',
          to: `down\u0000${r.key}`,
          value: value(r, key),
        })),
        {
          id: 'total',
          from: 'across\u0000',
          to: 'down\u0000',
          value: value(cross.total ?? acrossTable.total, key),
          keep: true,
        },
      ];
      const { hidden } = protectLinked(counts, threshold);
      const [inCross, inAcross, inDown] = sets as [Set<string>, Set<string>, Set<string>];
      for (const id of hidden) {
        const [kind, row] = id.split('\u0000') as [string, string | undefined];
        if (kind === 'cell') inCross.add(linkedAt(row as string, key));
        else if (kind === 'across') inAcross.add(linkedAt(row as string, key));
        else if (kind === 'down') inDown.add(linkedAt(row as string, key));
        else for (const set of sets) set.add(linkedAt(totalKey, key));
      }
    }
  }
  return tables.map((t) => suppressTable(t, threshold, linked.get(t.id)));
}
