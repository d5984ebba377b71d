// A view of the audit as CSV (RFC 4180, UTF-8 with a byte order mark so
// spreadsheets read it as UTF-8). The notes come first as lines starting
// "#" (the period, filters, the small-number rule, when it was made), then
// each table: its title and definition as "#" lines, a header row, its rows
// and total, and a blank line. Hidden figures are their words ("fewer than
// 10", "not shown"), never numbers.

import type { AuditOutputNotes, ShownView } from './auditOutputs.ts';
import { noteLines } from './auditOutputs.ts';
import type { ShownCell, ShownTable } from './auditTable.ts';

/**
 * A text cell that a spreadsheet could take for a formula (starting =, +,
 * -, @, or a tab or carriage return) is prefixed with an apostrophe, so it
 * stays text (OWASP's advice on CSV injection).
 */
export function guardFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** One CSV field: quoted when it holds a comma, quote, or line break; quotes doubled. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A shown cell as CSV wants it: a plain number when it is one, else its words (guarded). */
export function cellForExport(cell: ShownCell | undefined): string | number {
  if (!cell) return '';
  if (!cell.suppressed && typeof cell.value === 'number') return cell.value;
  return cell.text;
}

function line(fields: (string | number)[]): string {
  return fields.map((f) => (typeof f === 'number' ? String(f) : csvField(guardFormula(f)))).join(',');
}

/** A column's header with its unit, as the numbers carry none: "Started within 3 weeks (%)". */
export function headerLabel(column: ShownTable['columns'][number]): string {
  if (column.kind === 'percent') return `${column.label} (%)`;
  if (column.kind === 'days') return `${column.label} (days)`;
  if (column.kind === 'hours') return `${column.label} (hours)`;
  return column.label;
}

export function tableLines(table: ShownTable): string[] {
  const rows = [...table.rows, ...(table.total ? [table.total] : [])];
  return [
    line([`# Table: ${table.title}`]),
    line([`# Definition: ${table.definition}`]),
    line(['', ...table.columns.map(headerLabel)]),
    ...rows.map((row) => line([row.label, ...table.columns.map((c) => cellForExport(row.cells[c.key]))])),
  ];
}

/** The whole CSV file for one view. */
export function viewToCsv(view: ShownView, notes: AuditOutputNotes): string {
  const head = noteLines(notes, `${view.title}: provision audit`).map(([name, value]) =>
    line([`# ${name}: ${value}`]),
  );
  const body = view.tables.flatMap((table) => ['', ...tableLines(table)]);
  return `\uFEFF${[...head, ...body].join('\r\n')}\r\n`;
}
