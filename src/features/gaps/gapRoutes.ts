import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import { requireRole } from '../../platform/auth/authHooks.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import type { GapItem } from './gapList.ts';
import { gapPeriods } from './gapPeriods.ts';
import { findGaps, gapFilters } from './gapQuery.ts';
import { gapKindNames, proposalStatusNames } from './proposalForm.ts';
import { ProposalRepository } from './proposalRepository.ts';
import { proposalRoutes } from './proposalRoutes.ts';

const kindOrder = ['locality', 'group', 'support', 'wait'] as const;
const kindHeadings: Record<(typeof kindOrder)[number], string> = {
  locality: 'Localities',
  group: 'Groups of people',
  support: 'Kinds of support',
  wait: 'Long waits',
};

/** The gap page: what the gap analysis found, each gap with its rule, and its proposals. */
export function gapRoutes(app: FastifyInstance, db: Db, threshold: number): void {
  app.get('/partnership/gaps', { preHandler: requireRole('partnership_lead') }, async (request, reply) => {
    const today = todayInUk(new Date());
    const proposals = new ProposalRepository(db, request.access);
    const localities = await proposals.localities();
    const { period, filters, localityId } = gapFilters(
      request.query,
      localities.map((l) => l.id),
      today,
    );
    const { tables, gaps } = await findGaps(db, request.access, filters, threshold);
    const recorded = await proposals.forGaps(gaps.map((g) => g.key));
    const address = `period=${period.value}${localityId ? `&locality=${localityId}` : ''}`;
    const present = (gap: GapItem) => ({
      ...gap,
      proposals: (recorded.get(gap.key) ?? []).map((p) => ({
        id: p.id,
        title: p.title,
        status: proposalStatusNames[p.status],
      })),
      proposeHref: `/partnership/proposals/new?gap=${encodeURIComponent(gap.key)}&${address}`,
    });
    return reply.page('features/gaps/pages/gaps.njk', {
      threshold,
      periodItems: gapPeriods(today).map((p) => ({
        value: p.value,
        text: p.text,
        selected: p.value === period.value,
      })),
      localityItems: [
        { value: '', text: 'The whole area', selected: !localityId },
        ...localities.map((l) => ({ value: l.id, text: l.name, selected: l.id === localityId })),
      ],
      period,
      place: localities.find((l) => l.id === localityId)?.name ?? 'the whole area',
      count: gaps.length,
      sections: kindOrder
        .map((kind) => ({
          kind,
          heading: kindHeadings[kind],
          name: gapKindNames[kind],
          gaps: gaps.filter((g) => g.kind === kind).map(present),
        }))
        .filter((s) => s.gaps.length),
      tables,
      anySuppressed: tables.some((t) => t.anySuppressed),
    });
  });

  proposalRoutes(app, db, threshold);
}
