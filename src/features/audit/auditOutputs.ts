// What every output of the audit (CSV, XLSX, the printable report and its
// PDF, the map) is made from: the views' tables after suppression, and the
// notes that must travel with them: the area, the period and filters in
// words, the suppression rule, the SIMD edition when one is used, and when
// the figures were made.
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { directoryService, locality, organisation, partnershipArea, simdEdition } from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { periodText } from './auditFilters.ts';
import { auditGroupByCode } from './auditGroups.ts';
import { type ShownTable, suppressTables } from './auditTable.ts';
import type { AuditFilters, AuditView } from './auditView.ts';

export interface ShownView {
  id: string;
  title: string;
  summary: string;
  tables: ShownTable[];
}

export interface AuditOutputNotes {
  areaName: string;
  councilArea: string;
  filters: AuditFilters;
  /** "1 April 2025 to 31 March 2026". */
  period: string;
  /** The filters other than the period, in words: "Locality: Kilbrannan". */
  filterLines: string[];
  threshold: number;
  suppressionRule: string;
  /** The SIMD edition the deprivation figures use, when a table uses them. */
  simdEdition?: string;
  madeAt: Date;
}

/** The small-number rule, as every output states it. */
export function suppressionRule(threshold: number): string {
  return (
    `To protect people's privacy, every count from 1 to ${threshold - 1} is shown as "fewer than ${threshold}". ` +
    'Where a hidden count could be worked out from a total or from the other figures, a second figure is ' +
    'hidden too and shown as "not shown"; so is any rate or wait worked out from a hidden count. ' +
    'Counts of 0 are shown.'
  );
}

/** Builds each view's tables for the partnership lead's area and suppresses them. */
export async function shownViews(
  db: Db,
  access: AccessContext,
  views: readonly AuditView[],
  filters: AuditFilters,
  threshold: number,
): Promise<ShownView[]> {
  const shown: ShownView[] = [];
  // One after another: on the embedded database there is one connection, and the views are few.
  for (const view of views) {
    const tables = await view.build(db, access, filters);
    shown.push({
      id: view.id,
      title: view.title,
      summary: view.summary,
      tables: suppressTables(tables, threshold),
    });
  }
  return shown;
}

const usesSimd = (table: ShownTable) =>
  /\b(simd|deprivation)\b/i.test(`${table.id} ${table.title} ${table.definition}`);

/**
 * The filters other than the period, in words. A locality or service must be
 * the area's own: any other is not found, as though it did not exist.
 */
export async function describeFilters(
  db: Db,
  access: AccessContext,
  filters: AuditFilters,
): Promise<string[]> {
  const areaId = access.partnershipAreaId;
  if (!areaId) throw new NotFoundError();
  const lines: string[] = [];
  if (filters.localityId) {
    const [place] = await db
      .select({ name: locality.name })
      .from(locality)
      .where(and(eq(locality.id, filters.localityId), eq(locality.partnershipAreaId, areaId)));
    if (!place) throw new NotFoundError();
    lines.push(`Locality: ${place.name}`);
  }
  if (filters.serviceId) {
    const [service] = await db
      .select({ name: directoryService.name })
      .from(directoryService)
      .innerJoin(organisation, eq(organisation.id, directoryService.organisationId))
      .where(and(eq(directoryService.id, filters.serviceId), eq(organisation.partnershipAreaId, areaId)));
    if (!service) throw new NotFoundError();
    lines.push(`Service: ${service.name}`);
  }
  if (filters.group)
    lines.push(`Group of people: ${auditGroupByCode(filters.group)?.label ?? filters.group}`);
  return lines;
}

/** The notes for the outputs of these views, with the filters already in words. */
export async function outputNotes(
  db: Db,
  access: AccessContext,
  input: { filters: AuditFilters; filterLines: string[]; threshold: number; views: ShownView[] },
  madeAt = new Date(),
): Promise<AuditOutputNotes> {
  const areaId = access.partnershipAreaId;
  if (!areaId) throw new NotFoundError();
  const [area] = await db.select().from(partnershipArea).where(eq(partnershipArea.id, areaId));
  if (!area) throw new NotFoundError();
  let edition: string | undefined;
  if (input.views.some((v) => v.tables.some(usesSimd))) {
    const [current] = await db
      .select({ name: simdEdition.name })
      .from(simdEdition)
      .where(eq(simdEdition.isCurrent, true))
      .orderBy(desc(simdEdition.loadedAt))
      .limit(1);
    edition = current ? current.name : 'none loaded, so no figure is by deprivation';
  }
  return {
    areaName: area.name,
    councilArea: area.councilArea,
    filters: input.filters,
    period: periodText(input.filters),
    filterLines: input.filterLines,
    threshold: input.threshold,
    suppressionRule: suppressionRule(input.threshold),
    ...(edition ? { simdEdition: edition } : {}),
    madeAt,
  };
}

const madeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});

/** "2 December 2026 at 09:15". */
export function madeText(at: Date): string {
  return madeFormat.format(at).replace(', ', ' at ');
}

/** The notes as lines of text: the head of a CSV file, the notes sheet of a workbook. */
export function noteLines(notes: AuditOutputNotes, title: string): [string, string][] {
  return [
    ['Title', title],
    ['Partnership', `${notes.areaName} (${notes.councilArea})`],
    ['Period', notes.period],
    ...notes.filterLines.map((line): [string, string] => ['Filter', line]),
    ['Small numbers', notes.suppressionRule],
    ...(notes.simdEdition ? [['Deprivation (SIMD) edition', notes.simdEdition] as [string, string]] : []),
    ['Made', madeText(notes.madeAt)],
  ];
}
