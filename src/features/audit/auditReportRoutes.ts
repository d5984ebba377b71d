// The printable baseline report (HTML with a print stylesheet, and a PDF
// made on the server) and the map of localities, for partnership leads.

import { asc, eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { locality } from '../../db/schema.ts';
import { requireRole } from '../../platform/auth/authHooks.ts';
import { errorList } from '../../platform/http/forms.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import {
  filterFieldOrder,
  filterQuery,
  financialYearName,
  financialYearOf,
  periodSlug,
} from './auditFilters.ts';
import {
  type AuditOutputOptions,
  auditOutputs,
  checkRequestFilters,
  filtersOrProblem,
  sendFile,
} from './auditOutputRequest.ts';
import type { ShownView } from './auditOutputs.ts';
import { reportPdf } from './auditPdf.ts';
import { areaBoundaries } from './boundaries.ts';
import { type LocalityMap, mappableTable, renderLocalityMap } from './localityMap.ts';

const reportTitle = 'Provision audit: baseline report';

/** The last five financial years, newest first, for the report's filter. */
function yearItems(today: string, chosen: string) {
  const year = financialYearOf(today);
  return [
    { value: '', text: 'The 12 months to today', selected: !chosen },
    ...Array.from({ length: 5 }, (_, i) => {
      const start = year - i;
      const value = financialYearName(start);
      return { value, text: `April ${start} to March ${start + 1}`, selected: chosen === value };
    }),
  ];
}

async function localityItems(db: Db, areaId: string, chosen: string) {
  const places = await db
    .select({ id: locality.id, name: locality.name })
    .from(locality)
    .where(eq(locality.partnershipAreaId, areaId))
    .orderBy(asc(locality.name));
  return [
    { value: '', text: 'All localities', selected: !chosen },
    ...places.map((p) => ({ value: p.id, text: p.name, selected: p.id === chosen })),
  ];
}

/** A map for each view that has a table by locality, when boundaries are loaded. */
async function viewMaps(db: Db, areaId: string, views: ShownView[]): Promise<Map<string, LocalityMap>> {
  const boundaries = await areaBoundaries(db, areaId);
  const maps = new Map<string, LocalityMap>();
  if (!boundaries.size) return maps;
  for (const view of views) {
    const found = mappableTable(view.tables, boundaries);
    if (found) maps.set(view.id, renderLocalityMap(found.table, found.column, boundaries));
  }
  return maps;
}

/** The filter form's choices and what was asked, shown again with any errors. */
async function filterForm(db: Db, request: FastifyRequest) {
  const parsed = await checkRequestFilters(db, request);
  const areaId = request.access.partnershipAreaId ?? '';
  return {
    parsed,
    yearItems: yearItems(todayInUk(new Date()), parsed.values.year),
    localityItems: await localityItems(db, areaId, parsed.values.localityId),
    carried: (['serviceId', 'group'] as const)
      .filter((name) => parsed.values[name])
      .map((name) => ({ name, value: parsed.values[name] })),
  };
}

function renderErrors(reply: FastifyReply, template: string, form: Awaited<ReturnType<typeof filterForm>>) {
  if (form.parsed.ok) throw new Error('no errors to show');
  return reply.code(400).page(template, {
    ...form,
    errors: form.parsed.errors,
    errorList: errorList(form.parsed.errors, filterFieldOrder),
  });
}

export function auditReportRoutes(app: FastifyInstance, db: Db, options: AuditOutputOptions): void {
  const lead = { preHandler: requireRole('partnership_lead') };

  app.get('/partnership/audit/report', lead, async (request, reply) => {
    const template = 'features/audit/auditReport.njk';
    const form = await filterForm(db, request);
    if (!form.parsed.ok) return renderErrors(reply, template, form);
    const { views, notes, filters } = await auditOutputs(
      db,
      request,
      form.parsed.filters,
      options.views,
      options,
      'audit.report',
      {
        format: 'html',
      },
    );
    const maps = await viewMaps(db, request.access.partnershipAreaId ?? '', views);
    return reply.page(template, {
      ...form,
      title: reportTitle,
      notes,
      views,
      maps: Object.fromEntries(maps),
      query: filterQuery(filters),
    });
  });

  app.get('/partnership/audit/report.pdf', lead, async (request, reply) => {
    const asked = await filtersOrProblem(db, request, reply);
    if (!asked) return reply;
    const { views, notes, filters } = await auditOutputs(
      db,
      request,
      asked,
      options.views,
      options,
      'audit.report',
      {
        format: 'pdf',
      },
    );
    const maps = await viewMaps(db, request.access.partnershipAreaId ?? '', views);
    const pdf = await reportPdf({ title: reportTitle, notes, views, maps });
    return sendFile(reply, `hearth-audit-report-${periodSlug(filters)}.pdf`, 'application/pdf', pdf);
  });

  app.get('/partnership/audit/map', lead, async (request, reply) => {
    const template = 'features/audit/auditMap.njk';
    const form = await filterForm(db, request);
    if (!form.parsed.ok) return renderErrors(reply, template, form);
    const { views, notes, filters } = await auditOutputs(
      db,
      request,
      form.parsed.filters,
      options.views,
      options,
      'audit.map',
      {
        format: 'html',
      },
    );
    const areaId = request.access.partnershipAreaId ?? '';
    const boundaries = await areaBoundaries(db, areaId);
    const localityIds = new Set((await localityItems(db, areaId, '')).map((l) => l.value).filter(Boolean));
    // Every figure of every table by locality can shade the map: "view/table/column".
    const measures = views.flatMap((view) =>
      view.tables
        .filter((t) => t.rows.some((r) => boundaries.has(r.key) || localityIds.has(r.key)))
        .flatMap((table) =>
          table.columns
            .filter((c) => c.kind !== 'text')
            .map((c) => ({
              value: `${view.id}/${table.id}/${c.key}`,
              text: `${table.title}: ${c.label}`,
              view,
              table,
              column: c.key,
            })),
        ),
    );
    const asked = (request.query as { measure?: unknown }).measure;
    const measure = measures.find((m) => m.value === asked) ?? measures[0];
    const map =
      measure && boundaries.size ? renderLocalityMap(measure.table, measure.column, boundaries) : undefined;
    return reply.page(template, {
      ...form,
      notes,
      query: filterQuery(filters),
      measureItems: measures.map((m) => ({ value: m.value, text: m.text, selected: m === measure })),
      measure,
      map,
      boundariesLoaded: boundaries.size > 0,
    });
  });
}
