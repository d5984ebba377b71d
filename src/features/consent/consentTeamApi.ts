import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import type { Db } from '../../db/client.ts';
import { problem, sendProblem } from '../../platform/http/problems.ts';
import { authProblems, badRequestProblem, notFoundProblem } from '../api/apiSchemas.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { handOverLead } from '../team/leadHandover.ts';
import { TeamRepository } from '../team/teamRepository.ts';
import { type TeamWriteResult, TeamWrites } from '../team/teamWrites.ts';
import { memberName } from './consentPresenter.ts';
import { ConsentRepository } from './consentRepository.ts';
import {
  ConsentBody,
  ConsentListSchema,
  ConsentSavedSchema,
  CreatedSchema,
  FamilyIdParams,
  HandoverBody,
  JoinBody,
  LeaveBody,
  LeaveParams,
  TeamSchema,
  WithdrawBody,
} from './consentTeamSchemas.ts';

const notFoundText = 'There is no family, member or team record with this id that you may see.';
const pointers: Record<string, string> = {
  organisation: '#/body/organisationId',
  members: '#/body/memberIds',
  user: '#/body/userId',
  person: '#/body/personId',
  leftOn: '#/body/leftOn',
  startedOn: '#/body/startedOn',
};

function invalid(reply: FastifyReply, pointer: string, detail: string) {
  return sendProblem(reply, problem(400, detail, { errors: [{ pointer, detail }] }));
}

function answer(reply: FastifyReply, result: TeamWriteResult) {
  if (result.ok) return reply.code(201).send({ id: result.id });
  if (result.reason === 'not_found') return sendProblem(reply, problem(404, notFoundText));
  return invalid(reply, pointers[result.field] ?? '#/body', result.message);
}

const writeResponses = { 201: CreatedSchema, ...badRequestProblem, ...authProblems, ...notFoundProblem };

/** Consent to share and the team around the family, for API clients; same access rules and audit as the pages. */
export const consentTeamApi: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/families/:familyId/consent',
    {
      schema: {
        tags: ['Consent'],
        summary: 'Each member’s consent to share with each organisation on the team',
        params: FamilyIdParams,
        response: { 200: ConsentListSchema, ...badRequestProblem, ...authProblems, ...notFoundProblem },
      },
    },
    async (request, reply) => {
      const summary = await new ConsentRepository(db, request.access).summaryForFamily(
        request.params.familyId,
      );
      if (!summary) return sendProblem(reply, problem(404, notFoundText));
      return {
        members: summary.map((m) => ({
          personId: m.personId,
          name: memberName(m),
          reviewDue: m.reviewDue,
          consents: m.consents.map((c) => ({
            organisationId: c.organisationId,
            organisationName: c.organisationName,
            state: c.state,
            supports: c.supports,
            scope: c.scope,
            method: c.method,
            ownView: c.ownView,
            recordedAt: c.recordedAt?.toISOString() ?? null,
            reviewOn: c.reviewOn,
            reviewDue: c.reviewDue,
            withdrawnAt: c.withdrawnAt?.toISOString() ?? null,
          })),
        })),
      };
    },
  );

  app.post(
    '/families/:familyId/consent',
    {
      schema: {
        tags: ['Consent'],
        summary: 'Record or update a member’s consent to share with an organisation on the team',
        params: FamilyIdParams,
        body: ConsentBody,
        response: { 200: ConsentSavedSchema, ...badRequestProblem, ...authProblems, ...notFoundProblem },
      },
    },
    async (request, reply) => {
      const body = request.body;
      if (body.status === 'given' && !body.method)
        return invalid(reply, '#/body/method', 'Say how they gave consent: verbal or written.');
      if (body.reviewOn && body.reviewOn < todayInUk(new Date()))
        return invalid(reply, '#/body/reviewOn', 'The review date must be today or in the future.');
      const saved = await new ConsentRepository(db, request.access).record(request.params.familyId, {
        personId: body.personId,
        organisationId: body.organisationId,
        status: body.status,
        scope: body.scope.trim(),
        method: body.method ?? null,
        ownView: body.ownView?.trim() || null,
        reviewOn: body.reviewOn ?? null,
      });
      if (!saved.ok) return sendProblem(reply, problem(404, notFoundText));
      return { id: saved.consentId, action: saved.action };
    },
  );

  app.post(
    '/families/:familyId/consent/withdraw',
    {
      schema: {
        tags: ['Consent'],
        summary: 'Withdraw a member’s consent to share with an organisation; takes effect at once',
        params: FamilyIdParams,
        body: WithdrawBody,
        response: { 200: ConsentSavedSchema, ...badRequestProblem, ...authProblems, ...notFoundProblem },
      },
    },
    async (request, reply) => {
      const { personId, organisationId } = request.body;
      const saved = await new ConsentRepository(db, request.access).withdraw(
        request.params.familyId,
        personId,
        organisationId,
      );
      if (!saved.ok) return sendProblem(reply, problem(404, notFoundText));
      return { id: saved.consentId, action: saved.action };
    },
  );

  app.get(
    '/families/:familyId/team',
    {
      schema: {
        tags: ['Team'],
        summary: 'The team around the family: organisations, named workers, lead professional',
        params: FamilyIdParams,
        response: { 200: TeamSchema, ...badRequestProblem, ...authProblems, ...notFoundProblem },
      },
    },
    async (request, reply) => {
      const team = await new TeamRepository(db, request.access).forFamily(request.params.familyId);
      if (!team) return sendProblem(reply, problem(404, notFoundText));
      const { organisations, workers, lead, leadHistory } = team;
      const spell = (l: NonNullable<typeof lead>) => ({
        userId: l.userId,
        name: l.name,
        organisationId: l.organisationId,
        organisationName: l.organisationName,
        startedOn: l.startedOn,
        endedOn: l.endedOn,
        handoverNote: l.handoverNote,
        handedOverByName: l.handedOverByName,
      });
      return {
        organisations,
        // A member this token may not see is not named, not even by id.
        workers: workers.map(({ personName, ...w }) => ({
          ...w,
          personId: personName ? w.personId : null,
          forOneMember: w.personId !== null,
        })),
        lead: lead ? spell(lead) : null,
        leadHistory: leadHistory.map(spell),
      };
    },
  );

  app.post(
    '/families/:familyId/team',
    {
      schema: {
        tags: ['Team'],
        summary:
          'Invite an organisation of the partnership area onto the team, to work with the members named',
        params: FamilyIdParams,
        body: JoinBody,
        response: writeResponses,
      },
    },
    async (request, reply) => {
      const body = request.body;
      const joinedOn = body.joinedOn ?? todayInUk(new Date());
      if (joinedOn > todayInUk(new Date()))
        return invalid(reply, '#/body/joinedOn', 'The date they joined must be today or in the past.');
      const result = await new TeamWrites(db, request.access).join(request.params.familyId, {
        organisationId: body.organisationId,
        memberIds: body.memberIds,
        role: body.role?.trim() || null,
        contact: body.contact?.trim() || null,
        joinedOn,
      });
      return answer(reply, result);
    },
  );

  app.post(
    '/families/:familyId/team/:teamMemberId/leave',
    {
      schema: {
        tags: ['Team'],
        summary: 'Record that an organisation left the team; its access ends at once',
        params: LeaveParams,
        body: LeaveBody,
        response: writeResponses,
      },
    },
    async (request, reply) => {
      const leftOn = request.body.leftOn ?? todayInUk(new Date());
      if (leftOn > todayInUk(new Date()))
        return invalid(reply, '#/body/leftOn', 'The date they left must be today or in the past.');
      const { familyId, teamMemberId } = request.params;
      return answer(reply, await new TeamWrites(db, request.access).leave(familyId, teamMemberId, leftOn));
    },
  );

  app.post(
    '/families/:familyId/lead-professional',
    {
      schema: {
        tags: ['Team'],
        summary: 'Hand the lead professional role to a worker of an organisation on the team',
        params: FamilyIdParams,
        body: HandoverBody,
        response: writeResponses,
      },
    },
    async (request, reply) => {
      const body = request.body;
      const startedOn = body.startedOn ?? todayInUk(new Date());
      if (startedOn > todayInUk(new Date()))
        return invalid(reply, '#/body/startedOn', 'The hand-over date must be today or in the past.');
      const result = await handOverLead(db, request.access, request.params.familyId, {
        userId: body.userId,
        handoverNote: body.handoverNote.trim(),
        startedOn,
      });
      return answer(reply, result);
    },
  );
};
