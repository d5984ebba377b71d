import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { practiceRoles } from '../../platform/access/accessContext.ts';
import { requireRole } from '../../platform/auth/authHooks.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { type FamilyMapView, familyMapFigure, familyMapListsMarkup } from './familyMapMarkup.ts';
import { presentFamilyMap } from './familyMapPresenter.ts';
import { parseRelationshipEditForm, parseRelationshipForm } from './relationshipForm.ts';
import {
  editFormFor,
  emptyRelationshipForm,
  presentAddRelationship,
  presentEditRelationship,
  presentEndRelationship,
  presentRelationshipHistory,
  presentRelationships,
} from './relationshipPagePresenter.ts';
import { RelationshipService } from './relationshipService.ts';

const pages = 'features/relationships/pages';
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const notices: Record<string, string> = {
  added: 'Relationship added.',
  changed: 'Relationship changed.',
  ended: 'Relationship marked as in the past.',
};

/** The family and relationship ids from the address; anything that is not an id is simply not found. */
function ids(request: FastifyRequest): { familyId: string; relationshipId: string } {
  const { familyId, relationshipId = '' } = request.params as { familyId: string; relationshipId?: string };
  if (!uuidPattern.test(familyId)) throw new NotFoundError();
  if (relationshipId && !uuidPattern.test(relationshipId)) throw new NotFoundError();
  return { familyId, relationshipId };
}

/** Practice pages: a family's relationships (list, add, change, mark as past) and its family map. */
export function relationshipRoutes(app: FastifyInstance, db: Db): void {
  const practice = { preHandler: requireRole(...practiceRoles) };
  const service = (request: FastifyRequest) => new RelationshipService(db, request.access);
  const listHref = (familyId: string, done: string) =>
    `/practice/families/${familyId}/relationships?done=${done}`;

  app.get('/practice/families/:familyId/relationships', practice, async (request, reply) => {
    const { familyId } = ids(request);
    const done = (request.query as Record<string, string>).done ?? '';
    const data = await service(request).list(familyId);
    return reply.page(`${pages}/relationships.njk`, presentRelationships(data, notices[done]));
  });

  app.get('/practice/families/:familyId/relationships/history', practice, async (request, reply) => {
    const { familyId } = ids(request);
    const data = await service(request).history(familyId);
    return reply.page(`${pages}/relationshipHistory.njk`, presentRelationshipHistory(data));
  });

  app.get('/practice/families/:familyId/relationships/new', practice, async (request, reply) => {
    const { familyId } = ids(request);
    const data = await service(request).list(familyId);
    return reply.page(`${pages}/addRelationship.njk`, presentAddRelationship(data, emptyRelationshipForm));
  });

  app.post('/practice/families/:familyId/relationships/new', practice, async (request, reply) => {
    const { familyId } = ids(request);
    const form = parseRelationshipForm(request.body);
    const result = await service(request).add(familyId, form);
    if (result.ok) return reply.redirect(listHref(familyId, 'added'), 303);
    const data = await service(request).list(familyId);
    return reply
      .code(400)
      .page(`${pages}/addRelationship.njk`, presentAddRelationship(data, form, result.errors));
  });

  app.get(
    '/practice/families/:familyId/relationships/:relationshipId/edit',
    practice,
    async (request, reply) => {
      const { familyId, relationshipId } = ids(request);
      const data = await service(request).get(familyId, relationshipId);
      return reply.page(
        `${pages}/editRelationship.njk`,
        presentEditRelationship(data, editFormFor(data.relationship)),
      );
    },
  );

  app.post(
    '/practice/families/:familyId/relationships/:relationshipId/edit',
    practice,
    async (request, reply) => {
      const { familyId, relationshipId } = ids(request);
      const form = parseRelationshipEditForm(request.body);
      const result = await service(request).amend(familyId, relationshipId, form);
      if (result.ok) return reply.redirect(listHref(familyId, 'changed'), 303);
      const data = await service(request).get(familyId, relationshipId);
      return reply
        .code(400)
        .page(`${pages}/editRelationship.njk`, presentEditRelationship(data, form, result.errors));
    },
  );

  app.get(
    '/practice/families/:familyId/relationships/:relationshipId/end',
    practice,
    async (request, reply) => {
      const { familyId, relationshipId } = ids(request);
      const data = await service(request).get(familyId, relationshipId);
      return reply.page(`${pages}/endRelationship.njk`, presentEndRelationship(data));
    },
  );

  app.post(
    '/practice/families/:familyId/relationships/:relationshipId/end',
    practice,
    async (request, reply) => {
      const { familyId, relationshipId } = ids(request);
      await service(request).end(familyId, relationshipId);
      return reply.redirect(listHref(familyId, 'ended'), 303);
    },
  );

  app.get('/practice/families/:familyId/map', practice, async (request, reply) => {
    const { familyId } = ids(request);
    const data = await service(request).list(familyId);
    const base = `/practice/families/${familyId}`;
    return reply.page(`${pages}/familyMap.njk`, {
      family: data.family,
      familyHref: base,
      relationshipsHref: `${base}/relationships`,
      printHref: `${base}/map/print`,
      ...mapMarkup(presentFamilyMap(data.family.name, data.members, data.relationships, new Date())),
    });
  });

  app.get('/practice/families/:familyId/map/print', practice, async (request, reply) => {
    const { familyId } = ids(request);
    const data = await service(request).list(familyId);
    const today = new Date();
    return reply.page(`${pages}/familyMapPrint.njk`, {
      family: data.family,
      mapHref: `/practice/families/${familyId}/map`,
      printedOn: today,
      ...mapMarkup(
        presentFamilyMap(data.family.name, data.members, data.relationships, today),
        'govuk-heading-s',
      ),
    });
  });
}

/** The map page's picture and lists, as markup for the templates. */
function mapMarkup(map: FamilyMapView, headingClass?: string) {
  return {
    mapFigure: familyMapFigure(map, 'family-map', 'h2').text,
    mapLists: familyMapListsMarkup(map, headingClass).text,
  };
}
