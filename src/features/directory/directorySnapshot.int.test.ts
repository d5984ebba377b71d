// The directory in memory stays fresh: a committed change is seen by the
// next request, on both databases; the version moves once per transaction
// and not at all for one rolled back.
import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { queryRows } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { partnershipArea } from '../../db/schema.ts';
import { directoryService, postcodePlace } from '../../db/schemaDirectory.ts';
import { createOrganisation } from '../../testing/fixtures.ts';
import { testApp } from '../../testing/testApp.ts';
import { ownDatabase } from '../../testing/testDatabase.ts';
import { addPlace, addService, formBody } from '../finder/finderTesting.ts';
import { DirectorySnapshots } from './directorySnapshot.ts';

describe('the directory snapshot', () => {
  let database: Database;
  let drop: () => Promise<void>;
  let app: FastifyInstance;
  let organisationId = '';
  let address = 1;

  const version = async () =>
    Number(
      (await queryRows<{ v: string }>(database.db, sql`select version::text as v from directory_version`))[0]
        ?.v,
    );
  const search = () =>
    app.inject({
      method: 'POST',
      url: '/find-support',
      payload: formBody({ postcode: 'GM4 2LT' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      remoteAddress: `10.2.0.${address++}`,
    });
  const listNames = async () =>
    (
      (await app.inject({ method: 'GET', url: '/openreferral/services?per_page=100' })).json() as {
        contents: { name: string }[];
      }
    ).contents.map((s) => s.name);

  beforeAll(async () => {
    ({ database, drop } = await ownDatabase('directory_snapshot'));
    await migrate(database);
    app = await testApp(database);
    const [area] = await database.db
      .insert(partnershipArea)
      .values({ name: 'Snapshot ADP', councilArea: 'Snapshot Council' })
      .returning();
    organisationId = (await createOrganisation(database.db, area?.id as string)).id;
    await addPlace(database.db, 'GM4 2LT', 56, -3.5, 'Snapshot Council');
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('shows a committed change on the very next request, in the finder and in Open Referral', async () => {
    expect((await search()).body).toContain('We did not find support near you');
    expect(await listNames()).toEqual([]);
    const id = await addService(database.db, organisationId, {
      name: 'Fresh group',
      at: [{ latitude: 56.01, longitude: -3.5, name: 'Glen hall' }],
    });
    expect((await search()).body).toContain('>Fresh group</a>');
    expect(await listNames()).toEqual(['Fresh group']);
    await database.db.transaction(async (tx) => {
      await tx.update(directoryService).set({ name: 'Renamed group' }).where(eq(directoryService.id, id));
    });
    expect(await listNames()).toEqual(['Renamed group']);
    const page = (await search()).body;
    expect(page).toContain('>Renamed group</a>');
    expect(page).not.toContain('>Fresh group</a>');
    await database.db.update(directoryService).set({ status: 'inactive' }).where(eq(directoryService.id, id));
    expect(await listNames()).toEqual([]);
    expect((await search()).body).not.toContain('>Renamed group</a>');
  });

  it('moves the version once per transaction, however many statements, and not for a rollback', async () => {
    const before = await version();
    await database.db.transaction(async (tx) => {
      await addService(tx, organisationId, { name: 'One', at: [{ latitude: 56, longitude: -3.5 }] });
      await addService(tx, organisationId, { name: 'Two', areas: [{ scope: 'uk' }] });
      await tx
        .insert(postcodePlace)
        .values({ postcode: 'GM7', kind: 'outcode', latitude: 56, longitude: -3 });
    });
    expect(await version()).toBe(before + 1);
    await database.db
      .transaction(async (tx) => {
        await addService(tx, organisationId, { name: 'Never' });
        throw new Error('changed my mind');
      })
      .catch(() => undefined);
    expect(await version()).toBe(before + 1);
    await database.db.execute(sql`update directory_service set summary = summary where false`);
    expect(await version()).toBe(before + 2);
  });

  it('loads again only when the version has moved, and holds postcode places', async () => {
    const snapshots = new DirectorySnapshots(database.db);
    const first = await snapshots.get();
    expect(await snapshots.get()).toBe(first);
    const all = await Promise.all(Array.from({ length: 20 }, () => snapshots.get()));
    expect(all.every((s) => s === first)).toBe(true);
    expect(snapshots.loads).toBe(1);
    expect(first.postcodes.get('GM7')).toMatchObject({ kind: 'outcode', latitude: 56 });
    expect(first.postcodesComplete).toBe(true);
    await addPlace(database.db, 'GM8', 57, -3);
    const second = await snapshots.get();
    expect(second).not.toBe(first);
    expect(second.version).toBeGreaterThan(first.version);
    expect(second.postcodes.has('GM8')).toBe(true);
    expect(snapshots.loads).toBe(2);
  });
});
