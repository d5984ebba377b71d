// Structured programmes in the demo: workers trained to deliver them, and
// members of the demo practitioner's (Morven Blair's) families enrolled: a
// mother part-way through CRAFT, a grandmother who completed the 5-Step
// Method, and a parent and young person in a Strengthening Families group.
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.ts';
import {
  contact,
  contactMember,
  groupAttendance,
  groupFacilitator,
  groupSession,
  programmeEnrolment,
  programmeTrainedWorker,
  supportGroup,
} from '../db/schema.ts';
import { addAutomaticEntry } from '../features/chronology/automaticEntries.ts';
import type { AccessContext } from '../platform/access/accessContext.ts';

/** Who is trained to deliver what, by email and programme code, with how many weeks ago. */
export const demoTraining: { email: string; code: string; weeksAgo: number }[] = [
  { email: 'morven.blair@carse-family-support.example', code: 'craft', weeksAgo: 70 },
  { email: 'morven.blair@carse-family-support.example', code: '5-step-method', weeksAgo: 120 },
  { email: 'euan.cairns@carse-family-support.example', code: '5-step-method', weeksAgo: 40 },
  { email: 'euan.cairns@carse-family-support.example', code: 'strengthening-families-10-14', weeksAgo: 30 },
  { email: 'shona.baird@carse-family-support.example', code: 'strengthening-families-10-14', weeksAgo: 90 },
  { email: 'shona.baird@carse-family-support.example', code: 'smart-family-friends', weeksAgo: 60 },
  { email: 'jackie.rennie@kilbrannan-families.example', code: 'smart-family-friends', weeksAgo: 52 },
  { email: 'jackie.rennie@kilbrannan-families.example', code: 'mutual-aid', weeksAgo: 100 },
  { email: 'priya.nair@glenmuir-recovery.example', code: 'craft', weeksAgo: 150 },
  { email: 'gordon.lamont@glenmuir-recovery.example', code: '5-step-method', weeksAgo: 80 },
];

interface Candidate {
  familyId: string;
  personId: string;
  label: string | null;
  roles: string[];
  age: number | null;
}

function day(today: Date, days: number): string {
  return new Date(today.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

function at(isoDay: string, hour: number): Date {
  return new Date(`${isoDay}T${String(hour).padStart(2, '0')}:00:00Z`);
}

/** Writes the demo's programme data; call inside the demo's transaction after the families and team. */
export async function addDemoProgrammes(tx: Db, today: Date): Promise<void> {
  const users = await queryRows<{ id: string; email: string; organisationId: string }>(
    tx,
    sql`select id, email, organisation_id as "organisationId" from app_user where email like '%.example'`,
  );
  const programmes = await queryRows<{ id: string; code: string; name: string }>(
    tx,
    sql`select id, code, name from programme where organisation_id is null`,
  );
  const user = (email: string) => users.find((u) => u.email === email);
  const programme = (code: string) => programmes.find((p) => p.code === code) as { id: string; name: string };
  const trained = demoTraining.flatMap((t) => {
    const u = user(t.email);
    return u
      ? [{ programmeId: programme(t.code).id, userId: u.id, trainedOn: day(today, -7 * t.weeksAgo) }]
      : [];
  });
  await tx.insert(programmeTrainedWorker).values(trained);

  const morven = user('morven.blair@carse-family-support.example');
  const shona = user('shona.baird@carse-family-support.example');
  const euan = user('euan.cairns@carse-family-support.example');
  if (!morven || !shona || !euan) return;
  const organisationId = morven.organisationId;
  const access: AccessContext = {
    userId: morven.id,
    tokenId: undefined,
    organisationId,
    partnershipAreaId: undefined,
    roles: ['practitioner'],
    ip: '127.0.0.1',
    requestId: 'demo',
  };
  // Members of Morven's families whose support with her organisation is not confidential.
  const candidates = await queryRows<Candidate>(
    tx,
    sql`select f.id as "familyId", p.id as "personId", m.relationship_label as label, m.roles,
        extract(year from age(${day(today, 0)}::date, p.date_of_birth))::int as age
      from team_worker w
      join family f on f.id = w.family_id
      join family_membership m on m.family_id = f.id and m.ended_on is null
      join person p on p.id = m.person_id
      where w.user_id = ${morven.id} and w.left_on is null and f.reference like 'GC-%'
        and exists (select 1 from member_support s where s.family_id = f.id and s.person_id = p.id
          and s.organisation_id = ${organisationId} and not s.confidential)
      order by f.reference, p.date_of_birth`,
  );
  const used = new Set<string>();
  const pick = (test: (c: Candidate) => boolean) => {
    const found = candidates.find((c) => !used.has(c.familyId) && test(c));
    if (found) used.add(found.familyId);
    return found;
  };
  const adult = (c: Candidate) => (c.age ?? 0) >= 18;
  const youngPerson = (c: Candidate) => c.age !== null && c.age >= 10 && c.age <= 14;
  const sfFamily = candidates.find(
    (c) =>
      youngPerson(c) &&
      candidates.some((p) => p.familyId === c.familyId && adult(p) && /Mother|Father/.test(p.label ?? '')),
  );
  if (sfFamily) used.add(sfFamily.familyId);
  const mother = pick((c) => adult(c) && c.label === 'Mother' && c.roles.includes('affected_family_member'));
  const grandparent = pick((c) => adult(c) && (c.label ?? '').startsWith('Grand'));

  async function enrol(
    who: Candidate,
    code: string,
    workerId: string,
    startDays: number,
    ended?: { status: 'completed' | 'ended_early'; days: number; reason?: string },
    groupId?: string,
  ) {
    const p = programme(code);
    const enrolledOn = day(today, startDays);
    const [row] = await tx
      .insert(programmeEnrolment)
      .values({
        programmeId: p.id,
        familyId: who.familyId,
        personId: who.personId,
        organisationId,
        workerId,
        groupId: groupId ?? null,
        enrolledOn,
        status: ended?.status ?? 'active',
        endedOn: ended ? day(today, ended.days) : null,
        endReason: ended?.reason ?? null,
        createdBy: morven?.id ?? null,
      })
      .returning({ id: programmeEnrolment.id });
    await addAutomaticEntry(tx, access, {
      familyId: who.familyId,
      personId: who.personId,
      occurredOn: enrolledOn,
      what: `Started ${p.name}.`,
    });
    if (ended?.status === 'completed')
      await addAutomaticEntry(tx, access, {
        familyId: who.familyId,
        personId: who.personId,
        occurredOn: day(today, ended.days),
        what: `Completed ${p.name}.`,
      });
    return row?.id as string;
  }

  /** Weekly one-to-one sessions of an enrolment, held by Morven; `missed` are the session numbers not attended. */
  async function sessions(
    who: Candidate,
    enrolmentId: string,
    firstDay: number,
    count: number,
    missed: number[] = [],
  ) {
    for (let i = 0; i < count; i++) {
      const held = day(today, firstDay + 7 * i);
      const [row] = await tx
        .insert(contact)
        .values({
          familyId: who.familyId,
          organisationId,
          workerId: morven?.id as string,
          occurredAt: at(held, 10 + (i % 3)),
          kind: 'one_to_one',
          channel: i % 3 === 2 ? 'phone' : 'in_person',
          durationMinutes: 60,
          outcome: missed.includes(i + 1) ? 'did_not_attend' : 'attended',
          topics: [],
          enrolmentId,
          recordedBy: morven?.id ?? null,
        })
        .returning({ id: contact.id });
      if (row)
        await tx
          .insert(contactMember)
          .values({ contactId: row.id, personId: who.personId, familyId: who.familyId });
    }
  }

  if (mother) {
    // CRAFT, started six weeks ago: five weekly sessions, one missed.
    const id = await enrol(mother, 'craft', morven.id, -42);
    await sessions(mother, id, -40, 5, [3]);
  }
  if (grandparent) {
    // The 5-Step Method, completed ten weeks ago after its five sessions.
    const id = await enrol(grandparent, '5-step-method', morven.id, -112, { status: 'completed', days: -70 });
    await sessions(grandparent, id, -110, 5);
  }
  if (sfFamily) {
    const parent = candidates.find(
      (c) => c.familyId === sfFamily.familyId && adult(c) && /Mother|Father/.test(c.label ?? ''),
    ) as Candidate;
    const sf = programme('strengthening-families-10-14');
    const [group] = await tx
      .insert(supportGroup)
      .values({
        organisationId,
        name: 'Strengthening Families: Carse autumn group',
        kind: 'programme',
        forWhom: 'Parents and carers with a young person aged 10 to 14',
        location: 'Carse Community Centre, Mill Street',
        meets: 'Thursdays, 6pm to 8pm, with a meal first',
        weekday: 4,
        capacity: 12,
        programmeId: sf.id,
        createdBy: shona.id,
      })
      .returning({ id: supportGroup.id });
    const groupId = group?.id as string;
    await tx.insert(groupFacilitator).values([
      { groupId, userId: shona.id, kind: 'paid' },
      { groupId, userId: euan.id, kind: 'paid' },
      { groupId, name: 'Lorna (parent volunteer)', kind: 'volunteer' },
    ]);
    // Five of the seven weekly sessions held so far; the parent missed the third.
    const held = [-35, -28, -21, -14, -7].map((d) => day(today, d));
    const sessionIds: string[] = [];
    for (const [i, heldOn] of held.entries()) {
      const [row] = await tx
        .insert(groupSession)
        .values({ groupId, heldOn, startsAt: '18:00', topic: `Session ${i + 1}`, recordedBy: shona.id })
        .returning({ id: groupSession.id });
      sessionIds.push(row?.id as string);
    }
    const register = (personId: string, skip: number[]) =>
      sessionIds
        .filter((_, i) => !skip.includes(i + 1))
        .map((sessionId) => ({ sessionId, personId, familyId: sfFamily.familyId }));
    await tx
      .insert(groupAttendance)
      .values([...register(parent.personId, [3]), ...register(sfFamily.personId, [])]);
    await enrol(parent, 'strengthening-families-10-14', shona.id, -36, undefined, groupId);
    await enrol(sfFamily, 'strengthening-families-10-14', euan.id, -36, undefined, groupId);
  }
}
