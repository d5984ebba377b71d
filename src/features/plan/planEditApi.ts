import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import type { Db } from '../../db/client.ts';
import { conflictProblem, StaleEditError } from '../../platform/concurrency/optimisticLock.ts';
import type { FieldErrors } from '../../platform/http/forms.ts';
import { problem, sendProblem } from '../../platform/http/problems.ts';
import {
  authProblems,
  badRequestProblem,
  conflictProblemResponse,
  notFoundProblem,
  unprocessableProblem,
} from '../api/apiSchemas.ts';
import { checkActionForm, checkGoalForm, partsOfIso } from './planForms.ts';
import type { PlanActionRow, PlanGoalRow } from './planRepository.ts';
import { PlanRepository } from './planRepository.ts';
import {
  ActionChangeSchema,
  ActionParams,
  GoalChangeSchema,
  GoalParams,
  SavedSchema,
} from './planSchemas.ts';
import { PlanService } from './planService.ts';

const notFound = 'There is no family, goal or action with this id that you may see.';

function unprocessable(reply: FastifyReply, what: string, errors: FieldErrors) {
  return sendProblem(
    reply,
    problem(422, `The ${what} was not saved: see errors.`, {
      errors: Object.entries(errors).map(([name, detail]) => ({ pointer: `#/${name}`, detail })),
    }),
  );
}

const goalValues = (g: PlanGoalRow) => ({
  familyWords: g.familyWords,
  workerWords: g.workerWords,
  status: g.status,
});

const actionValues = (a: PlanActionRow) => ({
  what: a.what,
  goalId: a.goalId,
  ownerKind: a.ownerKind,
  ownerId: a.ownerPersonId ?? a.ownerUserId ?? a.ownerOrganisationId,
  dueOn: a.dueOn,
  status: a.status,
});

/** Changing a plan's goals and actions for API clients, against the version read: a stale version gets 409. */
export const planEditApi: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  const tags = ['Family plan'];
  const responses = {
    ...badRequestProblem,
    ...authProblems,
    ...notFoundProblem,
    ...conflictProblemResponse,
    ...unprocessableProblem,
  };
  const conflict = (reply: FastifyReply, version: number, values: Record<string, string | null>) =>
    sendProblem(reply, conflictProblem(new StaleEditError({ version, values })));

  app.put(
    '/families/:familyId/plan/goals/:goalId',
    {
      schema: {
        tags,
        summary: 'Change a goal: the family’s words, the worker’s wording, where it is up to',
        description: 'Send the version you read. Whose goal it is cannot be changed.',
        params: GoalParams,
        body: GoalChangeSchema,
        response: { 200: SavedSchema, ...responses },
      },
    },
    async (request, reply) => {
      const { familyId, goalId } = request.params;
      const record = await new PlanRepository(db, request.access).read(familyId, { audit: false });
      const goal = record?.goals.find((g) => g.id === goalId);
      if (!record || !goal) return sendProblem(reply, problem(404, notFound));
      const body = request.body;
      const checked = checkGoalForm(
        {
          personId: goal.personId ?? '',
          familyWords: body.familyWords.trim(),
          workerWords: body.workerWords?.trim() ?? '',
          status: body.status,
        },
        record.members.map((m) => m.personId),
      );
      if (!checked.ok) return unprocessable(reply, 'goal', checked.errors);
      const { personId: _fixed, ...changes } = checked.value;
      const outcome = await new PlanService(db, request.access).editGoal(
        familyId,
        goalId,
        body.version,
        changes,
      );
      if (outcome.kind === 'not_found') return sendProblem(reply, problem(404, notFound));
      if (outcome.kind === 'conflict')
        return conflict(reply, outcome.current.version, goalValues(outcome.current));
      return { id: goalId, version: body.version + 1 };
    },
  );

  app.put(
    '/families/:familyId/plan/actions/:actionId',
    {
      schema: {
        tags,
        summary: 'Change an action: what, its goal, who, by when and its status',
        description: 'Send the version you read.',
        params: ActionParams,
        body: ActionChangeSchema,
        response: { 200: SavedSchema, ...responses },
      },
    },
    async (request, reply) => {
      const { familyId, actionId } = request.params;
      const record = await new PlanRepository(db, request.access).read(familyId, {
        audit: false,
        withChoices: true,
      });
      if (!record?.actions.some((a) => a.id === actionId)) return sendProblem(reply, problem(404, notFound));
      const body = request.body;
      const checked = checkActionForm(
        {
          what: body.what.trim(),
          goalId: body.goalId ?? '',
          owner: `${body.ownerKind}:${body.ownerId}`,
          dueOn: partsOfIso(body.dueOn),
          status: body.status,
        },
        record.goals.map((g) => g.id),
      );
      if (!checked.ok) return unprocessable(reply, 'action', checked.errors);
      const outcome = await new PlanService(db, request.access).editAction(
        familyId,
        actionId,
        body.version,
        checked.value,
      );
      if (outcome.kind === 'not_found')
        return unprocessable(reply, 'action', {
          owner: 'Choose a member, worker or organisation of this family’s team',
        });
      if (outcome.kind === 'conflict')
        return conflict(reply, outcome.current.version, actionValues(outcome.current));
      return { id: actionId, version: body.version + 1 };
    },
  );
};
