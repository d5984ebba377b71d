import type { AssessmentSectionKind } from '../../db/schema.ts';

/**
 * The questions of each kind of assessment section, in the order forms and
 * pages show them: strengths first, always. Answers are kept as a flat map
 * of question name to text, so version comparison and edit conflicts work on
 * the same names.
 */

export const ratingValues = ['doing_well', 'some_concerns', 'significant_concerns'] as const;
export type Rating = (typeof ratingValues)[number];

/** Three steps, plain enough to say to a family; see docs/guide/assessment.md for why. */
export const ratingNames: Record<Rating, string> = {
  doing_well: 'Doing well',
  some_concerns: 'Some concerns',
  significant_concerns: 'Significant concerns',
};

export const wellbeingIndicators = [
  {
    key: 'safe',
    name: 'Safe',
    hint: 'Protected from abuse, neglect or harm at home, at school and in the community',
  },
  {
    key: 'healthy',
    name: 'Healthy',
    hint: 'Good physical and mental health, and help to make healthy choices',
  },
  {
    key: 'achieving',
    name: 'Achieving',
    hint: 'Supported to learn and develop skills, confidence and self-esteem',
  },
  {
    key: 'nurtured',
    name: 'Nurtured',
    hint: 'A nurturing place to live and grow, with people who care for them',
  },
  { key: 'active', name: 'Active', hint: 'Chances to play, take part in activities and sport' },
  { key: 'respected', name: 'Respected', hint: 'Heard and involved in decisions that affect them' },
  { key: 'responsible', name: 'Responsible', hint: 'Chances to take on responsibility, with guidance' },
  { key: 'included', name: 'Included', hint: 'Help to overcome inequalities and be part of their community' },
] as const;

export const myWorldSides = [
  { key: 'growing', name: 'How I grow and develop' },
  { key: 'lookAfterMe', name: 'What I need from people who look after me' },
  { key: 'widerWorld', name: 'My wider world' },
] as const;

export const adultAreas = [
  { key: 'health', name: 'Health and wellbeing' },
  { key: 'emotional', name: 'Emotional impact' },
  { key: 'relationships', name: 'Relationships' },
  { key: 'money', name: 'Money' },
  { key: 'housing', name: 'Housing' },
  { key: 'safety', name: 'Safety, including domestic abuse' },
  { key: 'caring', name: 'Caring responsibilities' },
  { key: 'work', name: 'Work or education' },
  { key: 'socialSupport', name: 'Social support' },
  { key: 'ownUse', name: 'Their own alcohol or drug use' },
] as const;

export interface Question {
  name: string;
  label: string;
  hint?: string;
  kind: 'text' | 'rating';
  /** The heading the question sits under on forms and pages. */
  group: string;
}

const strengths = (who: string): Question => ({
  name: 'strengths',
  label: 'Strengths',
  hint: `What is going well for ${who}, what they are good at, who and what helps`,
  kind: 'text',
  group: 'Strengths',
});

const childQuestions: Question[] = [
  strengths('them'),
  ...wellbeingIndicators.flatMap(({ key, name, hint }): Question[] => [
    { name: `${key}Rating`, label: `${name}: rating`, hint, kind: 'rating', group: name },
    { name: `${key}Strengths`, label: `${name}: strengths`, kind: 'text', group: name },
    { name: `${key}Concerns`, label: `${name}: concerns`, kind: 'text', group: name },
  ]),
  ...myWorldSides.flatMap(({ key, name }): Question[] => [
    { name: `${key}Strengths`, label: `${name}: strengths`, kind: 'text', group: name },
    { name: `${key}Challenges`, label: `${name}: challenges`, kind: 'text', group: name },
  ]),
  {
    name: 'ownViews',
    label: 'Their views, in their own words',
    hint: 'Write down what they said, as they said it',
    kind: 'text',
    group: 'Their own views',
  },
];

const adultQuestions: Question[] = [
  strengths('them'),
  ...adultAreas.map(
    ({ key, name }): Question => ({
      name: key,
      label: name,
      hint: key === 'ownUse' ? undefined : 'How their loved one’s alcohol or drug use affects this',
      kind: 'text',
      group: 'How their loved one’s alcohol or drug use affects them',
    }),
  ),
  { name: 'coping', label: 'What helps them cope', kind: 'text', group: 'Coping and hopes' },
  { name: 'wants', label: 'What they want for themselves', kind: 'text', group: 'Coping and hopes' },
];

const familyQuestions: Question[] = [
  strengths('the family as a whole'),
  {
    name: 'gettingOn',
    label: 'How the family gets on together',
    hint: 'Routines, closeness, strain, who supports whom',
    kind: 'text',
    group: 'The family together',
  },
  {
    name: 'impact',
    label: 'How alcohol or drug use affects the family',
    kind: 'text',
    group: 'The family together',
  },
  { name: 'wants', label: 'What the family wants to change', kind: 'text', group: 'The family together' },
];

export const questionsFor: Record<AssessmentSectionKind, readonly Question[]> = {
  child: childQuestions,
  adult: adultQuestions,
  family: familyQuestions,
};

/** What each kind of risk or protection concern is called on pages. */
export const concernKindNames = {
  child_protection: 'Child protection',
  domestic_abuse: 'Domestic abuse',
  adult_support_protection: 'Adult support and protection',
  mental_health_crisis: 'Mental health crisis',
} as const;

export const sectionKindNames: Record<AssessmentSectionKind, string> = {
  family: 'Whole family',
  child: 'Child or young person',
  adult: 'Adult family member',
};

/** The answer as people read it: a rating's name, or the text. */
export function answerText(question: Question, value: string | null | undefined): string | null {
  if (!value) return null;
  if (question.kind === 'rating') return ratingNames[value as Rating] ?? value;
  return value;
}

/** The questions grouped under their headings, in order. */
export function questionGroups(kind: AssessmentSectionKind): { heading: string; questions: Question[] }[] {
  const groups: { heading: string; questions: Question[] }[] = [];
  for (const question of questionsFor[kind]) {
    const last = groups[groups.length - 1];
    if (last && last.heading === question.group) last.questions.push(question);
    else groups.push({ heading: question.group, questions: [question] });
  }
  return groups;
}
