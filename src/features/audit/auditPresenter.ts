// What the audit's pages show: the filter form, and each table as it may be
// shown (through suppressTables, so no page can show a count the rule hides).
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { errorList, type FieldErrors } from '../../platform/http/forms.ts';
import {
  type FilterChoices,
  type FilterValues,
  filterFieldOrder,
  filterQuery,
  periodText,
  suggestedPeriods,
} from './auditFilters.ts';
import { auditGroups } from './auditGroups.ts';
import type { AuditTable, ShownTable } from './auditTable.ts';
import { suppressTables } from './auditTable.ts';
import type { AuditFilters } from './auditView.ts';

export interface AuditChoices extends FilterChoices {
  localities: { id: string; name: string }[];
  services: { id: string; name: string; organisationName: string }[];
}

/** The localities and services of the lead's area, to choose from. */
export async function auditChoices(db: Db, areaId: string): Promise<AuditChoices> {
  const localities = await queryRows<{ id: string; name: string }>(
    db,
    sql`select id, name from locality where partnership_area_id = ${areaId} order by name, id`,
  );
  const services = await queryRows<{ id: string; name: string; organisationName: string }>(
    db,
    sql`select s.id, s.name, o.name as "organisationName"
      from directory_service s join organisation o on o.id = s.organisation_id
      where o.partnership_area_id = ${areaId} order by s.name, o.name, s.id`,
  );
  return {
    localities,
    services,
    localityIds: localities.map((l) => l.id),
    serviceIds: services.map((s) => s.id),
  };
}

/** The rule in one sentence, said under any table with a hidden figure, in the report and in the API. */
export function suppressionRule(threshold: number): string {
  return `Numbers from 1 to ${threshold - 1} are shown as “fewer than ${threshold}”; where a total or another figure would give a hidden number away, a second number is hidden too (“not shown”), and a share, median or mean worked out from a hidden number is not shown.`;
}

/** The filter form: the period's two dates, the choices and what was typed, with any errors. */
export function presentFilters(
  values: FilterValues,
  choices: AuditChoices,
  today: string,
  action: string,
  errors: FieldErrors = {},
) {
  const dateItems = (prefix: 'from' | 'to') =>
    (['day', 'month', 'year'] as const).map((part) => ({
      name: part,
      label: part[0]?.toUpperCase() + part.slice(1),
      classes: `govuk-input--width-${part === 'year' ? 4 : 2}${errors[prefix] ? ' govuk-input--error' : ''}`,
      value: values[prefix][part],
    }));
  const select = (selected: string, all: string, items: { value: string; text: string }[]) => [
    { value: '', text: all, selected: selected === '' },
    ...items.map((item) => ({ ...item, selected: item.value === selected })),
  ];
  return {
    action,
    errors,
    errorList: errorList(errors, filterFieldOrder),
    fromItems: dateItems('from'),
    toItems: dateItems('to'),
    localityItems: select(
      values.localityId,
      'All localities',
      choices.localities.map((l) => ({ value: l.id, text: l.name })),
    ),
    serviceItems: select(
      values.serviceId,
      'All services',
      choices.services.map((s) => ({ value: s.id, text: `${s.name} (${s.organisationName})` })),
    ),
    groupItems: select(
      values.group,
      'Everyone',
      auditGroups.map((g) => ({ value: g.code, text: g.label })),
    ),
    periods: suggestedPeriods(today).map((p) => ({
      text: p.label,
      href: `${action}?${filterQuery({
        from: p.from,
        to: p.to,
        ...(values.localityId ? { localityId: values.localityId } : {}),
        ...(values.serviceId ? { serviceId: values.serviceId } : {}),
        ...(values.group ? { group: values.group } : {}),
      })}`,
    })),
  };
}

/** The chosen filters in words, for the line under the heading. */
export function filtersText(filters: AuditFilters, choices: AuditChoices): string {
  const parts = [periodText(filters)];
  const locality = choices.localities.find((l) => l.id === filters.localityId);
  if (locality) parts.push(locality.name);
  const service = choices.services.find((s) => s.id === filters.serviceId);
  if (service) parts.push(service.name);
  const group = auditGroups.find((g) => g.code === filters.group);
  if (group) parts.push(group.label);
  return parts.join(', ');
}

/** A table ready for the template: its headings, and each row's cells in column order. */
export function presentTable(table: ShownTable) {
  const numeric = (kind: string) => kind !== 'text';
  const cells = (row: ShownTable['rows'][number]) =>
    table.columns.map((c) => ({ text: row.cells[c.key]?.text ?? '', numeric: numeric(c.kind) }));
  return {
    id: table.id,
    title: table.title,
    definition: table.definition,
    headings: table.columns.map((c) => ({ text: c.label, numeric: numeric(c.kind) })),
    rows: table.rows.map((row) => ({ label: row.label, cells: cells(row) })),
    total: table.total ? { label: table.total.label, cells: cells(table.total) } : undefined,
    rule: table.anySuppressed ? suppressionRule(table.threshold) : undefined,
  };
}

/** Suppresses and presents every table of a view. */
export function presentTables(tables: AuditTable[], threshold: number) {
  return suppressTables(tables, threshold).map(presentTable);
}
