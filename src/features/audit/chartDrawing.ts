// A chart or map as a list of shapes, drawn once and then written out as
// SVG for the pages or painted onto a PDF page (auditPdf.ts), so both show
// the same picture. Colours are GOV.UK's, each at least 3:1 against white
// (WCAG 2.2, 1.4.11), and every series also has its own pattern, marker and
// line style, so no chart relies on colour alone.

export type PatternKind = 'solid' | 'stripes' | 'dots' | 'crosshatch' | 'horizontal' | 'hatch';

/** A colour, or a pattern of a colour on white (or on another background). */
export type Paint = string | { pattern: PatternKind; colour: string; background?: string };

export type Shape =
  | {
      kind: 'rect';
      x: number;
      y: number;
      width: number;
      height: number;
      fill: Paint;
      stroke?: string;
      strokeWidth?: number;
      dash?: string;
    }
  | { kind: 'path'; d: string; fill: Paint | 'none'; stroke?: string; strokeWidth?: number; dash?: string }
  | { kind: 'circle'; cx: number; cy: number; r: number; fill: Paint; stroke?: string; strokeWidth?: number }
  | {
      kind: 'text';
      x: number;
      y: number;
      text: string;
      size: number;
      anchor: 'start' | 'middle' | 'end';
      bold?: boolean;
      fill?: string;
      /** A white outline behind the letters, for labels over shaded areas. */
      halo?: boolean;
      /** An axis's scale mark, not a figure. */
      tick?: boolean;
    };

export interface Drawing {
  width: number;
  height: number;
  shapes: Shape[];
}

export const ink = '#0b0c0c';
export const secondaryInk = '#505a5f';
export const gridColour = '#b1b4b6';
export const white = '#ffffff';

/** Series colours: GOV.UK blue, green, purple, red and dark grey; each 4.5:1 or more on white. */
export const seriesColours = ['#1d70b8', '#00703c', '#4c2c92', '#d4351c', '#505a5f'] as const;
/** A pattern per series, so two series never differ by colour alone. */
export const seriesPatterns: readonly PatternKind[] = [
  'solid',
  'stripes',
  'dots',
  'crosshatch',
  'horizontal',
];
/** A line style and marker per series, for line charts. */
export const seriesDashes = ['', '8 4', '2 4', '10 4 2 4', '4 2'] as const;
export const seriesMarkers = ['circle', 'square', 'triangle', 'diamond', 'cross'] as const;

export function seriesPaint(index: number): Paint {
  const colour = seriesColours[index % seriesColours.length] as string;
  const pattern = seriesPatterns[index % seriesPatterns.length] as PatternKind;
  return pattern === 'solid' ? colour : { pattern, colour };
}

/** What a hidden figure is drawn with: grey hatching, never a bar of its value. */
export const suppressedPaint: Paint = { pattern: 'hatch', colour: secondaryInk };

/** A rough width of a line of text in a sans-serif face, on the generous side so labels fit. */
export function textWidth(text: string, size: number): number {
  let width = 0;
  for (const ch of text) width += /[mwMW@]/.test(ch) ? 0.85 : /[iljtf.,:;'’ ]/.test(ch) ? 0.3 : 0.58;
  return width * size;
}

/** Cuts a label to fit a width, with an ellipsis. */
export function fitText(text: string, size: number, width: number): string {
  if (textWidth(text, size) <= width) return text;
  let cut = text;
  while (cut.length > 1 && textWidth(`${cut}…`, size) > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/** Breaks a label into at most `lines` lines of the width, the last cut with an ellipsis. */
export function wrapText(text: string, size: number, width: number, lines = 2): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const out: string[] = [];
  let line = '';
  for (const [i, word] of words.entries()) {
    const next = line ? `${line} ${word}` : word;
    if (textWidth(next, size) <= width || !line) line = next;
    else {
      out.push(line);
      line = word;
      if (out.length === lines - 1) {
        line = words.slice(i).join(' ');
        break;
      }
    }
  }
  if (line) out.push(fitText(line, size, width));
  return out;
}

/** Two decimals at most, so SVG and PDF coordinates stay short. */
export function round(n: number): number {
  return Math.round(n * 100) / 100;
}

export function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (ch) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[ch]};`,
  );
}

/** An id safe in an XML attribute and a CSS selector. */
export function safeId(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'chart'
  );
}

type PatternPaint = Exclude<Paint, string>;

function patternId(prefix: string, paint: PatternPaint): string {
  const on = paint.background ? `-on-${paint.background.replace('#', '')}` : '';
  return `${prefix}-${paint.pattern}-${paint.colour.replace('#', '')}${on}`;
}

function patternDef(id: string, paint: PatternPaint): string {
  const c = paint.colour;
  const ground = paint.background ?? '#ffffff';
  const body: Record<PatternKind, string> = {
    solid: `<rect width="8" height="8" fill="${c}"/>`,
    stripes: `<rect width="8" height="8" fill="${ground}"/><path d="M-2 2l4-4M0 8l8-8M6 10l4-4" stroke="${c}" stroke-width="2.5"/>`,
    dots: `<rect width="8" height="8" fill="${ground}"/><circle cx="4" cy="4" r="2.2" fill="${c}"/>`,
    crosshatch: `<rect width="8" height="8" fill="${ground}"/><path d="M0 0L8 8M8 0L0 8" stroke="${c}" stroke-width="1.6"/>`,
    horizontal: `<rect width="8" height="8" fill="${ground}"/><path d="M0 2H8M0 6H8" stroke="${c}" stroke-width="1.8"/>`,
    hatch: `<rect width="8" height="8" fill="${ground}"/><path d="M-2 2l4-4M0 8l8-8M6 10l4-4" stroke="${c}" stroke-width="1"/>`,
  };
  return `<pattern id="${id}" width="8" height="8" patternUnits="userSpaceOnUse">${body[paint.pattern]}</pattern>`;
}

function attr(name: string, value: string | number | undefined): string {
  return value === undefined || value === ''
    ? ''
    : ` ${name}="${typeof value === 'number' ? round(value) : escapeXml(value)}"`;
}

/**
 * Writes a drawing as one SVG element: labelled for assistive technology by
 * its title and description (role="img"), which are its first children.
 */
export function drawingToSvg(
  drawing: Drawing,
  options: { id: string; title: string; description: string; className?: string },
): string {
  const id = safeId(options.id);
  const patterns = new Map<string, string>();
  const paint = (p: Paint | 'none'): string => {
    if (typeof p === 'string') return p;
    const pid = patternId(id, p);
    if (!patterns.has(pid)) patterns.set(pid, patternDef(pid, p));
    return `url(#${pid})`;
  };
  const body = drawing.shapes.map((s): string => {
    const stroke = s.kind !== 'text' ? attr('stroke', s.stroke) + attr('stroke-width', s.strokeWidth) : '';
    const dash = (s.kind === 'rect' || s.kind === 'path') && s.dash ? attr('stroke-dasharray', s.dash) : '';
    if (s.kind === 'rect')
      return `<rect${attr('x', s.x)}${attr('y', s.y)}${attr('width', s.width)}${attr('height', s.height)}${attr('fill', paint(s.fill))}${stroke}${dash}/>`;
    if (s.kind === 'path') return `<path${attr('d', s.d)}${attr('fill', paint(s.fill))}${stroke}${dash}/>`;
    if (s.kind === 'circle')
      return `<circle${attr('cx', s.cx)}${attr('cy', s.cy)}${attr('r', s.r)}${attr('fill', paint(s.fill))}${stroke}/>`;
    const halo = s.halo
      ? ` stroke="${white}" stroke-width="4" stroke-linejoin="round" paint-order="stroke"`
      : '';
    return `<text${s.tick ? ' class="hearth-chart__tick"' : ''}${attr('x', s.x)}${attr('y', s.y)}${attr('font-size', s.size)}${attr('text-anchor', s.anchor)}${s.bold ? ' font-weight="bold"' : ''}${attr('fill', s.fill ?? ink)}${halo}>${escapeXml(s.text)}</text>`;
  });
  const defs = patterns.size ? `<defs>${[...patterns.values()].join('')}</defs>` : '';
  const className = options.className ?? 'hearth-chart__svg';
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="${escapeXml(className)}" role="img" aria-labelledby="${id}-title ${id}-desc"`,
    ` viewBox="0 0 ${round(drawing.width)} ${round(drawing.height)}" width="${round(drawing.width)}" height="${round(drawing.height)}"`,
    ` focusable="false" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif">`,
    `<title id="${id}-title">${escapeXml(options.title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(options.description)}</desc>`,
    defs,
    `<rect width="100%" height="100%" fill="${white}"/>`,
    ...body,
    '</svg>',
  ].join('');
}
