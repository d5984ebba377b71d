// The gaps view's tables: need against provision and reach, by locality, by
// group, by kind of support and by service's waits. Raw counts, for
// suppressTable; each table's definition says what is counted. Pure.
import { periodText } from '../audit/auditFilters.ts';
import { auditGroupByCode } from '../audit/auditGroups.ts';
import type { AuditColumn, AuditRow, AuditTable } from '../audit/auditTable.ts';
import { type GapGroup, gapGroups, gapGroupsFor, supportKindGroups } from './gapDefinitions.ts';
import type { GapFigures, PlaceFigures } from './gapFigures.ts';
import { type GapFinding, groupRules, kindRules, localityRules, waitRules } from './gapRules.ts';

export const gapTableIds = {
  localities: 'gaps-by-locality',
  groups: 'gaps-by-group',
  kinds: 'gaps-by-kind-of-support',
  waits: 'gaps-long-waits',
} as const;

/**
 * The period and filters in words, at the end of every table's definition, as
 * the audit's other views say them. Which tables a filter narrows is said:
 * need, reach and the directory are set against the whole area's work, so a
 * service narrows the waits alone.
 */
export function gapScopeText(f: GapFigures, table: 'localities' | 'groups' | 'kinds' | 'waits'): string {
  const parts = [`Period: ${periodText(f.filters)}.`];
  if (f.filters.localityId)
    parts.push(
      table === 'localities'
        ? `Only ${f.scope.name}, with the whole area’s row to set it against.`
        : `Only ${f.scope.name}.`,
    );
  const service = f.filters.serviceId && f.services.find((s) => s.id === f.filters.serviceId);
  if (service)
    parts.push(
      table === 'waits'
        ? `Only referrals to ${service.name}.`
        : `The service chosen (${service.name}) narrows the long waits only: need is set against all the area’s support.`,
    );
  const group = f.filters.group ? auditGroupByCode(f.filters.group) : undefined;
  if (group && table === 'groups')
    parts.push(
      gapGroupsFor(group.code) === gapGroups
        ? `The gap analysis has no group for “${group.label}”, so every group is shown.`
        : `Only the groups of “${group.label}”.`,
    );
  else if (group) parts.push(`The group chosen (“${group.label}”) narrows the groups table only.`);
  return parts.join(' ');
}
const rulesText = (findings: GapFinding[]) => findings.map((g) => g.short).join('; ') || 'none found';
const per1000 = (supported: number, affected: number | null) =>
  affected ? Math.round((supported / affected) * 10_000) / 10 : null;

function localityRow(figures: GapFigures, place: PlaceFigures, key: string, label: string): AuditRow {
  const services = figures.services.filter((s) =>
    place.id ? s.availableIn(place.id) : s.active && s.familySupport,
  );
  const based = services.filter((s) => (place.id ? s.basedIn.includes(place.id) : s.basedIn.length > 0));
  return {
    key,
    label,
    values: {
      affected: place.affected,
      supported: place.supported,
      per1000: per1000(place.supported, place.affected),
      longWaits: place.longWaits,
      services: services.length,
      based: based.length,
      gaps: place.id ? rulesText(localityRules(figures, place)) : '',
    },
  };
}

function localitiesTable(figures: GapFigures): AuditTable {
  const columns: AuditColumn[] = [
    { key: 'affected', label: 'Family members affected (estimated)', kind: 'text' },
    { key: 'supported', label: 'Family members supported', kind: 'count' },
    { key: 'per1000', label: 'Supported for every 1,000 affected', kind: 'text', basedOn: 'supported' },
    { key: 'longWaits', label: 'Referrals waiting over 6 weeks', kind: 'count' },
    { key: 'services', label: 'Family support services available', kind: 'text' },
    { key: 'based', label: 'With a place in the locality', kind: 'text' },
    { key: 'gaps', label: 'Gaps', kind: 'text' },
  ];
  const shown = figures.localities.filter(
    (l) => !figures.filters.localityId || l.id === figures.filters.localityId,
  );
  return {
    id: gapTableIds.localities,
    title: 'Need against provision and reach, by locality',
    definition: `Family members affected: the latest estimate of people with problem substance use for a year up to ${figures.filters.to.slice(0, 4)}, times its family multiplier (the whole area’s own estimate, or the localities’ added up). Family members supported: different people, not counting anyone who uses substances themselves, in families of the locality, with support under way, an attended contact or a group session in the period. Referrals waiting over 6 weeks: referrals sent in the period for families of the locality that waited, or have waited, more than 42 days for support to start. Services: active directory listings of the area’s organisations for family members (not only for the person using substances), with a place in the locality or covering it; counts of services are public and are not hidden. ${gapScopeText(figures, 'localities')}`,
    columns,
    rows: shown.map((l) => localityRow(figures, l, l.id ?? 'area', l.name)),
    // The whole area's row even for one locality: its reach is what each locality's is set against.
    total: localityRow(figures, figures.area, 'area', 'Whole area'),
  };
}

const groupLabel = (g: GapGroup) => g.label;

function groupsTable(figures: GapFigures): AuditTable {
  const groups = gapGroupsFor(figures.filters.group);
  const parents = groups.some((g) => g.code === 'fathers');
  const rows: AuditRow[] = groups.map((g) => {
    const f = figures.groups.find((x) => x.code === g.code);
    const estimate = f?.estimate?.estimate ?? null;
    const reached = f?.reached ?? 0;
    return {
      key: g.code,
      label: groupLabel(g),
      values: {
        reached,
        estimate,
        share: estimate ? Math.round((reached / estimate) * 100) : null,
        services: f?.services ?? 0,
        gaps: rulesText(groupRules(figures, g)),
      },
    };
  });
  // The fathers' share is of the parents: their row goes with the fathers'.
  if (parents)
    rows.push({
      key: 'parents',
      label: 'Parents (mothers and fathers)',
      values: { reached: figures.parents, estimate: null, share: null, services: null, gaps: '' },
    });
  return {
    id: gapTableIds.groups,
    title: `Groups: people supported against estimated need, ${figures.scope.name}`,
    definition: `People supported in the period as for the localities, in each group: ${gapGroups
      .map((g) => `${g.label.toLowerCase()}, ${g.definition}`)
      .join(
        '; ',
      )}. A person may be in more than one group. Estimate: the latest for a year up to ${figures.filters.to.slice(0, 4)}. Services: active directory listings for the group (by who they are for) available there. ${gapScopeText(figures, 'groups')}`,
    columns: [
      { key: 'reached', label: 'Supported', kind: 'count' },
      { key: 'estimate', label: 'Estimated need', kind: 'text' },
      { key: 'share', label: 'Supported, of the estimate', kind: 'percent', basedOn: 'reached' },
      { key: 'services', label: 'Services for them', kind: 'text' },
      { key: 'gaps', label: 'Gaps', kind: 'text' },
    ],
    rows,
  };
}

function kindsTable(figures: GapFigures): AuditTable {
  const columns: AuditColumn[] = supportKindGroups.flatMap((k) => [
    { key: `${k.code}_based`, label: `${k.label}: with a place here`, kind: 'text' as const },
    { key: `${k.code}_all`, label: `${k.label}: available`, kind: 'text' as const },
  ]);
  columns.push({ key: 'gaps', label: 'Gaps', kind: 'text' });
  const shown = figures.localities.filter(
    (l) => !figures.filters.localityId || l.id === figures.filters.localityId,
  );
  return {
    id: gapTableIds.kinds,
    title: 'Kinds of support in each locality',
    definition: `Active directory listings of the area’s organisations for family members, in each locality: with a place there, and available there in all (with a place, or covering it from elsewhere, by phone or online). ${supportKindGroups
      .map((k) => `${k.label}: a service that ${k.definition}`)
      .join('. ')}. ${gapScopeText(figures, 'kinds')}`,
    columns,
    rows: shown.map((place) => {
      const id = place.id as string;
      const available = figures.services.filter((s) => s.availableIn(id));
      const values: AuditRow['values'] = {};
      for (const k of supportKindGroups) {
        const offering = available.filter((s) => k.offers(s));
        values[`${k.code}_based`] = offering.filter((s) => s.basedIn.includes(id)).length;
        values[`${k.code}_all`] = offering.length;
      }
      values.gaps = rulesText(kindRules(figures, place));
      return { key: id, label: place.name, values };
    }),
  };
}

function waitsTable(figures: GapFigures): AuditTable {
  return {
    id: gapTableIds.waits,
    title: `Long waits by service, ${figures.scope.name}`,
    definition: `Referrals sent in the period${figures.filters.localityId ? ' for families of the locality' : ''}, and of them those that waited, or have been waiting, more than 6 weeks (42 days) from the day they were sent to support starting, by the end of the period or today if sooner. ${gapScopeText(figures, 'waits')}`,
    columns: [
      { key: 'received', label: 'Referrals received', kind: 'count' },
      // No share of those received: with the count of one hidden to protect another, a share would give it away.
      { key: 'over6Weeks', label: 'Waited over 6 weeks', kind: 'count' },
      { key: 'gaps', label: 'Gaps', kind: 'text' },
    ],
    rows: figures.waits.map((w) => ({
      key: w.serviceId,
      label: w.organisationName ? `${w.name} (${w.organisationName})` : w.name,
      values: {
        received: w.received,
        over6Weeks: w.over6Weeks,
        gaps: rulesText(waitRules(w)),
      },
    })),
    total: {
      key: 'total',
      label: figures.scope.name,
      values: {
        received: figures.waitsTotal.received,
        over6Weeks: figures.waitsTotal.over6Weeks,
        gaps: '',
      },
    },
  };
}

/** The view's four tables, in the order the page and the report show them. */
export function gapTables(figures: GapFigures): AuditTable[] {
  return [localitiesTable(figures), groupsTable(figures), kindsTable(figures), waitsTable(figures)];
}
