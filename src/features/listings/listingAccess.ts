import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { requireRole } from '../../platform/auth/authHooks.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { idParam } from '../plan/planPageHelpers.ts';
import { ListingRepository } from './listingRepository.ts';

/** Listings are edited by organisation admins, only their own organisation's. */
export const orgAdmin = { preHandler: requireRole('org_admin') };

/** The service the request names, when it is one of the organisation's own; otherwise not found (audited as denied). */
export async function ownService(db: Db, request: FastifyRequest) {
  const serviceId = idParam(request.params, 'serviceId');
  const service = await new ListingRepository(db, request.access).service(serviceId);
  if (!service) throw new NotFoundError();
  return service;
}
