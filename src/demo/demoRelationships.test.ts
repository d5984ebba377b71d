import { describe, expect, it } from 'vitest';
import { type DemoMember, placeOf, relationshipsFor } from './demoRelationships.ts';
import { seededRandom } from './familyGenerator.ts';

function member(personId: string, label: string, roles: string[] = []): DemoMember {
  return { familyId: 'f', personId, label, roles };
}

describe('demo relationships', () => {
  it('reads where each member stands from the label the family gave them', () => {
    expect(placeOf('Grandmother, kinship carer')).toBe('grandparent');
    expect(placeOf('Mother')).toBe('parent');
    expect(placeOf('Son or daughter')).toBe('child');
    expect(placeOf('Sister or brother')).toBe('child');
    expect(placeOf('Friend')).toBe('friend');
    expect(placeOf('Lodger')).toBeUndefined();
  });

  it('links a kinship-carer grandmother, her daughter and the grandchildren', () => {
    const family = [
      member('g', 'Grandmother, kinship carer', ['adult_carer']),
      member('m', 'Mother', ['using_substances']),
      member('a', 'Daughter', ['child_or_young_person']),
      member('b', 'Son', ['child_or_young_person']),
    ];
    const kinds = relationshipsFor(seededRandom(1), family).map(
      (r) => `${r.fromPersonId} ${r.kind} ${r.toPersonId}`,
    );
    expect(kinds.sort()).toEqual(
      [
        'm parent_of a',
        'm parent_of b',
        'g parent_of m',
        'g grandparent_of a',
        'g kinship_carer_for a',
        'g grandparent_of b',
        'g kinship_carer_for b',
        'a sibling_of b',
      ].sort(),
    );
  });

  it('makes the same relationships from the same seed, with a past ex-partner now and then', () => {
    const couple = [member('x', 'Partner', ['using_substances']), member('y', 'Partner')];
    const first = relationshipsFor(seededRandom(7), couple);
    expect(relationshipsFor(seededRandom(7), couple)).toEqual(first);
    const kinds = new Set(
      Array.from({ length: 40 }, (_, seed) => relationshipsFor(seededRandom(seed), couple)[0]?.kind),
    );
    expect(kinds).toEqual(new Set(['partner_of', 'ex_partner_of']));
  });
});
