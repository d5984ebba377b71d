import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directoryExport, directoryImport } from '../../cli/directory.ts';
import { runCli } from '../../cli/main.ts';
import { migrate } from '../../db/migrate.ts';
import { ownDatabase } from '../../testing/testDatabase.ts';
import { nameBasedUuid, termId } from '../directory/vocabulary.ts';
import { exportDirectory, importDirectory } from './directoryTransfer.ts';
import { orukScenario } from './orukTesting.ts';

type Service = Record<string, unknown>;

describe('directory export and import', () => {
  let handle: Awaited<ReturnType<typeof ownDatabase>>;
  let s: Awaited<ReturnType<typeof orukScenario>>;
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-oruk-'));
  beforeAll(async () => {
    handle = await ownDatabase('oruk_transfer');
    await migrate(handle.database);
    s = await orukScenario(handle.database.db);
  }, 120_000);
  afterAll(async () => {
    await handle.drop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  const count = async (table: string) =>
    Number(
      (
        (await handle.database.db.execute(sql.raw(`select count(*) as n from ${table}`))) as {
          rows: { n: string }[];
        }
      ).rows[0]?.n,
    );

  async function emptyDirectory() {
    await handle.database.exec(`delete from directory_schedule; delete from directory_phone;
      delete from directory_service_area; delete from directory_service_at_location;
      delete from directory_location; delete from directory_service;`);
  }

  function output() {
    const seen = { out: '', err: '' };
    return {
      seen,
      out: (text: string) => {
        seen.out += text;
      },
      err: (text: string) => {
        seen.err += text;
      },
    };
  }

  it('reads back into an empty directory exactly what it wrote', async () => {
    const file = path.join(folder, 'directory.json');
    const written = output();
    expect(await directoryExport(handle.database, file, written)).toBe(0);
    expect(written.seen.out).toBe(`Exported 4 services to ${file}.\n`);
    const exported = JSON.parse(fs.readFileSync(file, 'utf8')) as Service[];
    expect(exported.map((service) => service.name)).toContain('Closed cedar group');
    expect(exported.find((service) => service.id === s.rich.id)?.hearth).toMatchObject({
      referral_email: 'referrals@alder.example.org',
      referral_excludes: 'People in crisis: phone 999',
    });

    await emptyDirectory();
    expect(await count('directory_service')).toBe(0);
    const read = output();
    expect(await directoryImport(handle.database, file, read)).toBe(0);
    expect(read.seen.out).toBe('Imported 4 service(s) and 2 new place(s).\n');
    expect(await exportDirectory(handle.database.db)).toEqual(exported);
  });

  it('refuses a file with problems, naming every one, and imports none of it', async () => {
    const [rich] = (await exportDirectory(handle.database.db)).filter((service) => service.id === s.rich.id);
    if (!rich) throw new Error('no rich service');
    const fresh = (changes: Service) => ({
      ...structuredClone(rich),
      id: crypto.randomUUID(),
      service_at_locations: [],
      schedules: [],
      ...changes,
    });
    const good = fresh({ name: 'A good new service' });
    const document = [
      good,
      fresh({ name: '', minimum_age: 200 }),
      fresh({
        organization_id: crypto.randomUUID(),
        organization: { id: crypto.randomUUID(), name: 'Nobody' },
      }),
      fresh({
        attributes: [
          {
            id: crypto.randomUUID(),
            taxonomy_term_id: nameBasedUuid('term:programmes:made_up'),
            taxonomy_term: { taxonomy_id: nameBasedUuid('taxonomy:programmes') },
          },
        ],
        schedules: [{ id: crypto.randomUUID(), byday: 'XX', opens_at: '17:00', closes_at: '09:00' }],
      }),
      structuredClone(rich),
      fresh({
        service_at_locations: [
          { id: crypto.randomUUID(), location: { id: crypto.randomUUID(), latitude: 95 } },
        ],
      }),
      'not a service',
    ];
    const before = await count('directory_service');
    const result = await importDirectory(handle.database.db, document);
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    const said = problems.map(
      (problem) => `${problem.service.split(' ')[1]} ${problem.field}: ${problem.reason}`,
    );
    expect(said).toEqual(
      expect.arrayContaining([
        '2 name: is needed',
        '2 minimum_age: must be a number from 0 to 120',
        '4 attributes[0].taxonomy_term_id: is not a term of the Hearth taxonomy it names',
        '4 schedules[0].byday: must be days like MO,WE,FR',
        '4 schedules[0].closes_at: must be after opens_at',
        '6 service_at_locations[0].location.addresses: needs the address of the place',
        '6 service_at_locations[0].location.name: is needed',
        '6 service_at_locations[0].location.latitude: must be a number from -90 to 90',
        '7 : must be an object',
        '3 organization: matches no organisation in Hearth (by id or by name "Nobody"): add the organisation first',
        '5 id: is the id of a service already in the directory',
      ]),
    );
    expect(problems.some((problem) => problem.service.includes(good.id))).toBe(false);
    expect(await count('directory_service')).toBe(before);

    // With the field problems fixed, the directory's own checks speak: the organisation and the taken id.
    const second = await importDirectory(handle.database.db, [document[0], document[2], document[4]]);
    expect(
      second.ok ? [] : second.problems.map((problem) => `${problem.service.split(' ')[1]} ${problem.field}`),
    ).toEqual(['2 organization', '3 id']);
    expect(await count('directory_service')).toBe(before);

    // A service from another directory: organisation by name, its own taxonomy, a named area.
    const outside = {
      id: crypto.randomUUID(),
      name: 'Elm drop-in',
      description: 'A drop-in for families. Tea and a chat.',
      status: 'active',
      organization: { id: crypto.randomUUID(), name: s.other.name.toUpperCase(), description: 'x' },
      attributes: [
        { id: crypto.randomUUID(), taxonomy_term_id: crypto.randomUUID() },
        { id: crypto.randomUUID(), taxonomy_term_id: termId('audiences', 'parent') },
      ],
      service_areas: [{ id: crypto.randomUUID(), name: 'Somewhere Council' }],
    };
    expect(await importDirectory(handle.database.db, { services: [outside] })).toMatchObject({
      ok: true,
      services: 1,
    });
    const [saved] = (await exportDirectory(handle.database.db)).filter(
      (service) => service.id === outside.id,
    );
    expect(saved).toMatchObject({
      organization_id: s.other.id,
      hearth: { summary: 'A drop-in for families.' },
      service_areas: [{ name: 'Somewhere Council', uri: 'urn:hearth:council_area:Somewhere%20Council' }],
      languages: [{ code: 'en' }],
      cost_options: [{ option: 'Free', amount: 0 }],
    });
    expect(
      ((saved?.attributes ?? []) as { taxonomy_term_id: string }[]).map((a) => a.taxonomy_term_id),
    ).toEqual([termId('audiences', 'parent')]);
  });

  it('tells the operator about unreadable files and wrong usage', async () => {
    const bad = path.join(folder, 'bad.json');
    fs.writeFileSync(bad, '{ not json');
    const said = output();
    expect(await directoryImport(handle.database, bad, said)).toBe(1);
    expect(said.seen.err).toBe(`Could not read ${bad}: it is not JSON.\n`);
    const listed = output();
    fs.writeFileSync(bad, JSON.stringify([{ name: 'x' }]));
    expect(await directoryImport(handle.database, bad, listed)).toBe(1);
    expect(listed.seen.err).toContain('Nothing was imported.');
    expect(listed.seen.err).toContain('service 1 "x": description is needed');
    // Two services claiming one link between a service and a place: only the database sees it, and undoes everything.
    const [rich] = (await exportDirectory(handle.database.db)).filter((service) => service.id === s.rich.id);
    const link = crypto.randomUUID();
    const clash = [1, 2].map((n) => ({
      ...structuredClone(rich),
      id: crypto.randomUUID(),
      name: `Clash ${n}`,
      schedules: [],
      service_at_locations: [
        {
          id: link,
          location: {
            id: crypto.randomUUID(),
            name: `Place ${n}`,
            latitude: 55.9,
            longitude: -4.2,
            addresses: [
              { address_1: '1 Road', city: 'Town', postal_code: 'GM4 2LT', address_type: 'physical' },
            ],
          },
        },
      ],
    }));
    fs.writeFileSync(bad, JSON.stringify(clash));
    const before = await count('directory_service');
    const refused = output();
    expect(await directoryImport(handle.database, bad, refused)).toBe(1);
    expect(refused.seen.err).toMatch(/^Nothing was imported: the database refused it \(.+\)\.\n$/);
    expect(await count('directory_service')).toBe(before);
    expect(await count('directory_location')).toBe(2);

    const stderr: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((chunk: string) => stderr.push(chunk) > 0) as typeof process.stderr.write;
    try {
      expect(await runCli(['directory', 'frobnicate', 'x.json'])).toBe(2);
    } finally {
      process.stderr.write = write;
    }
    expect(stderr.join('')).toContain('Give export or import and one file');
  });
});
