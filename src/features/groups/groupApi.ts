import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/client.ts';
import { problem, sendProblem } from '../../platform/http/problems.ts';
import { authProblems, badRequestProblem, notFoundProblem } from '../api/apiSchemas.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { partsOfIso } from '../plan/planForms.ts';
import { GroupRepository } from './groupRepository.ts';
import {
  CreatedSessionSchema,
  GroupListSchema,
  GroupParams,
  NewSessionSchema,
  SessionListSchema,
} from './groupSchemas.ts';
import { checkSessionForm } from './sessionForm.ts';
import { SessionRepository } from './sessionRepository.ts';

const notFound = 'There is no group with this id that you may see.';

/** Groups and their registers for API clients: the same organisation rule, checks and audit as the pages. */
export const groupApi: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/groups',
    {
      schema: {
        tags: ['Groups'],
        summary: 'The groups your organisation runs, with their facilitators',
        response: { 200: GroupListSchema, ...authProblems },
      },
    },
    async (request) => {
      const groups = await new GroupRepository(db, request.access).list();
      return {
        groups: groups.map((g) => ({
          id: g.id,
          name: g.name,
          kind: g.kind,
          programmeId: g.programmeId,
          forWhom: g.forWhom,
          location: g.location,
          meets: g.meets,
          weekday: g.weekday,
          capacity: g.capacity,
          attendance: g.attendance,
          active: g.active,
          facilitators: g.facilitators,
        })),
      };
    },
  );

  app.get(
    '/groups/:groupId/sessions',
    {
      schema: {
        tags: ['Groups'],
        summary: 'A group’s latest 50 sessions with their registers, newest first',
        params: GroupParams,
        response: { 200: SessionListSchema, ...badRequestProblem, ...authProblems, ...notFoundProblem },
      },
    },
    async (request, reply) => {
      const group = await new GroupRepository(db, request.access).get(request.params.groupId);
      if (!group) return sendProblem(reply, problem(404, notFound));
      const repository = new SessionRepository(db, request.access);
      const summaries = await repository.listForGroup(group.id);
      const sessions = [];
      for (const summary of summaries.slice(0, 50)) {
        const s = await repository.read(group, summary.id);
        if (!s) continue;
        sessions.push({
          id: s.id,
          heldOn: s.heldOn,
          startsAt: s.startsAt,
          topic: s.topic,
          notes: s.notes,
          attendees: s.members.map((m) => ({ personId: m.personId, familyId: m.familyId })),
          hiddenMembers: s.hiddenMembers,
          firstNames: s.firstNameList,
          anonymousCount: s.anonymousCount,
          total: s.total,
          overCapacity: s.overCapacity,
        });
      }
      return { sessions };
    },
  );

  app.post(
    '/groups/:groupId/sessions',
    {
      schema: {
        tags: ['Groups'],
        summary: 'Record a session and its register; over capacity is saved and flagged',
        params: GroupParams,
        body: NewSessionSchema,
        response: { 201: CreatedSessionSchema, ...badRequestProblem, ...authProblems, ...notFoundProblem },
      },
    },
    async (request, reply) => {
      const group = await new GroupRepository(db, request.access).get(request.params.groupId);
      if (!group) return sendProblem(reply, problem(404, notFound));
      const body = request.body;
      const checked = checkSessionForm(
        {
          heldOn: partsOfIso(body.heldOn),
          startsAt: body.startsAt?.trim() ?? '',
          topic: body.topic?.trim() ?? '',
          notes: body.notes?.trim() ?? '',
          attendees: body.attendees.map((a) => `${a.familyId}:${a.personId}`),
          firstNames: (body.firstNames ?? []).join('\n'),
          anonymousCount: body.anonymousCount ? String(body.anonymousCount) : '',
          find: '',
          finding: false,
        },
        { attendance: group.attendance, capacity: group.capacity, today: todayInUk(new Date()) },
      );
      if (!checked.ok)
        return sendProblem(
          reply,
          problem(400, 'The session was not saved: see errors.', {
            errors: Object.entries(checked.errors).map(([name, detail]) => ({
              pointer: `#/body/${name}`,
              detail,
            })),
          }),
        );
      const created = await new SessionRepository(db, request.access).add(group.id, checked.value);
      if (!created)
        return sendProblem(
          reply,
          problem(404, 'A member on the register is not one you may see, or the group is not.'),
        );
      return reply
        .code(201)
        .send({ id: created.id, total: checked.value.total, overCapacity: checked.value.overCapacity });
    },
  );
};
