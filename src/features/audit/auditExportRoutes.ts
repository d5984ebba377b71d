// Downloads of the provision audit for partnership leads: each view as CSV
// or XLSX, and the whole audit as one workbook with a sheet per table. Made
// from the suppressed tables only, with the period, filters, definitions and
// the small-number rule in the file.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { requireRole } from '../../platform/auth/authHooks.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { viewToCsv } from './auditCsv.ts';
import { periodSlug } from './auditFilters.ts';
import { type AuditOutputOptions, auditOutputs, filtersOrProblem, sendFile } from './auditOutputRequest.ts';
import { viewsToXlsx } from './auditXlsx.ts';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function auditExportRoutes(app: FastifyInstance, db: Db, options: AuditOutputOptions): void {
  const lead = { preHandler: requireRole('partnership_lead') };
  const viewOf = (id: string) => {
    const view = options.views.find((v) => v.id === id);
    if (!view) throw new NotFoundError();
    return view;
  };

  /** Checks the filters (a problem answer when they are wrong), builds the views, audits the export. */
  async function exported(
    request: FastifyRequest,
    reply: FastifyReply,
    views: AuditOutputOptions['views'],
    detail: Record<string, string>,
  ) {
    const asked = await filtersOrProblem(db, request, reply);
    if (!asked) return undefined;
    return auditOutputs(db, request, asked, views, options, 'audit.export', detail);
  }

  app.get<{ Params: { view: string } }>('/partnership/audit/:view.csv', lead, async (request, reply) => {
    const view = viewOf(request.params.view);
    const out = await exported(request, reply, [view], { view: view.id, format: 'csv' });
    if (!out) return reply;
    const [shown] = out.views;
    if (!shown) throw new NotFoundError();
    return sendFile(
      reply,
      `hearth-audit-${view.id}-${periodSlug(out.filters)}.csv`,
      'text/csv; charset=utf-8',
      viewToCsv(shown, out.notes),
    );
  });

  app.get<{ Params: { view: string } }>('/partnership/audit/:view.xlsx', lead, async (request, reply) => {
    const view = viewOf(request.params.view);
    const out = await exported(request, reply, [view], { view: view.id, format: 'xlsx' });
    if (!out) return reply;
    return sendFile(
      reply,
      `hearth-audit-${view.id}-${periodSlug(out.filters)}.xlsx`,
      xlsxType,
      viewsToXlsx(out.views, out.notes, `${view.title}: provision audit`),
    );
  });

  app.get('/partnership/audit.xlsx', lead, async (request, reply) => {
    const out = await exported(request, reply, options.views, { format: 'xlsx' });
    if (!out) return reply;
    return sendFile(
      reply,
      `hearth-audit-${periodSlug(out.filters)}.xlsx`,
      xlsxType,
      viewsToXlsx(out.views, out.notes, 'Provision audit of family support'),
    );
  });
}
