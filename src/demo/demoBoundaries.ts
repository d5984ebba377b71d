// Invented outlines for the demo's three fictional localities, so the
// provision audit's map shows on first start: Ardmore Coast on the west
// coast, Kilbrannan inland, Carse of Dunmore to the north-east, sharing their
// borders. Longitude and latitude, near the demo's invented postcodes.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { locality, localityBoundary } from '../db/schema.ts';
import { pointCount } from '../features/audit/boundaries.ts';

type Ring = [number, number][];

const ardmoreKilbrannan: Ring = [
  [-4.46, 55.76],
  [-4.43, 55.83],
  [-4.47, 55.9],
  [-4.44, 55.97],
  [-4.42, 56.02],
];
const kilbrannanCarse: Ring = [
  [-4.42, 56.02],
  [-4.3, 56.0],
  [-4.18, 56.015],
  [-4.08, 55.99],
  [-3.98, 55.97],
  [-3.86, 55.95],
  [-3.76, 55.955],
];

export const demoBoundaries: Record<string, Ring> = {
  'Ardmore Coast': [
    [-4.46, 55.76],
    [-4.6, 55.74],
    [-4.74, 55.76],
    [-4.86, 55.8],
    [-4.9, 55.86],
    [-4.86, 55.91],
    [-4.92, 55.96],
    [-4.84, 56.01],
    [-4.7, 56.04],
    [-4.56, 56.05],
    ...[...ardmoreKilbrannan].reverse(),
  ],
  Kilbrannan: [
    ...ardmoreKilbrannan,
    ...kilbrannanCarse.slice(1),
    [-3.78, 55.88],
    [-3.92, 55.84],
    [-4.06, 55.8],
    [-4.2, 55.77],
    [-4.34, 55.75],
    [-4.46, 55.76],
  ],
  'Carse of Dunmore': [
    [-4.42, 56.02],
    [-4.36, 56.08],
    [-4.22, 56.13],
    [-4.06, 56.15],
    [-3.92, 56.14],
    [-3.8, 56.1],
    [-3.74, 56.03],
    ...[...kilbrannanCarse].reverse(),
  ],
};

/** Stores the demo outlines against the area's localities of those names. */
export async function addDemoBoundaries(db: Db, areaId: string): Promise<void> {
  const places = await db.select().from(locality).where(eq(locality.partnershipAreaId, areaId));
  const rows = places.flatMap((place) => {
    const ring = demoBoundaries[place.name];
    if (!ring) return [];
    const coordinates = [[ring]];
    return [
      {
        localityId: place.id,
        coordinates,
        points: pointCount(coordinates),
        sourceFile: 'demo-localities.geojson',
      },
    ];
  });
  if (rows.length) await db.insert(localityBoundary).values(rows);
}
