import type { AssessmentAnswers, AssessmentSectionKind } from '../../db/schema.ts';
import type { FieldErrors } from '../../platform/http/forms.ts';
import {
  questionGroups,
  questionsFor,
  ratingNames,
  ratingValues,
  wellbeingIndicators,
} from './assessmentQuestions.ts';

const groupHints: Record<string, string> = {
  Strengths: 'Start with what is going well.',
  'How I grow and develop': 'My World Triangle: health, learning, confidence, becoming independent.',
  'What I need from people who look after me':
    'My World Triangle: care, safety, warmth, guidance and routines at home.',
  'My wider world':
    'My World Triangle: school, friends, neighbourhood, money and housing, support from others.',
};

/** The contribution form's groups of questions with their values, errors and (for ratings) radio items. */
export function presentContributionForm(
  kind: AssessmentSectionKind,
  values: AssessmentAnswers,
  errors: FieldErrors,
) {
  const indicatorNames = new Set<string>(wellbeingIndicators.map((i) => i.name));
  return {
    errorList: questionsFor[kind]
      .filter((q) => errors[q.name])
      .map((q) => ({ text: errors[q.name] as string, href: `#${q.name}` })),
    groups: questionGroups(kind).map((group) => ({
      heading: group.heading,
      hint:
        groupHints[group.heading] ??
        (indicatorNames.has(group.heading) ? group.questions[0]?.hint : undefined),
      wellbeing: indicatorNames.has(group.heading),
      questions: group.questions.map((q) => ({
        name: q.name,
        label: q.label,
        hint: q.kind === 'rating' ? undefined : q.hint,
        kind: q.kind,
        value: values[q.name] ?? '',
        error: errors[q.name],
        items:
          q.kind === 'rating'
            ? ratingValues.map((value) => ({
                value,
                text: ratingNames[value],
                checked: values[q.name] === value,
              }))
            : undefined,
      })),
    })),
  };
}
