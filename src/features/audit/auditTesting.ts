// Test fixtures for the provision audit: small hand-built data sets, written
// straight into the tables, whose right figures the tests work out by hand.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import {
  contact,
  contactMember,
  family,
  familyMembership,
  familyPlan,
  groupAttendance,
  groupFacilitator,
  groupSession,
  locality,
  memberSupport,
  person,
  planGoal,
  planProgress,
  planReview,
  programmeEnrolment,
  type RelationshipKind,
  relationship,
  supportGroup,
} from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { createArea, createOrganisation, createUser } from '../../testing/fixtures.ts';

export type Ids = { id: string };

/** A partnership area with two localities, two organisations in it, one outside, and a partnership lead. */
export async function auditArea(db: Db) {
  const area = await createArea(db);
  const [second] = await db
    .insert(locality)
    .values({ partnershipAreaId: area.id, name: 'Second Locality' })
    .returning();
  const a = await createOrganisation(db, area.id, 'third_sector');
  const b = await createOrganisation(db, area.id, 'community');
  const elsewhere = await createArea(db);
  const outside = await createOrganisation(db, elsewhere.id, 'nhs');
  const lead = await createUser(db, a.id, ['partnership_lead']);
  const paid = await createUser(db, a.id, ['practitioner']);
  const volunteer = await createUser(db, b.id, ['volunteer']);
  const outsider = await createUser(db, outside.id, ['practitioner']);
  return {
    area,
    first: area.localityId,
    second: second?.id as string,
    elsewhere,
    a,
    b,
    outside,
    lead,
    paid,
    volunteer,
    outsider,
    access: leadAccess(lead, area.id),
  };
}

export function leadAccess(user: { id: string; organisationId: string }, areaId: string): AccessContext {
  return {
    userId: user.id,
    tokenId: undefined,
    organisationId: user.organisationId,
    partnershipAreaId: areaId,
    roles: ['partnership_lead'],
    ip: '127.0.0.1',
    requestId: randomUUID(),
  };
}

export interface MemberSpec {
  roles?: string[];
  dateOfBirth?: string;
  approximateAge?: number;
  approximateAgeOn?: string;
  gender?: string;
  postcode?: string;
  inContact?: 'yes' | 'no' | 'unknown';
}

/** A family of the area with its members (new people, or existing ones by id). */
export async function addFamily(
  db: Db,
  areaId: string,
  localityId: string | null,
  members: (MemberSpec | { personId: string; roles?: string[] })[],
): Promise<{ id: string; people: string[] }> {
  const [created] = await db
    .insert(family)
    .values({
      reference: `A-${randomUUID().slice(0, 8)}`,
      name: 'Audit family',
      partnershipAreaId: areaId,
      localityId,
    })
    .returning();
  const people: string[] = [];
  for (const m of members) {
    let personId: string;
    if ('personId' in m) personId = m.personId;
    else {
      const [p] = await db
        .insert(person)
        .values({
          givenName: 'Zebedee',
          dateOfBirth: m.dateOfBirth ?? null,
          approximateAge: m.approximateAge ?? null,
          approximateAgeOn: m.approximateAgeOn ?? null,
          gender: m.gender ?? null,
          postcode: m.postcode ?? null,
        })
        .returning();
      personId = p?.id as string;
    }
    await db.insert(familyMembership).values({
      familyId: created?.id as string,
      personId,
      roles: m.roles ?? ['affected_family_member'],
      inContactWithServices: 'inContact' in m ? (m.inContact ?? 'unknown') : 'unknown',
    });
    people.push(personId);
  }
  return { id: created?.id as string, people };
}

export async function support(
  db: Db,
  familyId: string,
  personId: string,
  organisationId: string,
  startedOn: string | null,
  closedOn: string | null = null,
) {
  await db.insert(memberSupport).values({
    familyId,
    personId,
    organisationId,
    status: closedOn ? 'closed' : startedOn ? 'being_supported' : 'not_started',
    closedReason: closedOn ? 'Finished' : null,
    startedOn,
    closedOn,
  });
}

export async function relate(db: Db, familyId: string, from: string, kind: RelationshipKind, to: string) {
  await db.insert(relationship).values({ familyId, fromPersonId: from, toPersonId: to, kind });
}

export async function addContact(
  db: Db,
  row: {
    familyId: string;
    organisationId: string;
    workerId: string;
    at: string;
    members: string[];
    outcome?: 'attended' | 'did_not_attend';
    minutes?: number;
    inError?: boolean;
  },
) {
  const [c] = await db
    .insert(contact)
    .values({
      familyId: row.familyId,
      organisationId: row.organisationId,
      workerId: row.workerId,
      occurredAt: new Date(row.at),
      kind: 'one_to_one',
      channel: 'in_person',
      outcome: row.outcome ?? 'attended',
      durationMinutes: row.minutes ?? null,
      inErrorAt: row.inError ? new Date() : null,
      inErrorReason: row.inError ? 'Recorded twice' : null,
    })
    .returning();
  if (row.members.length)
    await db
      .insert(contactMember)
      .values(
        row.members.map((personId) => ({ contactId: c?.id as string, personId, familyId: row.familyId })),
      );
}

export async function addGroup(
  db: Db,
  organisationId: string,
  kind: 'family_support' | 'young_people' | 'programme' | 'mutual_aid',
  capacity: number | null,
  facilitators: ('paid' | 'volunteer' | 'peer')[],
) {
  const [g] = await db
    .insert(supportGroup)
    .values({
      organisationId,
      name: 'Audit group',
      kind,
      forWhom: 'Families',
      location: 'Hall',
      meets: 'Weekly',
      capacity,
    })
    .returning();
  if (facilitators.length)
    await db
      .insert(groupFacilitator)
      .values(facilitators.map((k) => ({ groupId: g?.id as string, name: 'Facilitator', kind: k })));
  return g?.id as string;
}

export async function addSession(
  db: Db,
  groupId: string,
  heldOn: string,
  register: {
    named?: { personId: string; familyId: string }[];
    firstNames?: string[];
    anonymous?: number;
    inError?: boolean;
  },
) {
  const [s] = await db
    .insert(groupSession)
    .values({
      groupId,
      heldOn,
      anonymousCount: register.anonymous ?? 0,
      inErrorAt: register.inError ? new Date() : null,
      inErrorReason: register.inError ? 'Wrong day' : null,
    })
    .returning();
  const rows = [
    ...(register.named ?? []).map((n) => ({
      sessionId: s?.id as string,
      personId: n.personId,
      familyId: n.familyId,
    })),
    ...(register.firstNames ?? []).map((firstName) => ({ sessionId: s?.id as string, firstName })),
  ];
  if (rows.length) await db.insert(groupAttendance).values(rows);
}

export async function programmeId(db: Db, code: string): Promise<string> {
  const [row] = await queryRows<{ id: string }>(db, sql`select id from programme where code = ${code}`);
  return row?.id as string;
}

export async function enrol(
  db: Db,
  row: {
    programmeId: string;
    familyId: string;
    personId: string;
    organisationId: string;
    enrolledOn: string;
    status?: 'active' | 'completed' | 'ended_early';
    endedOn?: string;
  },
) {
  await db.insert(programmeEnrolment).values({
    programmeId: row.programmeId,
    familyId: row.familyId,
    personId: row.personId,
    organisationId: row.organisationId,
    enrolledOn: row.enrolledOn,
    status: row.status ?? 'active',
    endedOn: row.endedOn ?? null,
    endReason: row.status === 'ended_early' ? 'Moved away' : null,
  });
}

/** A goal in the family's plan (made when missing) and its progress scores, each at a review by an organisation. */
export async function goalScores(
  db: Db,
  familyId: string,
  personId: string | null,
  scores: { heldOn: string; score: number; organisationId: string }[],
) {
  let [plan] = await db.select().from(familyPlan).where(sql`${familyPlan.familyId} = ${familyId}`);
  if (!plan) [plan] = await db.insert(familyPlan).values({ familyId }).returning();
  const planId = plan?.id as string;
  const [goal] = await db
    .insert(planGoal)
    .values({ planId, familyId, personId, familyWords: 'A goal' })
    .returning();
  for (const s of scores) {
    const [review] = await db
      .insert(planReview)
      .values({
        planId,
        familyId,
        heldOn: s.heldOn,
        nextReviewOn: '2099-01-01',
        organisationId: s.organisationId,
      })
      .returning();
    await db
      .insert(planProgress)
      .values({ reviewId: review?.id as string, goalId: goal?.id as string, familyId, score: s.score });
  }
}

/** A table's cells by row key and column key, raw (before suppression), for comparing with worked answers. */
export function grid(
  table: {
    rows: { key: string; values: Record<string, unknown> }[];
    total?: { key: string; values: Record<string, unknown> };
  },
  keys: string[],
) {
  const all = [...table.rows, ...(table.total ? [table.total] : [])];
  return Object.fromEntries(all.map((r) => [r.key, keys.map((k) => r.values[k])]));
}
