// The audit as a workbook: a Notes sheet first (the period, filters, the
// small-number rule, the SIMD edition, when it was made, and each table's
// definition), then one sheet for each table. Hidden figures are their
// words ("fewer than 10", "not shown"), never numbers.
import { cellForExport, headerLabel } from './auditCsv.ts';
import { type AuditOutputNotes, noteLines, type ShownView } from './auditOutputs.ts';
import type { ShownTable } from './auditTable.ts';
import { sheetNames, writeXlsx, type XlsxCell, type XlsxSheet } from './xlsxWriter.ts';

function tableSheet(table: ShownTable, name: string): XlsxSheet {
  const rows = [...table.rows, ...(table.total ? [table.total] : [])];
  return {
    name,
    widths: [34, ...table.columns.map((c) => Math.min(40, Math.max(12, headerLabel(c).length + 2)))],
    rows: [
      [{ value: table.title, bold: true }],
      [table.definition],
      ['Small numbers: see the Notes sheet.'],
      [],
      ['', ...table.columns.map((c): XlsxCell => ({ value: headerLabel(c), bold: true }))],
      ...rows.map((row): XlsxCell[] => [
        row === table.total ? { value: row.label, bold: true } : row.label,
        ...table.columns.map((c) => cellForExport(row.cells[c.key])),
      ]),
    ],
  };
}

/** The workbook for one view, or for the whole audit (every view's tables, a sheet each). */
export function viewsToXlsx(views: ShownView[], notes: AuditOutputNotes, title: string): Uint8Array {
  const tables = views.flatMap((view) => view.tables.map((table) => ({ view, table })));
  const names = sheetNames(['Notes', ...tables.map(({ table }) => table.title)]).slice(1);
  const notesSheet: XlsxSheet = {
    name: 'Notes',
    widths: [28, 36, 44, 90],
    rows: [
      [{ value: title, bold: true }],
      [],
      ...noteLines(notes, title).map(([name, value]): XlsxCell[] => [
        { value: name, bold: true },
        { value, wrap: true },
      ]),
      [],
      ['Sheet', 'View', 'Table', 'Definition'].map((value): XlsxCell => ({ value, bold: true })),
      ...tables.map(({ view, table }, i): XlsxCell[] => [
        names[i] ?? '',
        view.title,
        table.title,
        { value: table.definition, wrap: true },
      ]),
    ],
  };
  return writeXlsx([notesSheet, ...tables.map(({ table }, i) => tableSheet(table, names[i] ?? table.id))], {
    title,
    created: notes.madeAt,
  });
}
