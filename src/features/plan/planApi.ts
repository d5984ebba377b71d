import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import type { Db } from '../../db/client.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import type { FieldErrors } from '../../platform/http/forms.ts';
import { problem, sendProblem } from '../../platform/http/problems.ts';
import { authProblems, badRequestProblem, notFoundProblem } from '../api/apiSchemas.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { planEditApi } from './planEditApi.ts';
import { checkActionForm, checkGoalForm, checkReviewForm, partsOfIso } from './planForms.ts';
import { inDisplayOrder } from './planPresenter.ts';
import { type PlanRecord, PlanRepository } from './planRepository.ts';
import { PlanReviewService } from './planReviewService.ts';
import {
  CreatedSchema,
  NewActionSchema,
  NewGoalSchema,
  NewReviewSchema,
  PlanParams,
  PlanSchema,
} from './planSchemas.ts';
import { PlanService } from './planService.ts';

const notFound = 'There is no family with this id that you may see.';

function invalid(reply: FastifyReply, what: string, errors: FieldErrors) {
  return sendProblem(
    reply,
    problem(400, `The ${what} was not saved: see errors.`, {
      errors: Object.entries(errors).map(([name, detail]) => ({ pointer: `#/body/${name}`, detail })),
    }),
  );
}

export function presentPlanBody(record: PlanRecord) {
  return {
    familyId: record.family.id,
    agreedOn: record.plan?.agreedOn ?? null,
    agreedWith: (record.plan?.agreedWith ?? []).filter((id) => record.members.some((m) => m.personId === id)),
    reviewEveryWeeks: record.plan?.reviewEveryWeeks ?? 12,
    nextReviewOn: record.plan?.nextReviewOn ?? null,
    goals: record.goals.map((g) => ({
      id: g.id,
      personId: g.personId,
      familyWords: g.familyWords,
      workerWords: g.workerWords,
      status: g.status,
      version: g.version,
      progress: record.reviews.flatMap((r) =>
        r.progress
          .filter((p) => p.goalId === g.id)
          .map((p) => ({ reviewedOn: r.heldOn, score: p.score, comment: p.comment })),
      ),
    })),
    actions: record.actions.map((a) => ({
      id: a.id,
      goalId: a.goalId,
      what: a.what,
      ownerKind: a.ownerKind,
      ownerId: (a.ownerPersonId ?? a.ownerUserId ?? a.ownerOrganisationId) as string,
      dueOn: a.dueOn,
      status: a.status,
      version: a.version,
    })),
    reviews: record.reviews.map((r) => ({
      id: r.id,
      heldOn: r.heldOn,
      decisions: r.decisions,
      nextReviewOn: r.nextReviewOn,
    })),
  };
}

/** A family's plan for API clients: read it, add goals, actions and reviews; same access rule, checks and audit as the pages. */
export const planApi: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  const read = (familyId: string, access: AccessContext, audit = true) =>
    new PlanRepository(db, access).read(familyId, { audit, withChoices: !audit });

  app.get(
    '/families/:familyId/plan',
    {
      schema: {
        tags: ['Family plan'],
        summary: 'A family’s plan: goals with their progress, actions and reviews',
        params: PlanParams,
        response: { 200: PlanSchema, ...badRequestProblem, ...authProblems, ...notFoundProblem },
      },
    },
    async (request, reply) => {
      const record = await read(request.params.familyId, request.access);
      if (!record) return sendProblem(reply, problem(404, notFound));
      return presentPlanBody(record);
    },
  );

  app.post(
    '/families/:familyId/plan/goals',
    {
      schema: {
        tags: ['Family plan'],
        summary: 'Add a goal of the whole family or of one member, in the family’s words',
        params: PlanParams,
        body: NewGoalSchema,
        response: { 201: CreatedSchema, ...badRequestProblem, ...authProblems, ...notFoundProblem },
      },
    },
    async (request, reply) => {
      const record = await read(request.params.familyId, request.access, false);
      if (!record) return sendProblem(reply, problem(404, notFound));
      const body = request.body;
      const checked = checkGoalForm(
        {
          personId: body.personId ?? '',
          familyWords: body.familyWords.trim(),
          workerWords: body.workerWords?.trim() ?? '',
          status: 'open',
        },
        record.members.map((m) => m.personId),
      );
      if (!checked.ok) return invalid(reply, 'goal', checked.errors);
      const outcome = await new PlanService(db, request.access).addGoal(record.family.id, checked.value);
      if (outcome.kind === 'not_found') return sendProblem(reply, problem(404, notFound));
      return reply.code(201).send({ id: outcome.id });
    },
  );

  app.post(
    '/families/:familyId/plan/actions',
    {
      schema: {
        tags: ['Family plan'],
        summary: 'Add an action: what, who and by when',
        params: PlanParams,
        body: NewActionSchema,
        response: { 201: CreatedSchema, ...badRequestProblem, ...authProblems, ...notFoundProblem },
      },
    },
    async (request, reply) => {
      const record = await read(request.params.familyId, request.access, false);
      if (!record) return sendProblem(reply, problem(404, notFound));
      const body = request.body;
      const checked = checkActionForm(
        {
          what: body.what.trim(),
          goalId: body.goalId ?? '',
          owner: `${body.ownerKind}:${body.ownerId}`,
          dueOn: partsOfIso(body.dueOn),
          status: body.status ?? 'not_started',
        },
        record.goals.map((g) => g.id),
      );
      if (!checked.ok) return invalid(reply, 'action', checked.errors);
      const outcome = await new PlanService(db, request.access).addAction(record.family.id, checked.value);
      if (outcome.kind === 'not_found') return sendProblem(reply, problem(404, notFound));
      return reply.code(201).send({ id: outcome.id });
    },
  );

  app.post(
    '/families/:familyId/plan/reviews',
    {
      schema: {
        tags: ['Family plan'],
        summary: 'Record a review: progress on each goal from 0 to 10, decisions and the next review date',
        params: PlanParams,
        body: NewReviewSchema,
        response: { 201: CreatedSchema, ...badRequestProblem, ...authProblems, ...notFoundProblem },
      },
    },
    async (request, reply) => {
      const record = await read(request.params.familyId, request.access, false);
      if (!record) return sendProblem(reply, problem(404, notFound));
      if (!record.plan?.agreedOn)
        return sendProblem(
          reply,
          problem(409, 'The plan has not been agreed with the family yet, so it cannot be reviewed.'),
        );
      const body = request.body;
      const goalIds = inDisplayOrder(record)
        .filter((g) => g.status !== 'no_longer_needed')
        .map((g) => g.id);
      const given = new Map(body.progress.map((p) => [p.goalId, p]));
      const checked = checkReviewForm(
        {
          heldOn: partsOfIso(body.heldOn),
          scores: Object.fromEntries(
            goalIds.map((id) => [id, given.has(id) ? String(given.get(id)?.score) : '']),
          ),
          comments: Object.fromEntries(goalIds.map((id) => [id, given.get(id)?.comment?.trim() ?? ''])),
          decisions: body.decisions?.trim() ?? '',
          nextReviewOn: partsOfIso(body.nextReviewOn),
        },
        { goalIds, today: todayInUk(new Date()) },
      );
      if (!checked.ok) return invalid(reply, 'review', checked.errors);
      const outcome = await new PlanReviewService(db, request.access).addReview(
        record.family.id,
        checked.value,
      );
      if (outcome.kind === 'not_found') return sendProblem(reply, problem(404, notFound));
      return reply.code(201).send({ id: outcome.id });
    },
  );

  await app.register(planEditApi, { db });
};
