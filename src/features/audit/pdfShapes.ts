// Paints a chart or map drawing (chartDrawing.ts) onto a PDF page with
// pdfkit's vector operations: the same shapes, patterns and words as the
// SVG on the page, so the PDF report's pictures match the web report's.
import type PDFDocument from 'pdfkit';
import { type Drawing, type Paint, type PatternKind, type Shape, white } from './chartDrawing.ts';

type Doc = InstanceType<typeof PDFDocument>;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The box around a path of absolute coordinates (as the map's outlines are). */
function pathBox(d: string): Box {
  const numbers = (d.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);
  const xs = numbers.filter((_, i) => i % 2 === 0);
  const ys = numbers.filter((_, i) => i % 2 === 1);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

/** Draws a pattern's marks across a box; the caller has clipped to the shape. */
function patternMarks(doc: Doc, box: Box, pattern: PatternKind, colour: string): void {
  const { x, y, width, height } = box;
  doc.save();
  if (pattern === 'dots') {
    for (let px = x + 4 - (x % 8); px < x + width + 8; px += 8)
      for (let py = y + 4 - (y % 8); py < y + height + 8; py += 8) doc.circle(px, py, 2.2);
    doc.fill(colour);
  } else if (pattern === 'horizontal') {
    for (let py = y + 2 - (y % 4); py < y + height + 4; py += 4) doc.moveTo(x, py).lineTo(x + width, py);
    doc.lineWidth(1.8).stroke(colour);
  } else {
    const diagonals = (direction: 1 | -1) => {
      for (let t = -height - 8; t < width + height + 8; t += 8) {
        if (direction === 1) doc.moveTo(x + t, y + height).lineTo(x + t + height, y);
        else doc.moveTo(x + t, y).lineTo(x + t + height, y + height);
      }
    };
    diagonals(1);
    if (pattern === 'crosshatch') diagonals(-1);
    doc.lineWidth(pattern === 'stripes' ? 2.5 : pattern === 'crosshatch' ? 1.6 : 1).stroke(colour);
  }
  doc.restore();
}

function fillShape(doc: Doc, outline: () => void, box: Box, paint: Paint): void {
  if (typeof paint === 'string') {
    outline();
    doc.fill(paint);
    return;
  }
  outline();
  doc.fill(paint.background ?? white);
  if (paint.pattern === 'solid') {
    outline();
    doc.fill(paint.colour);
    return;
  }
  doc.save();
  outline();
  doc.clip();
  patternMarks(doc, box, paint.pattern, paint.colour);
  doc.restore();
}

function strokeShape(
  doc: Doc,
  outline: () => void,
  shape: { stroke?: string; strokeWidth?: number; dash?: string },
) {
  if (!shape.stroke) return;
  const [on, off] = (shape.dash ?? '').split(/\s+/).map(Number);
  outline();
  if (on) doc.dash(on, { space: off || on });
  doc.lineWidth(shape.strokeWidth ?? 1).stroke(shape.stroke);
  doc.undash();
}

function drawShape(doc: Doc, shape: Shape): void {
  if (shape.kind === 'rect') {
    const outline = () => doc.rect(shape.x, shape.y, shape.width, shape.height);
    fillShape(doc, outline, shape, shape.fill);
    strokeShape(doc, outline, shape);
  } else if (shape.kind === 'path') {
    const outline = () => doc.path(shape.d);
    if (shape.fill !== 'none') fillShape(doc, outline, pathBox(shape.d), shape.fill);
    strokeShape(doc, outline, shape);
  } else if (shape.kind === 'circle') {
    const outline = () => doc.circle(shape.cx, shape.cy, shape.r);
    fillShape(
      doc,
      outline,
      { x: shape.cx - shape.r, y: shape.cy - shape.r, width: 2 * shape.r, height: 2 * shape.r },
      shape.fill,
    );
    strokeShape(doc, outline, shape);
  } else {
    doc.font(shape.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(shape.size);
    const width = doc.widthOfString(shape.text);
    const x =
      shape.anchor === 'end' ? shape.x - width : shape.anchor === 'middle' ? shape.x - width / 2 : shape.x;
    // SVG places text by its baseline; pdfkit by the top of the line.
    const y = shape.y - shape.size * 0.8;
    if (shape.halo) {
      doc.save().lineWidth(3).strokeColor(white).lineJoin('round');
      doc.text(shape.text, x, y, { lineBreak: false, stroke: true, fill: false });
      doc.restore();
    }
    doc.fillColor(shape.fill ?? '#0b0c0c').text(shape.text, x, y, { lineBreak: false });
  }
}

/** Paints a drawing with its top left at (x, y), scaled to `width` points wide; returns the height used. */
export function drawOnPdf(doc: Doc, drawing: Drawing, x: number, y: number, width: number): number {
  const scale = width / drawing.width;
  doc.save();
  doc.translate(x, y).scale(scale);
  for (const shape of drawing.shapes) drawShape(doc, shape);
  doc.restore();
  return drawing.height * scale;
}
