// A year of earlier work for the demo, so the partnership's provision audit
// has figures on first start: contacts with the members each organisation
// supports (in every locality), past weeks of the groups, referrals that came
// in, waited and closed, and structured programmes started and finished.
// All of it is older than the stories the other demo files tell: it is dated
// at least five weeks back, so nobody's "due a contact" changes, and it is
// never the work of the demo sign-ins, whose own pages tell those stories.
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.ts';
import type { ReferralStatus } from '../db/schema.ts';
import {
  contact,
  contactMember,
  groupAttendance,
  groupSession,
  programmeEnrolment,
  referral,
  referralEvent,
  referralMember,
  selfReferral,
} from '../db/schema.ts';
import { ukInstant } from '../features/contacts/contactTime.ts';
import { contactTopicCodes } from '../features/contacts/contactTopics.ts';
import { demoUsers } from './demoDirectory.ts';
import { girls, pick, type Random, seededRandom, women } from './familyGenerator.ts';

const day = 86_400_000;
/** Nothing here is newer than this many days, so the other demo stories stay the latest. */
const newest = 35;

function dayBefore(today: Date, days: number): string {
  return new Date(today.getTime() - days * day).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / day);
}

interface Supported {
  familyId: string;
  personId: string;
  organisationId: string;
  startedOn: string;
  using: boolean;
}

/** Practice workers of each organisation who are not demo sign-ins: they did the earlier work. */
async function workersByOrganisation(tx: Db): Promise<Map<string, string[]>> {
  const signIns = demoUsers.filter((u) => u.signInFor).map((u) => u.email);
  const rows = await queryRows<{ organisationId: string; id: string; email: string }>(
    tx,
    sql`select organisation_id as "organisationId", id, email from app_user
      where status = 'active' and roles && array['practitioner', 'volunteer', 'team_lead']::text[] order by email`,
  );
  const map = new Map<string, string[]>();
  for (const r of rows) {
    if (signIns.includes(r.email)) continue;
    map.set(r.organisationId, [...(map.get(r.organisationId) ?? []), r.id]);
  }
  return map;
}

/** The contacts written here, by member and organisation, so a programme can claim its sessions among them. */
type PastContacts = Map<string, { id: string; on: string }[]>;
const pastKey = (s: { familyId: string; personId: string; organisationId: string }) =>
  `${s.familyId}:${s.personId}:${s.organisationId}`;

/** Every few weeks since their support started (or a year ago), a contact with each adult being supported. */
async function addPastContacts(
  tx: Db,
  random: Random,
  today: Date,
  supported: Supported[],
  workers: Map<string, string[]>,
): Promise<PastContacts> {
  const past: PastContacts = new Map();
  const yearAgo = dayBefore(today, 365);
  const contacts: (typeof contact.$inferInsert)[] = [];
  const members: (typeof contactMember.$inferInsert)[] = [];
  for (const s of supported) {
    const staff = workers.get(s.organisationId);
    if (!staff?.length) continue;
    let on = addDays(s.startedOn > yearAgo ? s.startedOn : yearAgo, 3 + Math.floor(random() * 20));
    while (daysBetween(on, dayBefore(today, newest)) >= 0) {
      const roll = random();
      const id = crypto.randomUUID();
      contacts.push({
        id,
        familyId: s.familyId,
        organisationId: s.organisationId,
        workerId: pick(random, staff),
        occurredAt: ukInstant(on, { hour: 9 + Math.floor(random() * 8), minute: random() < 0.5 ? 0 : 30 }),
        kind: random() < 0.15 ? 'whole_family' : 'one_to_one',
        channel: pick(random, ['in_person', 'in_person', 'phone', 'video', 'home_visit'] as const),
        durationMinutes: random() < 0.1 ? null : 30 + 15 * Math.floor(random() * 5),
        outcome: roll < 0.86 ? 'attended' : roll < 0.95 ? 'did_not_attend' : 'cancelled_by_family',
        topics: [pick(random, contactTopicCodes), pick(random, contactTopicCodes)].filter(
          (t, i, all) => all.indexOf(t) === i,
        ),
      });
      members.push({ contactId: id, personId: s.personId, familyId: s.familyId });
      past.set(pastKey(s), [...(past.get(pastKey(s)) ?? []), { id, on }]);
      on = addDays(on, 28 + Math.floor(random() * 35));
    }
  }
  for (let i = 0; i < contacts.length; i += 500) await tx.insert(contact).values(contacts.slice(i, i + 500));
  for (let i = 0; i < members.length; i += 500)
    await tx.insert(contactMember).values(members.slice(i, i + 500));
  return past;
}

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * day).toISOString().slice(0, 10);
}

/** Each group's weeks before its recent history, back to a year ago, with registers like its recent ones. */
async function addPastSessions(tx: Db, random: Random, today: Date) {
  const groups = await queryRows<{
    id: string;
    organisationId: string;
    kind: string;
    capacity: number | null;
    attendance: 'named' | 'first_name' | 'anonymous';
    first: string;
  }>(
    tx,
    sql`select g.id, g.organisation_id as "organisationId", g.kind, g.capacity, g.attendance,
        min(s.held_on)::text as first
      from support_group g join group_session s on s.group_id = g.id
      where g.active group by g.id order by g.name`,
  );
  for (const g of groups) {
    // Members the organisation supports and may name on a register (never a confidential one's).
    const regulars = await queryRows<{ familyId: string; personId: string }>(
      tx,
      sql`select s.family_id as "familyId", s.person_id as "personId" from member_support s
        join family_membership m on m.family_id = s.family_id and m.person_id = s.person_id and m.ended_on is null
        join family f on f.id = s.family_id
        where s.organisation_id = ${g.organisationId} and s.status = 'being_supported' and not s.confidential
          and not ('using_substances' = any(m.roles))
        order by f.reference, m.started_on, s.person_id limit 14`,
    );
    // A programme group runs in courses of seven weeks, with a break between; the others every week.
    const weeks =
      g.kind === 'programme' ? [8, 9, 10, 11, 12, 13, 14, 24, 25, 26, 27, 28, 29, 30] : range(1, 46);
    for (const week of weeks) {
      const heldOn = addDays(g.first, -7 * week);
      if (daysBetween(heldOn, dayBefore(today, 365)) > 0) continue;
      const named = regulars.filter(() => random() < 0.45);
      const firstNames =
        g.attendance === 'named'
          ? []
          : [
              ...new Set(
                Array.from({ length: Math.floor(random() * 4) }, () => pick(random, [...women, ...girls])),
              ),
            ];
      const anonymous = g.attendance === 'anonymous' ? 1 + Math.floor(random() * 6) : 0;
      const room = (g.capacity ?? 99) - firstNames.length - anonymous;
      const register = named.slice(0, Math.max(0, room));
      const [session] = await tx
        .insert(groupSession)
        .values({ groupId: g.id, heldOn, anonymousCount: anonymous })
        .returning({ id: groupSession.id });
      const rows = [
        ...register.map((r) => ({
          sessionId: session?.id as string,
          personId: r.personId,
          familyId: r.familyId,
        })),
        ...firstNames.map((firstName) => ({ sessionId: session?.id as string, firstName })),
      ];
      if (rows.length) await tx.insert(groupAttendance).values(rows);
    }
  }
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** Where referrals came from, and to which organisation's main service, as shares of the year's referrals. */
const flows: { from: string | 'self'; to: string; share: number }[] = [
  { from: 'recovery', to: 'familysupport', share: 0.24 },
  { from: 'socialwork', to: 'familysupport', share: 0.14 },
  { from: 'self', to: 'familysupport', share: 0.14 },
  { from: 'health', to: 'youngcarers', share: 0.08 },
  { from: 'socialwork', to: 'youngcarers', share: 0.08 },
  { from: 'youth', to: 'familysupport', share: 0.06 },
  { from: 'housing', to: 'familysupport', share: 0.06 },
  { from: 'recovery', to: 'peer', share: 0.1 },
  { from: 'womensaid', to: 'bereaved', share: 0.04 },
  { from: 'familysupport', to: 'bereaved', share: 0.06 },
];

/** Referrals sent over the year before the recent ones: most started within 3 weeks, some waited longer. */
async function addPastReferrals(tx: Db, random: Random, today: Date, orgId: Map<string, string>) {
  const families = await queryRows<{ id: string; personId: string }>(
    tx,
    sql`select distinct on (f.reference) f.id, m.person_id as "personId" from family f
      join family_membership m on m.family_id = f.id and m.ended_on is null
      where not ('using_substances' = any(m.roles)) order by f.reference, m.started_on, m.person_id`,
  );
  const workers = await workersByOrganisation(tx);
  const services = await queryRows<{ id: string; organisationId: string }>(
    tx,
    sql`select distinct on (s.organisation_id) s.id, s.organisation_id as "organisationId" from directory_service s
      where s.status = 'active' order by s.organisation_id, 'professional' = any(s.referral_routes) desc, s.name`,
  );
  for (const flow of flows.flatMap((f) => Array.from({ length: Math.round(f.share * 90) }, () => f))) {
    const toOrg = orgId.get(flow.to) as string;
    const service = services.find((s) => s.organisationId === toOrg);
    const receiver = workers.get(toOrg)?.[0] ?? null;
    if (!service) continue;
    const fam = pick(random, families);
    const sentDaysAgo = newest + 30 + Math.floor(random() * 300);
    const sentOn = dayBefore(today, sentDaysAgo);
    const roll = random();
    const status: ReferralStatus = roll < 0.08 ? 'declined' : roll < 0.14 ? 'withdrawn' : 'closed';
    const wait = random() < 0.8 ? 3 + Math.floor(random() * 18) : 22 + Math.floor(random() * 40);
    const started = status === 'closed';
    const sentAt = ukInstant(sentOn, { hour: 10, minute: 15 });
    // Closed two months after support started, or five weeks ago if that is sooner.
    const closedAfter = Math.min(wait + 60, sentDaysAgo - newest);
    let selfReferralId: string | null = null;
    if (flow.from === 'self') {
      const [row] = await tx
        .insert(selfReferral)
        .values({
          serviceId: service.id,
          organisationId: toOrg,
          name: pick(random, women),
          contactMethod: 'none',
          helpWith: 'Someone close to me is drinking and I need someone to talk to.',
          status: 'taken_in',
          receivedAt: sentAt,
        })
        .returning({ id: selfReferral.id });
      selfReferralId = row?.id ?? null;
    }
    const [row] = await tx
      .insert(referral)
      .values({
        reference: sql`default`,
        serviceId: service.id,
        organisationId: toOrg,
        origin: flow.from === 'self' ? 'self_referral' : 'practitioner',
        referringOrganisationId: flow.from === 'self' ? null : (orgId.get(flow.from) ?? null),
        referredBy: flow.from === 'self' ? null : (workers.get(orgId.get(flow.from) ?? '')?.[0] ?? null),
        familyId: flow.from === 'self' ? null : fam.id,
        selfReferralId,
        status,
        reason: flow.from === 'self' ? null : 'Would like support for themselves as a family member.',
        sharingBasis: flow.from === 'self' ? null : 'consent',
        consentPersonId: flow.from === 'self' ? null : fam.personId,
        consentMethod: flow.from === 'self' ? null : 'verbal',
        consentOn: flow.from === 'self' ? null : sentOn,
        sentAt,
        decidedAt: status === 'withdrawn' ? null : new Date(sentAt.getTime() + 2 * day),
        decidedBy: status === 'withdrawn' ? null : receiver,
        declineReason:
          status === 'declined' ? 'Outside what our service offers; we suggested another.' : null,
        receivingFamilyId: started ? fam.id : null,
        firstSupportOn: started ? addDays(sentOn, wait) : null,
        closedAt: started
          ? new Date(sentAt.getTime() + closedAfter * day)
          : status === 'withdrawn'
            ? new Date(sentAt.getTime() + 5 * day)
            : null,
        createdAt: sentAt,
        updatedAt: sentAt,
        version: started ? 5 : 3,
      })
      .returning({ id: referral.id });
    if (!row) continue;
    await tx.insert(referralMember).values({ referralId: row.id, personId: fam.personId });
    const steps: [ReferralStatus, number][] = started
      ? [
          ['new', 0],
          ['accepted', 2],
          ['started', wait],
          ['closed', closedAfter],
        ]
      : [
          ['new', 0],
          [status, status === 'declined' ? 2 : 5],
        ];
    await tx.insert(referralEvent).values(
      steps.map(([to, after], i) => ({
        referralId: row.id,
        at: new Date(sentAt.getTime() + Math.min(after, sentDaysAgo - newest) * day + i * 60_000),
        actorUserId: i === 0 ? null : receiver,
        fromStatus: i === 0 ? ('draft' as const) : (steps[i - 1]?.[0] ?? null),
        toStatus: to,
      })),
    );
  }
}

/** Family members who finished, left or are part way through a programme with a trained worker this year. */
async function addPastEnrolments(
  tx: Db,
  random: Random,
  today: Date,
  supported: Supported[],
  past: PastContacts,
) {
  const trained = await queryRows<{ programmeId: string; userId: string; organisationId: string }>(
    tx,
    sql`select t.programme_id as "programmeId", t.user_id as "userId", u.organisation_id as "organisationId"
      from programme_trained_worker t join app_user u on u.id = t.user_id
      join programme p on p.id = t.programme_id where p.code in ('5-step-method', 'craft')
      order by u.email, p.code`,
  );
  const taken = new Set<string>();
  for (const s of supported) {
    if (s.using || random() > 0.3) continue;
    const worker = trained.find(
      (t) => t.organisationId === s.organisationId && !taken.has(`${s.personId}:${t.programmeId}`),
    );
    if (!worker) continue;
    const enrolledDaysAgo = Math.min(
      daysBetween(s.startedOn, dayBefore(today, 0)),
      60 + Math.floor(random() * 270),
    );
    if (enrolledDaysAgo < newest + 20) continue;
    taken.add(`${s.personId}:${worker.programmeId}`);
    const enrolledOn = dayBefore(today, enrolledDaysAgo);
    const roll = random();
    const status = roll < 0.6 ? 'completed' : roll < 0.8 ? 'ended_early' : 'active';
    const endedOn =
      status === 'active'
        ? null
        : addDays(enrolledOn, Math.min(enrolledDaysAgo - newest, 40 + Math.floor(random() * 60)));
    const [row] = await tx
      .insert(programmeEnrolment)
      .values({
        programmeId: worker.programmeId,
        familyId: s.familyId,
        personId: s.personId,
        organisationId: s.organisationId,
        workerId: worker.userId,
        enrolledOn,
        status,
        endedOn,
        endReason: status === 'ended_early' ? 'Chose to stop for now; may come back to it.' : null,
      })
      .returning({ id: programmeEnrolment.id });
    // The member's contacts with the organisation while enrolled (of those written here) were its sessions.
    const sessions = (past.get(pastKey(s)) ?? []).filter(
      (c) => c.on >= enrolledOn && c.on <= (endedOn ?? c.on),
    );
    if (row && sessions.length)
      await tx.execute(sql`update contact set enrolment_id = ${row.id}
        where id in (${sql.join(
          sessions.map((c) => sql`${c.id}::uuid`),
          sql`, `,
        )})`);
  }
}

export async function addDemoAuditHistory(
  tx: Db,
  context: { orgId: Map<string, string>; today: Date },
): Promise<void> {
  const random = seededRandom(80808);
  const supported = await queryRows<Supported>(
    tx,
    sql`select s.family_id as "familyId", s.person_id as "personId", s.organisation_id as "organisationId",
        s.started_on::text as "startedOn", 'using_substances' = any(m.roles) as using
      from member_support s join family_membership m on m.family_id = s.family_id and m.person_id = s.person_id
      join family f on f.id = s.family_id
      where s.status = 'being_supported' and s.started_on is not null and not s.confidential and m.ended_on is null
      order by f.reference, s.person_id, s.organisation_id`,
  );
  const past = await addPastContacts(tx, random, context.today, supported, await workersByOrganisation(tx));
  await addPastSessions(tx, random, context.today);
  await addPastReferrals(tx, random, context.today, context.orgId);
  await addPastEnrolments(tx, random, context.today, supported, past);
}
