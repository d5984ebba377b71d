// A map of the area's localities shaded by one figure of a shown table whose
// rows are localities: an equirectangular projection fitted to the outlines,
// five classes of equal width over the shown figures (each a blue and a
// pattern), every locality labelled with its name and figure, hidden figures
// hatched with their words, and a legend. The same figures go in a table.
import type { BoundaryCoordinates } from '../../db/schema.ts';
import type { ShownTable } from './auditTable.ts';
import {
  type Drawing,
  drawingToSvg,
  ink,
  type Paint,
  type Shape,
  safeId,
  suppressedPaint,
  wrapText,
} from './chartDrawing.ts';
import { chartColumns, type LegendItem, legendShapes, plotted } from './chartScale.ts';
import { chartSummary, joinNames } from './chartSummary.ts';

export interface MapRow {
  localityId: string;
  name: string;
  text: string;
  /** Its class's label, or why it has none. */
  shading: string;
}

export interface LocalityMap {
  id: string;
  title: string;
  summary: string;
  svg: string;
  drawing: Drawing;
  classes: LegendItem[];
  rows: MapRow[];
  /** Localities in the table with no boundary loaded. */
  missing: string[];
}

/** Light to dark; the darker two carry white marks, the lighter black, so every pattern shows. */
export const mapClassPaints: Paint[] = [
  '#d2e2f1',
  { pattern: 'dots', colour: '#0b0c0c', background: '#a5c6e3' },
  { pattern: 'stripes', colour: '#0b0c0c', background: '#5694ca' },
  { pattern: 'crosshatch', colour: '#ffffff', background: '#1d70b8' },
  { pattern: 'horizontal', colour: '#ffffff', background: '#003078' },
];

/** Equal-width classes over [min, max], as many as there are distinct figures, up to five. */
export function mapClasses(values: number[]): { of(value: number): number; labels: string[] } {
  const distinct = [...new Set(values)].sort((a, b) => a - b);
  const count = Math.max(1, Math.min(5, distinct.length));
  const min = distinct[0] ?? 0;
  const max = distinct[distinct.length - 1] ?? 0;
  const step = (max - min) / count || 1;
  const of = (value: number) => Math.min(count - 1, Math.floor((value - min) / step));
  const bound = (i: number) => Math.ceil(min + i * step);
  const labels = Array.from({ length: count }, (_, i) => {
    const lo = bound(i);
    const hi = i === count - 1 ? max : Math.max(lo, bound(i + 1) - 1);
    return lo === hi
      ? lo.toLocaleString('en-GB')
      : `${lo.toLocaleString('en-GB')} to ${hi.toLocaleString('en-GB')}`;
  });
  return { of, labels };
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const width = 600;
const mapHeight = 440;

function project(outlines: BoundaryCoordinates[]) {
  const points = outlines.flat(4) as unknown as number[];
  const lons = points.filter((_, i) => i % 2 === 0);
  const lats = points.filter((_, i) => i % 2 === 1);
  const [minLon, maxLon, minLat, maxLat] = [
    Math.min(...lons),
    Math.max(...lons),
    Math.min(...lats),
    Math.max(...lats),
  ];
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = (maxLon - minLon) * k || 1;
  const spanY = maxLat - minLat || 1;
  const scale = Math.min((width - 20) / spanX, (mapHeight - 20) / spanY);
  const offsetX = (width - spanX * scale) / 2;
  const height = spanY * scale + 20;
  return {
    height,
    at: ([lon, lat]: [number, number]): [number, number] => [
      offsetX + (lon - minLon) * k * scale,
      10 + (maxLat - lat) * scale,
    ],
  };
}

/** The centre of the largest polygon's outer ring (by area), for its label. */
function labelPoint(rings: [number, number][][][]): [number, number] {
  let best: { area: number; x: number; y: number } = { area: -1, x: 0, y: 0 };
  for (const polygon of rings) {
    const ring = polygon[0] ?? [];
    let area = 0;
    let cx = 0;
    let cy = 0;
    for (let i = 0; i < ring.length - 1; i++) {
      const [x0, y0] = ring[i] as [number, number];
      const [x1, y1] = ring[i + 1] as [number, number];
      const cross = x0 * y1 - x1 * y0;
      area += cross;
      cx += (x0 + x1) * cross;
      cy += (y0 + y1) * cross;
    }
    if (Math.abs(area) > best.area && area !== 0)
      best = { area: Math.abs(area), x: cx / (3 * area), y: cy / (3 * area) };
  }
  return [best.x, best.y];
}

/** Draws the map of `column` of a table whose row keys are locality ids. */
export function renderLocalityMap(
  table: ShownTable,
  column: string,
  boundaries: Map<string, { name: string; coordinates: BoundaryCoordinates }>,
): LocalityMap {
  const [col] = chartColumns(table, [column]);
  const rows = table.rows.filter((r) => boundaries.has(r.key));
  // A row keyed by an id is a locality; any other ("locality not recorded") has no place on a map.
  const isLocality = (key: string) => uuidPattern.test(key);
  const missing = table.rows.filter((r) => !boundaries.has(r.key) && isLocality(r.key)).map((r) => r.label);
  const cells = rows.map((r) => ({ row: r, p: plotted(r.cells[column]) }));
  const classes = mapClasses(cells.flatMap((c) => (c.p.drawn === 'value' ? [c.p.value] : [])));
  const projection = project(rows.map((r) => boundaries.get(r.key)?.coordinates ?? []));
  const shapes: Shape[] = [];
  const labels: Shape[] = [];
  const mapRows: MapRow[] = [];
  for (const { row, p } of cells) {
    const outline = (boundaries.get(row.key)?.coordinates ?? []).map((polygon) =>
      polygon.map((ring) => ring.map(projection.at)),
    );
    const d = outline
      .flat()
      .map(
        (ring) =>
          `M${ring.map(([x, y]) => `${Math.round(x * 10) / 10} ${Math.round(y * 10) / 10}`).join('L')}Z`,
      )
      .join('');
    const index = p.drawn === 'value' ? classes.of(p.value) : -1;
    const fill: Paint =
      index >= 0 ? (mapClassPaints[index] as Paint) : p.drawn === 'none' ? '#ffffff' : suppressedPaint;
    shapes.push({ kind: 'path', d, fill, stroke: ink, strokeWidth: 1.5 });
    const [x, y] = labelPoint(outline);
    const name = wrapText(row.label, 13, 140, 2);
    for (const [i, line] of name.entries())
      labels.push({
        kind: 'text',
        x,
        y: y - (name.length - i) * 15 + 12,
        text: line,
        size: 13,
        anchor: 'middle',
        halo: true,
      });
    labels.push({
      kind: 'text',
      x,
      y: y + 14,
      text: p.text,
      size: 13,
      anchor: 'middle',
      bold: true,
      halo: true,
    });
    mapRows.push({
      localityId: row.key,
      name: row.label,
      text: p.text,
      shading:
        index >= 0
          ? `${classes.labels[index]} (shade ${index + 1} of ${classes.labels.length})`
          : p.drawn === 'none'
            ? 'not shaded: no figure'
            : 'hatched: not shown',
    });
  }
  for (const row of table.rows.filter((r) => !boundaries.has(r.key)))
    mapRows.push({
      localityId: row.key,
      name: row.label,
      text: row.cells[column]?.text ?? 'not recorded',
      shading: isLocality(row.key) ? 'not on the map: no boundary loaded' : 'not on the map',
    });
  const legendItems: LegendItem[] = classes.labels.map((label, i) => ({
    label,
    paint: mapClassPaints[i] as Paint,
    outline: ink,
  }));
  if (cells.some((c) => c.p.drawn === 'small' || c.p.drawn === 'hidden'))
    legendItems.push({
      label: `fewer than ${table.threshold}, or not shown`,
      paint: suppressedPaint,
      outline: ink,
    });
  const legend = legendShapes(legendItems, width, projection.height + 12);
  const drawing: Drawing = {
    width,
    height: projection.height + 12 + legend.height + 8,
    shapes: [...shapes, ...labels, ...legend.shapes],
  };
  const id = safeId(`map-${table.id}-${column}`);
  const title = `Map: ${col.label} by locality`;
  const summary = [
    `Localities shaded by ${col.label.toLowerCase()}.`,
    chartSummary({ ...table, total: undefined }, 'bar', [col], rows),
    missing.length ? `No boundary is loaded for ${joinNames(missing)}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return {
    id,
    title,
    summary,
    drawing,
    svg: drawingToSvg(drawing, { id, title, description: summary, className: 'hearth-map__svg' }),
    classes: legendItems,
    rows: mapRows,
    missing,
  };
}

/** The first table of a view with rows for localities that have boundaries, and the figure to shade by. */
export function mappableTable(
  tables: ShownTable[],
  boundaries: Map<string, unknown>,
): { table: ShownTable; column: string } | undefined {
  for (const table of tables) {
    if (!table.rows.some((r) => boundaries.has(r.key))) continue;
    const column =
      table.columns.find((c) => c.kind === 'count') ?? table.columns.find((c) => c.kind !== 'text');
    if (column) return { table, column: column.key };
  }
  return undefined;
}
