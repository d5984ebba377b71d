// The groups of people the provision audit counts: age bands, gender, where
// someone stands in the family story (their relationship to the person using
// alcohol or drugs), and circumstances (bereaved, young carers). The reach
// view breaks people down by them; the `group` filter narrows every figure
// about people to one of them.

export interface AgeBand {
  code: string;
  label: string;
  /** Youngest age in the band; the oldest is the next band's youngest, less one. */
  from: number;
}

/** Age on the last day of the period, from the date of birth or the approximate age given. */
export const ageBands: readonly AgeBand[] = [
  { code: 'age-0-11', label: 'Aged 0 to 11', from: 0 },
  { code: 'age-12-17', label: 'Aged 12 to 17', from: 12 },
  { code: 'age-18-24', label: 'Aged 18 to 24', from: 18 },
  { code: 'age-25-64', label: 'Aged 25 to 64', from: 25 },
  { code: 'age-65-plus', label: 'Aged 65 and over', from: 65 },
];
export const ageUnknown = { code: 'age-not-known', label: 'Age not recorded' } as const;

export interface Standing {
  code: string;
  label: string;
  /** Where someone stands in several ways (a grandmother who is also the mother), the lowest rank counts. */
  rank: number;
}

/**
 * Relationship to the person using alcohol or drugs, from the family's
 * relationships and each member's roles in the family story, in the order a
 * member is counted when more than one applies.
 */
export const standings: readonly Standing[] = [
  { code: 'using', label: 'The person using alcohol or drugs', rank: 1 },
  { code: 'child', label: 'Children and young people', rank: 2 },
  { code: 'grandparent', label: 'Grandparents', rank: 3 },
  { code: 'parent', label: 'Parents', rank: 4 },
  { code: 'partner', label: 'Partners and ex-partners', rank: 5 },
  { code: 'sibling', label: 'Brothers and sisters', rank: 6 },
  { code: 'friend', label: 'Friends and neighbours', rank: 7 },
  { code: 'other', label: 'Other or not recorded', rank: 8 },
];

export interface Gender {
  code: string;
  label: string;
}

/** Gender is free text in the record: plainly female or male words are read as such, anything else as another gender. */
export const genders: readonly Gender[] = [
  { code: 'female', label: 'Female' },
  { code: 'male', label: 'Male' },
  { code: 'another', label: 'Another gender' },
  { code: 'not-recorded', label: 'Gender not recorded' },
];

export const circumstances = [
  { code: 'bereaved', label: 'Bereaved by a substance-related death' },
  { code: 'young-carer', label: 'Young carers' },
] as const;

export type AuditGroup =
  | { kind: 'age'; code: string; label: string; band: AgeBand | typeof ageUnknown }
  | { kind: 'standing'; code: string; label: string; standing: Standing }
  | { kind: 'gender'; code: string; label: string; gender: Gender }
  | { kind: 'circumstance'; code: 'bereaved' | 'young-carer'; label: string };

/** Every group a figure can be narrowed to, in the order the filter offers them. */
export const auditGroups: readonly AuditGroup[] = [
  ...standings.map((standing) => ({
    kind: 'standing' as const,
    code: standing.code,
    label: standing.label,
    standing,
  })),
  ...circumstances.map((c) => ({ kind: 'circumstance' as const, code: c.code, label: c.label })),
  ...[...ageBands, ageUnknown].map((band) => ({
    kind: 'age' as const,
    code: band.code,
    label: band.label,
    band,
  })),
  ...genders.map((gender) => ({ kind: 'gender' as const, code: gender.code, label: gender.label, gender })),
];

export function auditGroupByCode(code: string): AuditGroup | undefined {
  return auditGroups.find((group) => group.code === code);
}
