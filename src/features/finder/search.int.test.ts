import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { locality, partnershipArea } from '../../db/schema.ts';
import { createOrganisation } from '../../testing/fixtures.ts';
import { ownDatabase } from '../../testing/testDatabase.ts';
import { DirectorySnapshots } from '../directory/directorySnapshot.ts';
import { placeIn, searchAnywhereIn, searchLocalIn } from './finderSearch.ts';
import { addPlace, addService } from './finderTesting.ts';
import { checkSearchForm, parseSearchForm, type Search } from './searchForm.ts';
import {
  type AreaChoice,
  areaChoices,
  lookUpPostcode,
  type Place,
  type ResultRow,
  searchAnywhere,
  searchLocal,
} from './searchRepository.ts';

/** The two ways to search: the SQL statements, and the directory snapshot in memory the routes use. */
interface Engine {
  local(search: Search, place: Place | undefined): Promise<ResultRow[]>;
  anywhere(search: Search): Promise<ResultRow[]>;
  areas(): Promise<AreaChoice[]>;
  place(postcode: string, outcode: string): Promise<Place | undefined>;
}

function sqlEngine(db: Database['db']): Engine {
  return {
    local: (search, place) => searchLocal(db, search, place),
    anywhere: (search) => searchAnywhere(db, search),
    areas: () => areaChoices(db),
    place: (postcode, outcode) => lookUpPostcode(db, postcode, outcode),
  };
}

function memoryEngine(db: Database['db']): Engine {
  const snapshots = new DirectorySnapshots(db);
  return {
    local: async (search, place) => searchLocalIn(await snapshots.get(), search, place),
    anywhere: async (search) => searchAnywhereIn(await snapshots.get(), search),
    areas: async () => (await snapshots.get()).areaChoices,
    place: async (postcode, outcode) => placeIn(await snapshots.get(), postcode, outcode) ?? undefined,
  };
}

// One degree of latitude is about 69 miles.
const mile = 1 / 69;
const centre = { latitude: 56, longitude: -3.5 };
const north = (miles: number) => ({ latitude: centre.latitude + miles * mile, longitude: centre.longitude });

function search(form: Record<string, string | string[]>): Search {
  const checked = checkSearchForm(parseSearchForm(form));
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return checked.search;
}

describe.each([
  ['in SQL', sqlEngine],
  ['in memory', memoryEngine],
])('finder search %s', (label, makeEngine) => {
  let database: Database;
  let engine: Engine;
  let drop: () => Promise<void>;
  const ids: Record<string, string> = {};
  let areaId = '';
  let localityId = '';
  const names = (rows: { id: string }[]) =>
    rows.map((r) => Object.entries(ids).find(([, id]) => id === r.id)?.[0] ?? r.id);

  beforeAll(async () => {
    ({ database, drop } = await ownDatabase(`finder_search_${label === 'in SQL' ? 'sql' : 'memory'}`));
    await migrate(database);
    const db = database.db;
    engine = makeEngine(db);
    const [area] = await db
      .insert(partnershipArea)
      .values({ name: 'Finder ADP', councilArea: 'Finder Council' })
      .returning();
    areaId = area?.id as string;
    const [place] = await db
      .insert(locality)
      .values({ partnershipAreaId: areaId, name: 'Finder Glen' })
      .returning();
    localityId = place?.id as string;
    const org = await createOrganisation(db, areaId);
    await addPlace(db, 'GM4 2LT', centre.latitude, centre.longitude, 'Finder Council');
    await addPlace(db, 'GM5', 57, -3.5, 'Other Council');
    const add = async (key: string, spec: Parameters<typeof addService>[2]) => {
      ids[key] = await addService(db, org.id, spec);
    };
    await add('near', {
      name: 'Near group',
      audiences: ['grandparent'],
      supportKinds: ['group'],
      waitWeeks: 3,
      at: [north(0.5), north(12)],
    });
    await add('mid', { name: 'Mid talk', audiences: ['anyone_affected'], waitWeeks: 0, at: [north(3)] });
    await add('far', { name: 'Far service', audiences: ['parent'], at: [north(40)] });
    await add('inactive', { name: 'Closed service', status: 'inactive', at: [north(0.2)] });
    await add('cafe', { name: 'Glen cafe', audiences: ['parent'], at: [{ ...north(10), localityId }] });
    await add('homeVisits', {
      name: 'Home visits',
      audiences: ['parent'],
      delivery: ['home_visit'],
      areas: [{ scope: 'council_area', councilArea: 'Finder Council' }],
    });
    await add('areaWide', {
      name: 'Area wide',
      audiences: ['young_person'],
      areas: [{ scope: 'partnership_area', partnershipAreaId: areaId }],
    });
    await add('helpline', {
      name: 'Helpline',
      audiences: ['anyone_affected'],
      delivery: ['phone'],
      waitWeeks: 0,
      areas: [{ scope: 'scotland' }],
    });
    await add('inactiveHelpline', { name: 'Old helpline', status: 'inactive', areas: [{ scope: 'uk' }] });
  });
  afterAll(async () => drop());

  const place = async () => engine.place('GM4 2LT', 'GM4');

  it('finds places near a postcode nearest first, then services covering its area; never inactive or far ones', async () => {
    const rows = await engine.local(search({ postcode: 'gm42lt' }), await place());
    expect(names(rows)).toEqual(['near', 'mid', 'cafe', 'areaWide', 'homeVisits']);
    expect(Number(rows[0]?.miles)).toBeCloseTo(0.5, 1);
    expect(rows[0]?.location_name).toBe('Near group hall 1');
    expect(rows[3]?.miles).toBeNull();
    expect(Number(rows[0]?.total)).toBe(5);
  });

  it('sorts by the soonest available, unknown waits last', async () => {
    const rows = await engine.local(search({ postcode: 'GM4 2LT', sort: 'soonest' }), await place());
    expect(names(rows)).toEqual(['mid', 'near', 'cafe', 'areaWide', 'homeVisits']);
  });

  it('narrows by who you are, kind of support and how it is given', async () => {
    const grandparent = await engine.local(
      search({ postcode: 'GM4 2LT', audiences: 'grandparent' }),
      await place(),
    );
    expect(names(grandparent)).toEqual(['near', 'mid']);
    const group = await engine.local(
      search({ postcode: 'GM4 2LT', audiences: ['grandparent', 'parent'], supportKinds: 'group' }),
      await place(),
    );
    expect(names(group)).toEqual(['near']);
    const visits = await engine.local(search({ postcode: 'GM4 2LT', delivery: 'home_visit' }), await place());
    expect(names(visits)).toEqual(['homeVisits']);
    const onlyUsing = await engine.local(
      search({ postcode: 'GM4 2LT', audiences: 'person_using' }),
      await place(),
    );
    expect(onlyUsing).toEqual([]);
  });

  it('searches an area or a locality instead of a postcode', async () => {
    const choices = await engine.areas();
    expect(choices.map((c) => c.text)).toEqual(['Finder ADP (all of it)', 'Finder Glen, Finder ADP']);
    const inLocality = await engine.local(search({ area: `locality:${localityId}` }), undefined);
    expect(names(inLocality)).toEqual(['areaWide', 'cafe', 'homeVisits']);
    const inArea = await engine.local(
      search({ area: `partnership:${areaId}`, sort: 'soonest', audiences: 'parent' }),
      undefined,
    );
    expect(names(inArea)).toEqual(['cafe', 'homeVisits']);
  });

  it('lists services available anywhere separately', async () => {
    const rows = await engine.anywhere(search({ postcode: 'GM4 2LT' }));
    expect(names(rows)).toEqual(['helpline']);
    expect(await engine.anywhere(search({ postcode: 'GM4 2LT', supportKinds: 'group' }))).toEqual([]);
  });

  it('falls back to the outcode, and knows nothing of other postcodes', async () => {
    expect(await engine.place('GM5 9ZZ', 'GM5')).toMatchObject({
      postcode: 'GM5',
      kind: 'outcode',
    });
    expect(await engine.place('GM4 2LT', 'GM4')).toMatchObject({ kind: 'postcode' });
    expect(await engine.place('ZZ1 1ZZ', 'ZZ1')).toBeUndefined();
  });

  it('pages through many results, 20 at a time', async () => {
    const [area] = await database.db
      .insert(partnershipArea)
      .values({ name: 'Busy ADP', councilArea: 'Busy' })
      .returning();
    const org = await createOrganisation(database.db, area?.id as string);
    await addPlace(database.db, 'GM9 9ZZ', 50, -5);
    for (let i = 0; i < 21; i++)
      await addService(database.db, org.id, {
        name: `Busy ${String(i).padStart(2, '0')}`,
        at: [{ latitude: 50 + i * 0.001, longitude: -5 }],
      });
    const busy = await engine.place('GM9 9ZZ', 'GM9');
    const first = await engine.local(search({ postcode: 'GM9 9ZZ' }), busy);
    expect(first).toHaveLength(20);
    expect(first[0]?.name).toBe('Busy 00');
    const second = await engine.local(search({ postcode: 'GM9 9ZZ', page: '2' }), busy);
    expect(second.map((r) => r.name)).toEqual(['Busy 20']);
    expect(Number(second[0]?.total)).toBe(21);
  });
});
