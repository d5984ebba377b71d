// How relationships are said, from either side, in plain English.
import type { RelationshipKind, RelationshipQuality } from '../../db/schema.ts';

type Sex = 'female' | 'male' | undefined;

/**
 * What a recorded gender says about "mother" or "father". Gender is free
 * text; anything that is not plainly female or male gives the neutral word.
 */
export function genderWord(gender: string | null | undefined): Sex {
  if (!gender) return undefined;
  if (/\b(female|woman|girl)\b/i.test(gender)) return 'female';
  if (/\b(male|man|boy)\b/i.test(gender)) return 'male';
  return undefined;
}

function gendered(sex: Sex, female: string, male: string, neutral: string): string {
  return sex === 'female' ? female : sex === 'male' ? male : neutral;
}

/** "Agnes is ___ Liam": the relationship as said from the side it was recorded. */
export function forwardPhrase(kind: RelationshipKind, fromGender?: string | null): string {
  const sex = genderWord(fromGender);
  switch (kind) {
    case 'parent_of':
      return gendered(sex, 'mother of', 'father of', 'parent of');
    case 'grandparent_of':
      return gendered(sex, 'grandmother of', 'grandfather of', 'grandparent of');
    case 'sibling_of':
      return gendered(sex, 'sister of', 'brother of', 'sibling of');
    case 'partner_of':
      return 'partner of';
    case 'ex_partner_of':
      return 'ex-partner of';
    case 'kinship_carer_for':
      return 'kinship carer for';
    case 'friend_of':
      return 'friend of';
    case 'neighbour_of':
      return 'neighbour of';
  }
}

/** "Liam is ___ Agnes": the same relationship said from the other side. */
export function inversePhrase(kind: RelationshipKind, toGender?: string | null): string {
  const sex = genderWord(toGender);
  switch (kind) {
    case 'parent_of':
      return gendered(sex, 'daughter of', 'son of', 'child of');
    case 'grandparent_of':
      return gendered(sex, 'granddaughter of', 'grandson of', 'grandchild of');
    case 'kinship_carer_for':
      return 'in the kinship care of';
    default:
      return forwardPhrase(kind, toGender);
  }
}

/** The word on a line of the family map. */
export const mapLabels: Record<RelationshipKind, string> = {
  parent_of: 'parent',
  partner_of: 'partners',
  ex_partner_of: 'ex-partners',
  grandparent_of: 'grandparent',
  sibling_of: 'siblings',
  kinship_carer_for: 'kinship carer',
  friend_of: 'friends',
  neighbour_of: 'neighbours',
};

export const qualityNames: Record<RelationshipQuality, string> = {
  supportive: 'Supportive',
  mixed: 'Mixed',
  strained: 'Strained',
  harmful: 'Harmful',
};

export const qualityHints: Record<RelationshipQuality, string> = {
  supportive: 'They help each other.',
  mixed: 'Sometimes helpful, sometimes hard.',
  strained: 'Under strain: conflict or distance.',
  harmful: 'One causes the other harm, or there is a risk of it.',
};

/**
 * The choices in "how are they related", read as "<first person> is ___
 * <second person>". The inverse choices are stored the other way round:
 * "child of" is saved as the second person being parent of the first.
 */
export const relationshipChoices = [
  { value: 'parent_of', text: 'parent of', kind: 'parent_of', flip: false },
  { value: 'child_of', text: 'child of', kind: 'parent_of', flip: true },
  { value: 'grandparent_of', text: 'grandparent of', kind: 'grandparent_of', flip: false },
  { value: 'grandchild_of', text: 'grandchild of', kind: 'grandparent_of', flip: true },
  { value: 'partner_of', text: 'partner of', kind: 'partner_of', flip: false },
  { value: 'ex_partner_of', text: 'ex-partner of', kind: 'ex_partner_of', flip: false },
  { value: 'sibling_of', text: 'brother or sister of', kind: 'sibling_of', flip: false },
  { value: 'kinship_carer_for', text: 'kinship carer for', kind: 'kinship_carer_for', flip: false },
  { value: 'kinship_cared_for_by', text: 'in the kinship care of', kind: 'kinship_carer_for', flip: true },
  { value: 'friend_of', text: 'friend of', kind: 'friend_of', flip: false },
  { value: 'neighbour_of', text: 'neighbour of', kind: 'neighbour_of', flip: false },
] as const satisfies readonly { value: string; text: string; kind: RelationshipKind; flip: boolean }[];

export type RelationshipChoice = (typeof relationshipChoices)[number]['value'];
