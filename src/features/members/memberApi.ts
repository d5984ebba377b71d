import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import type { Db } from '../../db/client.ts';
import type { FieldErrors } from '../../platform/http/forms.ts';
import { problem, sendProblem } from '../../platform/http/problems.ts';
import { authProblems, badRequestProblem, notFoundProblem, ProblemSchema } from '../api/apiSchemas.ts';
import { FamilyParams } from '../families/familySchemas.ts';
import { errorPointers, formFromBody, memberBody, memberSummaryBody } from './memberApiPresenter.ts';
import { memberFormFrom, validateMemberForm } from './memberForm.ts';
import { MemberRepository } from './memberRepository.ts';
import {
  AddMemberSchema,
  MemberListSchema,
  MemberParams,
  MemberPatchSchema,
  MemberSchema,
  StartedFamilySchema,
  StartFamilySchema,
} from './memberSchemas.ts';
import { MemberService } from './memberService.ts';

const notVisible = 'There is no family or member with this id that you may see.';

function rejected(reply: FastifyReply, errors: FieldErrors, prefix = '#/') {
  return sendProblem(
    reply,
    problem(422, 'The member’s details cannot be saved as sent.', { errors: errorPointers(errors, prefix) }),
  );
}

/** Starting families and their members, for API clients: the same checks, access rule, history and audit as the pages. */
export const memberApi: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  const tags = ['Members'];
  const service = new MemberService(db);
  const errorResponses = { ...badRequestProblem, ...authProblems, ...notFoundProblem };
  const unprocessable = {
    422: {
      description:
        'The details break a rule (an impossible date, a bad email…); `errors` points at each field.',
      content: { 'application/problem+json': { schema: ProblemSchema } },
    },
  };

  const alreadyMember = {
    409: {
      description: 'The person is already a current member of this family.',
      content: { 'application/problem+json': { schema: ProblemSchema } },
    },
  };

  app.post(
    '/families',
    {
      schema: {
        tags: ['Families'],
        summary: 'Start a family record from whoever came first',
        description:
          'Your organisation joins the family’s team, and the first member’s support with you is not started yet.',
        body: StartFamilySchema,
        response: { 201: StartedFamilySchema, ...badRequestProblem, ...authProblems, ...unprocessable },
      },
    },
    async (request, reply) => {
      const { name, localityId = null, firstMember } = request.body;
      const result = validateMemberForm(formFromBody(firstMember), new Date());
      const localities = await service.localities(request.access);
      const errors: FieldErrors = result.ok ? {} : { ...result.errors };
      if (localityId && !localities.some((l) => l.id === localityId))
        errors.localityId = 'is not a locality of your area';
      if (!result.ok || Object.keys(errors).length > 0) {
        const { localityId: localityError, ...memberErrors } = errors;
        return sendProblem(
          reply,
          problem(422, 'The family cannot be started as sent.', {
            errors: [
              ...(localityError ? [{ pointer: '#/localityId', detail: localityError }] : []),
              ...errorPointers(memberErrors, '#/firstMember/'),
            ],
          }),
        );
      }
      const started = await service.startFamily(request.access, {
        name: name.trim(),
        localityId,
        details: result.details,
      });
      return reply
        .code(201)
        .send({ id: started.familyId, reference: started.reference, personId: started.personId });
    },
  );

  app.get(
    '/families/:familyId/members',
    {
      schema: {
        tags,
        summary: 'The family’s current members that you may see',
        params: FamilyParams,
        response: { 200: MemberListSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const members = new MemberRepository(db, request.access);
      const { familyId } = request.params;
      if (!(await members.family(familyId))) return sendProblem(reply, problem(404, notVisible));
      const cards = await members.cardsForFamily(familyId);
      return { familyId, members: cards.map(memberSummaryBody) };
    },
  );

  app.post(
    '/families/:familyId/members',
    {
      schema: {
        tags,
        summary: 'Add a member: someone new, or someone you already see in another family',
        params: FamilyParams,
        body: AddMemberSchema,
        response: { 201: MemberSchema, ...errorResponses, ...unprocessable, ...alreadyMember },
      },
    },
    async (request, reply) => {
      const { familyId } = request.params;
      const body = request.body;
      const result = validateMemberForm(
        formFromBody('existingPersonId' in body ? { ...body, givenName: 'existing' } : body),
        new Date(),
      );
      if (!result.ok) return rejected(reply, result.errors);
      const added =
        'existingPersonId' in body
          ? await service.addExistingPerson(
              request.access,
              familyId,
              body.existingPersonId,
              result.details.membership,
            )
          : await service.addNewMember(request.access, familyId, result.details);
      if (added.outcome === 'already-member')
        return sendProblem(reply, problem(409, 'This person is already a current member of the family.'));
      if (added.outcome === 'not-found') return sendProblem(reply, problem(404, notVisible));
      const detail = await new MemberRepository(db, request.access).get(familyId, added.personId);
      if (!detail) return sendProblem(reply, problem(404, notVisible));
      return reply.code(201).send(memberBody(detail));
    },
  );

  app.get(
    '/families/:familyId/members/:personId',
    {
      schema: {
        tags,
        summary: 'One member: their details, place in the family and the support you may see',
        params: MemberParams,
        response: { 200: MemberSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const detail = await new MemberRepository(db, request.access).get(
        request.params.familyId,
        request.params.personId,
      );
      if (!detail) return sendProblem(reply, problem(404, notVisible));
      return memberBody(detail);
    },
  );

  app.patch(
    '/families/:familyId/members/:personId',
    {
      schema: {
        tags,
        summary: 'Change a member’s details; the old and new values are kept as history',
        params: MemberParams,
        body: MemberPatchSchema,
        response: { 200: MemberSchema, ...errorResponses, ...unprocessable },
      },
    },
    async (request, reply) => {
      const { familyId, personId } = request.params;
      const members = new MemberRepository(db, request.access);
      const detail = await members.get(familyId, personId);
      if (!detail) return sendProblem(reply, problem(404, notVisible));
      const form = formFromBody(
        request.body,
        memberFormFrom({ person: detail.person, membership: detail.membership }),
      );
      if (!detail.person.addressShown)
        Object.assign(form, { address: '', postcode: '', addressWithheld: false });
      const result = validateMemberForm(form, new Date());
      if (!result.ok) return rejected(reply, result.errors);
      const saved = await service.amend(request.access, familyId, personId, result.details, {
        addressShown: detail.person.addressShown,
      });
      const after = saved ? await members.get(familyId, personId) : undefined;
      if (!after) return sendProblem(reply, problem(404, notVisible));
      return memberBody(after);
    },
  );
};
