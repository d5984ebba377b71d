// The gaps view's tables: need against provision and reach, by locality, by
// group, by kind of support and by service's waits. Raw counts, for
// suppressTable; each table's definition says what is counted. Pure.
import type { AuditColumn, AuditRow, AuditTable } from '../audit/auditTable.ts';
import { type GapGroup, gapGroups, supportKindGroups } from './gapDefinitions.ts';
import type { GapFigures, PlaceFigures } from './gapFigures.ts';
import { type GapFinding, groupRules, kindRules, localityRules, waitRules } from './gapRules.ts';

export const gapTableIds = {
  localities: 'gaps-by-locality',
  groups: 'gaps-by-group',
  kinds: 'gaps-by-kind-of-support',
  waits: 'gaps-long-waits',
} as const;

const longDate = (iso: string) =>
  new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { dateStyle: 'long', timeZone: 'UTC' });
const period = (f: GapFigures) => `from ${longDate(f.filters.from)} to ${longDate(f.filters.to)}`;
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
    definition: `Family members affected: the latest estimate of people with problem substance use for a year up to ${figures.filters.to.slice(0, 4)}, times its family multiplier (the whole area’s own estimate, or the localities’ added up). Family members supported: different people, not counting anyone who uses substances themselves, in families of the locality, with support under way, an attended contact or a group session ${period(figures)}. Referrals waiting over 6 weeks: referrals sent in the period for families of the locality that waited, or have waited, more than 42 days for support to start. Services: active directory listings of the area’s organisations for family members (not only for the person using substances), with a place in the locality or covering it; counts of services are public and are not hidden.`,
    columns,
    rows: shown.map((l) => localityRow(figures, l, l.id ?? 'area', l.name)),
    // The whole area's row even for one locality: its reach is what each locality's is set against.
    total: localityRow(figures, figures.area, 'area', 'Whole area'),
  };
}

const groupLabel = (g: GapGroup) => g.label;

function groupsTable(figures: GapFigures): AuditTable {
  const wanted = figures.filters.group;
  const groups = gapGroups.filter(
    (g) => !wanted || !gapGroups.some((x) => x.code === wanted) || g.code === wanted,
  );
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
  rows.push({
    key: 'parents',
    label: 'Parents (mothers and fathers)',
    values: { reached: figures.parents, estimate: null, share: null, services: null, gaps: '' },
  });
  return {
    id: gapTableIds.groups,
    title: `Groups: people supported against estimated need, ${figures.scope.name}`,
    definition: `People supported ${period(figures)} as for the localities, in each group: ${gapGroups
      .map((g) => `${g.label.toLowerCase()}, ${g.definition}`)
      .join(
        '; ',
      )}. A person may be in more than one group. Estimate: the latest for a year up to ${figures.filters.to.slice(0, 4)}. Services: active directory listings for the group (by who they are for) available there.`,
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
      .join('. ')}.`,
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
    definition: `Referrals sent ${period(figures)}${figures.filters.localityId ? ' for families of the locality' : ''}, and of them those that waited, or have been waiting, more than 6 weeks (42 days) from the day they were sent to support starting, by the end of the period or today if sooner.`,
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
