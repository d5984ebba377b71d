// The baseline report as a PDF, made on the server with pdfkit (pure
// JavaScript, its fonts built in; no browser): a cover with the period,
// filters and when it was made, how to read the figures (the small-number
// rule, the SIMD edition), then each view on its own pages with its charts
// as vector drawings, their summaries and tables, and at the end the
// definition of every measure. Bookmarks list the views.
import PDFDocument from 'pdfkit';
import { defaultChartSpec, renderChart } from './auditCharts.ts';
import { headerLabel } from './auditCsv.ts';
import { type AuditOutputNotes, madeText, type ShownView } from './auditOutputs.ts';
import type { ShownTable } from './auditTable.ts';
import type { Drawing } from './chartDrawing.ts';
import { drawOnPdf } from './pdfShapes.ts';

type Doc = InstanceType<typeof PDFDocument>;

const margin = 50;
const ink = '#0b0c0c';
const grey = '#505a5f';

export interface PdfReportInput {
  title: string;
  notes: AuditOutputNotes;
  views: ShownView[];
  /** A locality map for a view, when boundaries are loaded: drawn before its tables. */
  maps?: Map<string, { title: string; summary: string; drawing: Drawing }>;
}

function bottom(doc: Doc): number {
  return doc.page.height - margin - 20;
}

/** Starts a new page when less than `needed` points are left. */
function room(doc: Doc, needed: number): void {
  if (doc.y + needed > bottom(doc)) doc.addPage();
}

function heading(doc: Doc, text: string, size: number): void {
  room(doc, size * 3);
  doc
    .font('Helvetica-Bold')
    .fontSize(size)
    .fillColor(ink)
    .text(text, margin, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.4);
}

function para(doc: Doc, text: string, options: { size?: number; colour?: string } = {}): void {
  doc
    .font('Helvetica')
    .fontSize(options.size ?? 10.5)
    .fillColor(options.colour ?? ink);
  room(doc, doc.heightOfString(text, { width: contentWidth(doc) }));
  doc.text(text, margin, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.5);
}

function contentWidth(doc: Doc): number {
  return doc.page.width - 2 * margin;
}

/** A table's figures, with its header row again on each new page. */
function dataTable(doc: Doc, table: ShownTable): void {
  const width = contentWidth(doc);
  const size = table.columns.length > 5 ? 8.5 : 9.5;
  const first = Math.min(170, width * 0.34);
  // A column of words (a quarter's name, say) is given twice a figure's width, so words do not break.
  const weight = (kind: string) => (kind === 'text' ? 2 : 1);
  const rest =
    (width - first) /
    Math.max(
      1,
      table.columns.reduce((n, c) => n + weight(c.kind), 0),
    );
  const widths = [first, ...table.columns.map((c) => rest * weight(c.kind))];
  const numeric = [false, ...table.columns.map((c) => c.kind !== 'text')];
  const rowHeight = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(size);
    return Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: (widths[i] ?? rest) - 6 }))) + 6;
  };
  const drawRow = (cells: string[], bold: boolean, rule: boolean) => {
    const height = rowHeight(cells, bold);
    const y = doc.y;
    let x = margin;
    doc
      .font(bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(size)
      .fillColor(ink);
    cells.forEach((text, i) => {
      const w = (widths[i] ?? rest) - 6;
      doc.text(text, x + 3, y + 3, { width: w, align: numeric[i] ? 'right' : 'left' });
      x += widths[i] ?? rest;
    });
    doc
      .moveTo(margin, y + height)
      .lineTo(margin + width, y + height)
      .lineWidth(rule ? 1.2 : 0.5)
      .stroke(rule ? ink : '#b1b4b6');
    doc.y = y + height;
  };
  const header = ['', ...table.columns.map(headerLabel)];
  const rows = [...table.rows, ...(table.total ? [table.total] : [])].map((row) => ({
    bold: row === table.total,
    cells: [row.label, ...table.columns.map((c) => row.cells[c.key]?.text ?? '')],
  }));
  room(doc, rowHeight(header, true) + (rows[0] ? rowHeight(rows[0].cells, false) : 0));
  drawRow(header, true, true);
  for (const row of rows) {
    const height = rowHeight(row.cells, row.bold);
    if (doc.y + height > bottom(doc)) {
      doc.addPage();
      drawRow(header, true, true);
    }
    drawRow(row.cells, row.bold, false);
  }
  doc.moveDown(0.8);
}

function picture(doc: Doc, title: string, summary: string, drawing: Drawing): void {
  const width = Math.min(contentWidth(doc), drawing.width * 0.75);
  const height = drawing.height * (width / drawing.width);
  room(doc, height + 40);
  doc
    .font('Helvetica-Bold')
    .fontSize(10)
    .fillColor(grey)
    .text(`Chart: ${title}`, margin, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.3);
  const top = doc.y;
  drawOnPdf(doc, drawing, margin, top, width);
  doc.y = top + height + 6;
  para(doc, summary, { size: 9.5, colour: grey });
}

function cover(doc: Doc, input: PdfReportInput): void {
  const { notes } = input;
  doc.moveDown(4);
  doc
    .font('Helvetica')
    .fontSize(14)
    .fillColor(grey)
    .text(notes.areaName, margin, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.3);
  doc
    .font('Helvetica-Bold')
    .fontSize(26)
    .fillColor(ink)
    .text(input.title, { width: contentWidth(doc) });
  doc.moveDown(0.6);
  para(doc, `Period: ${notes.period}`, { size: 13 });
  for (const line of notes.filterLines) para(doc, line, { size: 12 });
  para(doc, `Made by Hearth on ${madeText(notes.madeAt)}, from the records as they were then.`, {
    colour: grey,
  });
  para(doc, 'For the joint strategic needs assessment and the Children’s Services Plan.', { colour: grey });
  doc.moveDown(1);
  heading(doc, 'Contents', 14);
  for (const view of input.views) para(doc, `${view.title}: ${view.summary}`);
  para(doc, 'Definitions of every measure');
  doc.moveDown(1);
  heading(doc, 'How to read these figures', 14);
  para(doc, `Small numbers. ${notes.suppressionRule}`);
  if (notes.simdEdition)
    para(
      doc,
      `Deprivation. Quintiles of the Scottish Index of Multiple Deprivation, edition: ${notes.simdEdition}.`,
    );
  para(
    doc,
    `Council area: ${notes.councilArea}. Figures are counts for the whole partnership area unless a filter is named above; no person is named.`,
  );
}

/** Makes the PDF; resolves with its bytes. */
export function reportPdf(input: PdfReportInput): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin,
    bufferPages: true,
    pdfVersion: '1.7',
    lang: 'en-GB',
    displayTitle: true,
    info: {
      Title: `${input.title}: ${input.notes.areaName}, ${input.notes.period}`,
      Author: 'Hearth',
      Subject: 'Provision audit of family support: baseline report',
      CreationDate: input.notes.madeAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  cover(doc, input);
  for (const view of input.views) {
    doc.addPage();
    doc.outline.addItem(view.title);
    heading(doc, view.title, 18);
    para(doc, view.summary);
    const map = input.maps?.get(view.id);
    if (map) picture(doc, map.title, map.summary, map.drawing);
    if (!view.tables.length) para(doc, 'This view has no figures for the period.');
    for (const table of view.tables) {
      heading(doc, table.title, 12.5);
      para(doc, table.definition, { size: 9.5, colour: grey });
      const spec = defaultChartSpec(table);
      if (spec) {
        const chart = renderChart(table, spec);
        picture(doc, chart.title, chart.summary, chart.drawing);
      }
      if (table.rows.length) dataTable(doc, table);
      else para(doc, 'No figures for the period.');
    }
  }
  doc.addPage();
  doc.outline.addItem('Definitions of every measure');
  heading(doc, 'Definitions of every measure', 18);
  for (const view of input.views)
    for (const table of view.tables) {
      heading(doc, `${view.title}: ${table.title}`, 11);
      para(doc, table.definition, { size: 10 });
    }
  heading(doc, 'Small numbers', 11);
  para(doc, input.notes.suppressionRule, { size: 10 });

  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(pages.start + i);
    const savedBottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(8.5)
      .fillColor(grey)
      .text(
        `${input.notes.areaName} · ${input.notes.period} · page ${i + 1} of ${pages.count}`,
        margin,
        doc.page.height - margin + 10,
        {
          width: contentWidth(doc),
          align: 'center',
          lineBreak: false,
        },
      );
    doc.page.margins.bottom = savedBottom;
  }
  doc.end();
  return done;
}
