import { eq, sql } from 'drizzle-orm';
import { familyPlan, planProgress, planReview } from '../../db/schema.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { addAutomaticEntry } from '../chronology/automaticEntries.ts';
import { changedFields, recordHistory } from '../families/recordHistory.ts';
import { nextReviewDue } from './planSchedule.ts';
import { type AgreementInput, ensurePlan, PlanService, type ReviewInput } from './planService.ts';

/** The family's agreement to the plan, and its reviews: the same transaction, access and history rules as the rest of the plan. */
export class PlanReviewService extends PlanService {
  /** Records the family's agreement to the plan and sets the first review from the team's interval. */
  async agree(familyId: string, input: AgreementInput): Promise<{ kind: 'saved' } | { kind: 'not_found' }> {
    return this.within(familyId, 'plan.agree', async (tx, record) => {
      const unknown = input.agreedWith.find((id) => !record.members.some((m) => m.personId === id));
      if (unknown) return this.denied(tx, familyId, 'plan.agree', 'person', unknown);
      const planId = await ensurePlan(tx, this.access, familyId, record);
      // A new agreement after a review keeps to the team's interval from the later of the two.
      const next = nextReviewDue(input, record.reviews[record.reviews.length - 1]?.heldOn ?? null) as string;
      await tx
        .update(familyPlan)
        .set({
          agreedOn: input.agreedOn,
          agreedWith: input.agreedWith,
          reviewEveryWeeks: input.reviewEveryWeeks,
          nextReviewOn: next,
          updatedAt: new Date(),
          version: sql`${familyPlan.version} + 1`,
        })
        .where(eq(familyPlan.id, planId));
      await recordHistory(tx, this.access, {
        familyId,
        recordType: 'family_plan',
        recordId: planId,
        action: 'amended',
        changes: changedFields(
          {
            agreedOn: record.plan?.agreedOn,
            agreedWith: record.plan?.agreedWith ?? [],
            reviewEveryWeeks: record.plan?.reviewEveryWeeks,
            nextReviewOn: record.plan?.nextReviewOn,
          },
          { ...input, nextReviewOn: next },
        ),
      });
      await addAutomaticEntry(tx, this.access, {
        familyId,
        what: `The family plan was agreed with the family (${input.agreedWith.length} ${input.agreedWith.length === 1 ? 'member' : 'members'} took part).`,
        impact: 'positive',
        occurredOn: input.agreedOn,
      });
      await recordAudit(tx, this.access, {
        action: 'plan.agree',
        recordType: 'family_plan',
        recordId: planId,
        familyId,
      });
      return { kind: 'saved' as const };
    });
  }

  /** Records a review: progress on each goal, the decisions and when the plan is next reviewed. */
  async addReview(
    familyId: string,
    input: ReviewInput,
  ): Promise<{ kind: 'saved'; id: string } | { kind: 'not_found' }> {
    return this.within(familyId, 'plan.review.add', async (tx, record) => {
      const plan = record.plan;
      if (!plan) return this.denied(tx, familyId, 'plan.review.add', 'family', familyId);
      const unknown = input.progress.find((p) => !record.goals.some((g) => g.id === p.goalId));
      if (unknown) return this.denied(tx, familyId, 'plan.review.add', 'plan_goal', unknown.goalId);
      const [review] = await tx
        .insert(planReview)
        .values({
          planId: plan.id,
          familyId,
          heldOn: input.heldOn,
          decisions: input.decisions,
          nextReviewOn: input.nextReviewOn,
          recordedBy: this.access.userId ?? null,
          organisationId: this.access.organisationId ?? null,
        })
        .returning({ id: planReview.id });
      if (!review) throw new Error('review not created');
      if (input.progress.length)
        await tx
          .insert(planProgress)
          .values(input.progress.map((p) => ({ reviewId: review.id, familyId, ...p })));
      await tx
        .update(familyPlan)
        .set({
          nextReviewOn: input.nextReviewOn,
          updatedAt: new Date(),
          version: sql`${familyPlan.version} + 1`,
        })
        .where(eq(familyPlan.id, plan.id));
      await recordHistory(tx, this.access, {
        familyId,
        recordType: 'plan_review',
        recordId: review.id,
        action: 'created',
        changes: changedFields(
          {},
          { heldOn: input.heldOn, nextReviewOn: input.nextReviewOn, goals: input.progress.length },
        ),
      });
      await addAutomaticEntry(tx, this.access, {
        familyId,
        what: 'The family plan was reviewed with the family.',
        occurredOn: input.heldOn,
      });
      await recordAudit(tx, this.access, {
        action: 'plan.review.add',
        recordType: 'plan_review',
        recordId: review.id,
        familyId,
        detail: { goals: input.progress.length },
      });
      return { kind: 'saved' as const, id: review.id };
    });
  }
}
