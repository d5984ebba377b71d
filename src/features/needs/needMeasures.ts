// What a partnership can estimate the need for, per locality or for the
// whole area: the measures of `need_estimate.measure`. The gap analysis sets
// each against the people Hearth's records show were supported.

export interface NeedMeasure {
  code: string;
  /** As the estimates page and the gaps name it. */
  label: string;
  hint: string;
  /** What is counted: people, or families. */
  unit: 'people' | 'families';
}

/** People affected for each person with problem substance use, as policy cites it (editable per estimate). */
export const defaultFamilyMultiplier = 11;

export const substanceUse = 'problem_substance_use';

export const needMeasures = [
  {
    code: substanceUse,
    label: 'People with problem substance use',
    hint: 'Adults with problem drug or alcohol use. With the family multiplier, this gives the family members affected.',
    unit: 'people',
  },
  {
    code: 'children_affected',
    label: 'Children under 12 affected by a parent’s or carer’s substance use',
    hint: 'For example, from the Children’s Services Plan or Hidden Harm estimates.',
    unit: 'people',
  },
  {
    code: 'young_people_12_17',
    label: 'Young people aged 12 to 17 affected',
    hint: 'Young people affected by someone else’s drinking or drug use.',
    unit: 'people',
  },
  {
    code: 'young_carers',
    label: 'Young carers affected by someone’s substance use',
    hint: 'Children and young people who care for someone who drinks or uses drugs.',
    unit: 'people',
  },
  {
    code: 'grandparents_caring',
    label: 'Grandparents and kinship carers bringing up a child',
    hint: 'Because the child’s parent uses alcohol or drugs.',
    unit: 'people',
  },
  {
    code: 'partners_affected',
    label: 'Partners of someone with problem substance use',
    hint: 'Current and former partners.',
    unit: 'people',
  },
  {
    code: 'bereaved_families',
    label: 'Families bereaved by a drug or alcohol death',
    hint: 'Families, not people: for example, from the drug and alcohol deaths of recent years.',
    unit: 'families',
  },
] as const satisfies readonly NeedMeasure[];

export type NeedMeasureCode = (typeof needMeasures)[number]['code'];

export const needMeasureCodes: readonly string[] = needMeasures.map((m) => m.code);

export function isNeedMeasure(code: string): code is NeedMeasureCode {
  return needMeasureCodes.includes(code);
}

export function measureLabel(code: string): string {
  return needMeasures.find((m) => m.code === code)?.label ?? code;
}

/** A measure from its code or its label, as a CSV file may give either (case does not matter). */
export function measureFrom(text: string): NeedMeasureCode | undefined {
  const wanted = text.trim().toLowerCase();
  return needMeasures.find((m) => m.code === wanted || m.label.toLowerCase() === wanted)?.code;
}
