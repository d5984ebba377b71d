import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import type { AuditTable } from './auditTable.ts';
import {
  addContact,
  addFamily,
  addGroup,
  addSession,
  auditArea,
  enrol,
  grid,
  programmeId,
  support,
} from './auditTesting.ts';
import { addService } from './auditTestingDirectory.ts';
import type { AuditFilters } from './auditView.ts';
import { auditViewById } from './auditViews.ts';

/**
 * One hand-built area, its right answers worked out below. The period is the
 * financial year 2025 to 2026: 1 April 2025 to 31 March 2026, by UK day.
 */
describe('the quantity view', () => {
  let database: Database;
  let s: Awaited<ReturnType<typeof auditArea>>;
  let f1: { id: string; people: string[] };
  let f3: { id: string; people: string[] };
  let serviceOfB: string;
  const year: AuditFilters = { from: '2025-04-01', to: '2026-03-31' };

  beforeAll(async () => {
    database = await testDatabase();
    const db = database.db;
    s = await auditArea(db);
    // F1 in the first locality: P1 supported throughout; P2, a child of 8, supported June to December;
    // P3 with support not started (not counted).
    f1 = await addFamily(db, s.area.id, s.first, [
      { dateOfBirth: '1980-01-01' },
      { dateOfBirth: '2017-06-01', roles: ['child_or_young_person'] },
      {},
    ]);
    const [p1, p2, p3] = f1.people as [string, string, string];
    await support(db, f1.id, p1, s.a.id, '2025-01-10');
    await support(db, f1.id, p2, s.a.id, '2025-06-01', '2025-12-01');
    await support(db, f1.id, p3, s.a.id, null);
    // F2 in the first locality: P4 starts after the period, P5 closed before it: neither counts, nor F2.
    const f2 = await addFamily(db, s.area.id, s.first, [{}, {}]);
    await support(db, f2.id, f2.people[0] as string, s.b.id, '2026-04-05');
    await support(db, f2.id, f2.people[1] as string, s.a.id, '2024-05-01', '2025-03-15');
    // F3 in the second locality: P6 supported by both organisations (counted once), and P1 too.
    f3 = await addFamily(db, s.area.id, s.second, [{}, { personId: p1 }]);
    const p6 = f3.people[0] as string;
    await support(db, f3.id, p6, s.a.id, '2025-05-01');
    await support(db, f3.id, p6, s.b.id, '2025-07-01');
    await support(db, f3.id, p1, s.a.id, '2025-05-01');
    // F4 with no locality: P7.
    const f4 = await addFamily(db, s.area.id, null, [{}]);
    const p7 = f4.people[0] as string;
    await support(db, f4.id, p7, s.a.id, '2024-01-01');
    // F5 of another area, supported there: not counted.
    const f5 = await addFamily(db, s.elsewhere.id, s.elsewhere.localityId, [{}]);
    await support(db, f5.id, f5.people[0] as string, s.outside.id, '2025-05-01');

    // Contacts (times are UK: BST is +01:00 until 26 October 2025 and from 29 March 2026).
    await addContact(db, {
      familyId: f1.id,
      organisationId: s.a.id,
      workerId: s.paid.id,
      at: '2025-04-01T00:30:00+01:00',
      members: [p1, p2],
      minutes: 60,
    }); // C1: 1 April in the UK: in
    await addContact(db, {
      familyId: f1.id,
      organisationId: s.a.id,
      workerId: s.paid.id,
      at: '2025-03-31T23:30:00+01:00',
      members: [p1],
      minutes: 60,
    }); // C2: 31 March: out
    await addContact(db, {
      familyId: f1.id,
      organisationId: s.a.id,
      workerId: s.paid.id,
      at: '2025-06-01T10:00:00+01:00',
      members: [p1],
      outcome: 'did_not_attend',
    }); // C3: missed
    await addContact(db, {
      familyId: f1.id,
      organisationId: s.a.id,
      workerId: s.paid.id,
      at: '2025-06-02T10:00:00+01:00',
      members: [p2],
      inError: true,
    }); // C4: in error
    await addContact(db, {
      familyId: f3.id,
      organisationId: s.a.id,
      workerId: s.volunteer.id,
      at: '2025-08-01T10:00:00+01:00',
      members: [p6],
      minutes: 45,
    }); // C5: a volunteer
    await addContact(db, {
      familyId: f3.id,
      organisationId: s.b.id,
      workerId: s.paid.id,
      at: '2025-09-01T10:00:00+01:00',
      members: [p6],
    }); // C6: no length
    await addContact(db, {
      familyId: f4.id,
      organisationId: s.a.id,
      workerId: s.paid.id,
      at: '2026-03-31T23:00:00+01:00',
      members: [p7],
      minutes: 30,
    }); // C7: 31 March: in
    await addContact(db, {
      familyId: f1.id,
      organisationId: s.outside.id,
      workerId: s.outsider.id,
      at: '2025-06-01T10:00:00+01:00',
      members: [p1],
      minutes: 50,
    }); // C8: another area's organisation

    // Groups: G1 family support (capacity 12, paid and volunteer), G2 mutual aid (no capacity, peer),
    // G3 young people with no session in the period, G4 of another area.
    const g1 = await addGroup(db, s.a.id, 'family_support', 12, ['paid', 'volunteer']);
    await addSession(db, g1, '2025-05-01', {
      named: [{ personId: p1, familyId: f1.id }],
      firstNames: ['Jo'],
      anonymous: 3,
    });
    await addSession(db, g1, '2025-06-01', { named: [{ personId: p2, familyId: f1.id }], inError: true });
    await addSession(db, g1, '2025-03-01', { named: [{ personId: p1, familyId: f1.id }] });
    const g2 = await addGroup(db, s.b.id, 'mutual_aid', null, ['peer']);
    await addSession(db, g2, '2025-07-01', {
      named: [
        { personId: p6, familyId: f3.id },
        { personId: p1, familyId: f3.id },
      ],
    });
    const g3 = await addGroup(db, s.a.id, 'young_people', 8, ['paid']);
    await addSession(db, g3, '2024-07-01', { anonymous: 5 });
    const g4 = await addGroup(db, s.outside.id, 'family_support', 20, ['paid']);
    await addSession(db, g4, '2025-07-01', { anonymous: 9 });

    // Programmes.
    const fiveStep = await programmeId(db, '5-step-method');
    const craft = await programmeId(db, 'craft');
    await enrol(db, {
      programmeId: fiveStep,
      familyId: f1.id,
      personId: p1,
      organisationId: s.a.id,
      enrolledOn: '2025-05-01',
      status: 'completed',
      endedOn: '2025-09-01',
    }); // E1
    await enrol(db, {
      programmeId: craft,
      familyId: f1.id,
      personId: p2,
      organisationId: s.a.id,
      enrolledOn: '2025-02-01',
      status: 'completed',
      endedOn: '2025-04-15',
    }); // E2
    await enrol(db, {
      programmeId: fiveStep,
      familyId: f3.id,
      personId: p6,
      organisationId: s.b.id,
      enrolledOn: '2026-01-10',
    }); // E3
    await enrol(db, {
      programmeId: craft,
      familyId: f4.id,
      personId: p7,
      organisationId: s.a.id,
      enrolledOn: '2025-06-01',
      status: 'ended_early',
      endedOn: '2025-08-01',
    }); // E4
    await enrol(db, {
      programmeId: craft,
      familyId: f1.id,
      personId: p1,
      organisationId: s.outside.id,
      enrolledOn: '2025-06-01',
    }); // E5: another area's

    // Services.
    await addService(db, s.a.id, { deliveredBy: ['paid_staff', 'volunteers'], placedIn: [s.first] }); // a1
    await addService(db, s.a.id, {
      deliveredBy: ['peers'],
      supportKinds: ['mutual_aid'],
      areas: [{ scope: 'partnership_area', id: s.area.id }],
    }); // a2
    await addService(db, s.a.id, { status: 'inactive', deliveredBy: ['paid_staff'], placedIn: [s.second] }); // a3
    serviceOfB = await addService(db, s.b.id, {
      deliveredBy: ['volunteers'],
      placedIn: [null],
      areas: [{ scope: 'locality', id: s.second }],
    }); // b1
    await addService(db, s.b.id, { deliveredBy: ['paid_staff'] }); // b2
    await addService(db, s.b.id, {
      deliveredBy: ['paid_staff'],
      areas: [{ scope: 'council_area', council: 'Test Council' }],
    }); // b3
    await addService(db, s.b.id, { areas: [{ scope: 'council_area', council: 'Elsewhere Council' }] }); // b4
    await addService(db, s.outside.id, { deliveredBy: ['paid_staff'], areas: [{ scope: 'scotland' }] }); // x
  });
  afterAll(async () => {
    await database.close();
  });

  async function tables(filters: AuditFilters): Promise<Map<string, AuditTable>> {
    const built = await auditViewById('quantity')?.build(database.db, s.access, filters);
    return new Map((built ?? []).map((t) => [t.id, t]));
  }

  it('counts families, people, contacts, hours, group attendances and programmes by locality', async () => {
    const t = (await tables(year)).get('quantity-support') as AuditTable;
    const keys = [
      'families',
      'people',
      'contacts',
      'staffHours',
      'volunteerHours',
      'attendances',
      'started',
      'completed',
    ];
    expect(grid(t, keys)).toEqual({
      // F1: P1, P2. C1 (60 min, paid). Named at G1's session of 1 May: P1. E1 started and completed, E2 completed.
      [s.first]: [1, 2, 1, 1, 0, 1, 1, 2],
      // F3: P6, P1. C5 (45 min, volunteer: 0.75 h shown as 0.8) and C6 (no length). G2: P6 and P1. E3 started.
      [s.second]: [1, 2, 2, 0, 0.8, 2, 1, 0],
      // F4: P7. C7 (30 min, paid). E4 started (and ended early).
      none: [1, 1, 1, 0.5, 0, 0, 1, 0],
      // P1 is counted once: P1, P2, P6, P7. Hours: 60 + 30 paid = 1.5; 45 volunteer.
      all: [3, 4, 4, 1.5, 0.8, 3, 3, 2],
    });
    expect(t.rows.map((r) => r.label)).toEqual(['Second Locality', 'Test Locality', 'Locality not recorded']);
  });

  it('narrows to a locality, a service’s organisation, or a group of people', async () => {
    const keys = ['families', 'people', 'contacts', 'attendances', 'started', 'completed'];
    const inFirst = (await tables({ ...year, localityId: s.first })).get('quantity-support') as AuditTable;
    expect(grid(inFirst, keys)).toEqual({ [s.first]: [1, 2, 1, 1, 1, 2], all: [1, 2, 1, 1, 1, 2] });
    // The service is B's: B supports P6 in F3 (P4's support starts after the period), held C6, ran G2 and enrolled P6 (E3).
    const byB = (await tables({ ...year, serviceId: serviceOfB })).get('quantity-support') as AuditTable;
    expect(grid(byB, keys).all).toEqual([1, 1, 1, 2, 1, 0]);
    // Aged 0 to 11 on 31 March 2026: P2 only (8). C1 had P2 in it; P2's register entry was in error; E2 was P2's.
    const children = (await tables({ ...year, group: 'age-0-11' })).get('quantity-support') as AuditTable;
    expect(grid(children, keys).all).toEqual([1, 1, 1, 0, 0, 1]);
  });

  it('counts the services available in each locality and who delivers them', async () => {
    const t = (await tables(year)).get('quantity-services') as AuditTable;
    expect(grid(t, ['services', 'paid', 'volunteers', 'peers', 'mutualAid'])).toEqual({
      // a1 (placed there), a2 (whole area), b3 (its council area).
      [s.first]: [3, 2, 1, 1, 1],
      // a2, b1 (covers the locality), b3; a3 is inactive.
      [s.second]: [3, 1, 1, 1, 1],
      // b2 (no place or area), b4 (another council area); b1's place has no locality but its area does.
      none: [2, 1, 0, 0, 0],
      // a1, a2, b1, b2, b3, b4; the other area's service is not counted.
      all: [6, 3, 2, 1, 1],
    });
  });

  it('counts the groups that met, their sessions, places, attendances and facilitators', async () => {
    const t = (await tables(year)).get('quantity-groups') as AuditTable;
    expect(grid(t, ['groups', 'sessions', 'places', 'attendances', 'paid', 'volunteer', 'peer'])).toEqual({
      // G1: the May session (June's is in error, March's before the period): P1, Jo and 3 counted.
      family_support: [1, 1, 12, 5, 1, 1, 0],
      // G3 met only before the period.
      young_people: [0, 0, 0, 0, 0, 0, 0],
      programme: [0, 0, 0, 0, 0, 0, 0],
      // G2: no capacity recorded; P6 and P1.
      mutual_aid: [1, 1, 0, 2, 0, 0, 1],
      all: [2, 2, 12, 7, 1, 1, 1],
    });
  });

  it('counts programmes started, completed and ended early', async () => {
    const t = (await tables(year)).get('quantity-programmes') as AuditTable;
    const byName = Object.fromEntries(
      [...t.rows, ...(t.total ? [t.total] : [])].map((r) => [
        r.label,
        [r.values.started, r.values.completed, r.values.endedEarly],
      ]),
    );
    expect(byName).toEqual({
      // E1 and E3 started; E1 completed.
      '5-Step Method': [2, 1, 0],
      // E4 started and ended early; E2 completed (started before the period). E5 is another area's.
      'CRAFT (Community Reinforcement and Family Training)': [1, 1, 1],
      'All programmes': [3, 2, 1],
    });
  });
});
