import type { RelationshipQuality } from '../../db/schema.ts';
import { ageOn, ageText, memberName, roleNames } from '../families/familyPresenter.ts';
import { layoutFamilyMap, type PlacedLine } from './familyMapLayout.ts';
import type { RelatedMember, RelationshipRow } from './relationshipRepository.ts';
import { forwardPhrase, inversePhrase, mapLabels, qualityNames } from './relationshipWords.ts';

/** Short role names that fit in a box on the map. */
export const shortRoleNames: Record<string, string> = {
  using_substances: 'Using substances',
  affected_family_member: 'Affected family member',
  child_or_young_person: 'Child or young person',
  young_carer: 'Young carer',
  adult_carer: 'Adult carer',
  bereaved: 'Bereaved',
};

interface LineStyle {
  stroke: string;
  width: number;
  dash: string | undefined;
  opacity: number;
}

// Colour is never the only signal: each quality has its own line pattern and width too,
// and the list beside the map says it in words. Colours meet 3:1 against white.
const qualityStyles: Record<RelationshipQuality | 'not_known', Omit<LineStyle, 'opacity'>> = {
  supportive: { stroke: '#00703c', width: 3, dash: undefined },
  mixed: { stroke: '#1d70b8', width: 3, dash: '12 6' },
  strained: { stroke: '#a64b00', width: 3, dash: '4 4' },
  harmful: { stroke: '#d4351c', width: 6, dash: undefined },
  not_known: { stroke: '#505a5f', width: 2, dash: undefined },
};

function lineStyle(quality: RelationshipQuality | null, current: boolean): LineStyle {
  const style = qualityStyles[quality ?? 'not_known'];
  // A past relationship is faint and dotted, whatever it was like.
  return current ? { ...style, opacity: 1 } : { ...style, dash: '2 6', opacity: 0.6 };
}

/** What the legend under the map explains, each with a sample of its line. */
export function mapLegend() {
  const qualities = (['supportive', 'mixed', 'strained', 'harmful'] as const).map((q) => ({
    text: qualityNames[q],
    ...lineStyle(q, true),
  }));
  return [
    ...qualities,
    { text: 'Not known', ...lineStyle(null, true) },
    { text: 'In the past (faint, dotted)', ...lineStyle('supportive', false) },
  ];
}

function describe(r: RelationshipRow, names: Map<string, { name: string; gender: string | null }>) {
  const from = names.get(r.fromPersonId);
  const to = names.get(r.toPersonId);
  return {
    from: from?.name ?? '',
    to: to?.name ?? '',
    sentence: `${from?.name} is ${forwardPhrase(r.kind, from?.gender)} ${to?.name}`,
    inverse: `${to?.name} is ${inversePhrase(r.kind, to?.gender)} ${from?.name}`,
    quality: r.quality ? qualityNames[r.quality] : 'Not known',
    status: r.current ? 'Current' : 'In the past',
  };
}

/** Relationships in words, from both sides, for the list beside the map and the relationships page. */
export function relationshipSentences(members: RelatedMember[], relationships: RelationshipRow[]) {
  const names = new Map(members.map((m) => [m.personId, { name: memberName(m), gender: m.gender }]));
  return relationships.map((r) => ({ id: r.id, note: r.note, current: r.current, ...describe(r, names) }));
}

function approximateYears(m: RelatedMember, today: Date): number | undefined {
  const exact = ageOn(m.dateOfBirth, today);
  if (exact !== undefined) return exact;
  const shown = ageText(m, today);
  return shown ? Number.parseInt(shown.replace('about ', ''), 10) : undefined;
}

/**
 * The family map as a template draws it: boxes and lines placed, line styles,
 * the legend, and the same information as lists for those who cannot see
 * the picture.
 */
export function presentFamilyMap(
  familyName: string,
  members: RelatedMember[],
  relationships: RelationshipRow[],
  today: Date,
) {
  const layout = layoutFamilyMap(
    members.map((m) => ({
      id: m.personId,
      name: memberName(m),
      age: approximateYears(m, today),
      ageText: ageText(m, today),
      roles: m.roles.map((role) => shortRoleNames[role] ?? role),
    })),
    relationships.map((r) => ({
      id: r.id,
      fromId: r.fromPersonId,
      toId: r.toPersonId,
      kind: r.kind,
      quality: r.quality,
      current: r.current,
    })),
  );
  // Past relationships are drawn first, so current ones sit on top of them.
  const lines = [...layout.lines]
    .sort((a, b) => Number(a.current) - Number(b.current))
    .map((line: PlacedLine) => ({
      ...line,
      label: mapLabels[line.kind],
      ...lineStyle(line.quality, line.current),
    }));
  return {
    title: `Family map: ${familyName}`,
    description: `${members.length} ${members.length === 1 ? 'member' : 'members'} and ${relationships.length} ${
      relationships.length === 1 ? 'relationship' : 'relationships'
    }. The same information is in the lists beside the map.`,
    width: layout.width,
    height: layout.height,
    boxWidth: layout.boxWidth,
    boxHeight: layout.boxHeight,
    boxes: layout.members.map((box) => ({
      ...box,
      textX: box.x + 12,
      lines: box.lines.map((text, i) => ({ text, y: box.y + 24 + i * 20, bold: i === 0 })),
    })),
    lines,
    legend: mapLegend(),
    memberList: members.map((m) => ({
      name: memberName(m),
      age: ageText(m, today) ?? 'Not known',
      roles: m.roles.map((role) => roleNames[role] ?? role).join(', ') || 'Not recorded',
    })),
    relationshipList: relationshipSentences(members, relationships),
  };
}

export type FamilyMapView = ReturnType<typeof presentFamilyMap>;
