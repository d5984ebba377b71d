// The gaps found, for the gap page: each locality, group, kind of support in
// a locality and service that meets a rule, with the rule stated and what
// was found, worded from the suppressed tables so no small count shows. Pure.
import type { GapKind } from '../../db/schemaAudit.ts';
import { type ShownTable, suppressTables } from '../audit/auditTable.ts';
import { gapGroupsFor, gapRules, supportKindGroups } from './gapDefinitions.ts';
import type { GapFigures } from './gapFigures.ts';
import { type GapFinding, groupRules, kindRules, localityRules, waitRules } from './gapRules.ts';
import { gapTableIds, gapTables } from './gapTables.ts';

export interface GapItem {
  kind: GapKind;
  /** Stable across periods: what a proposal records as the gap it answers. */
  key: string;
  localityId: string | null;
  /** What the gap is in: "Ardmore Coast", "Young people aged 12 to 17", "Peer support in Ardmore Coast". */
  subject: string;
  findings: { rule: string; found: string }[];
}

/** "fewer than 10 supported …" as a sentence. */
const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The title a proposal starts with for a gap. */
export function proposalTitleFor(gap: Pick<GapItem, 'kind' | 'subject'>): string {
  const lower = gap.subject.charAt(0).toLowerCase() + gap.subject.slice(1);
  const titles: Record<GapKind, string> = {
    locality: `Family support in ${gap.subject}`,
    group: `Support for ${lower}`,
    support: `More ${lower}`,
    wait: `Shorter ${lower}`,
    other: gap.subject,
  };
  return titles[gap.kind].slice(0, 200);
}

/** The gaps found in the figures, with the tables as they may be shown. */
export function gapList(figures: GapFigures, threshold: number): { tables: ShownTable[]; gaps: GapItem[] } {
  const tables = suppressTables(gapTables(figures), threshold);
  const cell = (table: string, row: string, column: string) => {
    const shown = tables.find((t) => t.id === table);
    const found =
      shown?.rows.find((r) => r.key === row) ?? (shown?.total?.key === row ? shown.total : undefined);
    return found?.cells[column]?.text ?? 'not recorded';
  };
  const gaps: GapItem[] = [];
  const add = (item: Omit<GapItem, 'findings'>, findings: GapFinding[], word: (f: GapFinding) => string) => {
    if (findings.length)
      gaps.push({
        ...item,
        findings: findings.map((f) => ({ rule: gapRules[f.rule], found: sentence(word(f)) })),
      });
  };
  const scoped = figures.localities.filter(
    (l) => !figures.filters.localityId || l.id === figures.filters.localityId,
  );

  for (const place of scoped) {
    const id = place.id as string;
    const at = (column: string) => cell(gapTableIds.localities, id, column);
    add(
      { kind: 'locality', key: `locality:${id}`, localityId: id, subject: place.name },
      localityRules(figures, place),
      (f) => {
        if (f.rule === 'noEstimate')
          return `No estimate of people with problem substance use for a year up to ${figures.filters.to.slice(0, 4)}.`;
        if (f.rule === 'noneSupported')
          return `Nobody supported, against an estimated ${at('affected')} family members affected.`;
        if (f.rule === 'lowReach') {
          const [own, area] = [at('per1000'), cell(gapTableIds.localities, 'area', 'per1000')];
          const rates =
            /\d/.test(own) && /\d/.test(area)
              ? `: ${own} for every 1,000, against ${area} across the area`
              : ' (the rates are not shown, to keep small numbers hidden)';
          return `${at('supported')} family members supported against an estimated ${at('affected')} affected${rates}.`;
        }
        return `${at('services')} family support services are available to ${place.name}; none has a place there.`;
      },
    );
  }

  for (const group of gapGroupsFor(figures.filters.group)) {
    const at = (column: string) => cell(gapTableIds.groups, group.code, column);
    const where = figures.filters.localityId ? ` in ${figures.scope.name}` : '';
    add(
      {
        kind: 'group',
        key: `group:${group.code}${figures.filters.localityId ? `:${figures.filters.localityId}` : ''}`,
        localityId: figures.filters.localityId ?? null,
        subject: `${group.label}${where}`,
      },
      groupRules(figures, group),
      (f) => {
        if (f.rule === 'groupNoneReached')
          return `Nobody supported in the period${at('estimate') === 'not recorded' ? '' : `, against an estimated ${at('estimate')}`}.`;
        if (f.rule === 'groupLowReach') {
          const share = at('share');
          return `${at('reached')} supported against an estimated ${at('estimate')}${/%$/.test(share) ? ` (${share})` : ''}.`;
        }
        if (f.rule === 'fewFathers')
          return `${at('reached')} fathers among ${cell(gapTableIds.groups, 'parents', 'reached')} parents supported.`;
        return `No active service in the directory${where} lists them among who it is for.`;
      },
    );
  }

  for (const place of scoped) {
    const id = place.id as string;
    for (const finding of kindRules(figures, place)) {
      const kind = supportKindGroups.find((k) => k.code === finding.kind);
      if (!kind) continue;
      const all = cell(gapTableIds.kinds, id, `${kind.code}_all`);
      add(
        {
          kind: 'support',
          key: `support:${id}:${kind.code}`,
          localityId: id,
          subject: `${kind.label} in ${place.name}`,
        },
        [finding],
        (f) =>
          f.rule === 'kindNone'
            ? `No service in the directory offers ${kind.label.toLowerCase()} in ${place.name}.`
            : f.rule === 'kindNotBased'
              ? `${all} ${all === '1' ? 'service offers' : 'services offer'} it, none with a place in ${place.name}.`
              : `One service with a place in ${place.name} offers it (${all} available in all).`,
      );
    }
  }

  for (const wait of figures.waits) {
    const at = (column: string) => cell(gapTableIds.waits, wait.serviceId, column);
    add(
      {
        kind: 'wait',
        key: `wait:${wait.serviceId}`,
        localityId: figures.filters.localityId ?? null,
        subject: wait.organisationName
          ? `Waits for ${wait.name} (${wait.organisationName})`
          : `Waits for ${wait.name}`,
      },
      waitRules(wait),
      () => `${at('over6Weeks')} of ${at('received')} referrals sent in the period waited over 6 weeks.`,
    );
  }
  return { tables, gaps };
}
