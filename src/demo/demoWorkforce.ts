// Workers' training in the demo: the Carse family support team, the recovery
// service and the council's social work team have family-inclusive practice,
// whole family approach and trauma training recorded by their team leads,
// with one refresh coming up, one lapsed (Euan Cairns's) and one record
// withdrawn. Other
// organisations have none recorded, which the provision audit shows as a gap.
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.ts';
import { type TrainingTopic, type TraumaLevel, workerTraining } from '../db/schema.ts';

interface DemoTraining {
  email: string;
  topic: TrainingTopic;
  level?: TraumaLevel;
  course: string;
  provider?: string;
  weeksAgo: number;
  /** Weeks from today to refresh it by; negative when that date has passed. */
  renewInWeeks?: number;
  withdrawn?: string;
}

const families = 'Scottish Families Affected by Alcohol and Drugs';
const ntp = 'NHS Education for Scotland';

/** Who has done what, by email. */
export const demoWorkforce: DemoTraining[] = [
  {
    email: 'morven.blair@carse-family-support.example',
    topic: 'family_inclusive_practice',
    course: 'Family Inclusive Practice: foundation',
    provider: families,
    weeksAgo: 150,
    renewInWeeks: 6,
  },
  {
    email: 'morven.blair@carse-family-support.example',
    topic: 'trauma_practice',
    level: 'skilled',
    course: 'Trauma Skilled Practice (e-learning and workshop)',
    provider: ntp,
    weeksAgo: 100,
  },
  {
    email: 'euan.cairns@carse-family-support.example',
    topic: 'family_inclusive_practice',
    course: 'Family Inclusive Practice: foundation',
    provider: families,
    weeksAgo: 160,
    renewInWeeks: -3,
  },
  {
    email: 'euan.cairns@carse-family-support.example',
    topic: 'whole_family_approach',
    course: 'Whole Family Approach: working with the team around the family',
    weeksAgo: 20,
    withdrawn: 'Recorded for the wrong worker: it was Morven who went',
  },
  {
    email: 'euan.cairns@carse-family-support.example',
    topic: 'trauma_practice',
    level: 'informed',
    course: 'Opening Doors: trauma informed practice',
    provider: ntp,
    weeksAgo: 60,
  },
  {
    email: 'euan.cairns@carse-family-support.example',
    topic: 'other',
    course: 'Young carers: finding and supporting them',
    provider: 'Glenmuir Young Carers',
    weeksAgo: 12,
  },
  {
    email: 'shona.baird@carse-family-support.example',
    topic: 'family_inclusive_practice',
    course: 'Family Inclusive Practice: foundation',
    provider: families,
    weeksAgo: 200,
  },
  {
    email: 'shona.baird@carse-family-support.example',
    topic: 'trauma_practice',
    level: 'enhanced',
    course: 'Trauma Enhanced Practice',
    provider: ntp,
    weeksAgo: 75,
  },
  {
    email: 'priya.nair@glenmuir-recovery.example',
    topic: 'family_inclusive_practice',
    course: 'Family Inclusive Practice for recovery services',
    provider: families,
    weeksAgo: 40,
    renewInWeeks: 116,
  },
  {
    email: 'gordon.lamont@glenmuir-recovery.example',
    topic: 'trauma_practice',
    level: 'skilled',
    course: 'Trauma Skilled Practice (e-learning and workshop)',
    provider: ntp,
    weeksAgo: 90,
  },
  {
    email: 'rachel.souter@glenmuir-council.example',
    topic: 'whole_family_approach',
    course: 'Whole Family Approach: working with the team around the family',
    provider: 'Glenmuir Council learning and development',
    weeksAgo: 25,
  },
  {
    email: 'hamish.grant@glenmuir-council.example',
    topic: 'trauma_practice',
    level: 'enhanced',
    course: 'Trauma Enhanced Practice',
    provider: ntp,
    weeksAgo: 110,
  },
];

function day(today: Date, weeks: number): string {
  return new Date(today.getTime() + weeks * 7 * 86_400_000).toISOString().slice(0, 10);
}

/** Writes the demo's training records, each recorded by its organisation's team lead; call inside the demo's transaction. */
export async function addDemoWorkforce(tx: Db, today: Date): Promise<void> {
  const users = await queryRows<{ id: string; email: string; organisationId: string; lead: boolean }>(
    tx,
    sql`select id, email, organisation_id as "organisationId", 'team_lead' = any(roles) as lead
      from app_user where email like '%.example'`,
  );
  const rows = demoWorkforce.flatMap((t) => {
    const worker = users.find((u) => u.email === t.email);
    if (!worker) return [];
    const lead = users.find((u) => u.organisationId === worker.organisationId && u.lead);
    return [
      {
        userId: worker.id,
        organisationId: worker.organisationId,
        topic: t.topic,
        traumaLevel: t.level ?? null,
        course: t.course,
        provider: t.provider ?? null,
        completedOn: day(today, -t.weeksAgo),
        renewBy: t.renewInWeeks === undefined ? null : day(today, t.renewInWeeks),
        recordedBy: lead?.id ?? null,
        createdAt: new Date(today.getTime() - (t.weeksAgo - 1) * 7 * 86_400_000),
        withdrawnAt: t.withdrawn ? new Date(today.getTime() - 7 * 86_400_000) : null,
        withdrawnBy: t.withdrawn ? (lead?.id ?? null) : null,
        withdrawnReason: t.withdrawn ?? null,
      },
    ];
  });
  await tx.insert(workerTraining).values(rows);
}
