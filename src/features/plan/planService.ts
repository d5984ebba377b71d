import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  type ActionStatus,
  familyPlan,
  type GoalStatus,
  type OwnerKind,
  planAction,
  planGoal,
} from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { changedFields, recordHistory } from '../families/recordHistory.ts';
import { type PlanRecord, PlanRepository } from './planRepository.ts';

export interface GoalInput {
  personId: string | null;
  familyWords: string;
  workerWords: string | null;
  status: GoalStatus;
}

export interface ActionInput {
  what: string;
  goalId: string | null;
  ownerKind: OwnerKind;
  ownerId: string;
  dueOn: string;
  status: ActionStatus;
}

export interface AgreementInput {
  agreedOn: string;
  agreedWith: string[];
  reviewEveryWeeks: number;
}

export interface ReviewInput {
  heldOn: string;
  progress: { goalId: string; score: number; comment: string | null }[];
  decisions: string | null;
  nextReviewOn: string;
}

/** The outcome of an edit made against the version the user saw. */
export type EditOutcome<T> =
  | { kind: 'saved' }
  | { kind: 'not_found' }
  | { kind: 'conflict'; current: T; record: PlanRecord };

/** True when every id the input names is one this user may choose in this family's plan. */
export function actionChoicesValid(
  record: PlanRecord,
  input: Pick<ActionInput, 'goalId' | 'ownerKind' | 'ownerId'>,
) {
  if (input.goalId && !record.goals.some((g) => g.id === input.goalId)) return false;
  if (input.ownerKind === 'member') return record.members.some((m) => m.personId === input.ownerId);
  if (input.ownerKind === 'worker') return record.choices.workers.some((w) => w.id === input.ownerId);
  return record.choices.organisations.some((o) => o.id === input.ownerId);
}

export function ownerColumns(input: Pick<ActionInput, 'ownerKind' | 'ownerId'>) {
  return {
    ownerKind: input.ownerKind,
    ownerPersonId: input.ownerKind === 'member' ? input.ownerId : null,
    ownerUserId: input.ownerKind === 'worker' ? input.ownerId : null,
    ownerOrganisationId: input.ownerKind === 'organisation' ? input.ownerId : null,
  };
}

/** The family's plan id, starting the plan (and its history) when there is none yet. Call inside a transaction. */
export async function ensurePlan(
  tx: Db,
  access: AccessContext,
  familyId: string,
  record: PlanRecord,
): Promise<string> {
  if (record.plan) return record.plan.id;
  await tx
    .insert(familyPlan)
    .values({ familyId, createdBy: access.userId ?? null, organisationId: access.organisationId ?? null })
    .onConflictDoNothing();
  const [plan] = await tx
    .select({ id: familyPlan.id })
    .from(familyPlan)
    .where(eq(familyPlan.familyId, familyId));
  if (!plan) throw new Error('family plan not created');
  await recordHistory(tx, access, {
    familyId,
    recordType: 'family_plan',
    recordId: plan.id,
    action: 'created',
    changes: {},
  });
  return plan.id;
}

/**
 * Changes to a family's plan. Each runs in one transaction that re-reads the
 * plan through the access rule (so nothing is written for a family, member or
 * goal the user may not see), keeps the history and writes the audit event.
 */
export class PlanService {
  constructor(
    protected readonly db: Db,
    protected readonly access: AccessContext,
  ) {}

  protected async within<T>(
    familyId: string,
    action: string,
    work: (tx: Db, record: PlanRecord) => Promise<T>,
  ): Promise<T | { kind: 'not_found' }> {
    return this.db.transaction(async (tx) => {
      const record = await new PlanRepository(tx, this.access).read(familyId, {
        action,
        withChoices: true,
        audit: false,
      });
      if (!record) return { kind: 'not_found' as const };
      return work(tx, record);
    });
  }

  protected async denied(tx: Db, familyId: string, action: string, recordType: string, recordId: string) {
    await recordAudit(tx, this.access, { action, outcome: 'denied', recordType, recordId, familyId });
    return { kind: 'not_found' as const };
  }

  async addGoal(
    familyId: string,
    input: GoalInput,
  ): Promise<{ kind: 'saved'; id: string } | { kind: 'not_found' }> {
    return this.within(familyId, 'plan.goal.add', async (tx, record) => {
      if (input.personId && !record.members.some((m) => m.personId === input.personId))
        return this.denied(tx, familyId, 'plan.goal.add', 'person', input.personId);
      const planId = await ensurePlan(tx, this.access, familyId, record);
      const [created] = await tx
        .insert(planGoal)
        .values({
          planId,
          familyId,
          ...input,
          position: record.goals.length,
          createdBy: this.access.userId ?? null,
        })
        .returning({ id: planGoal.id });
      if (!created) throw new Error('goal not created');
      await recordHistory(tx, this.access, {
        familyId,
        recordType: 'plan_goal',
        recordId: created.id,
        personId: input.personId,
        action: 'created',
        changes: changedFields({}, { ...input }),
      });
      await recordAudit(tx, this.access, {
        action: 'plan.goal.add',
        recordType: 'plan_goal',
        recordId: created.id,
        familyId,
      });
      return { kind: 'saved' as const, id: created.id };
    });
  }

  /** Saves a goal the user opened at `version`; a conflict returns what is saved now instead. */
  async editGoal(
    familyId: string,
    goalId: string,
    version: number,
    input: Omit<GoalInput, 'personId'>,
  ): Promise<EditOutcome<PlanRecord['goals'][number]>> {
    return this.within(familyId, 'plan.goal.edit', async (tx, record) => {
      const current = record.goals.find((g) => g.id === goalId);
      if (!current) return this.denied(tx, familyId, 'plan.goal.edit', 'plan_goal', goalId);
      if (current.version !== version) return { kind: 'conflict' as const, current, record };
      const [saved] = await tx
        .update(planGoal)
        .set({ ...input, updatedAt: new Date(), version: sql`${planGoal.version} + 1` })
        .where(and(eq(planGoal.id, goalId), eq(planGoal.version, version)))
        .returning({ id: planGoal.id });
      if (!saved) return { kind: 'conflict' as const, current, record };
      await recordHistory(tx, this.access, {
        familyId,
        recordType: 'plan_goal',
        recordId: goalId,
        personId: current.personId,
        action: 'amended',
        changes: changedFields(current as unknown as Record<string, unknown>, { ...input }),
      });
      await recordAudit(tx, this.access, {
        action: 'plan.goal.edit',
        recordType: 'plan_goal',
        recordId: goalId,
        familyId,
      });
      return { kind: 'saved' as const };
    });
  }

  async addAction(
    familyId: string,
    input: ActionInput,
  ): Promise<{ kind: 'saved'; id: string } | { kind: 'not_found' }> {
    return this.within(familyId, 'plan.action.add', async (tx, record) => {
      if (!actionChoicesValid(record, input))
        return this.denied(tx, familyId, 'plan.action.add', 'family', familyId);
      const planId = await ensurePlan(tx, this.access, familyId, record);
      const [created] = await tx
        .insert(planAction)
        .values({
          planId,
          familyId,
          goalId: input.goalId,
          what: input.what,
          ...ownerColumns(input),
          dueOn: input.dueOn,
          status: input.status,
          createdBy: this.access.userId ?? null,
        })
        .returning({ id: planAction.id });
      if (!created) throw new Error('action not created');
      await recordHistory(tx, this.access, {
        familyId,
        recordType: 'plan_action',
        recordId: created.id,
        action: 'created',
        changes: changedFields({}, { ...input }),
      });
      await recordAudit(tx, this.access, {
        action: 'plan.action.add',
        recordType: 'plan_action',
        recordId: created.id,
        familyId,
      });
      return { kind: 'saved' as const, id: created.id };
    });
  }

  /** Saves an action the user opened at `version`; a conflict returns what is saved now instead. */
  async editAction(
    familyId: string,
    actionId: string,
    version: number,
    input: ActionInput,
  ): Promise<EditOutcome<PlanRecord['actions'][number]>> {
    return this.within(familyId, 'plan.action.edit', async (tx, record) => {
      const current = record.actions.find((a) => a.id === actionId);
      if (!current || !actionChoicesValid(record, input))
        return this.denied(tx, familyId, 'plan.action.edit', 'plan_action', actionId);
      if (current.version !== version) return { kind: 'conflict' as const, current, record };
      const [saved] = await tx
        .update(planAction)
        .set({
          goalId: input.goalId,
          what: input.what,
          ...ownerColumns(input),
          dueOn: input.dueOn,
          status: input.status,
          updatedAt: new Date(),
          version: sql`${planAction.version} + 1`,
        })
        .where(and(eq(planAction.id, actionId), eq(planAction.version, version)))
        .returning({ id: planAction.id });
      if (!saved) return { kind: 'conflict' as const, current, record };
      const before = {
        what: current.what,
        goalId: current.goalId,
        ownerKind: current.ownerKind,
        ownerId: current.ownerPersonId ?? current.ownerUserId ?? current.ownerOrganisationId,
        dueOn: current.dueOn,
        status: current.status,
      };
      await recordHistory(tx, this.access, {
        familyId,
        recordType: 'plan_action',
        recordId: actionId,
        action: 'amended',
        changes: changedFields(before, { ...input }),
      });
      await recordAudit(tx, this.access, {
        action: 'plan.action.edit',
        recordType: 'plan_action',
        recordId: actionId,
        familyId,
      });
      return { kind: 'saved' as const };
    });
  }
}
