import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runCli } from './main.ts';

async function hearth(...argv: string[]) {
  let out = '';
  let err = '';
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    err += String(chunk);
    return true;
  });
  try {
    return { code: await runCli(argv), out, err };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

/** A closed square ring with a wiggling bottom side. */
function wigglySquare(lon: number, lat: number): [number, number][] {
  const bottom = Array.from({ length: 21 }, (_, i): [number, number] => [
    lon + i * 0.005,
    lat + (i % 2) * 0.00001,
  ]);
  return [...bottom, [lon + 0.1, lat + 0.1], [lon, lat + 0.1], [lon, lat]];
}

describe('npx hearth import-boundaries', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-boundaries-'));
  const saved = { ...process.env };
  process.env.HEARTH_DATA_DIR = dir;
  afterAll(() => {
    process.env = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const file = (name: string, json: unknown) => {
    const at = path.join(dir, name);
    fs.writeFileSync(at, JSON.stringify(json));
    return at;
  };
  const feature = (properties: Record<string, unknown>, geometry: unknown) => ({
    type: 'Feature',
    properties,
    geometry,
  });

  it('checks every feature before opening the database, reporting each wrong one', async () => {
    const geojson = file('wrong.geojson', {
      type: 'FeatureCollection',
      features: [
        feature({ name: 'Nowhere at all' }, { type: 'Polygon', coordinates: [wigglySquare(-4.2, 56)] }),
        feature({}, { type: 'Polygon', coordinates: [wigglySquare(-4.2, 56)] }),
        feature(
          { name: 'Lines' },
          {
            type: 'LineString',
            coordinates: [
              [0, 0],
              [1, 1],
            ],
          },
        ),
        feature({ locality_id: 'not-an-id' }, { type: 'Polygon', coordinates: [wigglySquare(-4.2, 56)] }),
      ],
    });
    const wrong = await hearth('import-boundaries', geojson);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('Feature 2: it has no locality or name property naming its locality');
    expect(wrong.err).toContain('Feature 3: its geometry must be a Polygon or MultiPolygon');
    expect(wrong.err).toContain('Feature 4: locality_id "not-an-id" is not an id');
    expect(wrong.err).toContain('Nothing was loaded: 3 problems.');
    expect((await hearth('import-boundaries', file('bad.geojson', { type: 'Feature' }))).err).toContain(
      'not a GeoJSON FeatureCollection',
    );
    expect((await hearth('import-boundaries')).code).toBe(2);
  });
});
