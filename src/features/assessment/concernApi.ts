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
import { todayInUk } from '../chronology/dateParts.ts';
import { partsOfIso } from '../plan/planForms.ts';
import { checkCarerOffer, checkConcern } from './assessmentForms.ts';
import { AssessmentRepository } from './assessmentRepository.ts';
import {
  AssessmentParams,
  ClosedConcernSchema,
  ConcernChangeBody,
  ConcernParams,
  NewCarerOfferBody,
  NewConcernBody,
  RecordedSchema,
} from './assessmentSchemas.ts';
import { ConcernService } from './concernService.ts';

const notFound = 'There is no family or concern with this id that you may see.';
const carerRoles = ['adult_carer', 'young_carer'];

function unprocessable(reply: FastifyReply, what: string, errors: FieldErrors) {
  return sendProblem(
    reply,
    problem(422, `The ${what} was not recorded: see errors.`, {
      errors: Object.entries(errors).map(([name, detail]) => ({ pointer: `#/${name}`, detail })),
    }),
  );
}

/**
 * Risks and protection concerns, and carers' support offers, for API clients:
 * the same checks, access rule, history, chronology and audit as the pages.
 * A carer's offer is never changed: a later outcome (accepted, declined) is a
 * new record after it, so it has POST only.
 */
export const concernApi: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  const tags = ['Assessment'];
  const service = new ConcernService(db);
  const responses = { ...badRequestProblem, ...authProblems, ...notFoundProblem, ...unprocessableProblem };

  /** The members this token may record about, or undefined when the family is not visible (audited). */
  async function membersOf(
    familyId: string,
    access: Parameters<typeof service.addConcern>[0],
    action: string,
  ) {
    const repository = new AssessmentRepository(db, access);
    if (!(await repository.visibleFamily(familyId, action))) return undefined;
    return repository.members(familyId);
  }

  app.post(
    '/families/:familyId/assessment/concerns',
    {
      schema: {
        tags,
        summary: 'Record a risk or protection concern, with what was done and when',
        description: 'It shows on the family overview while open, and is noted in the chronology.',
        params: AssessmentParams,
        body: NewConcernBody,
        response: { 201: RecordedSchema, ...responses },
      },
    },
    async (request, reply) => {
      const { familyId } = request.params;
      const members = await membersOf(familyId, request.access, 'assessment.concern.add');
      if (!members) return sendProblem(reply, problem(404, notFound));
      const body = request.body;
      const checked = checkConcern(
        {
          kind: body.kind,
          personId: body.personId ?? 'family',
          description: body.description.trim(),
          actionTaken: body.actionTaken.trim(),
          actionOn: partsOfIso(body.actionOn),
        },
        members.map((m) => m.personId),
        todayInUk(new Date()),
      );
      if (!checked.ok) return unprocessable(reply, 'concern', checked.errors);
      const id = await service.addConcern(request.access, familyId, checked.value);
      if (!id) return sendProblem(reply, problem(404, notFound));
      return reply.code(201).send({ id });
    },
  );

  app.put(
    '/families/:familyId/assessment/concerns/:concernId',
    {
      schema: {
        tags,
        summary: 'Close a concern that is open; it stays in the record',
        description:
          'Send the version you read. If someone changed it since, the answer is 409 with what is saved now.',
        params: ConcernParams,
        body: ConcernChangeBody,
        response: { 200: ClosedConcernSchema, ...responses, ...conflictProblemResponse },
      },
    },
    async (request, reply) => {
      const { familyId, concernId } = request.params;
      const today = todayInUk(new Date());
      const closedOn = request.body.closedOn ?? today;
      if (closedOn > today)
        return unprocessable(reply, 'change', {
          closedOn: 'The date it was closed must be today or in the past',
        });
      try {
        const closed = await service.closeConcern(
          request.access,
          familyId,
          concernId,
          request.body.version,
          closedOn,
        );
        if (!closed) return sendProblem(reply, problem(404, notFound));
      } catch (error) {
        if (error instanceof StaleEditError) return sendProblem(reply, conflictProblem(error));
        throw error;
      }
      return { id: concernId, status: 'closed' as const };
    },
  );

  app.post(
    '/families/:familyId/assessment/carer-offers',
    {
      schema: {
        tags,
        summary:
          'Record that an Adult Carer Support Plan or Young Carer Statement was offered, accepted or declined',
        params: AssessmentParams,
        body: NewCarerOfferBody,
        response: { 201: RecordedSchema, ...responses },
      },
    },
    async (request, reply) => {
      const { familyId } = request.params;
      const members = await membersOf(familyId, request.access, 'assessment.carer.record');
      if (!members) return sendProblem(reply, problem(404, notFound));
      const carers = members.filter((m) => m.roles.some((r) => carerRoles.includes(r)));
      const body = request.body;
      const checked = checkCarerOffer(
        {
          personId: body.personId,
          kind: body.kind,
          outcome: body.outcome,
          decidedOn: partsOfIso(body.decidedOn),
          note: body.note?.trim() ?? '',
        },
        carers.map((m) => m.personId),
        todayInUk(new Date()),
      );
      if (!checked.ok) return unprocessable(reply, 'offer', checked.errors);
      const id = await service.recordCarerOffer(request.access, familyId, checked.value);
      if (!id) return sendProblem(reply, problem(404, notFound));
      return reply.code(201).send({ id });
    },
  );
};
