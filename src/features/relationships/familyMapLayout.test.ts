import { describe, expect, it } from 'vitest';
import {
  boxHeight,
  boxWidth,
  gapX,
  layoutFamilyMap,
  type MapMember,
  type MapRelationship,
  wrap,
} from './familyMapLayout.ts';

function member(id: string, age: number | undefined, roles: string[] = []): MapMember {
  return { id, name: `Person ${id}`, age, ageText: age === undefined ? undefined : `${age}`, roles };
}

function rel(
  id: string,
  fromId: string,
  kind: MapRelationship['kind'],
  toId: string,
  current = true,
): MapRelationship {
  return { id, fromId, toId, kind, quality: 'supportive', current };
}

const grandmother = member('agnes', 67, ['Affected family member', 'Adult carer']);
const mother = member('donna', 34, ['Using substances']);
const exPartner = member('gary', 36);
const children = [
  member('liam', 9, ['Child or young person']),
  member('isla', 14, ['Child or young person', 'Young carer']),
];
const family = [children[0] as MapMember, mother, grandmother, exPartner, children[1] as MapMember];
const relationships = [
  rel('r1', 'agnes', 'parent_of', 'donna'),
  rel('r2', 'donna', 'parent_of', 'liam'),
  rel('r3', 'donna', 'parent_of', 'isla'),
  rel('r4', 'agnes', 'grandparent_of', 'liam'),
  rel('r5', 'donna', 'ex_partner_of', 'gary', false),
  rel('r6', 'agnes', 'kinship_carer_for', 'isla'),
  rel('r7', 'liam', 'sibling_of', 'isla'),
];

function overlaps(a: { x: number; y: number }, b: { x: number; y: number }): boolean {
  return a.x < b.x + boxWidth && b.x < a.x + boxWidth && a.y < b.y + boxHeight && b.y < a.y + boxHeight;
}

describe('layoutFamilyMap', () => {
  const layout = layoutFamilyMap(family, relationships);
  const at = (id: string) => layout.members.find((m) => m.id === id) as (typeof layout.members)[number];

  it('places every member once, inside the picture, with no two boxes overlapping', () => {
    expect(layout.members.map((m) => m.id).sort()).toEqual(family.map((m) => m.id).sort());
    for (const [i, a] of layout.members.entries()) {
      expect(a.x).toBeGreaterThanOrEqual(0);
      expect(a.x + boxWidth).toBeLessThanOrEqual(layout.width);
      expect(a.y + boxHeight).toBeLessThanOrEqual(layout.height);
      for (const b of layout.members.slice(i + 1)) expect(overlaps(a, b), `${a.id} and ${b.id}`).toBe(false);
    }
  });

  it('puts grandparents above parents above children, and partners side by side', () => {
    expect(at('agnes').y).toBeLessThan(at('donna').y);
    expect(at('donna').y).toBeLessThan(at('liam').y);
    expect(at('isla').y).toBe(at('liam').y);
    expect(at('gary').y).toBe(at('donna').y);
    expect(Math.abs(at('gary').x - at('donna').x)).toBe(boxWidth + gapX);
  });

  it('keeps apart the labels of two relationships between the same two people', () => {
    const pair = layoutFamilyMap(
      [member('a', 40), member('b', 12)],
      [rel('p', 'a', 'parent_of', 'b'), rel('n', 'a', 'neighbour_of', 'b')],
    );
    const [first, second] = pair.lines;
    expect(Math.abs((first?.labelY ?? 0) - (second?.labelY ?? 0))).toBeGreaterThan(20);
  });

  it('draws one line for each relationship between people on the map', () => {
    expect(layout.lines.map((l) => l.id).sort()).toEqual(relationships.map((r) => r.id).sort());
    expect(layoutFamilyMap(family.slice(0, 2), relationships).lines.map((l) => l.id)).toEqual(['r2']);
    for (const line of layout.lines) expect(line.path).toMatch(/^M [\d.]+ [\d.]+ [LC] /);
  });

  it('gives the same picture whatever order the family comes in', () => {
    const again = layoutFamilyMap([...family].reverse(), [...relationships].reverse());
    expect(again.members.sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [...layout.members].sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect(again.width).toBe(layout.width);
  });

  it('puts people with no relationships in rows by age, and survives a record that contradicts itself', () => {
    const loose = layoutFamilyMap(
      [member('a', 70), member('b', 40), member('c', 8), member('d', undefined)],
      [],
    );
    const y = (id: string) => loose.members.find((m) => m.id === id)?.y as number;
    expect(y('a')).toBeLessThan(y('b'));
    expect(y('b')).toBeLessThan(y('c'));
    expect(y('d')).toBe(y('b'));
    const loop = layoutFamilyMap(
      [member('a', 40), member('b', 40)],
      [rel('x', 'a', 'parent_of', 'b'), rel('y', 'b', 'parent_of', 'a')],
    );
    expect(loop.members).toHaveLength(2);
  });

  it('shows the name, the age and the roles in each box', () => {
    expect(at('isla').lines).toEqual(['Person isla', 'Age 14', 'Child or young person,', 'Young carer']);
    expect(layoutFamilyMap([member('z', undefined)], []).members[0]?.lines).toEqual([
      'Person z',
      'Age not known',
    ]);
  });

  it('draws nothing but an empty frame for a family with no one to show', () => {
    const empty = layoutFamilyMap([], []);
    expect(empty.members).toEqual([]);
    expect(empty.lines).toEqual([]);
  });
});

describe('wrap', () => {
  it('keeps whole labels on a line and marks what did not fit', () => {
    expect(wrap(['Affected family member', 'Adult carer'], 25, 2)).toEqual([
      'Affected family member,',
      'Adult carer',
    ]);
    expect(wrap(['One', 'Two'], 25, 2)).toEqual(['One, Two']);
    expect(wrap(['Affected family member', 'Adult carer', 'Bereaved by a long name'], 12, 2)).toEqual([
      'Affected family member,',
      'Adult carer …',
    ]);
  });
});
