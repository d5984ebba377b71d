// A small hand-built partnership for the gap analysis tests: three
// localities, a dozen people, six services and five referrals, each made to
// land on one side of one rule. The answers are worked out in gaps.int.test.ts.
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { createArea, createOrganisation, createUser } from '../../testing/fixtures.ts';
import { accessOf } from '../listings/listingTesting.ts';

/** The period the tests look at (April 2025 to March 2026), and the day they are run "on". */
export const testPeriod = { from: '2025-04-01', to: '2026-03-31' };
export const testToday = '2026-06-30';

interface Member {
  key: string;
  label: string;
  roles: string[];
  born?: string;
  gender?: string;
}

async function one<T>(db: Db, query: ReturnType<typeof sql>): Promise<T> {
  const [row] = await queryRows<T>(db, query);
  if (!row) throw new Error('fixture row not written');
  return row;
}

export async function gapScenario(db: Db) {
  const area = await createArea(db);
  const org = await createOrganisation(db, area.id);
  const lead = await createUser(db, org.id, ['partnership_lead']);
  const worker = await createUser(db, org.id, ['practitioner']);
  const testLocality = area.localityId;
  const north = (
    await one<{ id: string }>(
      db,
      sql`insert into locality (partnership_area_id, name) values (${area.id}, 'North') returning id`,
    )
  ).id;
  const south = (
    await one<{ id: string }>(
      db,
      sql`insert into locality (partnership_area_id, name) values (${area.id}, 'South') returning id`,
    )
  ).id;

  const people = new Map<string, string>();
  const family = async (reference: string, localityId: string | null, members: Member[]) => {
    const { id } = await one<{ id: string }>(
      db,
      sql`insert into family (reference, name, partnership_area_id, locality_id)
        values (${`${reference}-${area.id.slice(0, 8)}`}, ${`${reference} family`}, ${area.id}, ${localityId}) returning id`,
    );
    for (const m of members) {
      const person = await one<{ id: string }>(
        db,
        sql`insert into person (given_name, family_name, date_of_birth, gender)
          values (${m.key}, 'Gapfamily', ${m.born ?? '1980-01-01'}, ${m.gender ?? null}) returning id`,
      );
      people.set(m.key, person.id);
      await db.execute(sql`insert into family_membership (family_id, person_id, relationship_label, roles, started_on)
        values (${id}, ${person.id}, ${m.label}, ${sql.param(m.roles)}::text[], '2020-01-01')`);
    }
    return id;
  };
  const person = (key: string) => people.get(key) as string;
  const f1 = await family('F1', north, [
    { key: 'P1', label: 'Mother', roles: ['affected_family_member'], born: '1980-02-02' },
    { key: 'P2', label: 'Father', roles: ['using_substances'], born: '1978-03-03' },
    { key: 'P3', label: 'Son', roles: ['child_or_young_person'], born: '2011-06-01' },
    { key: 'P4', label: 'Daughter', roles: ['child_or_young_person'], born: '2017-05-01' },
  ]);
  const f2 = await family('F2', north, [
    { key: 'P5', label: 'Grandmother, kinship carer', roles: ['affected_family_member'], born: '1960-01-01' },
    { key: 'P6', label: 'Father', roles: ['affected_family_member'], born: '1975-01-01', gender: 'Male' },
  ]);
  const f3 = await family('F3', south, [
    { key: 'P7', label: 'Partner', roles: ['affected_family_member'] },
    { key: 'P8', label: 'Partner', roles: ['using_substances'] },
    { key: 'P9', label: 'Sister', roles: ['affected_family_member', 'bereaved'] },
  ]);
  const f4 = await family('F4', south, [
    { key: 'P10', label: 'Mother', roles: ['affected_family_member'] },
    { key: 'P11', label: 'Mother', roles: ['affected_family_member'] },
  ]);
  const f5 = await family('F5', null, [{ key: 'P12', label: 'Friend', roles: ['affected_family_member'] }]);
  await db.execute(sql`insert into relationship (family_id, from_person_id, to_person_id, kind)
    values (${f3}, ${person('P7')}, ${person('P8')}, 'partner_of')`);

  const support = (
    familyId: string,
    key: string,
    status: string,
    startedOn: string | null,
    closedOn: string | null = null,
  ) =>
    db.execute(sql`insert into member_support (family_id, person_id, organisation_id, status, started_on, closed_on, closed_reason)
      values (${familyId}, ${person(key)}, ${org.id}, ${status}, ${startedOn}, ${closedOn}, ${closedOn ? 'Finished' : null})`);
  await support(f1, 'P1', 'being_supported', '2025-05-01');
  await support(f1, 'P2', 'being_supported', '2025-05-01');
  await support(f1, 'P3', 'not_started', null);
  await support(f2, 'P5', 'closed', '2024-01-01', '2025-03-15');
  await support(f2, 'P6', 'being_supported', '2024-01-01');
  await support(f3, 'P9', 'closed', '2025-04-01', '2025-05-01');
  await support(f5, 'P12', 'being_supported', '2025-10-01');

  const contact = async (familyId: string, key: string, at: string, outcome: string, inError = false) => {
    const c = await one<{ id: string }>(
      db,
      sql`insert into contact (family_id, organisation_id, worker_id, occurred_at, kind, channel, outcome, in_error_at, in_error_reason)
        values (${familyId}, ${org.id}, ${worker.id}, ${at}, 'one_to_one', 'phone', ${outcome},
          ${inError ? new Date('2026-01-02T10:00:00Z') : null}, ${inError ? 'Wrong family' : null}) returning id`,
    );
    await db.execute(
      sql`insert into contact_member (contact_id, person_id, family_id) values (${c.id}, ${person(key)}, ${familyId})`,
    );
  };
  await contact(f1, 'P3', '2025-09-10T15:00:00Z', 'attended');
  await contact(f3, 'P7', '2025-12-01T11:00:00Z', 'attended');
  await contact(f4, 'P10', '2025-10-01T11:00:00Z', 'did_not_attend');
  await contact(f4, 'P11', '2025-11-01T11:00:00Z', 'attended', true);
  const group = await one<{ id: string }>(
    db,
    sql`insert into support_group (organisation_id, name, kind, for_whom, location, meets)
      values (${org.id}, 'Kinship carers', 'family_support', 'Kinship carers', 'The hall', 'Mondays') returning id`,
  );
  const session = await one<{ id: string }>(
    db,
    sql`insert into group_session (group_id, held_on) values (${group.id}, '2025-06-01') returning id`,
  );
  await db.execute(
    sql`insert into group_attendance (session_id, person_id, family_id) values (${session.id}, ${person('P5')}, ${f2})`,
  );

  const place = async (localityId: string) =>
    (
      await one<{ id: string }>(
        db,
        sql`insert into directory_location (organisation_id, name, address_1, city, postcode, latitude, longitude, locality_id)
          values (${org.id}, 'A place', '1 Main Street', 'Town', 'GM1 1AB', 56, -4, ${localityId}) returning id`,
      )
    ).id;
  const [northPlace, southPlace] = [await place(north), await place(south)];
  const service = async (
    name: string,
    s: {
      audiences: string[];
      kinds: string[];
      programmes?: string[];
      by?: string[];
      at?: string;
      area?: string;
      locality?: string;
      inactive?: boolean;
    },
  ) => {
    const { id } = await one<{ id: string }>(
      db,
      sql`insert into directory_service (organisation_id, name, summary, description, status, audiences, support_kinds, programmes, delivered_by)
        values (${org.id}, ${name}, 'A test service', 'A test service.', ${s.inactive ? 'inactive' : 'active'},
          ${sql.param(s.audiences)}::text[], ${sql.param(s.kinds)}::text[], ${sql.param(s.programmes ?? [])}::text[],
          ${sql.param(s.by ?? [])}::text[]) returning id`,
    );
    if (s.at)
      await db.execute(
        sql`insert into directory_service_at_location (service_id, location_id) values (${id}, ${s.at})`,
      );
    if (s.area === 'partnership_area')
      await db.execute(
        sql`insert into directory_service_area (service_id, scope, partnership_area_id) values (${id}, 'partnership_area', ${area.id})`,
      );
    if (s.area === 'scotland')
      await db.execute(
        sql`insert into directory_service_area (service_id, scope) values (${id}, 'scotland')`,
      );
    if (s.locality)
      await db.execute(
        sql`insert into directory_service_area (service_id, scope, locality_id) values (${id}, 'locality', ${s.locality})`,
      );
    return id;
  };
  const s1 = await service('North family group', {
    audiences: ['parent', 'partner'],
    kinds: ['group', 'peer_support'],
    by: ['peers'],
    at: northPlace,
  });
  const s2 = await service('Area one-to-one', {
    audiences: ['anyone_affected', 'young_person'],
    kinds: ['one_to_one'],
    at: southPlace,
    area: 'partnership_area',
  });
  await service('Recovery', { audiences: ['person_using'], kinds: ['one_to_one', 'group'], at: southPlace });
  await service('North programme', {
    audiences: ['parent'],
    kinds: ['structured_programme'],
    programmes: ['craft'],
    locality: north,
  });
  await service('Old group', { audiences: ['parent'], kinds: ['group'], at: southPlace, inactive: true });
  await service('Grandparents line', {
    audiences: ['grandparent'],
    kinds: ['one_to_one', 'peer_support'],
    by: ['peers'],
    area: 'scotland',
  });

  const referral = (
    serviceId: string,
    familyId: string | null,
    sentAt: string,
    status: string,
    firstSupportOn: string | null,
  ) =>
    db.execute(sql`insert into referral (service_id, organisation_id, origin, family_id, status, sent_at, first_support_on, decline_reason)
      values (${serviceId}, ${org.id}, 'self_referral', ${familyId}, ${status}, ${sentAt}, ${firstSupportOn},
        ${status === 'declined' ? 'Not for us' : null})`);
  await referral(s2, f3, '2025-05-01T10:00:00Z', 'started', '2025-07-01');
  await referral(s2, f1, '2025-06-01T10:00:00Z', 'started', '2025-06-20');
  await referral(s1, null, '2026-01-01T10:00:00Z', 'waiting', null);
  await referral(s1, f1, '2025-03-01T10:00:00Z', 'waiting', null);
  await referral(s2, f1, '2025-08-01T10:00:00Z', 'declined', null);

  const estimate = (
    localityId: string | null,
    measure: string,
    forYear: number,
    value: number,
    multiplier: number | null = null,
  ) =>
    db.execute(sql`insert into need_estimate (partnership_area_id, locality_id, measure, estimate, family_multiplier, source, for_year)
      values (${area.id}, ${localityId}, ${measure}, ${value}, ${multiplier}, 'Test source', ${forYear})`);
  await estimate(north, 'problem_substance_use', 2025, 200, 11);
  await estimate(north, 'problem_substance_use', 2027, 999, 11);
  await estimate(south, 'problem_substance_use', 2025, 500, 10);
  await estimate(null, 'young_people_12_17', 2025, 50);
  await estimate(north, 'grandparents_caring', 2025, 5);
  await estimate(south, 'grandparents_caring', 2025, 5);
  await estimate(null, 'bereaved_families', 2025, 4);
  await estimate(null, 'children_affected', 2026, 30);

  return {
    area,
    org,
    lead,
    worker,
    localities: { north, south, test: testLocality },
    services: { s1, s2 },
    access: accessOf(lead, area.id),
    workerAccess: accessOf(worker, area.id),
  };
}
