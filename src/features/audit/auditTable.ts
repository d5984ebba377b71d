// The shape every provision-audit figure takes between the measures that
// count it and the views that show it (page table, SVG chart, CSV, XLSX,
// printable report, JSON API). Counts are raw here; small-number suppression
// is applied once, by `suppressTable`, before anything leaves the server, so
// no view can show a count the rule hides.

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
export function suppressTable(table: AuditTable, threshold: number): ShownTable {
  const countKeys = table.columns.filter((c) => c.kind === 'count').map((c) => c.key);
  const all = [...table.rows, ...(table.total ? [table.total] : [])];
  const at = (row: number, key: string) => `${row}:${key}`;
  const num = (row: number, key: string) => {
    const v = all[row]?.values[key];
    return typeof v === 'number' ? v : 0;
  };
  const primary = new Set<string>();
  const hiddenAt = new Set<string>();
  all.forEach((_, i) => {
    for (const key of countKeys) {
      const n = num(i, key);
      if (n > 0 && n < threshold) {
        primary.add(at(i, key));
        hiddenAt.add(at(i, key));
      }
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
    rows: table.rows.map(shownRow),
    ...(table.total ? { total: shownRow(table.total, table.rows.length) } : {}),
    threshold,
    anySuppressed: hiddenAt.size > 0,
  };
}
