import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { readBoundaryFile, storeBoundaries } from '../features/audit/boundaries.ts';
import type { Command } from './command.ts';
import { UsageError } from './main.ts';

export const importBoundariesCommand: Command = {
  summary: 'load locality boundaries (GeoJSON) for the provision audit’s map',
  help: [
    'Usage: npx hearth import-boundaries FILE.geojson [--area NAME] [--name-property NAME] [--tolerance DEGREES]',
    '',
    'Reads a GeoJSON FeatureCollection with one Polygon or MultiPolygon feature per',
    'locality, in longitude and latitude (WGS 84, as GeoJSON always is). Each feature',
    'names its locality by a locality_id property (Hearth’s id), or by its name in a',
    '"locality" or "name" property (or the property given with --name-property).',
    '  --area NAME        the partnership area, when localities of the same name are in several',
    '  --tolerance N      how far (in degrees) the outline may move when simplified;',
    '                     default 0.0005, about 50 metres; 0 keeps every point',
    'Every feature is checked first. If any is wrong or names no locality, each one',
    'is reported and nothing is loaded. A locality loaded again is replaced.',
  ].join('\n'),
  options: {
    area: { type: 'string' },
    'name-property': { type: 'string' },
    tolerance: { type: 'string' },
  },
  positionals: 'FILE.geojson',
  run: async (values, config, positionals = []) => {
    const [file, ...extra] = positionals;
    if (!file || extra.length)
      throw new UsageError('Give one GeoJSON file: npx hearth import-boundaries FILE.geojson');
    const tolerance = values.tolerance === undefined ? 0.0005 : Number(values.tolerance);
    if (!Number.isFinite(tolerance) || tolerance < 0 || tolerance > 0.1)
      throw new UsageError('--tolerance must be a number of degrees from 0 to 0.1, like 0.0005');
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      throw new UsageError(`Cannot read ${file}: check the file name`);
    }
    const nameProperty = typeof values['name-property'] === 'string' ? values['name-property'] : undefined;
    const { features, problems } = readBoundaryFile(text, nameProperty);
    const report = (list: { feature: number; problem: string }[]) => {
      for (const p of list.slice(0, 200))
        process.stderr.write(p.feature ? `Feature ${p.feature}: ${p.problem}\n` : `${p.problem}\n`);
      process.stderr.write(
        `Nothing was loaded: ${list.length} ${list.length === 1 ? 'problem' : 'problems'}.\n`,
      );
      return 1;
    };
    if (problems.length) return report(problems);
    if (!features.length) return report([{ feature: 0, problem: 'The file has no features' }]);
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      await migrate(database);
      const result = await storeBoundaries(database.db, features, {
        ...(typeof values.area === 'string' ? { areaName: values.area } : {}),
        sourceFile: path.basename(file).slice(0, 300),
        tolerance,
      });
      if (result.problems.length) return report(result.problems);
      for (const s of result.stored) process.stdout.write(`${s.locality}: ${s.points} points\n`);
      process.stdout.write(
        `Loaded ${result.stored.length} locality ${result.stored.length === 1 ? 'boundary' : 'boundaries'}.\n`,
      );
      return 0;
    } finally {
      await database.close();
    }
  },
};
