import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { requireRole } from '../../platform/auth/authHooks.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { checkFilters, filterQuery } from './auditFilters.ts';
import { auditChoices, filtersText, presentFilters, presentTables } from './auditPresenter.ts';
import type { AuditResults } from './auditResults.ts';
import { auditAreaOf } from './auditScope.ts';
import type { AuditFilters } from './auditView.ts';
import { auditViewById, auditViews } from './auditViews.ts';

const pages = 'features/audit/pages';

/** Records a read of the audit: which view and filters (ids and codes only, never a figure). */
export async function auditRead(
  db: Db,
  request: FastifyRequest,
  view: string,
  filters: AuditFilters | undefined,
  outcome: 'success' | 'denied' = 'success',
): Promise<void> {
  await recordAudit(db, request.access, {
    action: 'provision_audit.read',
    outcome,
    recordType: 'provision_audit',
    recordId: view,
    detail: filters ? { ...filters } : undefined,
  });
}

/**
 * The provision audit for partnership leads: the contents with key figures,
 * and each view's tables, every count through the small-number rule.
 */
export function auditRoutes(
  app: FastifyInstance,
  db: Db,
  smallNumberThreshold: number,
  results: AuditResults,
): void {
  const lead = { preHandler: requireRole('partnership_lead') };

  async function filtersOf(request: FastifyRequest, reply: FastifyReply, action: string) {
    const areaId = auditAreaOf(request.access);
    const today = todayInUk(new Date());
    const choices = await auditChoices(db, areaId);
    const checked = checkFilters(request.query, choices, today);
    const form = presentFilters(checked.values, choices, today, action, checked.ok ? {} : checked.errors);
    if (!checked.ok) reply.code(400);
    return { choices, checked, form };
  }

  app.get('/partnership/audit', lead, async (request, reply) => {
    const { choices, checked, form } = await filtersOf(request, reply, '/partnership/audit');
    const filters = checked.ok ? checked.filters : undefined;
    const figures = filters
      ? presentTables([await results.keyFigures(db, request.access, filters)], smallNumberThreshold)[0]
      : undefined;
    if (filters) await auditRead(db, request, 'contents', filters);
    const query = filters ? `?${filterQuery(filters)}` : '';
    return reply.page(`${pages}/auditContents.njk`, {
      form,
      errorList: form.errorList,
      filtersText: filters ? filtersText(filters, choices) : undefined,
      figures,
      views: auditViews.map((v) => ({
        title: v.title,
        summary: v.summary,
        href: `${v.pagePath ?? `/partnership/audit/${v.id}`}${query}`,
      })),
      query: filters ? filterQuery(filters) : '',
    });
  });

  app.get('/partnership/audit/:viewId', lead, async (request, reply) => {
    const view = auditViewById((request.params as { viewId: string }).viewId);
    if (!view) throw new NotFoundError();
    if (view.pagePath) {
      const search = request.url.indexOf('?');
      return reply.redirect(`${view.pagePath}${search < 0 ? '' : request.url.slice(search)}`);
    }
    const { choices, checked, form } = await filtersOf(request, reply, `/partnership/audit/${view.id}`);
    const filters = checked.ok ? checked.filters : undefined;
    const tables = filters
      ? presentTables(await results.view(view).build(db, request.access, filters), smallNumberThreshold)
      : [];
    if (filters) await auditRead(db, request, view.id, filters);
    return reply.page(`${pages}/auditView.njk`, {
      view: { id: view.id, title: view.title, summary: view.summary },
      form,
      errorList: form.errorList,
      filtersText: filters ? filtersText(filters, choices) : undefined,
      contentsHref: `/partnership/audit${filters ? `?${filterQuery(filters)}` : ''}`,
      query: filters ? filterQuery(filters) : '',
      tables,
    });
  });
}
