import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../cli/main.ts';
import type { Database } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { postcodePlace } from '../../db/schemaDirectory.ts';
import { ownDatabase } from '../../testing/testDatabase.ts';
import { readPostcodeFile, storePostcodes } from './postcodeImport.ts';

describe('import-postcodes', () => {
  let database: Database;
  let drop: () => Promise<void>;
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-postcodes-'));
  beforeAll(async () => {
    ({ database, drop } = await ownDatabase('finder_import'));
    await migrate(database);
  });
  afterAll(async () => {
    await drop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('imports a good file and updates places already known', async () => {
    const first = readPostcodeFile(
      'postcode,latitude,longitude,council_area\ngm42lt,56.1,-3.2,Glenmuir\nGM4,56.0,-3.1,\n',
    );
    expect(first.problems).toEqual([]);
    await storePostcodes(database.db, first.rows);
    const again = readPostcodeFile('postcode,latitude,longitude\nGM4 2LT,56.2,-3.3\n');
    await storePostcodes(database.db, again.rows);
    const rows = await database.db.select().from(postcodePlace).orderBy(postcodePlace.postcode);
    expect(rows).toEqual([
      { postcode: 'GM4', kind: 'outcode', latitude: 56, longitude: -3.1, councilArea: null },
      { postcode: 'GM4 2LT', kind: 'postcode', latitude: 56.2, longitude: -3.3, councilArea: null },
    ]);
  });

  it('runs as a command: every bad row reported by line, and nothing imported', async () => {
    const errors: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      errors.push(String(chunk));
      return true;
    });
    try {
      // The file is checked before any database is opened.
      expect(await runCli(['import-postcodes', badFile()])).toBe(1);
      expect(await runCli(['import-postcodes'])).toBe(2);
      expect(await runCli(['import-postcodes', path.join(folder, 'missing.csv')])).toBe(2);
    } finally {
      spy.mockRestore();
    }
    expect(errors.join('')).toContain('Line 3: "NOT A CODE" is not a postcode or outcode');
    expect(errors.join('')).toContain('Line 4: latitude must be a number from -90 to 90');
    expect(errors.join('')).toContain('Nothing was imported: 4 rows are wrong.');
    expect(errors.join('')).toContain('Give one CSV file');
    expect(errors.join('')).toContain('Cannot read');
  });

  function badFile(): string {
    const file = path.join(folder, 'bad.csv');
    fs.writeFileSync(
      file,
      [
        'postcode,latitude,longitude',
        'ZZ9 9ZZ,55.5,-3.5',
        'NOT A CODE,55.5,-3.5',
        'ZZ9 9ZY,north,-3.5',
        'ZZ9 9ZX,55.5,-300',
        'zz99zz,55.5,-3.5',
        '',
      ].join('\n'),
    );
    return file;
  }

  it('reports each problem with its line, and keeps nothing from a file with a bad row', async () => {
    const { rows, problems } = readPostcodeFile(fs.readFileSync(badFile(), 'utf8'));
    expect(problems).toEqual([
      { line: 3, problem: '"NOT A CODE" is not a postcode or outcode' },
      { line: 4, problem: 'latitude must be a number from -90 to 90' },
      { line: 5, problem: 'longitude must be a number from -180 to 180' },
      { line: 6, problem: 'ZZ9 9ZZ is also on line 2' },
    ]);
    expect(rows).toHaveLength(1);
    expect(await database.db.select().from(postcodePlace)).toHaveLength(2);
  });
});
