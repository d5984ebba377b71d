import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { locality, localityBoundary } from '../../db/schema.ts';
import { createArea } from '../../testing/fixtures.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { areaBoundaries, type BoundaryFeature, readBoundaryFile, storeBoundaries } from './boundaries.ts';

/** A closed square ring whose bottom side wiggles by a metre. */
function wigglySquare(lon: number, lat: number): [number, number][] {
  const bottom = Array.from({ length: 21 }, (_, i): [number, number] => [
    lon + i * 0.005,
    lat + (i % 2) * 0.00001,
  ]);
  return [...bottom, [lon + 0.1, lat + 0.1], [lon, lat + 0.1], [lon, lat]];
}

describe('locality boundaries', () => {
  let database: Database;
  let area: Awaited<ReturnType<typeof createArea>>;
  let shore: string;
  beforeAll(async () => {
    database = await testDatabase();
    area = await createArea(database.db);
    const [row] = await database.db
      .insert(locality)
      .values({ partnershipAreaId: area.id, name: 'Shore Test' })
      .returning();
    shore = row?.id as string;
  });
  afterAll(async () => {
    await database.close();
  });

  it('stores simplified outlines against the area’s localities by name or id, replacing them when loaded again', async () => {
    const { features, problems } = readBoundaryFile(
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { name: 'test locality' },
            geometry: { type: 'Polygon', coordinates: [wigglySquare(-4.2, 56)] },
          },
          {
            type: 'Feature',
            properties: { locality_id: shore },
            geometry: {
              type: 'MultiPolygon',
              coordinates: [[wigglySquare(-4.1, 56)], [wigglySquare(-4, 56)]],
            },
          },
        ],
      }),
    );
    expect(problems).toEqual([]);
    const stored = await storeBoundaries(database.db, features, {
      areaName: area.name,
      sourceFile: 'a.geojson',
      tolerance: 0.0005,
    });
    // The metre of wiggle goes; the corners and the point where each ring is halved stay.
    expect(stored).toEqual({
      stored: [
        { locality: 'Test Locality', points: 6 },
        { locality: 'Shore Test', points: 12 },
      ],
      problems: [],
    });
    const again = await storeBoundaries(database.db, features.slice(1), {
      areaName: area.name,
      sourceFile: 'b.geojson',
      tolerance: 0,
    });
    expect(again.stored).toEqual([{ locality: 'Shore Test', points: 48 }]);
    const [row] = await database.db
      .select()
      .from(localityBoundary)
      .where(eq(localityBoundary.localityId, shore));
    expect(row).toMatchObject({ points: 48, sourceFile: 'b.geojson' });
    const outlines = await areaBoundaries(database.db, area.id);
    expect([...outlines.values()].map((b) => b.name).sort()).toEqual(['Shore Test', 'Test Locality']);
    expect(outlines.get(area.localityId)?.coordinates[0]?.[0]?.[0]).toEqual([-4.2, 56]);
    // Another area's outlines are not this one's.
    expect((await areaBoundaries(database.db, (await createArea(database.db)).id)).size).toBe(0);
  });

  it('stores nothing when a feature names no locality of the area, or two name the same one', async () => {
    const square = [[wigglySquare(-4.2, 56)]];
    const features: BoundaryFeature[] = [
      { feature: 1, name: 'Shore Test', coordinates: square },
      { feature: 2, name: 'Nowhere Test', coordinates: square },
      { feature: 3, localityId: shore, coordinates: square },
    ];
    const result = await storeBoundaries(database.db, features, {
      areaName: area.name,
      sourceFile: 'c.geojson',
      tolerance: 0,
    });
    expect(result).toEqual({
      stored: [],
      problems: [
        { feature: 2, problem: `no locality is called "Nowhere Test" in ${area.name}` },
        { feature: 3, problem: 'feature 1 is for the same locality' },
      ],
    });
    const [row] = await database.db
      .select()
      .from(localityBoundary)
      .where(eq(localityBoundary.localityId, shore));
    expect(row?.sourceFile).toBe('b.geojson');
    expect(
      (
        await storeBoundaries(database.db, features, {
          areaName: 'No such area',
          sourceFile: 'c',
          tolerance: 0,
        })
      ).problems,
    ).toEqual([{ feature: 0, problem: 'There is no partnership area called "No such area"' }]);
  });
});
