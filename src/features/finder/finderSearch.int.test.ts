// The in-memory search (finderSearch.ts, what the routes run) against the SQL
// statements (searchRepository.ts), on a random directory: the same rows, in
// the same order, for many random searches.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { locality, partnershipArea } from '../../db/schema.ts';
import { createOrganisation } from '../../testing/fixtures.ts';
import { ownDatabase } from '../../testing/testDatabase.ts';
import { DirectorySnapshots } from '../directory/directorySnapshot.ts';
import { audiences, deliveryMethods, supportKinds } from '../directory/vocabulary.ts';
import { placeIn, searchAnywhereIn, searchLocalIn } from './finderSearch.ts';
import { addPlace, addService, type ServiceSpec } from './finderTesting.ts';
import { checkSearchForm, parseSearchForm, type Search } from './searchForm.ts';
import { lookUpPostcode, type ResultRow, searchAnywhere, searchLocal } from './searchRepository.ts';

/** A small seeded generator (mulberry32), so a failure can be run again. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const seed = 20261202;
const next = random(seed);
const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
const some = <T>(items: readonly T[], chance: number): T[] => items.filter(() => next() < chance);
// Names that share words, differ in case and accents, and repeat: the order must follow the database's collation.
const names = [
  'alpha',
  'Alpha',
  'Beta group',
  'beta group',
  'Éclair',
  'Zeta',
  'zeta',
  'Mid talk',
  'Café',
  'cafe',
];

const comparable = (rows: ResultRow[]) =>
  rows.map((r) => ({ ...r, total: Number(r.total), miles: r.miles === null ? null : Number(r.miles) }));

describe('the in-memory finder search gives exactly what the SQL gives', () => {
  let database: Database;
  let drop: () => Promise<void>;
  const areaIds: string[] = [];
  const localityIds: string[] = [];
  const postcodes: { postcode: string; outcode: string }[] = [];

  beforeAll(async () => {
    ({ database, drop } = await ownDatabase('finder_search_random'));
    await migrate(database);
    const db = database.db;
    for (const [i, council] of ['North Council', 'South Council'].entries()) {
      const [area] = await db
        .insert(partnershipArea)
        .values({ name: `Area ${i}`, councilArea: council })
        .returning();
      areaIds.push(area?.id as string);
      for (const name of ['Glen', 'Carse'])
        localityIds.push(
          ((
            await db
              .insert(locality)
              .values({ partnershipAreaId: area?.id as string, name })
              .returning()
          )[0]?.id as string) ?? '',
        );
    }
    const org = await createOrganisation(db, areaIds[0] as string);
    for (let i = 0; i < 12; i++) {
      const postcode = `GM${i + 1} ${i % 10}AB`;
      postcodes.push({ postcode, outcode: `GM${i + 1}` });
      await addPlace(
        db,
        postcode,
        55.5 + next(),
        -4 + next(),
        i % 3 === 2 ? null : pick(['North Council', 'South Council']),
      );
    }
    for (let i = 0; i < 140; i++) {
      const at = Array.from({ length: Math.floor(next() * 3) }, (_, n) => ({
        latitude: 55.3 + next() * 1.4,
        longitude: -4.3 + next() * 1.6,
        name: `${pick(names)} hall ${i}-${n}`,
        ...(next() < 0.5 ? { localityId: pick(localityIds) } : {}),
      }));
      const areas: NonNullable<ServiceSpec['areas']> = [];
      if (next() < 0.2)
        areas.push({ scope: 'council_area', councilArea: pick(['North Council', 'South Council']) });
      if (next() < 0.2) areas.push({ scope: 'partnership_area', partnershipAreaId: pick(areaIds) });
      if (next() < 0.2) areas.push({ scope: 'locality', localityId: pick(localityIds) });
      if (next() < 0.15) areas.push({ scope: pick(['scotland', 'uk'] as const) });
      await addService(db, org.id, {
        name: pick(names),
        audiences: some(
          audiences.map((t) => t.code),
          0.3,
        ),
        supportKinds: some(
          supportKinds.map((t) => t.code),
          0.3,
        ),
        delivery: some(
          deliveryMethods.map((t) => t.code),
          0.4,
        ),
        waitWeeks: next() < 0.3 ? null : Math.floor(next() * 5),
        status: next() < 0.1 ? 'inactive' : 'active',
        at,
        areas,
      });
    }
  });
  afterAll(async () => drop());

  function randomSearch(): Search {
    const form: Record<string, string | string[]> = {
      audiences: some(['parent', 'grandparent', 'person_using', 'anyone_affected', 'child'], 0.25),
      supportKinds: some(['group', 'one_to_one', 'peer_support'], 0.2),
      delivery: some(['in_person', 'phone', 'home_visit'], 0.2),
      sort: pick(['distance', 'soonest', 'name', '']),
      page: pick(['1', '1', '2', '3']),
    };
    const where = next();
    if (where < 0.6) form.postcode = pick(postcodes).postcode;
    else if (where < 0.8) form.area = `partnership:${pick(areaIds)}`;
    else form.area = `locality:${pick(localityIds)}`;
    const checked = checkSearchForm(parseSearchForm(form));
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    return checked.search;
  }

  it('on 120 random searches, by postcode, area and locality, with random narrowing, sorting and pages', async () => {
    const db = database.db;
    const snapshot = await new DirectorySnapshots(db).get();
    expect(snapshot.services.length).toBeGreaterThan(100);
    let nonEmpty = 0;
    for (let i = 0; i < 120; i++) {
      const search = randomSearch();
      const where = search.where;
      const place =
        where.kind === 'postcode'
          ? await lookUpPostcode(db, where.postcode.value, where.postcode.outcode)
          : undefined;
      if (where.kind === 'postcode')
        expect(placeIn(snapshot, where.postcode.value, where.postcode.outcode)).toEqual(place);
      const fromSql = comparable(await searchLocal(db, search, place));
      const fromMemory = comparable(searchLocalIn(snapshot, search, place));
      expect(
        fromMemory.map((r) => r.id),
        JSON.stringify(search),
      ).toEqual(fromSql.map((r) => r.id));
      for (const [n, row] of fromMemory.entries()) {
        const { miles, ...rest } = fromSql[n] as ResultRow;
        expect({ ...row, miles: undefined }).toEqual({ ...rest, miles: undefined });
        if (miles === null) expect(row.miles).toBeNull();
        else expect(row.miles).toBeCloseTo(Number(miles), 9);
      }
      expect(comparable(searchAnywhereIn(snapshot, search))).toEqual(
        comparable(await searchAnywhere(db, search)),
      );
      if (fromSql.length) nonEmpty += 1;
    }
    // The random directory is dense enough that most searches find something.
    expect(nonEmpty).toBeGreaterThan(60);
  }, 120_000);
});
