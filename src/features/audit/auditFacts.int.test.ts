import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, type Db, queryRows } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { ownDatabase } from '../../testing/testDatabase.ts';
import { foldContactCounts, refreshAuditFacts } from './auditFacts.ts';
import { addContact, addFamily, auditArea, relate, support } from './auditTesting.ts';

/** Every row of audit_support, in one order. */
const supportRows = (db: Db) =>
  queryRows<Record<string, unknown>>(
    db,
    sql`select support_id, family_id, person_id, organisation_id, partnership_area_id, locality_id,
      started_on::text, closed_on::text, rank, bereaved, young_carer, date_of_birth::text, approximate_age,
      approximate_age_on::text, gender, postcode, single, birth_day, approximate_day, member
    from audit_support order by support_id`,
  );

/** Every row of audit_family, in one order. */
const familyRows = (db: Db) =>
  queryRows<Record<string, unknown>>(
    db,
    sql`select family_id, partnership_area_id, locality_id, has_using, using_in_contact
    from audit_family order by family_id`,
  );

/**
 * audit_support worked out from nothing: every family stale, the tables
 * empty, refreshed. Checks audit_family comes out as it was kept too.
 */
async function fromScratch(db: Db) {
  const families = await familyRows(db);
  await db.execute(sql`delete from audit_support`);
  await db.execute(sql`delete from audit_family`);
  await db.execute(sql`insert into audit_stale_family select id from family on conflict do nothing`);
  await refreshAuditFacts(db);
  expect(await familyRows(db)).toEqual(families);
  return supportRows(db);
}

/** The contact counts (folded and pending) summed by key, and the same straight from the contacts. */
async function contactCounts(db: Db) {
  const kept = await queryRows<Record<string, unknown>>(
    db,
    sql`select organisation_id, volunteer, partnership_area_id, locality_id, day::text,
        sum(contacts)::int as contacts, sum(minutes)::int as minutes
      from audit_contact_count group by 1, 2, 3, 4, 5
      having sum(contacts) <> 0 or sum(minutes) <> 0 order by 1, 2, 3, 4, 5`,
  );
  const counted = await queryRows<Record<string, unknown>>(
    db,
    sql`select c.organisation_id, 'volunteer' = any(w.roles) as volunteer, f.partnership_area_id, f.locality_id,
        (c.occurred_at at time zone 'Europe/London')::date::text as day,
        count(*)::int as contacts, coalesce(sum(c.duration_minutes), 0)::int as minutes
      from contact c join family f on f.id = c.family_id join app_user w on w.id = c.worker_id
      where c.outcome = 'attended' and c.in_error_at is null
      group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5`,
  );
  return { kept, counted };
}

describe('the audit’s pre-aggregates', () => {
  let database: Database;
  let drop: () => Promise<void>;
  let s: Awaited<ReturnType<typeof auditArea>>;
  let family: { id: string; people: string[] };
  let other: { id: string; people: string[] };

  beforeAll(async () => {
    ({ database, drop } = await ownDatabase('audit_facts'));
    await migrate(database);
    const db = database.db;
    s = await auditArea(db);
    family = await addFamily(db, s.area.id, s.first, [
      { roles: ['using_substances'], dateOfBirth: '1990-05-01', gender: 'Male', postcode: 'gm11aa' },
      { dateOfBirth: '1960-02-01', gender: 'Female', postcode: 'GM1 1AA' },
      { roles: ['child_or_young_person'], approximateAge: 9, approximateAgeOn: '2025-06-01' },
    ]);
    const [u, m, c] = family.people as [string, string, string];
    await relate(db, family.id, m, 'parent_of', u);
    await relate(db, family.id, u, 'parent_of', c);
    for (const p of family.people) await support(db, family.id, p, s.a.id, '2025-05-01');
    await support(db, family.id, m, s.b.id, '2025-01-10', '2025-09-30');
    await support(db, family.id, c, s.b.id, null);
    other = await addFamily(db, s.area.id, s.second, [{ gender: 'non-binary' }, { personId: m }]);
    await support(db, other.id, other.people[0] as string, s.b.id, '2024-11-01');
    await support(db, other.id, m, s.a.id, '2025-02-01');
    await addContact(db, {
      familyId: family.id,
      organisationId: s.a.id,
      workerId: s.paid.id,
      at: '2025-06-02T09:00:00Z',
      members: [u],
      minutes: 45,
    });
    await addContact(db, {
      familyId: other.id,
      organisationId: s.b.id,
      workerId: s.volunteer.id,
      at: '2025-10-26T23:30:00Z',
      members: [m],
    });
    await addContact(db, {
      familyId: family.id,
      organisationId: s.a.id,
      workerId: s.paid.id,
      at: '2025-06-03T09:00:00Z',
      members: [m],
      outcome: 'did_not_attend',
    });
  });

  afterAll(() => drop());

  it('keeps one row for each started support with its member’s facts, as worked out from nothing', async () => {
    const db = database.db;
    await refreshAuditFacts(db);
    const rows = await supportRows(db);
    expect(rows).toHaveLength(6); // not-started support has no row
    const [u, m] = family.people as [string, string];
    const mother = rows.filter((r) => r.person_id === m);
    expect(mother.map((r) => [r.family_id === family.id, r.rank, r.gender, r.postcode])).toEqual(
      expect.arrayContaining([
        [true, 4, 'female', 'GM1 1AA'],
        [false, 8, 'female', 'GM1 1AA'],
      ]),
    );
    expect(rows.find((r) => r.person_id === u)).toMatchObject({
      rank: 1,
      gender: 'male',
      postcode: 'GM1 1AA',
      single: true,
      birth_day: 19900501,
      member: true,
    });
    expect(await familyRows(db)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ family_id: family.id, has_using: true, using_in_contact: false }),
        expect.objectContaining({ family_id: other.id, has_using: false, using_in_contact: false }),
      ]),
    );
    // The mother has rows in both families: none of them is her only one.
    expect(mother.map((r) => r.single)).toEqual([false, false, false]);
    expect(await fromScratch(db)).toEqual(rows);
  });

  it('follows every change to members, relationships, people, support and families', async () => {
    const db = database.db;
    await refreshAuditFacts(db);
    const [u, m, c] = family.people as [string, string, string];
    // Changes to what the audit does not read mark nothing stale.
    await db.execute(
      sql`update member_support set last_contact_on = current_date where family_id = ${family.id}`,
    );
    await db.execute(sql`update person set given_name = 'Agnes' where id = ${m}`);
    await db.execute(sql`update family set name = 'Renamed' where id = ${family.id}`);
    expect(await queryRows(db, sql`select count(*)::int as n from audit_stale_family`)).toEqual([{ n: 0 }]);
    await db.execute(sql`update family_membership set in_contact_with_services = 'yes'
      where family_id = ${family.id} and person_id = ${u}`);
    expect(await queryRows(db, sql`select family_id as id from audit_stale_family`)).toEqual([
      { id: family.id },
    ]);
    await refreshAuditFacts(db);
    expect((await familyRows(db)).find((r) => r.family_id === family.id)).toMatchObject({
      has_using: true,
      using_in_contact: true,
    });
    await db.execute(sql`update person set date_of_birth = '1961-03-04', gender = 'woman', postcode = 'GM2 2BB'
      where id = ${m}`);
    await db.execute(sql`update family_membership set roles = array['child_or_young_person', 'young_carer', 'bereaved']
      where person_id = ${c} and family_id = ${family.id}`);
    await db.execute(
      sql`update relationship set current = false where family_id = ${family.id} and from_person_id = ${m}`,
    );
    await relate(db, other.id, other.people[0] as string, 'partner_of', m);
    await db.execute(
      sql`update family_membership set roles = array['using_substances'] where family_id = ${other.id} and person_id = ${m}`,
    );
    await db.execute(sql`update member_support set closed_on = '2025-12-01', status = 'closed', closed_reason = 'Moved'
      where person_id = ${u}`);
    await db.execute(sql`update family set locality_id = null where id = ${other.id}`);
    await db.execute(sql`update member_support set started_on = '2025-08-01', status = 'being_supported'
      where person_id = ${c} and organisation_id = ${s.b.id}`);
    expect(await queryRows(db, sql`select count(*)::int as n from audit_stale_family`)).toEqual([{ n: 2 }]);
    await refreshAuditFacts(db);
    const rows = await supportRows(db);
    expect(rows).toHaveLength(7);
    expect(
      rows.filter((r) => r.person_id === c).map((r) => [r.rank, r.bereaved, r.young_carer, r.single]),
    ).toEqual([
      [2, true, true, false],
      [2, true, true, false],
    ]);
    expect(rows.find((r) => r.family_id === other.id && r.person_id === m)).toMatchObject({
      rank: 1,
      locality_id: null,
      date_of_birth: '1961-03-04',
      postcode: 'GM2 2BB',
    });
    expect(rows.find((r) => r.family_id === other.id && r.person_id !== m)).toMatchObject({
      rank: 5,
      gender: 'another',
    });
    expect(await fromScratch(db)).toEqual(rows);
    await db.execute(sql`delete from member_support where person_id = ${c} and organisation_id = ${s.b.id}`);
    await refreshAuditFacts(db);
    const after = await supportRows(db);
    expect(after).toHaveLength(6);
    expect(after.filter((r) => r.person_id === c).map((r) => r.single)).toEqual([true]);
    // Only the other family changes: the mother's rows in the first family follow.
    await db.execute(sql`delete from member_support where person_id = ${m} and family_id = ${other.id}`);
    await refreshAuditFacts(db);
    const last = await supportRows(db);
    expect(last.filter((r) => r.person_id === m).map((r) => r.single)).toEqual([false, false]);
    await db.execute(
      sql`delete from member_support where person_id = ${m} and family_id = ${family.id} and organisation_id = ${s.b.id}`,
    );
    await refreshAuditFacts(db);
    const alone = await supportRows(db);
    expect(alone.filter((r) => r.person_id === m).map((r) => r.single)).toEqual([true]);
    expect(await fromScratch(db)).toEqual(alone);
    // A member who leaves keeps their support row, no longer a current member's.
    const leaver = other.people[0] as string;
    await db.execute(
      sql`update family_membership set ended_on = current_date where family_id = ${other.id} and person_id = ${leaver}`,
    );
    await refreshAuditFacts(db);
    const left = await supportRows(db);
    expect(left.find((r) => r.person_id === leaver)).toMatchObject({ member: false });
    expect(await fromScratch(db)).toEqual(left);
  });

  it('counts attended contacts by worker and day as the contacts themselves do, through every change', async () => {
    const db = database.db;
    const [u] = family.people as [string];
    let { kept, counted } = await contactCounts(db);
    expect(counted).toHaveLength(2);
    expect(kept).toEqual(counted);
    // The clocks went back that morning: 23:30 UTC is 23:30 in the UK, still 26 October.
    expect(counted.map((r) => r.day).sort()).toEqual(['2025-06-02', '2025-10-26']);
    await addContact(db, {
      familyId: family.id,
      organisationId: s.a.id,
      workerId: s.paid.id,
      at: '2025-06-01T23:30:00Z', // 00:30 on 2 June in the UK
      members: [u],
      minutes: 15,
    });
    await db.execute(sql`update contact set notes = 'Edited' where family_id = ${family.id}`);
    await db.execute(sql`update contact set outcome = 'attended', duration_minutes = 30
      where outcome = 'did_not_attend'`);
    await db.execute(sql`update family set locality_id = ${s.second} where id = ${family.id}`);
    // The paid worker becomes a peer worker: their contacts count as volunteers' from now on.
    await db.execute(
      sql`update app_user set roles = array['practitioner', 'volunteer'] where id = ${s.paid.id}`,
    );
    await foldContactCounts(db);
    await db.execute(sql`update contact set in_error_at = now(), in_error_reason = 'Wrong family'
      where duration_minutes = 45`);
    ({ kept, counted } = await contactCounts(db));
    expect(counted).toContainEqual(
      expect.objectContaining({
        day: '2025-06-02',
        contacts: 1,
        minutes: 15,
        locality_id: s.second,
        volunteer: true,
      }),
    );
    expect(kept).toEqual(counted);
    await foldContactCounts(db);
    expect(
      await queryRows(db, sql`select count(*)::int as n from audit_contact_count where pending`),
    ).toEqual([{ n: 0 }]);
    ({ kept, counted } = await contactCounts(db));
    expect(kept).toEqual(counted);
    await db.execute(sql`select audit_contact_count_rebuild()`);
    expect((await contactCounts(db)).kept).toEqual(counted);
  });
});
