// Locality boundaries for the audit's map: read from a GeoJSON file the
// operator loads (`npx hearth import-boundaries`), simplified, matched to the
// localities by id or name, and stored one outline per locality.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type BoundaryCoordinates, locality, localityBoundary, partnershipArea } from '../../db/schema.ts';

export interface BoundaryFeature {
  /** Its place in the file, from 1, for messages. */
  feature: number;
  localityId?: string;
  name?: string;
  coordinates: BoundaryCoordinates;
}

export interface BoundaryProblem {
  feature: number;
  problem: string;
}

const nameProperties = ['locality', 'name', 'LOCALITY', 'NAME', 'Name', 'Locality'];
const idProperties = ['locality_id', 'localityId'];
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isPosition(p: unknown): p is [number, number] {
  return (
    Array.isArray(p) &&
    p.length >= 2 &&
    typeof p[0] === 'number' &&
    typeof p[1] === 'number' &&
    Math.abs(p[0]) <= 180 &&
    Math.abs(p[1]) <= 90
  );
}

function readRings(polygon: unknown): [number, number][][] | undefined {
  if (!Array.isArray(polygon) || !polygon.length) return undefined;
  const rings: [number, number][][] = [];
  for (const ring of polygon) {
    if (!Array.isArray(ring) || ring.length < 4 || !ring.every(isPosition)) return undefined;
    rings.push(ring.map((p) => [p[0], p[1]]));
  }
  return rings;
}

/** Reads a GeoJSON FeatureCollection of Polygons and MultiPolygons, each naming its locality. */
export function readBoundaryFile(
  text: string,
  nameProperty?: string,
): { features: BoundaryFeature[]; problems: BoundaryProblem[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { features: [], problems: [{ feature: 0, problem: 'The file is not JSON' }] };
  }
  const collection = json as { type?: unknown; features?: unknown };
  if (collection?.type !== 'FeatureCollection' || !Array.isArray(collection.features))
    return {
      features: [],
      problems: [{ feature: 0, problem: 'The file is not a GeoJSON FeatureCollection' }],
    };
  const features: BoundaryFeature[] = [];
  const problems: BoundaryProblem[] = [];
  collection.features.forEach((raw: unknown, i: number) => {
    const feature = i + 1;
    const f = raw as {
      geometry?: { type?: unknown; coordinates?: unknown };
      properties?: Record<string, unknown>;
    };
    const properties = f?.properties ?? {};
    const names = nameProperty ? [nameProperty] : nameProperties;
    const name = names.map((p) => properties[p]).find((v) => typeof v === 'string' && v.trim()) as
      | string
      | undefined;
    const id = idProperties.map((p) => properties[p]).find((v) => typeof v === 'string') as
      | string
      | undefined;
    if (id !== undefined && !uuidPattern.test(id)) {
      problems.push({ feature, problem: `locality_id "${id.slice(0, 60)}" is not an id` });
      return;
    }
    if (!name && !id) {
      problems.push({
        feature,
        problem: `it has no ${nameProperty ?? 'locality or name'} property naming its locality`,
      });
      return;
    }
    const geometry = f?.geometry;
    const polygons =
      geometry?.type === 'Polygon'
        ? [readRings(geometry.coordinates)]
        : geometry?.type === 'MultiPolygon' && Array.isArray(geometry.coordinates)
          ? geometry.coordinates.map(readRings)
          : [undefined];
    if (!polygons.length || polygons.some((p) => !p)) {
      problems.push({
        feature,
        problem: 'its geometry must be a Polygon or MultiPolygon of closed rings of longitude and latitude',
      });
      return;
    }
    features.push({
      feature,
      ...(id ? { localityId: id.toLowerCase() } : {}),
      ...(name ? { name: name.trim() } : {}),
      coordinates: polygons as BoundaryCoordinates,
    });
  });
  return { features, problems };
}

function distanceToSegment(p: [number, number], a: [number, number], b: [number, number]): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const length = dx * dx + dy * dy;
  const t = length ? Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length)) : 0;
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** Douglas–Peucker: the points of a line that keep it within `tolerance` of itself. */
function simplifyLine(points: [number, number][], tolerance: number): [number, number][] {
  if (points.length <= 2) return points;
  const first = points[0] as [number, number];
  const last = points[points.length - 1] as [number, number];
  let furthest = 0;
  let index = 0;
  for (let i = 1; i < points.length - 1; i++) {
    const d = distanceToSegment(points[i] as [number, number], first, last);
    if (d > furthest) [furthest, index] = [d, i];
  }
  if (furthest <= tolerance) return [first, last];
  return [
    ...simplifyLine(points.slice(0, index + 1), tolerance).slice(0, -1),
    ...simplifyLine(points.slice(index), tolerance),
  ];
}

/**
 * Simplifies each ring (tolerance in degrees; 0.0005 is about 50 metres),
 * rounds to 5 decimal places (about a metre), and drops holes that shrink
 * to nothing. An outer ring keeps at least a triangle.
 */
export function simplifyBoundary(coordinates: BoundaryCoordinates, tolerance: number): BoundaryCoordinates {
  const round = (n: number) => Math.round(n * 1e5) / 1e5;
  return coordinates.map((rings) =>
    rings.flatMap((ring, r) => {
      // A closed ring: simplify it as two halves so its ends stay put.
      const half = Math.floor(ring.length / 2);
      let kept = [
        ...simplifyLine(ring.slice(0, half + 1), tolerance).slice(0, -1),
        ...simplifyLine(ring.slice(half), tolerance),
      ];
      if (kept.length < 4) kept = r === 0 ? ring : [];
      return kept.length ? [kept.map(([x, y]): [number, number] => [round(x), round(y)])] : [];
    }),
  );
}

export function pointCount(coordinates: BoundaryCoordinates): number {
  return coordinates.reduce((n, rings) => n + rings.reduce((m, ring) => m + ring.length, 0), 0);
}

/**
 * Matches the features to localities (by id, else by name within the area
 * named, or the one area that has them all) and stores each outline,
 * replacing any before, in one transaction. Nothing is stored if any
 * feature cannot be matched.
 */
export async function storeBoundaries(
  db: Db,
  features: BoundaryFeature[],
  options: { areaName?: string; sourceFile: string; tolerance: number },
): Promise<{ stored: { locality: string; points: number }[]; problems: BoundaryProblem[] }> {
  const areas = options.areaName
    ? await db
        .select({ id: partnershipArea.id })
        .from(partnershipArea)
        .where(eq(partnershipArea.name, options.areaName))
    : undefined;
  if (areas && !areas.length)
    return {
      stored: [],
      problems: [{ feature: 0, problem: `There is no partnership area called "${options.areaName}"` }],
    };
  const places = await db
    .select({ id: locality.id, name: locality.name, areaId: locality.partnershipAreaId })
    .from(locality)
    .where(
      areas
        ? inArray(
            locality.partnershipAreaId,
            areas.map((a) => a.id),
          )
        : sql`true`,
    );
  const problems: BoundaryProblem[] = [];
  const matched = features.map((f) => {
    const candidates = places.filter((p) =>
      f.localityId ? p.id === f.localityId : p.name.toLowerCase() === f.name?.toLowerCase(),
    );
    if (candidates.length === 1) return { feature: f, place: candidates[0] };
    problems.push({
      feature: f.feature,
      problem: candidates.length
        ? `more than one area has a locality called "${f.name}": name the area with --area`
        : `no locality ${f.localityId ? `has the id ${f.localityId}` : `is called "${f.name}"`}${options.areaName ? ` in ${options.areaName}` : ''}`,
    });
    return undefined;
  });
  const seen = new Map<string, number>();
  for (const m of matched) {
    if (!m?.place) continue;
    const earlier = seen.get(m.place.id);
    if (earlier)
      problems.push({ feature: m.feature.feature, problem: `feature ${earlier} is for the same locality` });
    seen.set(m.place.id, m.feature.feature);
  }
  if (problems.length) return { stored: [], problems };
  const rows = matched.flatMap((m) => {
    if (!m?.place) return [];
    const coordinates = simplifyBoundary(m.feature.coordinates, options.tolerance);
    return [{ localityId: m.place.id, name: m.place.name, coordinates, points: pointCount(coordinates) }];
  });
  await db.transaction(async (tx) => {
    for (const row of rows)
      await tx
        .insert(localityBoundary)
        .values({
          localityId: row.localityId,
          coordinates: row.coordinates,
          points: row.points,
          sourceFile: options.sourceFile,
        })
        .onConflictDoUpdate({
          target: localityBoundary.localityId,
          set: {
            coordinates: row.coordinates,
            points: row.points,
            sourceFile: options.sourceFile,
            loadedAt: new Date(),
          },
        });
  });
  return { stored: rows.map((r) => ({ locality: r.name, points: r.points })), problems: [] };
}

/** The area's locality outlines, by locality id: no personal data, so no audit of their reading. */
export async function areaBoundaries(
  db: Db,
  areaId: string,
): Promise<Map<string, { name: string; coordinates: BoundaryCoordinates }>> {
  const rows = await db
    .select({ id: locality.id, name: locality.name, coordinates: localityBoundary.coordinates })
    .from(localityBoundary)
    .innerJoin(
      locality,
      and(eq(locality.id, localityBoundary.localityId), eq(locality.partnershipAreaId, areaId)),
    );
  return new Map(rows.map((r) => [r.id, { name: r.name, coordinates: r.coordinates }]));
}
