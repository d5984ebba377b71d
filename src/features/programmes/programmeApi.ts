import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import type { Db } from '../../db/client.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import type { FieldErrors } from '../../platform/http/forms.ts';
import { problem, sendProblem } from '../../platform/http/problems.ts';
import { authProblems, badRequestProblem, notFoundProblem, ProblemSchema } from '../api/apiSchemas.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { partsOfIso } from '../plan/planForms.ts';
import { checkEndForm, checkEnrolForm, type EndKind } from './enrolmentForm.ts';
import { EnrolmentRepository, type EnrolmentRow } from './enrolmentRepository.ts';
import { EnrolmentService } from './enrolmentService.ts';
import { ProgrammeRepository } from './programmeRepository.ts';
import {
  CompleteSchema,
  EndEarlySchema,
  EnrolledSchema,
  EnrolmentListSchema,
  EnrolmentParams,
  EnrolmentSchema,
  NewEnrolmentSchema,
  OneEnrolmentParams,
  ProgrammeListSchema,
} from './programmeSchemas.ts';

const notFound = 'There is no family with this id that you may see.';
const tags = ['Structured programmes'];

function invalid(reply: FastifyReply, what: string, errors: FieldErrors) {
  return sendProblem(
    reply,
    problem(400, `The ${what} was not saved: see errors.`, {
      errors: Object.entries(errors).map(([name, detail]) => ({ pointer: `#/body/${name}`, detail })),
    }),
  );
}

function presentEnrolmentBody(row: EnrolmentRow) {
  return {
    id: row.id,
    personId: row.personId,
    programmeId: row.programmeId,
    programmeName: row.programmeName,
    organisationId: row.organisationId,
    workerId: row.workerId,
    groupId: row.groupId,
    enrolledOn: row.enrolledOn,
    status: row.status,
    endedOn: row.endedOn,
    endReason: row.endReason,
    sessionsAttended: row.contactSessions + row.groupSessions,
    sessionsPlanned: row.sessionsPlanned,
  };
}

/** The programme catalogue and members' enrolments for API clients: same access rule, checks and audit as the pages. */
export const programmeApi: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/programmes',
    {
      schema: {
        tags,
        summary:
          'Hearth’s catalogue of programmes and the organisation’s own, with their shape and trained workers',
        response: { 200: ProgrammeListSchema, ...authProblems },
      },
    },
    async (request) => {
      const programmes = new ProgrammeRepository(db, request.access);
      const rows = await programmes.catalogue();
      return {
        programmes: await Promise.all(
          rows.map(async ({ organisationName: _o, trainedHere: _t, ...p }) => ({
            ...p,
            trainedWorkers: (await programmes.workers(p.id))
              .filter((w) => w.trained)
              .map((w) => ({ userId: w.id, name: w.name, trainedOn: w.trainedOn })),
          })),
        ),
      };
    },
  );

  app.get(
    '/families/:familyId/enrolments',
    {
      schema: {
        tags,
        summary: 'A family’s enrolments in programmes, with sessions attended',
        params: EnrolmentParams,
        response: { 200: EnrolmentListSchema, ...badRequestProblem, ...authProblems, ...notFoundProblem },
      },
    },
    async (request, reply) => {
      const rows = await new EnrolmentRepository(db, request.access).forFamily(request.params.familyId);
      if (!rows) return sendProblem(reply, problem(404, notFound));
      return { familyId: request.params.familyId, enrolments: rows.map(presentEnrolmentBody) };
    },
  );

  app.post(
    '/families/:familyId/enrolments',
    {
      schema: {
        tags,
        summary: 'Enrol a member in a programme',
        description:
          'Refused (400) when the member’s date of birth puts them outside the programme’s age range. A worker not recorded as trained is allowed, with a warning.',
        params: EnrolmentParams,
        body: NewEnrolmentSchema,
        response: { 201: EnrolledSchema, ...badRequestProblem, ...authProblems, ...notFoundProblem },
      },
    },
    async (request, reply) => {
      const { familyId } = request.params;
      const body = request.body;
      const service = new EnrolmentService(db, request.access);
      const checked = checkEnrolForm(
        {
          workerId: body.workerId,
          groupId: body.groupId ?? '',
          enrolledOn: partsOfIso(body.enrolledOn),
          confirmUntrained: body.workerId,
        },
        { personId: body.personId, programmeId: body.programmeId },
        // The service checks the worker, group and member against the database.
        {
          workerIds: [body.workerId],
          groupIds: body.groupId ? [body.groupId] : [],
          today: todayInUk(new Date()),
        },
      );
      if (!checked.ok) return invalid(reply, 'enrolment', checked.errors);
      const outcome = await service.enrol(familyId, checked.value);
      if (outcome.kind === 'not_found') return sendProblem(reply, problem(404, notFound));
      if (outcome.kind === 'invalid') return invalid(reply, 'enrolment', outcome.errors);
      if (outcome.kind === 'confirm_untrained') throw new Error('untrained worker was confirmed');
      return reply.code(201).send({
        id: outcome.id,
        warnings: outcome.untrainedWorker
          ? ['The worker is not recorded as trained to deliver this programme.']
          : [],
      });
    },
  );

  const end =
    (kind: EndKind) =>
    async (
      request: { params: { familyId: string; enrolmentId: string }; access: AccessContext },
      reply: FastifyReply,
      body: { endedOn: string; reason: string },
    ) => {
      const { familyId, enrolmentId } = request.params;
      const enrolments = new EnrolmentRepository(db, request.access);
      const row = await enrolments.get(familyId, enrolmentId, { audit: false });
      if (!row || row.organisationId !== request.access.organisationId)
        return sendProblem(reply, problem(404, 'There is no enrolment with this id that you may change.'));
      if (row.status !== 'active')
        return sendProblem(reply, problem(409, 'This enrolment has already been completed or ended.'));
      const checked = checkEndForm({ endedOn: partsOfIso(body.endedOn), reason: body.reason.trim() }, kind, {
        enrolledOn: row.enrolledOn,
        today: todayInUk(new Date()),
      });
      if (!checked.ok)
        return invalid(
          reply,
          'change',
          Object.fromEntries(
            Object.entries(checked.errors).map(([k, v]) => [
              k === 'endedOn' && kind === 'completed' ? 'completedOn' : k,
              v,
            ]),
          ),
        );
      const outcome = await new EnrolmentService(db, request.access).end(
        familyId,
        enrolmentId,
        checked.value,
      );
      if (outcome.kind === 'not_active')
        return sendProblem(reply, problem(409, 'This enrolment has already been completed or ended.'));
      if (outcome.kind === 'not_found')
        return sendProblem(reply, problem(404, 'There is no enrolment with this id that you may change.'));
      const updated = await enrolments.get(familyId, enrolmentId, { audit: false });
      return presentEnrolmentBody(updated as EnrolmentRow);
    };

  const conflict = {
    409: {
      description: 'The enrolment has already been completed or ended.',
      content: { 'application/problem+json': { schema: ProblemSchema } },
    },
  };
  app.post(
    '/families/:familyId/enrolments/:enrolmentId/complete',
    {
      schema: {
        tags,
        summary: 'Record that a member completed a programme',
        params: OneEnrolmentParams,
        body: CompleteSchema,
        response: {
          200: EnrolmentSchema,
          ...badRequestProblem,
          ...authProblems,
          ...notFoundProblem,
          ...conflict,
        },
      },
    },
    (request, reply) => end('completed')(request, reply, { endedOn: request.body.completedOn, reason: '' }),
  );

  app.post(
    '/families/:familyId/enrolments/:enrolmentId/end-early',
    {
      schema: {
        tags,
        summary: 'End a member’s programme early, with the reason',
        params: OneEnrolmentParams,
        body: EndEarlySchema,
        response: {
          200: EnrolmentSchema,
          ...badRequestProblem,
          ...authProblems,
          ...notFoundProblem,
          ...conflict,
        },
      },
    },
    (request, reply) => end('ended_early')(request, reply, request.body),
  );
};
