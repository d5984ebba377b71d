import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/client.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { problem, sendProblem } from '../../platform/http/problems.ts';
import { authProblems, badRequestProblem, notFoundProblem } from '../api/apiSchemas.ts';
import type { ContactInput } from './contactForm.ts';
import { ContactRepository, type ContactRow } from './contactRepository.ts';
import {
  ContactListSchema,
  ContactParams,
  ContactQuery,
  CreatedSchema,
  type NewContactBody,
  NewContactSchema,
} from './contactSchemas.ts';
import { ContactService } from './contactService.ts';
import type { ContactTopic } from './contactTopics.ts';

const notFound = 'There is no family with this id that you may see.';
/** The most contacts one answer holds, newest first. */
const apiLimit = 500;

const iso = (value: Date | string) => new Date(value).toISOString();

export function presentContactBody(row: ContactRow) {
  return {
    id: row.id,
    occurredAt: iso(row.occurredAt),
    kind: row.kind,
    jointOrganisation: row.jointOrganisationName,
    channel: row.channel,
    durationMinutes: row.durationMinutes,
    outcome: row.outcome,
    memberIds: row.members.map((m) => m.personId),
    organisation: row.organisationName,
    worker: row.workerName,
    confidential: row.confidential,
    significant: row.significant,
    enrolmentId: row.enrolmentId,
    detailsVisible: row.detailsVisible,
    topics: row.topics as ContactTopic[] | null,
    notes: row.notes,
    followUp: row.followUp,
  };
}

export function inputOfBody(body: NewContactBody): ContactInput {
  return {
    occurredAt: new Date(body.occurredAt),
    memberIds: [...new Set(body.memberIds)],
    kind: body.kind,
    jointOrganisationId: body.kind === 'joint_agency' ? (body.jointOrganisationId ?? null) : null,
    channel: body.channel,
    durationMinutes: body.durationMinutes ?? null,
    topics: body.topics ?? [],
    notes: body.notes?.trim() || null,
    followUp: body.followUp?.trim() || null,
    outcome: body.outcome,
    confidential: body.confidential ?? false,
    significant: body.significant ?? false,
    enrolmentId: body.enrolmentId ?? null,
  };
}

/** A family's contacts for API clients: the list and recording one; the same rules, access and audit as the pages. */
export const contactApi: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/families/:familyId/contacts',
    {
      schema: {
        tags: ['Contacts'],
        summary: 'A family’s contacts, newest first, optionally with one member',
        params: ContactParams,
        querystring: ContactQuery,
        response: { 200: ContactListSchema, ...badRequestProblem, ...authProblems, ...notFoundProblem },
      },
    },
    async (request, reply) => {
      const { familyId } = request.params;
      const contacts = new ContactRepository(db, request.access);
      if (!(await contacts.visibleFamily(familyId, 'contact.read')))
        return sendProblem(reply, problem(404, notFound));
      const members = await contacts.members(familyId);
      const member = request.query.member;
      if (member && !members.some((m) => m.personId === member))
        return sendProblem(
          reply,
          problem(404, 'There is no member with this id in the family that you may see.'),
        );
      const rows = await contacts.list(familyId, {
        ...(member ? { personId: member } : {}),
        limit: apiLimit,
      });
      await recordAudit(db, request.access, {
        action: 'contact.read',
        recordType: 'family',
        recordId: familyId,
        familyId,
        detail: { shown: rows.length, filtered: Boolean(member) },
      });
      const last = await contacts.lastAttended(familyId);
      return {
        familyId,
        lastContactAt: last ? iso(last) : null,
        contacts: rows.map(presentContactBody),
      };
    },
  );

  app.post(
    '/families/:familyId/contacts',
    {
      schema: {
        tags: ['Contacts'],
        summary: 'Record a contact with one or several members of a family',
        params: ContactParams,
        body: NewContactSchema,
        response: { 201: CreatedSchema, ...badRequestProblem, ...authProblems, ...notFoundProblem },
      },
    },
    async (request, reply) => {
      const outcome = await new ContactService(db, request.access).record(
        request.params.familyId,
        inputOfBody(request.body),
        new Date(),
        request.body.workerId,
      );
      if (!outcome) return sendProblem(reply, problem(404, notFound));
      if (!outcome.ok)
        return sendProblem(
          reply,
          problem(400, 'The contact was not recorded: see errors.', {
            errors: Object.entries(outcome.errors).map(([name, detail]) => ({
              pointer: `#/body/${name === 'members' ? 'memberIds' : name}`,
              detail,
            })),
          }),
        );
      return reply.code(201).send({ id: outcome.id });
    },
  );
};
