// A SIMD lookup for the demo's invented postcodes, so reach by deprivation
// shows on first start. "GM" is not a real postcode area and the data zones
// (S0199…) are outside the real ranges: none of it describes a real place.
// Each postcode sector is one data zone; each locality has its own mix:
// Kilbrannan a town with deprived estates and comfortable edges, the Carse
// mostly comfortable farmland and villages, Ardmore Coast the most deprived.
import type { Db } from '../db/client.ts';
import type { SimdRow } from '../features/simd/simdFile.ts';
import { storeSimdEdition } from '../features/simd/simdStore.ts';
import { demoOutcodes, demoPostcodes, demoPostcodeUnits } from './demoPlaces.ts';

export const demoSimdEdition = 'SIMD 2020v2 (demo)';

/** The quintile of each postcode sector 1 to 9, by locality (index in demoArea.localities). */
const sectorQuintiles: readonly (readonly number[])[] = [
  [1, 1, 2, 2, 3, 3, 4, 5, 5],
  [2, 3, 3, 4, 4, 4, 5, 5, 3],
  [1, 1, 1, 2, 2, 2, 3, 3, 4],
];

function sectorRow(outcode: string, sector: number): Omit<SimdRow, 'postcode'> {
  const place = demoOutcodes.find((o) => o.outcode === outcode);
  if (!place) throw new Error(`demo SIMD: no outcode ${outcode}`);
  const within = demoOutcodes.filter((o) => o.locality === place.locality).indexOf(place);
  const quintiles = sectorQuintiles[place.locality] ?? [];
  // Outcodes of one locality start their sectors at different points of its mix.
  const quintile = quintiles[(sector - 1 + within * 3) % quintiles.length] ?? 3;
  return { dataZone: `S0199${outcode.slice(2).padStart(2, '0')}${sector}0`, quintile };
}

/** Every postcode the demo uses: its places', and each its members may have. */
export function demoSimdRows(): SimdRow[] {
  const rows = new Map<string, SimdRow>();
  for (const { outcode } of demoOutcodes)
    for (let sector = 1; sector <= 9; sector++)
      for (const unit of demoPostcodeUnits) {
        const postcode = `${outcode} ${sector}${unit}`;
        rows.set(postcode, { postcode, ...sectorRow(outcode, sector) });
      }
  for (const { postcode } of demoPostcodes) {
    const [outcode = '', inward = ''] = postcode.split(' ');
    rows.set(postcode, { postcode, ...sectorRow(outcode, Number(inward[0])) });
  }
  return [...rows.values()].sort((a, b) => a.postcode.localeCompare(b.postcode));
}

/** Loads the demo lookup as the current edition; call inside the demo transaction. */
export async function addDemoSimd(tx: Db): Promise<void> {
  await storeSimdEdition(tx, { name: demoSimdEdition, sourceFile: 'demo', rows: demoSimdRows() });
}
