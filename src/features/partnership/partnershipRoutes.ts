import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import type { OrganisationKind } from '../../db/schema.ts';
import { requireRole } from '../../platform/auth/authHooks.ts';
import { PartnershipRepository } from './partnershipRepository.ts';
import { showCounts } from './smallNumbers.ts';

export const organisationKindNames: Record<OrganisationKind, string> = {
  nhs: 'NHS',
  local_authority: 'Local authority',
  third_sector: 'Third sector',
  community: 'Community or peer-led',
};

/** The partnership overview: the area's organisations and open families by locality, with small numbers hidden. */
export function partnershipRoutes(app: FastifyInstance, db: Db, smallNumberThreshold: number): void {
  app.get('/partnership', { preHandler: requireRole('partnership_lead') }, async (request, reply) => {
    const figures = new PartnershipRepository(db, request.access);
    const [area, organisations, byLocality, unplaced] = await Promise.all([
      figures.area(),
      figures.organisations(),
      figures.openFamiliesByLocality(),
      figures.openFamiliesWithoutLocality(),
    ]);
    const labels = [...byLocality.map((row) => row.locality), 'Locality not recorded'];
    const counts = showCounts([...byLocality.map((row) => row.families), unplaced], smallNumberThreshold);
    return reply.page('features/partnership/partnershipOverview.njk', {
      area,
      threshold: smallNumberThreshold,
      organisations: organisations.map((o) => ({ ...o, kindName: organisationKindNames[o.kind] })),
      localities: labels.map((label, i) => ({ label, count: counts.cells[i]?.text })),
      total: counts.total.text,
    });
  });
}
