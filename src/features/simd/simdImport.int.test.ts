import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../cli/main.ts';
import { type Database, queryRows } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import type { Role } from '../../db/schema.ts';
import { createArea, createOrganisation, createUser } from '../../testing/fixtures.ts';
import { TestBrowser, testApp } from '../../testing/testApp.ts';
import { ownDatabase } from '../../testing/testDatabase.ts';
import { readSimdFile } from './simdFile.ts';
import { checkSimdFile, loadSimdFile } from './simdLoad.ts';
import { currentSimdEdition, simdEditions, storeSimdEdition } from './simdStore.ts';

/** Runs the CLI as `npx hearth …` would, capturing what it prints. */
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

describe('import-simd', () => {
  let database: Database;
  let drop: () => Promise<void>;
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-simd-'));
  const write = (name: string, lines: string[]) => {
    const file = path.join(folder, name);
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  };
  const stored = () =>
    queryRows<{ edition: string; postcode: string; dataZone: string; quintile: number }>(
      database.db,
      sql`select e.name as edition, p.postcode, p.data_zone as "dataZone", p.quintile
        from simd_postcode p join simd_edition e on e.id = p.edition_id order by e.name, p.postcode`,
    );

  beforeAll(async () => {
    ({ database, drop } = await ownDatabase('simd_import'));
    await migrate(database);
  });
  afterAll(async () => {
    await drop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('loads a good file as the current edition; a newer edition takes over and the older is kept', async () => {
    const first = readSimdFile('Postcode,DZ,SIMD2016_Quintile\nGM1 1AB,S01990110,2\nGM4 2LT,S01990420,4\n');
    await storeSimdEdition(database.db, { name: 'SIMD 2016', sourceFile: 'simd2016.csv', rows: first.rows });
    expect((await currentSimdEdition(database.db))?.name).toBe('SIMD 2016');

    const second = readSimdFile('Postcode,DZ,SIMD2020v2_Decile\ngm11ab,S01990110,1\n');
    const { replaced } = await storeSimdEdition(database.db, {
      name: 'SIMD 2020v2',
      sourceFile: 'lookup.csv',
      rows: second.rows,
    });
    expect(replaced).toBe(false);
    const editions = await simdEditions(database.db);
    expect(editions.map((e) => [e.name, e.isCurrent, e.postcodes, e.sourceFile])).toEqual([
      ['SIMD 2020v2', true, 1, 'lookup.csv'],
      ['SIMD 2016', false, 2, 'simd2016.csv'],
    ]);
    expect(await stored()).toEqual([
      { edition: 'SIMD 2016', postcode: 'GM1 1AB', dataZone: 'S01990110', quintile: 2 },
      { edition: 'SIMD 2016', postcode: 'GM4 2LT', dataZone: 'S01990420', quintile: 4 },
      { edition: 'SIMD 2020v2', postcode: 'GM1 1AB', dataZone: 'S01990110', quintile: 1 },
    ]);

    // The same edition again replaces its postcodes and makes it current once more.
    const corrected = readSimdFile('Postcode,DZ,SIMD2016_Quintile\nGM4 2LT,S01990420,5\n');
    expect(
      (
        await storeSimdEdition(database.db, {
          name: 'SIMD 2016',
          sourceFile: 'fixed.csv',
          rows: corrected.rows,
        })
      ).replaced,
    ).toBe(true);
    expect((await currentSimdEdition(database.db))?.name).toBe('SIMD 2016');
    expect((await stored()).filter((r) => r.edition === 'SIMD 2016')).toEqual([
      { edition: 'SIMD 2016', postcode: 'GM4 2LT', dataZone: 'S01990420', quintile: 5 },
    ]);
  });

  it('writes nothing when the database refuses a row part-way: the current edition stays current', async () => {
    const before = await stored();
    const rows = [
      { postcode: 'GM7 1PQ', dataZone: 'S01990710', quintile: 1 },
      // Past the file checks (as if they had a fault): the table's own check refuses it.
      { postcode: 'GM7 4WB', dataZone: 'S01990740', quintile: 7 },
    ];
    await expect(
      storeSimdEdition(database.db, { name: 'SIMD 2024', sourceFile: 'x.csv', rows }),
    ).rejects.toThrow();
    expect(await stored()).toEqual(before);
    expect((await simdEditions(database.db)).map((e) => e.name)).not.toContain('SIMD 2024');
    expect((await currentSimdEdition(database.db))?.name).toBe('SIMD 2016');
  });

  it('runs as a command: each bad row reported by line and nothing loaded; a good file loaded, timed', async () => {
    const bad = await hearth(
      'import-simd',
      write('bad.csv', [
        'Postcode,DZ,SIMD2020v2_Quintile',
        'GM1 1AB,S01990110,1',
        'GM1 ZZZ,S01990110,1',
        'GM2 3JW,S01990230,0',
        'gm11ab,S01990110,1',
      ]),
    );
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('Line 3: "GM1 ZZZ" is not a full postcode');
    expect(bad.err).toContain('Line 4: the quintile must be a whole number from 1 to 5');
    expect(bad.err).toContain('Line 5: GM1 1AB is also on line 2');
    expect(bad.err).toContain('Nothing was loaded: 3 rows are wrong.');

    const unnamed = await hearth(
      'import-simd',
      write('unnamed.csv', ['Postcode,DZ,Quintile', 'GM1 1AB,S1,1']),
    );
    expect(unnamed.code).toBe(2);
    expect(unnamed.err).toContain('--edition');
    expect((await hearth('import-simd')).code).toBe(2);
    expect((await hearth('import-simd', path.join(folder, 'missing.csv'))).err).toContain('Cannot read');
    expect((await hearth('import-simd', '--help')).out).toContain('SIMD2020v2_Quintile');

    // A good file, checked and stored as the command does (the command opens the configured database).
    const checked = checkSimdFile(
      fs.readFileSync('docs/samples/simd-postcode-lookup.csv', 'utf8'),
      'SIMD 2020v2 sample',
    );
    if (!checked.ok) throw new Error(checked.errors.join('\n'));
    const out = await loadSimdFile(database.db, checked, 'docs/samples/simd-postcode-lookup.csv');
    expect(out).toContain('Read Postcode, DZ and SIMD2020v2_Quintile.');
    expect(out).toContain('Loaded 17 postcodes of SIMD 2020v2 sample: it is now the current edition.');
    expect(out).toMatch(/Checked in \d+\.\d s, stored in \d+\.\d s\./);
    const current = await currentSimdEdition(database.db);
    expect([current?.name, current?.sourceFile, current?.postcodes]).toEqual([
      'SIMD 2020v2 sample',
      'simd-postcode-lookup.csv',
      17,
    ]);
  });

  it('shows partnership leads and system admins the current edition and when it was loaded; nobody else', async () => {
    const app = await testApp(database);
    try {
      const area = await createArea(database.db);
      const org = await createOrganisation(database.db, area.id);
      const browse = async (roles: Role[], url: string) => {
        const browser = new TestBrowser(app, `10.29.0.${roles.length}${url.length}`);
        await browser.signIn((await createUser(database.db, org.id, roles)).email);
        return browser.get(url);
      };
      const page = await browse(['partnership_lead'], '/partnership/deprivation');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('SIMD 2020v2 sample');
      expect(page.body).toContain('simd-postcode-lookup.csv');
      expect(page.body).toMatch(
        /Loaded\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*\d{1,2} \w{3} \d{4}, \d\d:\d\d/,
      );
      // Earlier editions are listed, kept.
      expect(page.body).toContain('SIMD 2016');
      expect((await browse(['system_admin'], '/admin/deprivation')).body).toContain('SIMD 2020v2 sample');
      expect((await browse(['practitioner'], '/partnership/deprivation')).statusCode).toBe(403);
      expect((await browse(['partnership_lead'], '/admin/deprivation')).statusCode).toBe(403);
    } finally {
      await app.close();
    }
  });
});
