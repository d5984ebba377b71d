import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { hasRole } from '../../platform/access/accessContext.ts';
import { type Problem, problem, sendProblem } from '../../platform/http/problems.ts';
import { authProblems, badRequestProblem, notFoundProblem } from '../api/apiSchemas.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { checkFilters } from './auditFilters.ts';
import { filterProblem } from './auditOutputRequest.ts';
import { auditChoices, suppressionRule } from './auditPresenter.ts';
import type { AuditResults } from './auditResults.ts';
import { auditRead } from './auditRoutes.ts';
import {
  AuditIndexSchema,
  AuditQuery,
  AuditViewParams,
  AuditViewSchema,
  forbiddenProblem,
} from './auditSchemas.ts';
import { suppressTables } from './auditTable.ts';
import type { AuditFilters } from './auditView.ts';
import { auditViewById, auditViews } from './auditViews.ts';
import type { keyFigures } from './keyFigures.ts';

const refused =
  'Only a partnership lead’s token reads the provision audit. Ask your organisation’s Hearth administrator for one.';

/**
 * The provision audit for a partnership's own analysts: the same views and
 * figures as the pages, every table through the small-number rule (never a
 * raw count), for a partnership lead's token only. Every read is audited.
 */
export const auditApi: FastifyPluginAsyncTypebox<{
  db: Db;
  threshold: number;
  results: AuditResults;
}> = async (app, { db, threshold, results }) => {
  async function filtersOf(
    request: FastifyRequest,
  ): Promise<
    { kind: 'refused' } | { kind: 'invalid'; problem: Problem } | { kind: 'ok'; filters: AuditFilters }
  > {
    const areaId = request.access.partnershipAreaId;
    if (!hasRole(request.access, 'partnership_lead') || !areaId) return { kind: 'refused' };
    const checked = checkFilters(request.query, await auditChoices(db, areaId), todayInUk(new Date()));
    if (!checked.ok) return { kind: 'invalid', problem: filterProblem(checked.errors) };
    return { kind: 'ok', filters: checked.filters };
  }

  const shown = (tables: Awaited<ReturnType<typeof keyFigures>>[], filters: AuditFilters) => ({
    filters,
    threshold,
    rule: suppressionRule(threshold),
    tables: suppressTables(tables, threshold),
  });

  app.get(
    '/partnership/audit',
    {
      schema: {
        tags: ['Provision audit'],
        summary: 'The audit’s views and its key figures, for a partnership lead’s token',
        querystring: AuditQuery,
        response: { 200: AuditIndexSchema, ...badRequestProblem, ...authProblems, ...forbiddenProblem },
      },
    },
    async (request, reply) => {
      const result = await filtersOf(request);
      if (result.kind === 'refused') {
        await auditRead(db, request, 'contents', undefined, 'denied');
        return sendProblem(reply, problem(403, refused));
      }
      if (result.kind === 'invalid') return sendProblem(reply, result.problem);
      const figures = await results.keyFigures(db, request.access, result.filters);
      await auditRead(db, request, 'contents', result.filters);
      return {
        ...shown([figures], result.filters),
        views: auditViews.map((v) => ({
          id: v.id,
          title: v.title,
          summary: v.summary,
          href: `/api/v1/partnership/audit/${v.id}`,
        })),
      };
    },
  );

  app.get(
    '/partnership/audit/:viewId',
    {
      schema: {
        tags: ['Provision audit'],
        summary: 'One view of the audit: its tables, small numbers hidden, for a partnership lead’s token',
        params: AuditViewParams,
        querystring: AuditQuery,
        response: {
          200: AuditViewSchema,
          ...badRequestProblem,
          ...authProblems,
          ...forbiddenProblem,
          ...notFoundProblem,
        },
      },
    },
    async (request, reply) => {
      const result = await filtersOf(request);
      if (result.kind === 'refused') {
        await auditRead(db, request, request.params.viewId.slice(0, 40), undefined, 'denied');
        return sendProblem(reply, problem(403, refused));
      }
      const view = auditViewById(request.params.viewId);
      if (!view) return sendProblem(reply, problem(404, 'There is no such view of the audit.'));
      if (result.kind === 'invalid') return sendProblem(reply, result.problem);
      const tables = await results.view(view).build(db, request.access, result.filters);
      await auditRead(db, request, view.id, result.filters);
      return {
        view: { id: view.id, title: view.title, summary: view.summary },
        ...shown(tables, result.filters),
      };
    },
  );
};
