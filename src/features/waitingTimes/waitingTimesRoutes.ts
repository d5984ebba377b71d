import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import { practiceRoles } from '../../platform/access/accessContext.ts';
import { requireRole } from '../../platform/auth/authHooks.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { PartnershipRepository } from '../partnership/partnershipRepository.ts';
import { recentQuarters } from './quarters.ts';
import {
  presentPartnershipQuarters,
  presentPartnershipWaitingNow,
  presentQuarters,
  presentWaitingNow,
  type ServiceName,
  standardText,
} from './waitingTimesPresenter.ts';
import { organisationServices, quarterFigures, serviceNames, waitingNow } from './waitingTimesRepository.ts';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Waiting times against the 3- and 6-week standard: for a service or organisation, and for the partnership. */
export function waitingTimesRoutes(app: FastifyInstance, db: Db, smallNumberThreshold: number): void {
  app.get(
    '/practice/waiting-times',
    { preHandler: requireRole(...practiceRoles) },
    async (request, reply) => {
      const organisationId = request.access.organisationId;
      if (!organisationId) throw new NotFoundError();
      const asked = (request.query as { service?: unknown }).service;
      const services = await organisationServices(db, organisationId);
      const chosen = typeof asked === 'string' && asked !== '' && asked !== 'all' ? asked : undefined;
      // Only the organisation's own services: any other id is not found.
      if (chosen && (!uuid.test(chosen) || !services.some((s) => s.id === chosen))) throw new NotFoundError();
      const today = todayInUk(new Date());
      const quarters = recentQuarters(today);
      const scope = { organisationId, serviceId: chosen };
      const [figures, now] = await Promise.all([
        quarterFigures(
          db,
          scope,
          quarters.map((q) => q.start),
          today,
        ),
        waitingNow(db, scope, today),
      ]);
      return reply.page('features/waitingTimes/practiceWaitingTimes.njk', {
        standardText,
        serviceName: services.find((s) => s.id === chosen)?.name,
        serviceItems: [
          { value: 'all', text: 'All our services', selected: !chosen },
          ...services.map((s) => ({ value: s.id, text: s.name, selected: s.id === chosen })),
        ],
        quarters: presentQuarters(quarters, figures),
        now: presentWaitingNow(now[0]),
      });
    },
  );

  app.get(
    '/partnership/waiting-times',
    { preHandler: requireRole('partnership_lead') },
    async (request, reply) => {
      const areaId = request.access.partnershipAreaId;
      if (!areaId) throw new NotFoundError();
      const today = todayInUk(new Date());
      const quarters = recentQuarters(today);
      const scope = { partnershipAreaId: areaId };
      const [area, figures, now] = await Promise.all([
        new PartnershipRepository(db, request.access).area(),
        quarterFigures(
          db,
          scope,
          quarters.map((q) => q.start),
          today,
          true,
        ),
        waitingNow(db, scope, today, true),
      ]);
      const ids = new Set([...figures, ...now].flatMap((r) => (r.serviceId ? [r.serviceId] : [])));
      const names = new Map<string, ServiceName>((await serviceNames(db, [...ids])).map((s) => [s.id, s]));
      return reply.page('features/waitingTimes/partnershipWaitingTimes.njk', {
        area,
        standardText,
        threshold: smallNumberThreshold,
        quarters: presentPartnershipQuarters(quarters, figures, names, smallNumberThreshold),
        now: presentPartnershipWaitingNow(now, names, smallNumberThreshold),
      });
    },
  );
}
