import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/client.ts';
import { problem, sendProblem } from '../../platform/http/problems.ts';
import { authProblems, badRequestProblem, notFoundProblem } from '../api/apiSchemas.ts';
import { type ChronologyForm, checkChronologyForm } from './chronologyForm.ts';
import { type ChronologyItem, ChronologyRepository } from './chronologyRepository.ts';
import {
  ChronologyListSchema,
  ChronologyParams,
  ChronologyQuery,
  CreatedSchema,
  type NewChronologyEntryBody,
  NewChronologyEntrySchema,
} from './chronologySchemas.ts';
import { type DateParts, todayInUk } from './dateParts.ts';

const notFound = 'There is no family with this id that you may see.';

function parts(value: string | null | undefined): DateParts {
  const [year = '', month = '', day = ''] = (value ?? '').split('-');
  return { day, month, year };
}

/** The API body as the form would have it, so both are checked by the same rules. */
export function formOfBody(body: NewChronologyEntryBody): ChronologyForm {
  return {
    personId: body.personId ?? '',
    kind: body.kind,
    occurredOn: parts(body.occurredOn),
    occurredUntil: parts(body.occurredUntil),
    what: body.what.trim(),
    source: body.source?.trim() ?? '',
    impact: body.impact,
    actionTaken: body.actionTaken?.trim() ?? '',
    organisationOnly: body.organisationOnly ?? false,
  };
}

export function presentEntryBody(item: ChronologyItem) {
  return {
    id: item.id,
    personId: item.personId,
    occurredOn: item.occurredOn,
    occurredUntil: item.occurredUntil,
    datePrecision: item.datePrecision,
    kind: item.kind,
    what: item.what,
    source: item.source,
    impact: item.impact,
    actionTaken: item.actionTaken,
    automatic: item.automatic,
    organisationOnly: item.organisationOnly,
    recordedBy: item.automatic
      ? 'Hearth'
      : [item.recordedByName, item.organisationName].filter(Boolean).join(', ') || null,
  };
}

/** A family's chronology for API clients: read with filters, and add an entry; same access rule and audit as the pages. */
export const chronologyApi: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/families/:familyId/chronology',
    {
      schema: {
        tags: ['Chronology'],
        summary: 'A family’s chronology, newest first, filtered by member, impact or kind',
        params: ChronologyParams,
        querystring: ChronologyQuery,
        response: { 200: ChronologyListSchema, ...badRequestProblem, ...authProblems, ...notFoundProblem },
      },
    },
    async (request, reply) => {
      const { member, impact, kind } = request.query;
      const result = await new ChronologyRepository(db, request.access).list(request.params.familyId, {
        personId: member,
        impact,
        kind,
      });
      if (!result) return sendProblem(reply, problem(404, notFound));
      return { familyId: result.family.id, entries: result.entries.map(presentEntryBody) };
    },
  );

  app.post(
    '/families/:familyId/chronology',
    {
      schema: {
        tags: ['Chronology'],
        summary: 'Add an entry to a family’s chronology',
        params: ChronologyParams,
        body: NewChronologyEntrySchema,
        response: { 201: CreatedSchema, ...badRequestProblem, ...authProblems, ...notFoundProblem },
      },
    },
    async (request, reply) => {
      const { familyId } = request.params;
      const repository = new ChronologyRepository(db, request.access);
      if (!(await repository.visibleFamily(familyId, 'chronology.add')))
        return sendProblem(reply, problem(404, notFound));
      const members = await repository.members(familyId);
      const checked = checkChronologyForm(formOfBody(request.body), {
        memberIds: members.map((m) => m.personId),
        today: todayInUk(new Date()),
      });
      if (!checked.ok)
        return sendProblem(
          reply,
          problem(400, 'The entry was not added: see errors.', {
            errors: Object.entries(checked.errors).map(([name, detail]) => ({
              pointer: `#/body/${name}`,
              detail,
            })),
          }),
        );
      const created = await repository.add(familyId, checked.entry);
      if (!created) return sendProblem(reply, problem(404, notFound));
      return reply.code(201).send(created);
    },
  );
};
