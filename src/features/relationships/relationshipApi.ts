import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import type { Db } from '../../db/client.ts';
import type { FieldErrors } from '../../platform/http/forms.ts';
import { problem, sendProblem } from '../../platform/http/problems.ts';
import { authProblems, badRequestProblem, notFoundProblem, ProblemSchema } from '../api/apiSchemas.ts';
import { FamilyParams } from '../families/familySchemas.ts';
import { relationshipSentences } from './familyMapPresenter.ts';
import type { RelatedMember, RelationshipRow } from './relationshipRepository.ts';
import {
  NewRelationshipSchema,
  type RelationshipBody,
  RelationshipChangeSchema,
  RelationshipListSchema,
  RelationshipParams,
  RelationshipSchema,
} from './relationshipSchemas.ts';
import { RelationshipService } from './relationshipService.ts';

// Form fields to the JSON pointers of the API body.
const pointers: Record<string, string> = {
  from: '#/fromPersonId',
  to: '#/toPersonId',
  relation: '#/kind',
  quality: '#/quality',
  current: '#/current',
  note: '#/note',
};

function sendErrors(reply: FastifyReply, errors: FieldErrors) {
  return sendProblem(
    reply,
    problem(422, 'The relationship cannot be recorded as sent.', {
      errors: Object.entries(errors).map(([field, detail]) => ({ pointer: pointers[field] ?? '#', detail })),
    }),
  );
}

function body(row: RelationshipRow, members: RelatedMember[]): RelationshipBody {
  const [said] = relationshipSentences(members, [row]);
  return {
    id: row.id,
    fromPersonId: row.fromPersonId,
    toPersonId: row.toPersonId,
    kind: row.kind,
    quality: row.quality,
    current: row.current,
    note: row.note,
    said: said?.sentence ?? '',
    saidInverse: said?.inverse ?? '',
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

/** Relationships between members of a family, for API clients: the same rules, history and audit as the pages. */
export const relationshipApi: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  const tags = ['Relationships'];
  const errorResponses = { ...badRequestProblem, ...authProblems, ...notFoundProblem };
  const rejected = {
    422: {
      description: 'The relationship breaks a rule; `errors` says which, with a pointer to the field.',
      content: { 'application/problem+json': { schema: ProblemSchema } },
    },
  };

  app.get(
    '/families/:familyId/relationships',
    {
      schema: {
        tags,
        summary: 'The relationships between the family’s current members',
        params: FamilyParams,
        response: { 200: RelationshipListSchema, ...errorResponses },
      },
    },
    async (request) => {
      const data = await new RelationshipService(db, request.access).list(request.params.familyId);
      return {
        familyId: data.family.id,
        relationships: data.relationships.map((r) => body(r, data.members)),
      };
    },
  );

  app.post(
    '/families/:familyId/relationships',
    {
      schema: {
        tags,
        summary: 'Record a relationship between two current members',
        params: FamilyParams,
        body: NewRelationshipSchema,
        response: { 201: RelationshipSchema, ...errorResponses, ...rejected },
      },
    },
    async (request, reply) => {
      const { familyId } = request.params;
      const sent = request.body;
      const service = new RelationshipService(db, request.access);
      const result = await service.add(familyId, {
        from: sent.fromPersonId,
        relation: sent.kind,
        to: sent.toPersonId,
        quality: sent.quality ?? 'not_known',
        current: sent.current === false ? 'past' : 'current',
        note: sent.note ?? '',
      });
      if (!result.ok) return sendErrors(reply, result.errors);
      const data = await service.get(familyId, result.relationship.id);
      return reply.code(201).send(body(data.relationship, data.members));
    },
  );

  app.patch(
    '/families/:familyId/relationships/:relationshipId',
    {
      schema: {
        tags,
        summary: 'Change how a relationship is, whether it is current, or its note',
        params: RelationshipParams,
        body: RelationshipChangeSchema,
        response: { 200: RelationshipSchema, ...errorResponses, ...rejected },
      },
    },
    async (request, reply) => {
      const { familyId, relationshipId } = request.params;
      const service = new RelationshipService(db, request.access);
      const before = await service.get(familyId, relationshipId);
      const change = request.body;
      const quality = change.quality === undefined ? before.relationship.quality : change.quality;
      const current = change.current ?? before.relationship.current;
      const note = change.note === undefined ? before.relationship.note : change.note;
      const result = await service.amend(familyId, relationshipId, {
        quality: quality ?? 'not_known',
        current: current ? 'current' : 'past',
        note: note ?? '',
      });
      if (!result.ok) return sendErrors(reply, result.errors);
      return body(result.relationship, before.members);
    },
  );

  app.delete(
    '/families/:familyId/relationships/:relationshipId',
    {
      schema: {
        tags,
        summary: 'End a relationship: it is kept, marked as in the past',
        params: RelationshipParams,
        response: { 200: RelationshipSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { familyId, relationshipId } = request.params;
      const service = new RelationshipService(db, request.access);
      const before = await service.get(familyId, relationshipId);
      const ended = await service.end(familyId, relationshipId);
      return body(ended, before.members);
    },
  );
};
