// Family plans for a few demo families worked with by the demo practitioner
// (Morven Blair): agreed with the family, reviewed two or three times weeks
// apart so the progress charts move, a team meeting with the family there,
// and some actions and reviews past their date for her home page.
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.ts';
import {
  chronologyEntry,
  familyPlan,
  planAction,
  planGoal,
  planProgress,
  planReview,
  teamMeeting,
} from '../db/schema.ts';
import { correctDemoMeeting } from './demoMeetingCorrections.ts';
import { planStory, type StoryMember } from './demoPlanStories.ts';

interface Row {
  familyId: string;
  reference: string;
  personId: string;
  givenName: string;
  roles: string[];
  userId: string;
  organisationId: string;
}

/** When each demo plan was agreed, how often it is reviewed, and when it was reviewed (weeks from today). */
export const demoSchedules = [
  { agreedWeeksAgo: 20, everyWeeks: 8, reviewsWeeksAgo: [12, 4], meetingWeeksAgo: 12 },
  { agreedWeeksAgo: 26, everyWeeks: 8, reviewsWeeksAgo: [18, 10, 2], meetingWeeksAgo: 10 },
  // Agreed, not yet reviewed, and the first review is two weeks late.
  { agreedWeeksAgo: 14, everyWeeks: 12, reviewsWeeksAgo: [], meetingWeeksAgo: null },
  { agreedWeeksAgo: 30, everyWeeks: 12, reviewsWeeksAgo: [26, 14], meetingWeeksAgo: null },
] as const;

function isoDaysFrom(today: Date, days: number): string {
  return new Date(today.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** Writes the demo plans; call inside the demo's transaction, after the team is in place. */
export async function addDemoPlans(tx: Db, today: Date): Promise<void> {
  const rows = await queryRows<Row>(
    tx,
    sql`select f.id as "familyId", f.reference, p.id as "personId", p.given_name as "givenName", m.roles,
        w.user_id as "userId", w.organisation_id as "organisationId"
      from team_worker w
      join app_user u on u.id = w.user_id and u.email = 'morven.blair@carse-family-support.example'
      join family f on f.id = w.family_id
      join family_membership m on m.family_id = f.id and m.ended_on is null
      join person p on p.id = m.person_id
      where w.left_on is null and f.reference like 'GC-%'
        and exists (select 1 from member_support s where s.family_id = f.id and s.person_id = p.id
          and s.organisation_id = w.organisation_id and not s.confidential)
      order by f.reference, (case when 'using_substances' = any (m.roles) then 1
        when 'child_or_young_person' = any (m.roles) then 2 else 0 end), p.date_of_birth, p.id`,
  );
  const families = new Map<string, Row[]>();
  for (const row of rows) families.set(row.familyId, [...(families.get(row.familyId) ?? []), row]);
  const chosen = [...families.values()].slice(0, demoSchedules.length);
  let corrected = false;
  for (const [index, members] of chosen.entries()) {
    const schedule = demoSchedules[index] as (typeof demoSchedules)[number];
    const first = members[0] as Row;
    const familyId = first.familyId;
    const worker = { userId: first.userId, organisationId: first.organisationId };
    const story = planStory(
      index,
      members.map((m): StoryMember => ({ personId: m.personId, name: m.givenName, roles: m.roles })),
      schedule.reviewsWeeksAgo.length,
    );
    const agreedOn = isoDaysFrom(today, -7 * schedule.agreedWeeksAgo);
    const lastReview = schedule.reviewsWeeksAgo[schedule.reviewsWeeksAgo.length - 1];
    const nextReviewOn = isoDaysFrom(
      today,
      -7 * (lastReview ?? schedule.agreedWeeksAgo) + 7 * schedule.everyWeeks,
    );
    const agreedWith = [...new Set(story.goals.flatMap((g) => (g.personId ? [g.personId] : [])))];
    const [plan] = await tx
      .insert(familyPlan)
      .values({
        familyId,
        reviewEveryWeeks: schedule.everyWeeks,
        agreedOn,
        agreedWith,
        nextReviewOn,
        createdBy: worker.userId,
        organisationId: worker.organisationId,
        createdAt: new Date(`${agreedOn}T10:00:00Z`),
      })
      .returning({ id: familyPlan.id });
    if (!plan) throw new Error('demo plan not created');
    const goals = await tx
      .insert(planGoal)
      .values(
        story.goals.map((g, position) => ({
          planId: plan.id,
          familyId,
          personId: g.personId,
          familyWords: g.familyWords,
          workerWords: g.workerWords,
          position,
          createdBy: worker.userId,
        })),
      )
      .returning({ id: planGoal.id });
    let meetingId: string | null = null;
    if (schedule.meetingWeeksAgo !== null) {
      const present = agreedWith.slice(0, 2);
      const heldOn = isoDaysFrom(today, -7 * schedule.meetingWeeksAgo);
      const [meeting] = await tx
        .insert(teamMeeting)
        .values({
          familyId,
          heldOn,
          familyPresent: true,
          membersPresent: present,
          organisationsPresent: [worker.organisationId],
          workersPresent: [worker.userId],
          othersPresent: 'Guidance teacher from the school',
          discussed:
            'How things have been at home since the plan was agreed, the school’s view of how the children are getting on, and the damp in the back bedroom.',
          decisions: 'Keep the family sessions going fortnightly. The housing officer to be asked to visit.',
          recordedBy: worker.userId,
          organisationId: worker.organisationId,
        })
        .returning({ id: teamMeeting.id });
      meetingId = meeting?.id ?? null;
      if (meetingId && !corrected) {
        await correctDemoMeeting(tx, { familyId, meetingId, heldOn, membersPresent: present, worker });
        corrected = true;
      }
      await tx.insert(chronologyEntry).values({
        familyId,
        occurredOn: heldOn,
        what: `Meeting of the team around the family, with the family there (${present.length} ${present.length === 1 ? 'member' : 'members'}). 2 actions were added to the family plan.`,
        source: 'Hearth',
        automatic: true,
        recordedBy: worker.userId,
        organisationId: worker.organisationId,
      });
    }
    await tx.insert(planAction).values(
      story.actions.map((a) => ({
        planId: plan.id,
        familyId,
        goalId: a.goal === null ? null : (goals[a.goal]?.id ?? null),
        what: a.what,
        ownerKind: a.owner.kind,
        ownerPersonId: a.owner.kind === 'member' ? a.owner.personId : null,
        ownerUserId: a.owner.kind === 'worker' ? worker.userId : null,
        ownerOrganisationId: a.owner.kind === 'organisation' ? worker.organisationId : null,
        dueOn: isoDaysFrom(today, a.dueInDays),
        status: a.status,
        meetingId: a.fromMeeting ? meetingId : null,
        createdBy: worker.userId,
      })),
    );
    for (const [r, weeksAgo] of schedule.reviewsWeeksAgo.entries()) {
      const heldOn = isoDaysFrom(today, -7 * weeksAgo);
      const next = schedule.reviewsWeeksAgo[r + 1];
      const [review] = await tx
        .insert(planReview)
        .values({
          planId: plan.id,
          familyId,
          heldOn,
          decisions:
            r === 0
              ? 'Keep all the goals. Add a session on the evening routine.'
              : 'Good progress; keep going as agreed.',
          nextReviewOn: isoDaysFrom(today, -7 * (next ?? weeksAgo - schedule.everyWeeks)),
          recordedBy: worker.userId,
          organisationId: worker.organisationId,
        })
        .returning({ id: planReview.id });
      if (!review) throw new Error('demo review not created');
      await tx.insert(planProgress).values(
        story.goals.map((g, i) => ({
          reviewId: review.id,
          goalId: goals[i]?.id as string,
          familyId,
          score: g.scores[r] as number,
          comment: g.comments[r] ?? null,
        })),
      );
    }
    await tx.insert(chronologyEntry).values({
      familyId,
      occurredOn: agreedOn,
      what: `The family plan was agreed with the family (${agreedWith.length} ${agreedWith.length === 1 ? 'member' : 'members'} took part).`,
      source: 'Hearth',
      impact: 'positive',
      automatic: true,
      recordedBy: worker.userId,
      organisationId: worker.organisationId,
    });
  }
}
