import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import { requireRole } from '../../platform/auth/authHooks.ts';
import { filterQuery } from '../audit/auditFilters.ts';
import { checkRequestFilters } from '../audit/auditOutputRequest.ts';
import { auditChoices, filtersText, presentFilters } from '../audit/auditPresenter.ts';
import type { AuditResults } from '../audit/auditResults.ts';
import type { ShownRow, ShownTable } from '../audit/auditTable.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { supportKindGroups } from './gapDefinitions.ts';
import type { GapItem } from './gapList.ts';
import { findGaps } from './gapQuery.ts';
import { gapTableIds } from './gapTables.ts';
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

/**
 * The kinds-of-support table on the page: one column a kind ("1 with a place
 * here, 4 in all") rather than two, so it fits. The exports keep both.
 */
function compactKinds(table: ShownTable): ShownTable {
  if (table.id !== gapTableIds.kinds) return table;
  const kinds = supportKindGroups.map((k) => ({ key: k.code, label: k.label, kind: 'text' as const }));
  const cell = (row: ShownRow, code: string) => {
    const text = `${row.cells[`${code}_based`]?.text} with a place here, ${row.cells[`${code}_all`]?.text} in all`;
    return { text, value: text, suppressed: false };
  };
  return {
    ...table,
    columns: [...kinds, ...table.columns.filter((c) => c.key === 'gaps')],
    rows: table.rows.map((row) => ({
      ...row,
      cells: {
        ...Object.fromEntries(kinds.map((k) => [k.key, cell(row, k.key)])),
        gaps: row.cells.gaps as ShownRow['cells'][string],
      },
    })),
  };
}

/**
 * The gap page: what the gap analysis found, each gap with its rule, and its
 * proposals. The audit's filters, read and shown as on its other views.
 */
export function gapRoutes(app: FastifyInstance, db: Db, threshold: number, results: AuditResults): void {
  app.get('/partnership/gaps', { preHandler: requireRole('partnership_lead') }, async (request, reply) => {
    const today = todayInUk(new Date());
    const choices = await auditChoices(db, request.access.partnershipAreaId ?? '');
    const checked = await checkRequestFilters(db, request);
    const form = presentFilters(
      checked.values,
      choices,
      today,
      '/partnership/gaps',
      checked.ok ? {} : checked.errors,
    );
    if (!checked.ok)
      return reply.code(400).page('features/gaps/pages/gaps.njk', { form, errorList: form.errorList });
    const filters = checked.filters;
    const { tables, gaps } = await findGaps(db, request.access, filters, threshold, results);
    const proposals = new ProposalRepository(db, request.access);
    const recorded = await proposals.forGaps(gaps.map((g) => g.key));
    const query = filterQuery(filters);
    const present = (gap: GapItem) => ({
      ...gap,
      proposals: (recorded.get(gap.key) ?? []).map((p) => ({
        id: p.id,
        title: p.title,
        status: proposalStatusNames[p.status],
      })),
      proposeHref: `/partnership/proposals/new?gap=${encodeURIComponent(gap.key)}&${query}`,
    });
    return reply.page('features/gaps/pages/gaps.njk', {
      threshold,
      form,
      filtersText: filtersText(filters, choices),
      query,
      count: gaps.length,
      sections: kindOrder
        .map((kind) => ({
          kind,
          heading: kindHeadings[kind],
          name: gapKindNames[kind],
          gaps: gaps.filter((g) => g.kind === kind).map(present),
        }))
        .filter((s) => s.gaps.length),
      tables: tables.map(compactKinds),
      anySuppressed: tables.some((t) => t.anySuppressed),
    });
  });

  proposalRoutes(app, db, threshold, results);
}
