import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, queryRows } from '../../db/client.ts';
import { StaleEditError } from '../../platform/concurrency/optimisticLock.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { ListingPartsRepository } from './listingPartsRepository.ts';
import { ListingRepository } from './listingRepository.ts';
import { addProblem, addService, listingScenario } from './listingTesting.ts';
import { PartnershipListingRepository } from './partnershipListingRepository.ts';
import { checkSection, parseSection, sectionFormOf, valuesOf } from './serviceForms.ts';

describe('directory listings (repositories)', () => {
  let database: Database;
  const today = todayInUk(new Date());
  beforeAll(async () => {
    database = await testDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  async function audits(recordId: string) {
    return queryRows<{ action: string; outcome: string; detail: unknown }>(
      database.db,
      sql`select action, outcome, detail from audit_event where record_id = ${recordId} order by id`,
    );
  }

  it('changes a page of a service against its version, sets the wait date, and refuses a stale version', async () => {
    const s = await listingScenario(database.db);
    const listings = new ListingRepository(database.db, s.adminAccess);
    const id = await listings.add({ name: 'Family Hub', summary: 'One line', description: 'What we do' });
    const row = await listings.service(id);
    if (!row) throw new Error('no service');
    const base = valuesOf(sectionFormOf('access', row));
    const form = parseSection('access', {
      referralRoutes: ['self', 'professional'],
      selfReferral: 'yes',
      whatHappensNext: 'We phone you within a week.',
      waitWeeks: '3',
    });
    const checked = checkSection('access', form, today);
    if (!checked.ok) throw new Error('form did not pass');
    await listings.change(id, 'access', { version: row.version, base }, checked.value);
    const saved = await listings.service(id);
    expect(saved).toMatchObject({ waitWeeks: 3, waitUpdatedOn: today, selfReferral: true, version: 2 });
    expect(saved?.referralRoutes).toEqual(['self', 'professional']);

    // A second save from the form opened at version 1 is told someone else saved first, and changes nothing.
    const stale = listings.change(id, 'access', { version: 1, base }, { ...checked.value, waitWeeks: 9 });
    await expect(stale).rejects.toBeInstanceOf(StaleEditError);
    await stale.catch((error: StaleEditError) => expect(error.current.values.waitWeeks).toBe('3'));
    expect((await listings.service(id))?.waitWeeks).toBe(3);
    expect((await audits(id)).map((a) => a.action)).toEqual(['listing.add', 'listing.change']);
  });

  it('marks a listing checked, answering its reminders, only at the version shown', async () => {
    const s = await listingScenario(database.db);
    const listings = new ListingRepository(database.db, s.adminAccess);
    const id = await addService(database.db, s.org.id, 'Old listing', 200);
    const lead = new PartnershipListingRepository(database.db, s.leadAccess);
    expect(await lead.sendReminder(id)).toEqual({ serviceName: 'Old listing' });
    const before = await listings.banner();
    expect(before.outOfDate).toBe(1);
    expect(before.reminders.map((r) => r.serviceName)).toEqual(['Old listing']);
    expect(await listings.markChecked(id, 7)).toBe(false);
    expect((await listings.service(id))?.lastCheckedOn).not.toBe(today);
    expect(await listings.markChecked(id, 1)).toBe(true);
    expect((await listings.service(id))?.lastCheckedOn).toBe(today);
    expect(await listings.banner()).toEqual({ outOfDate: 0, reminders: [] });
    expect((await audits(id)).map((a) => a.action)).toEqual(['listing.reminder_send', 'listing.checked']);
  });

  it('adds places with the postcode looked up (full, then outcode, else not known), and sets where a service is', async () => {
    const s = await listingScenario(database.db);
    const id = await addService(database.db, s.org.id, 'Drop-in');
    const parts = new ListingPartsRepository(database.db, s.adminAccess);
    expect(await parts.lookUpPostcode(s.postcode)).toMatchObject({ latitude: 55.1, longitude: -4.1 });
    expect(await parts.lookUpPostcode(`${s.outcode} 9ZZ`)).toMatchObject({ latitude: 55.2, longitude: -4.2 });
    expect(await parts.lookUpPostcode('ZZ98 9ZZ')).toBeUndefined();
    const place = {
      name: 'Family Centre',
      address1: '1 High Street',
      address2: null,
      city: 'Kilbrannan',
      postcode: s.postcode,
      coordinates: null,
      accessibility: null,
    };
    const locationId = await parts.addLocation(id, place, { latitude: 55.1, longitude: -4.1 });
    expect((await parts.locations(id)).map((l) => [l.name, l.here])).toEqual([['Family Centre', true]]);
    expect(
      await parts.changeLocation(
        id,
        locationId,
        1,
        { ...place, name: 'Family Centre East' },
        { latitude: 1, longitude: 2 },
      ),
    ).toBe(true);
    expect(await parts.changeLocation(id, locationId, 1, place, { latitude: 1, longitude: 2 })).toBe(false);
    await parts.addSchedule(id, {
      weekday: 2,
      opensAt: '09:30',
      closesAt: '12:00',
      locationId,
      description: null,
    });
    await parts.setServiceLocations(id, []);
    expect((await parts.locations(id)).map((l) => [l.name, l.here])).toEqual([['Family Centre East', false]]);
    // The opening time at the place went with it.
    expect(await parts.schedules(id)).toEqual([]);
    // Another organisation cannot put its service at this place, nor see it.
    const theirs = await addService(database.db, s.otherOrg.id, 'Theirs');
    const other = new ListingPartsRepository(database.db, s.otherAccess);
    await other.setServiceLocations(theirs, [locationId]);
    expect(await other.locations(theirs)).toEqual([]);
  });

  it('adds and removes areas, phones and opening times; another organisation can touch none of them', async () => {
    const s = await listingScenario(database.db);
    const id = await addService(database.db, s.org.id, 'Helpline');
    const parts = new ListingPartsRepository(database.db, s.adminAccess);
    const [place] = await parts.localities();
    await parts.addArea(id, { scope: 'partnership_area', localityId: null, councilArea: null });
    await parts.addArea(id, { scope: 'locality', localityId: place?.id ?? null, councilArea: null });
    await parts.addArea(id, { scope: 'scotland', localityId: null, councilArea: null });
    const [areaRow] = await queryRows<{ partnershipAreaId: string }>(
      database.db,
      sql`select partnership_area_id as "partnershipAreaId" from directory_service_area where service_id = ${id} and scope = 'partnership_area'`,
    );
    expect(areaRow?.partnershipAreaId).toBe(s.area.id);
    expect((await parts.areas(id)).map((a) => [a.scope, a.localityName])).toEqual([
      ['locality', 'Test Locality'],
      ['partnership_area', null],
      ['scotland', null],
    ]);
    await parts.addPhone(id, { number: '01632 960001', description: 'Helpline' });
    await parts.addPhone(id, { number: '01632 960002', description: null });
    await parts.addSchedule(id, {
      weekday: 1,
      opensAt: '09:00',
      closesAt: '17:00',
      locationId: null,
      description: null,
    });
    const phones = await parts.phones(id);
    expect(phones.map((p) => p.number)).toEqual(['01632 960001', '01632 960002']);
    const [time] = await parts.schedules(id);
    expect(time).toMatchObject({ weekday: 1, opensAt: '09:00', closesAt: '17:00' });

    const other = new ListingPartsRepository(database.db, s.otherAccess);
    const [firstArea] = await parts.areas(id);
    expect(await other.removeArea(id, firstArea?.id as string)).toBe(false);
    expect(await other.removePhone(id, phones[0]?.id as string)).toBe(false);
    expect(await other.removeSchedule(id, time?.id as string)).toBe(false);
    await expect(other.addPhone(id, { number: '0800 000 000', description: null })).rejects.toThrow(
      'phone not added',
    );
    await expect(other.addArea(id, { scope: 'uk', localityId: null, councilArea: null })).rejects.toThrow(
      'area not added',
    );
    await expect(
      other.addSchedule(id, {
        weekday: 3,
        opensAt: '09:00',
        closesAt: '10:00',
        locationId: null,
        description: null,
      }),
    ).rejects.toThrow('opening time not added');
    expect(await parts.phones(id)).toHaveLength(2);

    expect(await parts.removePhone(id, phones[0]?.id as string)).toBe(true);
    expect(await parts.removeSchedule(id, time?.id as string)).toBe(true);
    expect(await parts.removeArea(id, firstArea?.id as string)).toBe(true);
    expect((await parts.phones(id)).map((p) => p.number)).toEqual(['01632 960002']);
    expect(await parts.schedules(id)).toEqual([]);
    expect(await parts.areas(id)).toHaveLength(2);
  });

  it('resolves problem reports of its own organisation only', async () => {
    const s = await listingScenario(database.db);
    const id = await addService(database.db, s.org.id, 'Group');
    const problemId = await addProblem(database.db, id, s.org.id);
    const listings = new ListingRepository(database.db, s.adminAccess);
    expect((await listings.openProblems()).map((p) => p.id)).toEqual([problemId]);
    expect((await listings.openProblems(id)).map((p) => p.kind)).toEqual(['wrong_phone']);
    const other = new ListingRepository(database.db, s.otherAccess);
    expect(await other.openProblems()).toEqual([]);
    expect(await other.resolveProblem(id, problemId)).toBe(false);
    expect(await listings.resolveProblem(id, problemId)).toBe(true);
    expect(await listings.resolveProblem(id, problemId)).toBe(false);
    expect(await listings.openProblems()).toEqual([]);
    const [row] = await queryRows<{ resolvedBy: string }>(
      database.db,
      sql`select resolved_by as "resolvedBy" from listing_problem where id = ${problemId} and resolved_at is not null`,
    );
    expect(row?.resolvedBy).toBe(s.admin.id);
  });

  it('refuses another organisation’s service with a denied audit event', async () => {
    const s = await listingScenario(database.db);
    const id = await addService(database.db, s.org.id, 'Ours');
    const other = new ListingRepository(database.db, s.otherAccess);
    expect(await other.service(id)).toBeUndefined();
    expect(await other.services()).toEqual([]);
    expect(await other.markChecked(id, 1)).toBe(false);
    const stale = other.change(id, 'about', { version: 1, base: {} }, { name: 'Taken over' });
    await expect(stale).rejects.toThrow('Not found');
    expect((await new ListingRepository(database.db, s.adminAccess).service(id))?.name).toBe('Ours');
    expect(await audits(id)).toEqual([
      expect.objectContaining({ action: 'listing.read', outcome: 'denied' }),
    ]);
  });

  it('gives the partnership lead the area’s listings, the out-of-date filter, counts, problems and reminders', async () => {
    const s = await listingScenario(database.db);
    const fresh = await addService(database.db, s.org.id, 'Fresh', 10);
    const old = await addService(database.db, s.org.id, 'Old', 190);
    const theirs = await addService(database.db, s.otherOrg.id, 'Theirs old', 400);
    await addProblem(database.db, old, s.org.id, 'closed');
    const lead = new PartnershipListingRepository(database.db, s.leadAccess);
    expect((await lead.listings({ outOfDateOnly: false })).map((l) => l.id).sort()).toEqual(
      [fresh, old, theirs].sort(),
    );
    const outOfDate = await lead.listings({ outOfDateOnly: true });
    expect(outOfDate.map((l) => l.name).sort()).toEqual(['Old', 'Theirs old']);
    expect(outOfDate.every((l) => l.outOfDate)).toBe(true);
    const counts = await lead.countsByOrganisation();
    expect(counts.find((c) => c.organisationId === s.org.id)).toMatchObject({
      listings: 2,
      outOfDate: 1,
      openProblems: 1,
    });
    expect(counts.find((c) => c.organisationId === s.otherOrg.id)).toMatchObject({
      listings: 1,
      outOfDate: 1,
    });
    expect((await lead.openProblems()).map((p) => p.serviceName)).toEqual(['Old']);
    // Another area's lead sees none of it and cannot send a reminder.
    const far = new PartnershipListingRepository(database.db, s.farLeadAccess);
    expect((await far.listings({ outOfDateOnly: false })).map((l) => l.id)).toEqual([s.farService]);
    expect(await far.sendReminder(old)).toBeUndefined();
    expect(await audits(old)).toEqual([
      expect.objectContaining({ action: 'listing.reminder_send', outcome: 'denied' }),
    ]);
    await lead.sendReminder(old);
    const [reminder] = await queryRows<{ organisationId: string; sentBy: string }>(
      database.db,
      sql`select organisation_id as "organisationId", sent_by as "sentBy" from listing_reminder where service_id = ${old}`,
    );
    expect(reminder).toEqual({ organisationId: s.org.id, sentBy: s.lead.id });
    expect((await lead.listings({ outOfDateOnly: true })).find((l) => l.id === old)?.remindedAt).toBeTruthy();
  });
});
