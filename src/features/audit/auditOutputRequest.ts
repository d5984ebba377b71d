// What the routes of the audit's outputs share: reading the filters from the
// query string, building and suppressing the views, the notes, the audit
// event (ids, the view and the filters only), and sending a file.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import type { FieldErrors } from '../../platform/http/forms.ts';
import { type Problem, problem, sendProblem } from '../../platform/http/problems.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { type CheckedFilters, checkFilters, filterFieldOrder } from './auditFilters.ts';
import {
  type AuditOutputNotes,
  describeFilters,
  outputNotes,
  type ShownView,
  shownViews,
} from './auditOutputs.ts';
import { auditChoices } from './auditPresenter.ts';
import type { AuditFilters, AuditView } from './auditView.ts';

export interface AuditOutputOptions {
  /** Counts below this are shown as "fewer than …". */
  threshold: number;
  /** The audit's views, in order (the registered list; tests pass their own). */
  views: readonly AuditView[];
}

/** The problem for filters that do not read: each field's message, pointed at by its query-string name. */
export function filterProblem(errors: FieldErrors): Problem {
  return problem(400, 'The filters are not valid; `errors` says which.', {
    errors: filterFieldOrder
      .filter((field) => errors[field])
      .map((field) => ({ pointer: `#/querystring/${field}`, detail: errors[field] as string })),
  });
}

/** Checks the filters against the area's own localities and services (the one parser of every address). */
export async function checkRequestFilters(db: Db, request: FastifyRequest): Promise<CheckedFilters> {
  const areaId = request.access.partnershipAreaId;
  if (!areaId) throw new NotFoundError();
  return checkFilters(request.query, await auditChoices(db, areaId), todayInUk(new Date()));
}

export interface AuditOutputs {
  filters: AuditFilters;
  views: ShownView[];
  notes: AuditOutputNotes;
}

/** The ids and filters an output's audit event records: never a figure, never a name. */
export function auditDetail(filters: AuditFilters, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    ...extra,
    from: filters.from,
    to: filters.to,
    ...(filters.localityId ? { localityId: filters.localityId } : {}),
    ...(filters.serviceId ? { serviceId: filters.serviceId } : {}),
    ...(filters.group ? { group: filters.group } : {}),
  };
}

/** The request's filters; when they do not read, the problem is sent (a 400) and this is undefined. */
export async function filtersOrProblem(
  db: Db,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<AuditFilters | undefined> {
  const checked = await checkRequestFilters(db, request);
  if (checked.ok) return checked.filters;
  await sendProblem(reply, filterProblem(checked.errors));
  return undefined;
}

/**
 * Builds the views' tables for the lead's area with the request's checked
 * filters, suppressed, and the notes, and records the access.
 */
export async function auditOutputs(
  db: Db,
  request: FastifyRequest,
  filters: AuditFilters,
  views: readonly AuditView[],
  options: AuditOutputOptions,
  action: string,
  extra: Record<string, unknown>,
): Promise<AuditOutputs> {
  const filterLines = await describeFilters(db, request.access, filters);
  const shown = await shownViews(db, request.access, views, filters, options.threshold);
  const notes = await outputNotes(db, request.access, {
    filters,
    filterLines,
    threshold: options.threshold,
    views: shown,
  });
  await recordAudit(db, request.access, {
    action,
    recordType: 'provision_audit',
    recordId: typeof extra.view === 'string' ? extra.view : 'all',
    detail: auditDetail(filters, extra),
  });
  return { filters, views: shown, notes };
}

/** Sends a download: its name says the view and the period; never kept by a cache. */
export function sendFile(
  reply: FastifyReply,
  name: string,
  type: string,
  body: Uint8Array | string,
): FastifyReply {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '-');
  return reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename="${safe}"`)
    .header('cache-control', 'private, no-store')
    .send(typeof body === 'string' ? body : Buffer.from(body));
}
