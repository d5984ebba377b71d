// What the routes of the audit's outputs share: reading the filters from the
// query string, building and suppressing the views, the notes, the audit
// event (ids, the view and the filters only), and sending a file.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import type { FieldErrors } from '../../platform/http/forms.ts';
import { parseAuditFilters } from './auditOutputFilters.ts';
import {
  type AuditOutputNotes,
  describeFilters,
  outputNotes,
  type ShownView,
  shownViews,
} from './auditOutputs.ts';
import type { AuditFilters, AuditView } from './auditView.ts';

export interface AuditOutputOptions {
  /** Counts below this are shown as "fewer than …". */
  threshold: number;
  /** The audit's views, in order (the registered list; tests pass their own). */
  views: readonly AuditView[];
}

/** Filters that do not read: a 400, with the problems said on the error page. */
export class AuditFilterError extends Error {
  readonly statusCode = 400;
  constructor(readonly errors: FieldErrors) {
    super(`The figures could not be made: ${Object.values(errors).join('; ')}.`);
  }
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

/** Reads the filters, or throws AuditFilterError. */
export function filtersOf(request: FastifyRequest): AuditFilters {
  const parsed = parseAuditFilters(request.query);
  if (!parsed.ok) throw new AuditFilterError(parsed.errors);
  return parsed.filters;
}

/**
 * Builds the views' tables for the lead's area with the request's filters,
 * suppressed, and the notes, and records the access.
 */
export async function auditOutputs(
  db: Db,
  request: FastifyRequest,
  views: readonly AuditView[],
  options: AuditOutputOptions,
  action: string,
  extra: Record<string, unknown>,
): Promise<AuditOutputs> {
  const filters = filtersOf(request);
  if (!request.access.partnershipAreaId) throw new NotFoundError();
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
