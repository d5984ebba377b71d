// Groups in the demo partnership: a family support group, a young carers'
// club, a SMART Recovery Family & Friends group and two drop-ins, on days
// spread across the week so "today's groups" has something most days, each
// with facilitators (paid, volunteer and peer) and past sessions whose
// registers mix demo family members, first names and anonymous counts.
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.ts';
import {
  type AttendanceMode,
  type FacilitatorKind,
  type GroupKind,
  groupAttendance,
  groupFacilitator,
  groupSession,
  supportGroup,
} from '../db/schemaSupport.ts';
import { correctDemoGroupSession } from './demoGroupCorrections.ts';

interface DemoGroup {
  organisation: string;
  name: string;
  kind: GroupKind;
  programmeCode?: string;
  forWhom: string;
  location: string;
  meets: string;
  /** ISO weekday, 1 Monday to 7 Sunday. */
  weekday: number;
  startsAt: string;
  capacity: number | null;
  attendance: AttendanceMode;
  /** A demo user's email, or the name of someone who does not use Hearth. */
  facilitators: { email?: string; name?: string; kind: FacilitatorKind }[];
  /** Which members may be named on its register. */
  memberRole: 'affected_family_member' | 'young_carer';
  topics: string[];
  firstNames: string[];
}

export const demoGroups: DemoGroup[] = [
  {
    organisation: 'Carse Family Support Service',
    name: 'Carse family support group',
    kind: 'family_support',
    forWhom: 'Adults affected by a loved one’s drinking or drug use',
    location: 'Carse Community Centre, Mill Road',
    meets: 'Tuesdays, 7pm to 8.30pm',
    weekday: 2,
    startsAt: '19:00',
    capacity: 7,
    attendance: 'first_name',
    facilitators: [
      { email: 'morven.blair@carse-family-support.example', kind: 'paid' },
      { name: 'Margaret Hunter', kind: 'volunteer' },
    ],
    memberRole: 'affected_family_member',
    topics: [
      'Looking after yourself',
      'Setting boundaries',
      'Talking with children about drinking',
      'Sleep, worry and stress',
      'What recovery can look like',
      'Where to get help at night',
    ],
    firstNames: ['Sandra', 'Bill', 'Irene', 'Derek'],
  },
  {
    organisation: 'Carse Family Support Service',
    name: 'Monday coffee and chat',
    kind: 'mutual_aid',
    forWhom: 'Anyone affected by someone else’s drinking or drug use: drop in, no need to give your name',
    location: 'The Bothy Café, Carse High Street',
    meets: 'Mondays, 10am to 11.30am',
    weekday: 1,
    startsAt: '10:00',
    capacity: null,
    attendance: 'anonymous',
    facilitators: [
      { email: 'euan.cairns@carse-family-support.example', kind: 'paid' },
      { name: 'Jean Mathieson', kind: 'peer' },
    ],
    memberRole: 'affected_family_member',
    topics: ['Drop-in', 'Drop-in', 'Drop-in', 'Drop-in'],
    firstNames: ['Lorraine', 'Ann'],
  },
  {
    organisation: 'Glenmuir Young Carers',
    name: 'Young carers’ Thursday club',
    kind: 'young_people',
    forWhom: 'Young people aged 10 to 16 who help look after someone at home',
    location: 'Glenmuir Young Carers hub, 4 Station Road',
    meets: 'Thursdays after school, 4pm to 5.30pm',
    weekday: 4,
    startsAt: '16:00',
    capacity: 10,
    attendance: 'first_name',
    facilitators: [
      { email: 'ailsa.mackie@glenmuir-young-carers.example', kind: 'paid' },
      { name: 'Ryan Gillies', kind: 'volunteer' },
    ],
    memberRole: 'young_carer',
    topics: [
      'Games and pizza',
      'Worries and who to tell',
      'Trip planning',
      'Art afternoon',
      'Time for you',
      'Cooking together',
    ],
    firstNames: ['Kayla', 'Josh', 'Amira'],
  },
  {
    organisation: 'Kilbrannan Families Together',
    name: 'SMART Recovery Family & Friends',
    kind: 'programme',
    programmeCode: 'smart-family-friends',
    forWhom: 'Adults affected by a loved one’s substance use',
    location: 'Kilbrannan Library meeting room, or join by video',
    meets: 'Saturdays, 10.30am to midday',
    weekday: 6,
    startsAt: '10:30',
    capacity: 12,
    attendance: 'anonymous',
    facilitators: [
      { email: 'jackie.rennie@kilbrannan-families.example', kind: 'peer' },
      { email: 'alan.dewar@kilbrannan-families.example', kind: 'volunteer' },
    ],
    memberRole: 'affected_family_member',
    topics: [
      'Understanding motivation',
      'Communicating without blame',
      'Self-care and stress',
      'Setting limits',
      'Rewarding sober behaviour',
      'Planning for setbacks',
    ],
    firstNames: ['Pauline', 'Graham', 'Senga'],
  },
  {
    organisation: 'Kilbrannan Families Together',
    name: 'Wednesday walk and talk',
    kind: 'mutual_aid',
    forWhom: 'Family members who would rather talk side by side than sit in a circle',
    location: 'Meet at Kilbrannan harbour car park',
    meets: 'Wednesdays, 1pm, about an hour',
    weekday: 3,
    startsAt: '13:00',
    capacity: 15,
    attendance: 'anonymous',
    facilitators: [{ email: 'jackie.rennie@kilbrannan-families.example', kind: 'peer' }],
    memberRole: 'affected_family_member',
    topics: ['Harbour loop', 'Shore path', 'Woodland walk'],
    firstNames: ['Moira', 'Frank'],
  },
];

interface Candidate {
  familyId: string;
  personId: string;
}

/** The date of the weekday `weeksAgo` weeks back from the last one before today. */
function pastWeekday(today: Date, weekday: number, weeksAgo: number): string {
  const todayWeekday = today.getUTCDay() === 0 ? 7 : today.getUTCDay();
  const back = ((todayWeekday - weekday + 7) % 7 || 7) + weeksAgo * 7;
  return new Date(today.getTime() - back * 86_400_000).toISOString().slice(0, 10);
}

/** Writes the demo groups and their sessions; call inside the demo's transaction, after members and support exist. */
export async function addDemoGroups(tx: Db, today: Date): Promise<void> {
  for (const [index, g] of demoGroups.entries()) {
    const [org] = await queryRows<{ id: string; programmeId: string | null }>(
      tx,
      sql`select o.id, (select p.id from programme p where p.code = ${g.programmeCode ?? ''}) as "programmeId"
        from organisation o where o.name = ${g.organisation}`,
    );
    if (!org) throw new Error(`demo organisation ${g.organisation} missing`);
    const users = await queryRows<{ id: string; email: string }>(
      tx,
      sql`select id, email from app_user where organisation_id = ${org.id}`,
    );
    const [created] = await tx
      .insert(supportGroup)
      .values({
        organisationId: org.id,
        name: g.name,
        kind: g.kind,
        programmeId: org.programmeId,
        forWhom: g.forWhom,
        location: g.location,
        meets: g.meets,
        weekday: g.weekday,
        capacity: g.capacity,
        attendance: g.attendance,
        createdBy: users[0]?.id ?? null,
      })
      .returning({ id: supportGroup.id });
    if (!created) throw new Error('demo group not created');
    await tx.insert(groupFacilitator).values(
      g.facilitators.map((f) => ({
        groupId: created.id,
        userId: f.email ? (users.find((u) => u.email === f.email)?.id ?? null) : null,
        name: f.name ?? null,
        kind: f.kind,
      })),
    );
    // Members the organisation supports and may see, of the kind the group is for.
    const candidates = await queryRows<Candidate>(
      tx,
      sql`select distinct on (f.reference) m.family_id as "familyId", m.person_id as "personId"
        from member_support s join family_membership m on m.family_id = s.family_id and m.person_id = s.person_id
        join family f on f.id = m.family_id
        where s.organisation_id = ${org.id} and s.status <> 'closed' and not s.confidential and m.ended_on is null
          and ${g.memberRole} = any (m.roles)
          and exists (select 1 from family_team_member t where t.family_id = m.family_id
            and t.organisation_id = ${org.id} and t.left_on is null)
        order by f.reference, m.person_id
        limit 6`,
    );
    const recorder = g.facilitators.find((f) => f.email)?.email;
    const recordedBy = users.find((u) => u.email === recorder)?.id ?? null;
    for (const [week, topic] of g.topics.entries()) {
      // Each week a different mix: most of the regulars, a first name or two, and a few not named.
      // The second week of the first group everyone came, over its capacity.
      const named =
        index === 0 && week === 1 ? candidates : candidates.filter((_, i) => (i + week + index) % 3 !== 0);
      const firstNames = g.firstNames.filter((_, i) => (i + week) % 2 === 0);
      const anonymousCount = g.attendance === 'anonymous' ? 2 + ((week + index) % 4) : 0;
      const total = named.length + firstNames.length + anonymousCount;
      const [session] = await tx
        .insert(groupSession)
        .values({
          groupId: created.id,
          heldOn: pastWeekday(today, g.weekday, week),
          startsAt: g.startsAt,
          topic,
          anonymousCount,
          overCapacity: g.capacity !== null && total > g.capacity,
          recordedBy,
        })
        .returning({ id: groupSession.id });
      if (!session) throw new Error('demo session not created');
      const rows = [
        ...named.map((c) => ({ sessionId: session.id, personId: c.personId, familyId: c.familyId })),
        ...firstNames.map((firstName) => ({ sessionId: session.id, firstName })),
      ];
      if (rows.length) await tx.insert(groupAttendance).values(rows);
      if (index === 0 && week === 0)
        await correctDemoGroupSession(tx, {
          groupId: created.id,
          sessionId: session.id,
          heldOn: pastWeekday(today, g.weekday, week),
          startsAt: g.startsAt,
          topic,
          named,
          userId: recordedBy,
          organisationId: org.id,
        });
    }
  }
}
