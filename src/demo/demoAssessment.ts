// Whole-family assessments for a few demo families: one completed after an
// earlier version (superseded), one completed with an open domestic abuse
// concern, one draft in progress; contributions from two organisations, a
// child's views in their own words, and carers offered their plan or statement.
import { and, arrayOverlaps, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import {
  type AssessmentAnswers,
  type AssessmentSectionKind,
  type AssessmentStatus,
  appUser,
  assessment,
  assessmentConcern,
  assessmentContribution,
  assessmentSection,
  type ConcernKind,
  carerSupportOffer,
  chronologyEntry,
  family,
  familyMembership,
  familyTeamMember,
  organisation,
  person,
} from '../db/schema.ts';
import { sectionKindFor } from '../features/assessment/assessmentService.ts';
import { adultAnswers, childAnswers, type DemoPeople, familyAnswers } from './demoAssessmentContent.ts';

interface DemoPlan {
  reference: string;
  /** Statuses of the versions, oldest first. */
  versions: AssessmentStatus[];
  concern?: { kind: ConcernKind; aboutRole: string; description: string; actionTaken: string; open: boolean };
  carerOffer?: 'offered' | 'accepted' | 'declined';
}

const plans: DemoPlan[] = [
  {
    reference: 'GC-0002',
    versions: ['superseded', 'completed'],
    concern: {
      kind: 'child_protection',
      aboutRole: 'child_or_young_person',
      description: 'Told her teacher she had been left alone overnight.',
      actionTaken: 'Child protection referral made to Glenmuir Council social work',
      open: true,
    },
    carerOffer: 'accepted',
  },
  {
    reference: 'GC-0010',
    versions: ['completed'],
    concern: {
      kind: 'domestic_abuse',
      aboutRole: 'adult_carer',
      description: 'Said her partner pushed her during an argument when he had been drinking.',
      actionTaken: 'Domestic abuse risk assessment done; referred to Safe Harbour Women’s Aid',
      open: true,
    },
    carerOffer: 'offered',
  },
  { reference: 'GC-0022', versions: ['draft'], carerOffer: 'offered' },
  { reference: 'GC-0014', versions: ['completed'] },
];

const day = 86_400_000;
const isoDaysAgo = (today: Date, days: number) =>
  new Date(today.getTime() - days * day).toISOString().slice(0, 10);

interface DemoMember {
  personId: string;
  givenName: string;
  roles: string[];
  kind: AssessmentSectionKind;
}

function answersFor(
  kind: AssessmentSectionKind,
  people: DemoPeople,
  first: boolean,
  edition: number,
  member?: DemoMember,
) {
  if (kind === 'family') return familyAnswers(people, first, edition);
  if (kind === 'child') return childAnswers(people, first);
  return adultAnswers(people, first, member?.roles.includes('using_substances') ?? false);
}

/** Adds the demo assessments, concerns and carer offers to demo families already written in this transaction. */
export async function addDemoAssessments(tx: Db, today: Date): Promise<void> {
  const families = await tx
    .select({ id: family.id, reference: family.reference })
    .from(family)
    .where(
      inArray(
        family.reference,
        plans.map((p) => p.reference),
      ),
    );
  for (const plan of plans) {
    const found = families.find((f) => f.reference === plan.reference);
    if (found) await addOne(tx, found.id, plan, today);
  }
}

async function addOne(tx: Db, familyId: string, plan: DemoPlan, today: Date): Promise<void> {
  const rows = await tx
    .select({
      personId: person.id,
      givenName: person.givenName,
      dateOfBirth: person.dateOfBirth,
      approximateAge: person.approximateAge,
      approximateAgeOn: person.approximateAgeOn,
      roles: familyMembership.roles,
    })
    .from(familyMembership)
    .innerJoin(person, eq(person.id, familyMembership.personId))
    .where(and(eq(familyMembership.familyId, familyId), isNull(familyMembership.endedOn)))
    .orderBy(asc(person.dateOfBirth), asc(person.givenName));
  const members: DemoMember[] = rows.map((r) => ({ ...r, kind: sectionKindFor(r, today) }));
  // By name, so the demo is the same on every load (the team rows share one timestamp).
  const team = await tx
    .select({ organisationId: familyTeamMember.organisationId })
    .from(familyTeamMember)
    .innerJoin(organisation, eq(organisation.id, familyTeamMember.organisationId))
    .where(and(eq(familyTeamMember.familyId, familyId), isNull(familyTeamMember.leftOn)))
    .orderBy(asc(organisation.name));
  const organisations = team.slice(0, 2).map((t) => t.organisationId);
  const workers = await tx
    .select({ id: appUser.id, organisationId: appUser.organisationId })
    .from(appUser)
    .where(
      and(
        inArray(appUser.organisationId, organisations),
        eq(appUser.status, 'active'),
        arrayOverlaps(appUser.roles, ['practitioner', 'volunteer', 'team_lead']),
      ),
    )
    .orderBy(asc(appUser.displayName));
  const workerOf = (organisationId: string) =>
    workers.find((w) => w.organisationId === organisationId)?.id ?? null;
  const lovedOne = members.find((m) => m.roles.includes('using_substances'))?.givenName ?? 'their loved one';
  const carer =
    members.find((m) => m.kind === 'adult' && !m.roles.includes('using_substances'))?.givenName ?? 'Gran';

  let previousId: string | null = null;
  let latestId: string | null = null;
  for (const [index, status] of plan.versions.entries()) {
    const edition = index + 1;
    const startedDaysAgo = 220 - index * 150;
    const completedDaysAgo = startedDaysAgo - 20;
    const [created]: { id: string }[] = await tx
      .insert(assessment)
      .values({
        familyId,
        edition,
        status,
        copiedFromId: previousId,
        startedBy: workerOf(organisations[0] as string),
        startedByOrganisationId: organisations[0] ?? null,
        startedAt: new Date(today.getTime() - startedDaysAgo * day),
        completedBy: status === 'draft' ? null : workerOf(organisations[0] as string),
        completedAt: status === 'draft' ? null : new Date(today.getTime() - completedDaysAgo * day),
        // Superseded when the next version was completed.
        supersededAt:
          status === 'superseded' ? new Date(today.getTime() - (completedDaysAgo - 150) * day) : null,
      })
      .returning({ id: assessment.id });
    if (!created) throw new Error('demo assessment not created');
    const sections = await tx
      .insert(assessmentSection)
      .values([
        { assessmentId: created.id, familyId, personId: null, kind: 'family' as const },
        ...members.map((m) => ({ assessmentId: created.id, familyId, personId: m.personId, kind: m.kind })),
      ])
      .returning({
        id: assessmentSection.id,
        personId: assessmentSection.personId,
        kind: assessmentSection.kind,
      });
    const contributions: (typeof assessmentContribution.$inferInsert)[] = [];
    for (const section of sections) {
      const member = members.find((m) => m.personId === section.personId);
      const people = { name: member?.givenName ?? 'The family', lovedOne, carer };
      for (const [position, organisationId] of organisations.entries()) {
        // The second organisation writes about the family, the children and the loved one; a draft is half done.
        const writes =
          position === 0
            ? status !== 'draft' || section.kind !== 'adult'
            : section.kind !== 'adult' || (member?.roles.includes('using_substances') ?? false);
        if (!writes) continue;
        const answers: AssessmentAnswers = answersFor(section.kind, people, position === 0, edition, member);
        const written = new Date(today.getTime() - (startedDaysAgo - 5 - position * 3) * day);
        contributions.push({
          sectionId: section.id,
          assessmentId: created.id,
          familyId,
          organisationId,
          answers,
          writtenBy: workerOf(organisationId),
          createdAt: written,
          updatedAt: written,
        });
      }
    }
    if (contributions.length) await tx.insert(assessmentContribution).values(contributions);
    if (status !== 'draft')
      await tx.insert(chronologyEntry).values({
        familyId,
        occurredOn: isoDaysAgo(today, completedDaysAgo),
        kind: 'event',
        what: `Whole-family assessment version ${edition} completed`,
        source: 'Hearth',
        impact: 'neutral',
        automatic: true,
        recordedBy: workerOf(organisations[0] as string),
        organisationId: organisations[0] ?? null,
      });
    previousId = created.id;
    latestId = created.id;
  }
  await addConcernAndCarerOffer(tx, familyId, plan, members, organisations, workerOf, latestId, today);
}

async function addConcernAndCarerOffer(
  tx: Db,
  familyId: string,
  plan: DemoPlan,
  members: DemoMember[],
  organisations: string[],
  workerOf: (organisationId: string) => string | null,
  assessmentId: string | null,
  today: Date,
): Promise<void> {
  const recorder = organisations[organisations.length - 1] as string;
  if (plan.concern) {
    const about = members.find((m) => m.roles.includes(plan.concern?.aboutRole ?? '')) ?? members[0];
    const actionOn = isoDaysAgo(today, 60);
    await tx.insert(assessmentConcern).values({
      familyId,
      assessmentId,
      personId: about?.personId ?? null,
      kind: plan.concern.kind,
      description: plan.concern.description,
      actionTaken: plan.concern.actionTaken,
      actionOn,
      status: plan.concern.open ? 'open' : 'closed',
      closedOn: plan.concern.open ? null : isoDaysAgo(today, 20),
      organisationId: recorder,
      recordedBy: workerOf(recorder),
    });
    await tx.insert(chronologyEntry).values({
      familyId,
      personId: about?.personId ?? null,
      occurredOn: actionOn,
      kind: 'event',
      what: `Concern recorded. What was done: ${plan.concern.actionTaken}`,
      source: 'Hearth',
      impact: 'negative',
      automatic: true,
      recordedBy: workerOf(recorder),
      organisationId: recorder,
    });
  }
  const carer =
    members.find((m) => m.roles.includes('young_carer')) ??
    members.find((m) => m.roles.includes('adult_carer'));
  if (plan.carerOffer && carer) {
    const kind = carer.roles.includes('young_carer') ? 'young_carer_statement' : 'adult_carer_support_plan';
    const steps =
      plan.carerOffer === 'offered' ? ['offered' as const] : (['offered', plan.carerOffer] as const);
    await tx.insert(carerSupportOffer).values(
      steps.map((outcome, i) => ({
        familyId,
        personId: carer.personId,
        kind: kind as 'young_carer_statement' | 'adult_carer_support_plan',
        outcome,
        decidedOn: isoDaysAgo(today, 40 - i * 14),
        note: outcome === 'offered' ? 'Explained what it is and that it is their choice.' : null,
        organisationId: organisations[0] as string,
        recordedBy: workerOf(organisations[0] as string),
      })),
    );
  }
}
