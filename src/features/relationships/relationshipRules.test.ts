import { describe, expect, it } from 'vitest';
import { parseRelationshipForm, relationshipProblems, toRelationshipInput } from './relationshipForm.ts';
import { birthRange, familyProblems, type MemberFacts } from './relationshipRules.ts';
import { forwardPhrase, genderWord, inversePhrase } from './relationshipWords.ts';

const agnes: MemberFacts = {
  personId: 'a',
  name: 'Agnes',
  dateOfBirth: '1958-03-01',
  approximateAge: null,
  approximateAgeOn: null,
};
const donna: MemberFacts = {
  personId: 'd',
  name: 'Donna',
  dateOfBirth: '1990-06-12',
  approximateAge: null,
  approximateAgeOn: null,
};
const liam: MemberFacts = {
  personId: 'l',
  name: 'Liam',
  dateOfBirth: null,
  approximateAge: 9,
  approximateAgeOn: '2026-01-10',
};
const members = [agnes, donna, liam];
const form = {
  from: 'd',
  relation: 'child_of',
  to: 'a',
  quality: 'supportive',
  current: 'current',
  note: '',
};

describe('relationship words', () => {
  it('says a relationship from both sides, using gender where it is recorded', () => {
    expect(forwardPhrase('parent_of', 'Female')).toBe('mother of');
    expect(forwardPhrase('parent_of', 'Man')).toBe('father of');
    expect(forwardPhrase('parent_of', 'Non-binary')).toBe('parent of');
    expect(inversePhrase('parent_of', null)).toBe('child of');
    expect(inversePhrase('grandparent_of', 'male')).toBe('grandson of');
    expect(inversePhrase('kinship_carer_for', 'female')).toBe('in the kinship care of');
    expect(inversePhrase('partner_of', 'female')).toBe('partner of');
    expect(genderWord('female')).toBe('female');
  });
});

describe('the add relationship form', () => {
  it('stores “child of” the other way round, as parent of', () => {
    expect(toRelationshipInput(form)).toEqual({
      fromPersonId: 'a',
      toPersonId: 'd',
      kind: 'parent_of',
      quality: 'supportive',
      current: true,
      note: null,
    });
    expect(
      toRelationshipInput({ ...form, relation: 'ex_partner_of', quality: 'not_known', current: 'past' }),
    ).toMatchObject({
      fromPersonId: 'd',
      kind: 'ex_partner_of',
      quality: null,
      current: false,
    });
  });

  it('refuses a relationship to oneself and missing or unknown choices', () => {
    expect(relationshipProblems({ ...form, to: 'd' }).to).toMatch(
      /cannot have a relationship with themselves/,
    );
    expect(Object.keys(relationshipProblems(parseRelationshipForm({})))).toEqual([
      'from',
      'relation',
      'to',
      'quality',
      'current',
    ]);
    expect(relationshipProblems({ ...form, relation: 'cousin_of', quality: 'awful' })).toMatchObject({
      relation: 'Select how they are related',
      quality: 'Select how the relationship is',
    });
    expect(relationshipProblems({ ...form, note: 'x'.repeat(1001) }).note).toBeDefined();
    expect(relationshipProblems(form)).toEqual({});
  });
});

describe('family rules', () => {
  it('refuses a parent younger than their child by the dates given, approximate ages included', () => {
    const parentYounger = toRelationshipInput({ ...form, from: 'a', relation: 'child_of', to: 'd' });
    expect(familyProblems(parentYounger, members, [], { from: 'a', to: 'd' }).relation).toMatch(
      /^By the dates of birth given, Agnes is not younger than Donna, so Donna cannot be their parent/,
    );
    const grandchildOlder = toRelationshipInput({ ...form, from: 'l', relation: 'grandparent_of', to: 'a' });
    expect(familyProblems(grandchildOlder, members, [], { from: 'l', to: 'a' }).relation).toMatch(
      /cannot be their grandparent/,
    );
    expect(familyProblems(toRelationshipInput(form), members, [], form)).toEqual({});
  });

  it('refuses the same kind of relationship between the same two people, either way round', () => {
    const input = toRelationshipInput(form);
    const existing = [{ fromPersonId: 'a', toPersonId: 'd', kind: 'parent_of' as const }];
    expect(familyProblems(input, members, existing, form).relation).toMatch(/already recorded/);
    expect(
      familyProblems(input, members, [{ fromPersonId: 'a', toPersonId: 'd', kind: 'friend_of' }], form),
    ).toEqual({});
  });

  it('asks for a current member when someone is not in the family or not visible', () => {
    const input = toRelationshipInput({ ...form, from: 'x' });
    expect(familyProblems(input, members, [], { from: 'x', to: 'a' })).toEqual({
      from: 'Select someone who is a current member of this family',
    });
  });

  it('turns an approximate age into a year-wide range of birth dates', () => {
    const range = birthRange(liam);
    expect(new Date(range?.latest as number).toISOString().slice(0, 10)).toBe('2017-01-10');
    expect(new Date(range?.earliest as number).toISOString().slice(0, 10)).toBe('2016-01-11');
    expect(birthRange({ ...liam, approximateAge: null })).toBeUndefined();
  });
});
