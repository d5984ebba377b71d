import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import type { Db } from '../../db/client.ts';
import type { FieldErrors } from '../../platform/http/forms.ts';
import { problem, sendProblem } from '../../platform/http/problems.ts';
import { authProblems, badRequestProblem, notFoundProblem, ProblemSchema } from '../api/apiSchemas.ts';
import { memberBody } from './memberApiPresenter.ts';
import { validateLeaveForm, validateSupportForm } from './memberChangeForms.ts';
import { MemberChangeService } from './memberChangeService.ts';
import { MemberRepository } from './memberRepository.ts';
import { MemberParams, MemberSchema } from './memberSchemas.ts';
import { mergePeople } from './mergeService.ts';

const notVisible = 'There is no family or member with this id that you may see.';

const SupportChangeSchema = Type.Object(
  {
    status: Type.Union([
      Type.Literal('not_started'),
      Type.Literal('being_supported'),
      Type.Literal('closed'),
    ]),
    closedReason: Type.Optional(
      Type.Union([Type.String({ maxLength: 500 }), Type.Null()], { description: 'Needed when closing.' }),
    ),
    workerId: Type.Optional(
      Type.Union([Type.String({ format: 'uuid' }), Type.Null()], {
        description: 'Their worker: an active user of your organisation.',
      }),
    ),
    confidential: Type.Optional(
      Type.Boolean({ description: 'Keep this support confidential to your organisation.' }),
    ),
  },
  { additionalProperties: false },
);

const LeaveSchema = Type.Object(
  {
    endedOn: Type.String({ format: 'date', description: 'The day they left: not in the future.' }),
    reason: Type.String({ minLength: 1, maxLength: 500 }),
    toFamilyId: Type.Optional(
      Type.String({
        format: 'uuid',
        description: 'A family you may see that they move to, joining it on the same day.',
      }),
    ),
  },
  { additionalProperties: false },
);

const LeftSchema = Type.Object({
  personId: Type.String({ format: 'uuid' }),
  leftFamilyId: Type.String({ format: 'uuid' }),
  endedOn: Type.String({ format: 'date' }),
  movedTo: Type.Union([MemberSchema, Type.Null()], { description: 'Their membership of the new family.' }),
});

const MergeSchema = Type.Object(
  { duplicateId: Type.String({ format: 'uuid', description: 'The other record of the same person.' }) },
  { additionalProperties: false },
);

const MergedSchema = Type.Object({
  keptPersonId: Type.String({ format: 'uuid' }),
  mergedPersonId: Type.String({ format: 'uuid' }),
});

function unprocessable(reply: FastifyReply, title: string, errors: FieldErrors) {
  return sendProblem(
    reply,
    problem(422, title, {
      errors: Object.entries(errors).map(([name, detail]) => ({ pointer: `#/${name}`, detail })),
    }),
  );
}

/**
 * A member's own support, leaving or moving family, and merging two records
 * of one person, for API clients: the same checks, access rule, history,
 * chronology and audit as the pages.
 */
export const memberChangeApi: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  const tags = ['Members'];
  const service = new MemberChangeService(db);
  const errorResponses = { ...badRequestProblem, ...authProblems, ...notFoundProblem };
  const rules = {
    422: {
      description: 'The change breaks a rule; `errors` points at each field.',
      content: { 'application/problem+json': { schema: ProblemSchema } },
    },
  };

  app.put(
    '/families/:familyId/members/:personId/support',
    {
      schema: {
        tags,
        summary: 'Set the member’s own support with your organisation: status, worker, confidentiality',
        params: MemberParams,
        body: SupportChangeSchema,
        response: { 200: MemberSchema, ...errorResponses, ...rules },
      },
    },
    async (request, reply) => {
      const { familyId, personId } = request.params;
      const body = request.body;
      const result = validateSupportForm({
        status: body.status,
        closedReason: body.closedReason ?? '',
        workerId: body.workerId ?? '',
        confidential: body.confidential ?? false,
      });
      if (!result.ok) return unprocessable(reply, 'The support cannot be saved as sent.', result.errors);
      const outcome = await service.updateSupport(request.access, familyId, personId, result.input);
      if (outcome === 'not-found') return sendProblem(reply, problem(404, notVisible));
      if (outcome === 'bad-worker')
        return unprocessable(reply, 'The support cannot be saved as sent.', {
          workerId: 'is not an active user of your organisation',
        });
      const detail = await new MemberRepository(db, request.access).get(familyId, personId);
      if (!detail) return sendProblem(reply, problem(404, notVisible));
      return memberBody(detail);
    },
  );

  app.post(
    '/families/:familyId/members/:personId/leave',
    {
      schema: {
        tags,
        summary: 'The member leaves the family, or moves to another family you may see',
        description: 'The membership ends on the day given and stays in the record’s history.',
        params: MemberParams,
        body: LeaveSchema,
        response: { 200: LeftSchema, ...errorResponses, ...rules },
      },
    },
    async (request, reply) => {
      const { familyId, personId } = request.params;
      const members = new MemberRepository(db, request.access);
      const detail = await members.get(familyId, personId);
      if (!detail) return sendProblem(reply, problem(404, notVisible));
      const [year = '', month = '', day = ''] = request.body.endedOn.split('-');
      const toFamilyId = request.body.toFamilyId ?? '';
      const moving = toFamilyId !== '';
      const result = validateLeaveForm(
        { day, month, year, reason: request.body.reason.trim(), toFamilyId },
        { startedOn: detail.membership.startedOn, today: new Date(), moving },
      );
      if (!result.ok) {
        const { endedOn, ...rest } = result.errors;
        return unprocessable(reply, 'The member cannot leave as sent.', {
          ...(endedOn ? { endedOn } : {}),
          ...rest,
        });
      }
      const outcome = moving
        ? await service.move(request.access, familyId, personId, {
            toFamilyId,
            movedOn: result.endedOn,
            reason: result.reason,
          })
        : await service.leave(request.access, familyId, personId, {
            endedOn: result.endedOn,
            reason: result.reason,
          });
      if (outcome === 'same-family')
        return unprocessable(reply, 'The member cannot move as sent.', {
          toFamilyId: 'is this family, or one they are already a member of',
        });
      if (outcome !== 'done') return sendProblem(reply, problem(404, notVisible));
      const movedTo = moving ? await members.get(toFamilyId, personId) : undefined;
      return {
        personId,
        leftFamilyId: familyId,
        endedOn: result.endedOn,
        movedTo: movedTo ? memberBody(movedTo) : null,
      };
    },
  );

  app.post(
    '/people/:personId/merge',
    {
      schema: {
        tags,
        summary: 'Merge a duplicate record into this person’s record (team leads only)',
        description:
          'Everything that belonged to the duplicate moves to this record, which keeps its own details and ' +
          'takes the duplicate’s where it has none. The duplicate stays, marked merged, with its history.',
        params: Type.Object({ personId: Type.String({ format: 'uuid' }) }),
        body: MergeSchema,
        response: { 200: MergedSchema, ...errorResponses, ...rules },
      },
    },
    async (request, reply) => {
      const { personId } = request.params;
      const { duplicateId } = request.body;
      const outcome = await mergePeople(db, request.access, personId, duplicateId);
      if (outcome === 'same-person')
        return unprocessable(reply, 'The records cannot be merged as sent.', {
          duplicateId: 'is the same record as the one kept',
        });
      if (outcome !== 'merged')
        return sendProblem(
          reply,
          problem(404, 'There is no pair of records with these ids that you may merge.'),
        );
      return { keptPersonId: personId, mergedPersonId: duplicateId };
    },
  );
};
