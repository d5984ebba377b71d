// Downloads of the provision audit for partnership leads: each view as CSV
// or XLSX, and the whole audit as one workbook with a sheet per table. Made
// from the suppressed tables only, with the period, filters, definitions and
// the small-number rule in the file.
import type { FastifyInstance } from 'fastify';
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

  app.get<{ Params: { view: string } }>('/partnership/audit/:view.csv', lead, async (request, reply) => {
    const view = viewOf(request.params.view);
    const asked = await filtersOrProblem(db, request, reply);
    if (!asked) return reply;
    const { views, notes, filters } = await auditOutputs(
      db,
      request,
      asked,
      [view],
      options,
      'audit.export',
      {
        view: view.id,
        format: 'csv',
      },
    );
    const [shown] = views;
    if (!shown) throw new NotFoundError();
    return sendFile(
      reply,
      `hearth-audit-${view.id}-${periodSlug(filters)}.csv`,
      'text/csv; charset=utf-8',
      viewToCsv(shown, notes),
    );
  });

  app.get<{ Params: { view: string } }>('/partnership/audit/:view.xlsx', lead, async (request, reply) => {
    const view = viewOf(request.params.view);
    const asked = await filtersOrProblem(db, request, reply);
    if (!asked) return reply;
    const { views, notes, filters } = await auditOutputs(
      db,
      request,
      asked,
      [view],
      options,
      'audit.export',
      {
        view: view.id,
        format: 'xlsx',
      },
    );
    const title = `${view.title}: provision audit`;
    return sendFile(
      reply,
      `hearth-audit-${view.id}-${periodSlug(filters)}.xlsx`,
      xlsxType,
      viewsToXlsx(views, notes, title),
    );
  });

  app.get('/partnership/audit.xlsx', lead, async (request, reply) => {
    const asked = await filtersOrProblem(db, request, reply);
    if (!asked) return reply;
    const { views, notes, filters } = await auditOutputs(
      db,
      request,
      asked,
      options.views,
      options,
      'audit.export',
      {
        format: 'xlsx',
      },
    );
    return sendFile(
      reply,
      `hearth-audit-${periodSlug(filters)}.xlsx`,
      xlsxType,
      viewsToXlsx(views, notes, 'Provision audit of family support'),
    );
  });
}
