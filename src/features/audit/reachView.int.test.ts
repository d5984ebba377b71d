import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { simdEdition, simdPostcode } from '../../db/schema.ts';
import { createOrganisation } from '../../testing/fixtures.ts';
import { ownDatabase } from '../../testing/testDatabase.ts';
import type { AuditTable } from './auditTable.ts';
import { addFamily, auditArea, grid, relate, support } from './auditTesting.ts';
import { addReferral, addService } from './auditTestingDirectory.ts';
import type { AuditFilters } from './auditView.ts';
import { auditViewById } from './auditViews.ts';

/**
 * One hand-built area on a database of its own (the SIMD lookup's current
 * edition is one for the whole database). Period: 1 April 2025 to 31 March
 * 2026; ages are on 31 March 2026.
 */
describe('the reach view', () => {
  let database: Database;
  let drop: () => Promise<void>;
  let s: Awaited<ReturnType<typeof auditArea>>;
  const year: AuditFilters = { from: '2025-04-01', to: '2026-03-31' };

  beforeAll(async () => {
    ({ database, drop } = await ownDatabase('audit_reach'));
    await migrate(database);
    const db = database.db;
    s = await auditArea(db);
    const recovery = await createOrganisation(db, s.area.id, 'nhs');
    const council = await createOrganisation(db, s.area.id, 'local_authority');
    const youth = await createOrganisation(db, s.area.id, 'third_sector');
    const serviceA = await addService(db, s.a.id, { audiences: ['parent'] });
    await addService(db, recovery.id, { audiences: ['person_using'] });
    await addService(db, youth.id, { audiences: ['young_person'] });
    const outsideService = await addService(db, s.outside.id, { audiences: ['parent'] });

    const [current] = await db
      .insert(simdEdition)
      .values({ name: 'SIMD test edition', sourceFile: 'simd.csv', postcodes: 2, isCurrent: true })
      .returning();
    const [old] = await db
      .insert(simdEdition)
      .values({ name: 'SIMD old edition', sourceFile: 'old.csv', postcodes: 1 })
      .returning();
    await db.insert(simdPostcode).values([
      { editionId: current?.id as string, postcode: 'GM1 1AA', dataZone: 'S01000001', quintile: 3 },
      { editionId: current?.id as string, postcode: 'GM2 2BB', dataZone: 'S01000002', quintile: 1 },
      { editionId: old?.id as string, postcode: 'GM9 9ZZ', dataZone: 'S01000009', quintile: 5 },
    ]);

    // F1, first locality: U1 using (recovery); M1 his mother, grandmother of C1; C1 his daughter, 14, a young carer.
    const a = await addFamily(db, s.area.id, s.first, [
      { roles: ['using_substances'], dateOfBirth: '1990-05-01', gender: 'Male', postcode: 'gm11aa' },
      { dateOfBirth: '1960-02-01', gender: 'Female', postcode: 'GM1 1AA' },
      { roles: ['child_or_young_person', 'young_carer'], dateOfBirth: '2012-01-01', gender: 'girl' },
      {}, // N1: no support, not counted
    ]);
    const [u1, m1, c1] = a.people as [string, string, string];
    await relate(db, a.id, m1, 'parent_of', u1);
    await relate(db, a.id, u1, 'parent_of', c1);
    await relate(db, a.id, m1, 'grandparent_of', c1);
    await support(db, a.id, u1, recovery.id, '2025-01-01');
    await support(db, a.id, m1, s.a.id, '2025-04-01');
    await support(db, a.id, c1, s.a.id, '2025-06-01');
    // F4, first locality: P4 father of U4 (recovery).
    const d = await addFamily(db, s.area.id, s.first, [
      { dateOfBirth: '1955-01-01', gender: 'male' },
      { roles: ['using_substances'], dateOfBirth: '2000-01-01' },
    ]);
    const [p4, u4] = d.people as [string, string];
    await relate(db, d.id, p4, 'parent_of', u4);
    await support(db, d.id, p4, s.a.id, '2025-09-01');
    await support(db, d.id, u4, recovery.id, '2025-09-01');
    // F2, second locality: U2 using (family support only, recorded in contact with services), aged about
    // 40 on 1 January 2020; P2 partner, S2 brother, Fr2 friend, O2 an aunt, K2 a child turning 12 on 1 April 2026.
    const b = await addFamily(db, s.area.id, s.second, [
      { roles: ['using_substances'], approximateAge: 40, approximateAgeOn: '2020-01-01', inContact: 'yes' },
      { dateOfBirth: '1985-01-01', gender: 'Non-binary', postcode: 'GM9 9ZZ' },
      { dateOfBirth: '2005-01-01', gender: 'Man', postcode: 'GM2 2BB' },
      { gender: 'female' },
      { dateOfBirth: '1975-06-01', gender: 'Woman' },
      { roles: ['child_or_young_person'], dateOfBirth: '2014-04-01', gender: '' },
    ]);
    const [u2, p2, s2, fr2, o2, k2] = b.people as [string, string, string, string, string, string];
    await relate(db, b.id, u2, 'partner_of', p2);
    await relate(db, b.id, s2, 'sibling_of', u2);
    await relate(db, b.id, fr2, 'friend_of', u2);
    for (const p of [u2, p2, fr2, o2, k2]) await support(db, b.id, p, s.a.id, '2025-05-01');
    await support(db, b.id, s2, s.b.id, '2025-05-01');
    // F5, second locality: U5 using, not supported and not in contact; W5 her friend, supported.
    const e = await addFamily(db, s.area.id, s.second, [
      { roles: ['using_substances'], inContact: 'no' },
      { dateOfBirth: '1980-01-01', gender: 'Female' },
    ]);
    await relate(db, e.id, e.people[1] as string, 'friend_of', e.people[0] as string);
    await support(db, e.id, e.people[1] as string, s.a.id, '2025-05-01');
    // F3, no locality: bereaved B1 and B2.
    const c = await addFamily(db, s.area.id, null, [
      { roles: ['bereaved', 'affected_family_member'], dateOfBirth: '1970-01-01', gender: 'Female' },
      { roles: ['bereaved'], dateOfBirth: '1998-01-01', gender: 'Prefer to self-describe: genderfluid' },
    ]);
    for (const p of c.people) await support(db, c.id, p, s.b.id, '2025-05-01');
    // F6, no locality: U6 using, supported by recovery, nobody else supported.
    const g = await addFamily(db, s.area.id, null, [
      { roles: ['using_substances'], dateOfBirth: '1992-01-01', gender: 'Male' },
    ]);
    await support(db, g.id, g.people[0] as string, recovery.id, '2025-05-01');

    // Referrals to services of the area: R1 self; R2, R10 from recovery; R3 from the council, R4 from a youth
    // service (children's services); R5 from B, R6 through the API from A (other). Not counted: R7 passed on,
    // R8 before the period, R9 to another area's service.
    const to = { serviceId: serviceA, organisationId: s.a.id };
    await addReferral(db, { ...to, origin: 'self_referral', sentAt: '2025-05-01T10:00:00+01:00' });
    await addReferral(db, {
      ...to,
      origin: 'practitioner',
      referringOrganisationId: recovery.id,
      familyId: a.id,
      sentAt: '2025-06-01T10:00:00+01:00',
    });
    await addReferral(db, {
      ...to,
      origin: 'practitioner',
      referringOrganisationId: council.id,
      familyId: d.id,
      sentAt: '2025-07-01T10:00:00+01:00',
    });
    await addReferral(db, {
      ...to,
      origin: 'practitioner',
      referringOrganisationId: youth.id,
      familyId: b.id,
      sentAt: '2025-08-01T10:00:00+01:00',
    });
    await addReferral(db, {
      ...to,
      origin: 'practitioner',
      referringOrganisationId: s.b.id,
      sentAt: '2025-09-01T10:00:00+01:00',
    });
    await addReferral(db, {
      ...to,
      origin: 'api',
      referringOrganisationId: s.a.id,
      sentAt: '2025-10-01T10:00:00+01:00',
    });
    await addReferral(db, {
      ...to,
      origin: 'redirect',
      referringOrganisationId: recovery.id,
      sentAt: '2025-10-02T10:00:00+01:00',
    });
    await addReferral(db, {
      ...to,
      origin: 'practitioner',
      referringOrganisationId: recovery.id,
      sentAt: '2025-03-31T23:30:00+01:00',
    });
    await addReferral(db, {
      serviceId: outsideService,
      organisationId: s.outside.id,
      origin: 'self_referral',
      sentAt: '2025-05-01T10:00:00+01:00',
    });
    await addReferral(db, {
      ...to,
      origin: 'practitioner',
      referringOrganisationId: recovery.id,
      sentAt: '2026-03-31T23:30:00+01:00',
    });
  }, 120_000);
  afterAll(async () => {
    await drop();
  });

  async function tables(filters: AuditFilters): Promise<Map<string, AuditTable>> {
    const built = await auditViewById('reach')?.build(database.db, s.access, filters);
    return new Map((built ?? []).map((t) => [t.id, t]));
  }

  it('counts people by age band, gender and relationship to the person using, by locality', async () => {
    const t = await tables(year);
    // First: U1, M1, C1, P4, U4. Second: U2, P2, S2, Fr2, O2, K2, W5. None: B1, B2, U6.
    expect(
      grid(t.get('reach-age') as AuditTable, [
        'people',
        'age-0-11',
        'age-12-17',
        'age-18-24',
        'age-25-64',
        'age-65-plus',
        'age-not-known',
      ]),
    ).toEqual({
      // C1 14; U1 35, U4 26; M1 66, P4 71.
      [s.first]: [5, 0, 1, 0, 2, 2, 0],
      // K2 11 (12 the day after); S2 21; U2 about 46, P2 41, O2 50, W5 46; Fr2 not known.
      [s.second]: [7, 1, 0, 1, 4, 0, 1],
      none: [3, 0, 0, 0, 3, 0, 0],
      all: [15, 1, 1, 1, 9, 2, 1],
    });
    expect(
      grid(t.get('reach-gender') as AuditTable, ['people', 'female', 'male', 'another', 'not-recorded']),
    ).toEqual({
      [s.first]: [5, 2, 2, 0, 1], // M1, C1 (girl); U1, P4; U4 not recorded
      [s.second]: [7, 3, 1, 1, 2], // Fr2, O2 (woman), W5; S2 (man); P2 (non-binary); U2, K2 (empty)
      none: [3, 1, 1, 1, 0], // B1; U6; B2 (self-described)
      all: [15, 6, 4, 2, 3],
    });
    expect(
      grid(t.get('reach-relationship') as AuditTable, [
        'people',
        'using',
        'child',
        'grandparent',
        'parent',
        'partner',
        'sibling',
        'friend',
        'other',
      ]),
    ).toEqual({
      // M1 is U1's mother and C1's grandmother: a grandparent.
      [s.first]: [5, 2, 1, 1, 1, 0, 0, 0, 0],
      // K2 by her role; P2 recorded from U2's side; O2 with no relationship.
      [s.second]: [7, 1, 1, 0, 0, 1, 1, 2, 1],
      // B1 and B2 have nobody using in their family.
      none: [3, 1, 0, 0, 0, 0, 0, 0, 2],
      all: [15, 4, 2, 1, 1, 1, 1, 2, 3],
    });
  });

  it('counts bereaved people and families, young carers, and deprivation quintiles from the current edition', async () => {
    const t = await tables(year);
    expect(
      grid(t.get('reach-circumstances') as AuditTable, [
        'people',
        'bereaved',
        'bereavedFamilies',
        'young-carer',
      ]),
    ).toEqual({
      [s.first]: [5, 0, 0, 1],
      [s.second]: [7, 0, 0, 0],
      none: [3, 2, 1, 0],
      all: [15, 2, 1, 1],
    });
    const simd = t.get('reach-deprivation') as AuditTable;
    // U1 (gm11aa) and M1 in GM1 1AA: quintile 3; S2 in GM2 2BB: 1; P2's GM9 9ZZ is only in the old edition.
    expect(
      grid(simd, ['people', 'simd-1', 'simd-2', 'simd-3', 'simd-4', 'simd-5', 'simd-not-known']),
    ).toEqual({
      [s.first]: [5, 0, 0, 2, 0, 0, 3],
      [s.second]: [7, 1, 0, 0, 0, 0, 6],
      none: [3, 0, 0, 0, 0, 0, 3],
      all: [15, 1, 0, 2, 0, 0, 12],
    });
    expect(simd.definition).toContain('SIMD test edition');
  });

  it('narrows every breakdown to a group of people', async () => {
    const t = await tables({ ...year, group: 'grandparent' });
    expect(grid(t.get('reach-age') as AuditTable, ['people', 'age-65-plus']).all).toEqual([1, 1]);
    expect(grid(t.get('reach-gender') as AuditTable, ['people', 'female']).all).toEqual([1, 1]);
  });

  it('counts referrals by route in, and by the locality of their family', async () => {
    const route = (await tables(year)).get('reach-route-in') as AuditTable;
    expect(grid(route, ['referrals', 'share'])).toEqual({
      self: [1, 14.2], // 1 of 7: 14.28…% cut to 14.2
      recovery: [2, 28.5], // R2, and R10 sent late on 31 March 2026
      children: [2, 28.5], // R3 (council), R4 (a service for young people)
      other: [2, 28.5], // R5, R6
      all: [7, 100],
    });
    const first = (await tables({ ...year, localityId: s.first })).get('reach-route-in') as AuditTable;
    expect(grid(first, ['referrals']).all).toEqual([2]); // R2 (F1) and R3 (F4)
  });

  it('counts families whose loved one is in contact with a recovery service, and the reverse', async () => {
    const link = (await tables(year)).get('reach-recovery-link') as AuditTable;
    expect(
      grid(link, ['families', 'familiesLinked', 'familiesShare', 'people', 'peopleLinked', 'peopleShare']),
    ).toEqual({
      // F1 (U1 with recovery) and F4 (U4 with recovery); U1 and U4 both have family supported.
      [s.first]: [2, 2, 100, 2, 2, 100],
      // F2 (U2 recorded in contact with services) and F5 (U5 not); no recovery support here.
      [s.second]: [2, 1, 50, 0, 0, 'none'],
      // F3 has nobody using; F6 has only U6 supported, by recovery, with no family supported.
      none: [0, 0, 'none', 1, 0, 0],
      all: [4, 3, 75, 3, 2, 66.6],
    });
  });
});
