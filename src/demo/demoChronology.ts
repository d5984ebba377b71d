// Chronology entries for the demo families: plain, factual and
// non-judgemental, with strengths and turning points as well as concerns,
// written as a worker on the family's team would record them.
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.ts';
import { type ChronologyKind, chronologyEntry, type Impact } from '../db/schema.ts';
import { type Random, seededRandom } from './familyGenerator.ts';

interface DemoMemberRow {
  family_id: string;
  person_id: string;
  given_name: string;
  roles: string[];
  organisation_id: string;
  worker_id: string | null;
}

export interface DemoEntry {
  personId: string | null;
  daysAgo: number;
  /** Only the month is known. */
  month?: boolean;
  /** A period: how many days it lasted. */
  lastedDays?: number;
  kind: ChronologyKind;
  impact: Impact;
  what: string;
  source: string;
  actionTaken?: string;
  organisationOnly?: boolean;
}

interface Member {
  personId: string;
  name: string;
  roles: string[];
}

const has = (m: Member, role: string) => m.roles.includes(role);

/** What might be recorded about one member, by their role in the family story. */
function memberStories(m: Member): Omit<DemoEntry, 'daysAgo'>[] {
  const p = { personId: m.personId };
  if (has(m, 'using_substances'))
    return [
      {
        ...p,
        kind: 'concern',
        impact: 'negative',
        what: `${m.name} said their drinking had increased since losing their job.`,
        source: m.name,
        actionTaken: 'Offered a referral to the community recovery service; accepted.',
      },
      {
        ...p,
        kind: 'event',
        impact: 'neutral',
        what: `${m.name} had a first appointment with NHS Glenmuir Community Recovery Service.`,
        source: 'NHS Glenmuir Community Recovery Service',
      },
      {
        ...p,
        kind: 'concern',
        impact: 'negative',
        what: `${m.name} missed two appointments with the recovery service.`,
        source: 'NHS Glenmuir Community Recovery Service',
        actionTaken: 'Worker phoned and rearranged for the following week.',
      },
      {
        ...p,
        kind: 'turning_point',
        impact: 'positive',
        what: `${m.name} completed detox at Glenmuir Recovery Service.`,
        source: 'NHS Glenmuir Community Recovery Service',
        lastedDays: 10,
      },
      {
        ...p,
        kind: 'strength',
        impact: 'positive',
        what: `${m.name} has gone to every session of the Ardmore Recovery Café group this month.`,
        source: m.name,
        month: true,
      },
    ];
  if (has(m, 'child_or_young_person'))
    return [
      {
        ...p,
        kind: 'strength',
        impact: 'positive',
        what: `${m.name}’s school reports better attendance this term.`,
        source: 'School',
        month: true,
      },
      {
        ...p,
        kind: 'concern',
        impact: 'negative',
        what: `${m.name} told the guidance teacher about arguments at home.`,
        source: 'School',
        actionTaken: 'The school let the family support worker know; a meeting with the family was arranged.',
      },
      ...(has(m, 'young_carer')
        ? [
            {
              ...p,
              kind: 'strength' as const,
              impact: 'positive' as const,
              what: `${m.name} joined the Glenmuir Young Carers group and went on the summer trip.`,
              source: 'Glenmuir Young Carers',
            },
          ]
        : [
            {
              ...p,
              kind: 'event' as const,
              impact: 'positive' as const,
              what: `${m.name} started at the Ardmore Youth Project football club.`,
              source: m.name,
            },
          ]),
    ];
  if (has(m, 'bereaved'))
    return [
      {
        ...p,
        kind: 'strength',
        impact: 'positive',
        what: `${m.name} went to the Glenmuir Bereaved Families Circle for the first time.`,
        source: m.name,
      },
      {
        ...p,
        kind: 'event',
        impact: 'negative',
        what: `${m.name} said the first anniversary had been a very hard week.`,
        source: m.name,
        actionTaken: 'Extra phone call the following week.',
      },
    ];
  return [
    {
      ...p,
      kind: 'strength',
      impact: 'positive',
      what: `${m.name} started attending the family support group.`,
      source: m.name,
    },
    {
      ...p,
      kind: 'event',
      impact: 'positive',
      what: `${m.name} asked about naloxone and was given a kit and shown how to use it.`,
      source: 'Carse Family Support Service',
    },
    {
      ...p,
      kind: 'turning_point',
      impact: 'positive',
      what: `${m.name} said they feel able to talk to the family about the drinking now.`,
      source: m.name,
    },
  ];
}

const familyStories: Omit<DemoEntry, 'daysAgo'>[] = [
  {
    personId: null,
    kind: 'concern',
    impact: 'negative',
    what: 'Police attended after an argument at home; no charges.',
    source: 'Police Scotland',
    actionTaken:
      'Police shared a concern form with social work; the family support worker visited the next day.',
  },
  {
    personId: null,
    kind: 'turning_point',
    impact: 'positive',
    what: 'Family meeting with the team around the family; everyone agreed what to work on first.',
    source: 'Team around the family meeting',
  },
  {
    personId: null,
    kind: 'event',
    impact: 'neutral',
    what: 'The family moved to a new tenancy with Dunmore Housing Association.',
    source: 'Dunmore Housing Support',
  },
];

/** Three to six entries for one family over the last year, pure and seeded. */
export function demoEntriesFor(random: Random, members: Member[]): DemoEntry[] {
  const pool = [...members.flatMap(memberStories), ...familyStories];
  const count = Math.min(pool.length, 3 + Math.floor(random() * 4));
  const chosen: DemoEntry[] = [];
  while (chosen.length < count) {
    const [story] = pool.splice(Math.floor(random() * pool.length), 1);
    if (story) chosen.push({ ...story, daysAgo: 7 + Math.floor(random() * 360) });
  }
  return chosen;
}

function isoDaysAgo(today: Date, days: number): string {
  return new Date(today.getTime() - days * 86_400_000).toISOString().slice(0, 10);
}

function monthStart(iso: string): string {
  return `${iso.slice(0, 8)}01`;
}

/**
 * Writes chronology entries for every demo family, recorded by a worker of
 * the organisation that supports its members. Call inside the demo's transaction.
 */
export async function addDemoChronology(tx: Db, today: Date): Promise<void> {
  const rows = await queryRows<DemoMemberRow>(
    tx,
    sql`select m.family_id, m.person_id, p.given_name, m.roles, s.organisation_id,
          coalesce(s.worker_id, (select u.id from app_user u where u.organisation_id = s.organisation_id
            and u.status = 'active' and u.roles && array['practitioner', 'volunteer'] order by u.email limit 1)) as worker_id
        from family_membership m
        join person p on p.id = m.person_id
        join member_support s on s.family_id = m.family_id and s.person_id = m.person_id
        join family f on f.id = m.family_id
        where f.reference like 'GC-%' and m.ended_on is null
        order by f.reference, p.date_of_birth, p.id`,
  );
  const families = new Map<string, DemoMemberRow[]>();
  for (const row of rows) families.set(row.family_id, [...(families.get(row.family_id) ?? []), row]);
  const random = seededRandom(31);
  const values: (typeof chronologyEntry.$inferInsert)[] = [];
  for (const [familyId, members] of families) {
    const first = members[0] as DemoMemberRow;
    const recordedBy = members.find((m) => m.worker_id)?.worker_id ?? null;
    const entries = demoEntriesFor(
      random,
      members.map((m) => ({ personId: m.person_id, name: m.given_name, roles: m.roles })),
    );
    for (const entry of entries) {
      const day = isoDaysAgo(today, entry.daysAgo);
      values.push({
        familyId,
        personId: entry.personId,
        occurredOn: entry.month ? monthStart(day) : day,
        occurredUntil: entry.lastedDays
          ? isoDaysAgo(today, Math.max(0, entry.daysAgo - entry.lastedDays))
          : null,
        datePrecision: entry.month ? 'month' : 'day',
        kind: entry.kind,
        impact: entry.impact,
        what: entry.what,
        source: entry.source,
        actionTaken: entry.actionTaken ?? null,
        organisationOnly: entry.organisationOnly ?? false,
        recordedBy,
        organisationId: first.organisation_id,
        createdAt: new Date(`${day}T12:00:00Z`),
      });
    }
  }
  if (values.length) await tx.insert(chronologyEntry).values(values);
}
