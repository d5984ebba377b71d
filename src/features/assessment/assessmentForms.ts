import {
  type AssessmentAnswers,
  type AssessmentSectionKind,
  type CarerOfferOutcome,
  type CarerPlanKind,
  type ConcernKind,
  carerOfferOutcomes,
  carerPlanKinds,
  concernKinds,
} from '../../db/schema.ts';
import { type FieldErrors, field } from '../../platform/http/forms.ts';
import { type DateParts, parseDateParts } from '../chronology/dateParts.ts';
import { questionsFor, ratingValues } from './assessmentQuestions.ts';

export const maxAnswer = 4000;

/** A contribution form as typed: every question of the section's kind, as text. */
export function parseContributionForm(kind: AssessmentSectionKind, body: unknown): AssessmentAnswers {
  return Object.fromEntries(
    questionsFor[kind].map((q) => {
      const value = field(body, q.name);
      return [q.name, value === '' ? null : value];
    }),
  );
}

/** Checks a contribution: ratings on the scale, answers not too long, and something written. */
export function checkContribution(
  kind: AssessmentSectionKind,
  answers: AssessmentAnswers,
): { ok: true; answers: AssessmentAnswers } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const questions = questionsFor[kind];
  for (const q of questions) {
    const value = answers[q.name];
    if (!value) continue;
    if (q.kind === 'rating' && !(ratingValues as readonly string[]).includes(value))
      errors[q.name] =
        `Select how ${q.group.toLowerCase()} they are: doing well, some concerns or significant concerns`;
    if (q.kind === 'text' && value.length > maxAnswer)
      errors[q.name] = `${q.label} must be ${maxAnswer} characters or fewer`;
  }
  if (questions.every((q) => !answers[q.name]) && Object.keys(errors).length === 0) {
    errors[questions[0]?.name ?? 'strengths'] = 'Write at least one part of your organisation’s contribution';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, answers: Object.fromEntries(questions.map((q) => [q.name, answers[q.name] ?? null])) };
}

function dateParts(body: unknown, prefix: string): DateParts {
  return {
    day: field(body, `${prefix}-day`),
    month: field(body, `${prefix}-month`),
    year: field(body, `${prefix}-year`),
  };
}

/** Checks a date input that is required and may not be in the future. */
function checkDate(
  parts: DateParts,
  label: string,
  today: string,
): { iso: string } | { message: string; part: string } {
  const parsed = parseDateParts(parts, label, { dayOptional: false });
  if (parsed.kind === 'empty') return { message: `Enter ${label.toLowerCase()}`, part: 'day' };
  if (parsed.kind === 'invalid') return { message: parsed.message, part: parsed.part };
  if (parsed.iso > today) return { message: `${label} must be today or in the past`, part: 'day' };
  return { iso: parsed.iso };
}

export interface ConcernForm {
  kind: string;
  personId: string;
  description: string;
  actionTaken: string;
  actionOn: DateParts;
}

export interface NewConcern {
  kind: ConcernKind;
  personId: string | null;
  description: string;
  actionTaken: string;
  actionOn: string;
}

export const concernFieldOrder = ['kind', 'personId', 'description', 'actionTaken', 'actionOn'];

export function parseConcernForm(body: unknown): ConcernForm {
  return {
    kind: field(body, 'kind'),
    personId: field(body, 'personId'),
    description: field(body, 'description'),
    actionTaken: field(body, 'actionTaken'),
    actionOn: dateParts(body, 'actionOn'),
  };
}

export type Checked<T> =
  | { ok: true; value: T }
  | { ok: false; errors: FieldErrors; errorParts: Record<string, string> };

/** Checks a risk or protection concern; `memberIds` are the members the user may record it about. */
export function checkConcern(form: ConcernForm, memberIds: string[], today: string): Checked<NewConcern> {
  const errors: FieldErrors = {};
  const errorParts: Record<string, string> = {};
  if (!(concernKinds as readonly string[]).includes(form.kind)) errors.kind = 'Select the kind of concern';
  if (form.personId === '') errors.personId = 'Select who the concern is about';
  else if (form.personId !== 'family' && !memberIds.includes(form.personId))
    errors.personId = 'Select a member of this family, or the whole family';
  if (!form.description) errors.description = 'Enter what the concern is';
  else if (form.description.length > 2000)
    errors.description = 'The concern must be 2000 characters or fewer';
  if (!form.actionTaken)
    errors.actionTaken = 'Enter what was done, for example “Child protection referral made”';
  else if (form.actionTaken.length > 500)
    errors.actionTaken = 'What was done must be 500 characters or fewer';
  const date = checkDate(form.actionOn, 'The date it was done', today);
  if ('message' in date) {
    errors.actionOn = date.message;
    errorParts.actionOn = date.part;
  }
  if (Object.keys(errors).length > 0 || 'message' in date) return { ok: false, errors, errorParts };
  return {
    ok: true,
    value: {
      kind: form.kind as ConcernKind,
      personId: form.personId === 'family' ? null : form.personId,
      description: form.description,
      actionTaken: form.actionTaken,
      actionOn: date.iso,
    },
  };
}

export interface CarerOfferForm {
  personId: string;
  kind: string;
  outcome: string;
  decidedOn: DateParts;
  note: string;
}

export interface NewCarerOffer {
  personId: string;
  kind: CarerPlanKind;
  outcome: CarerOfferOutcome;
  decidedOn: string;
  note: string | null;
}

export const carerFieldOrder = ['personId', 'kind', 'outcome', 'decidedOn', 'note'];

export function parseCarerOfferForm(body: unknown): CarerOfferForm {
  return {
    personId: field(body, 'personId'),
    kind: field(body, 'kind'),
    outcome: field(body, 'outcome'),
    decidedOn: dateParts(body, 'decidedOn'),
    note: field(body, 'note'),
  };
}

/** Checks a carer support offer; `carerIds` are the carers the user may record it for. */
export function checkCarerOffer(
  form: CarerOfferForm,
  carerIds: string[],
  today: string,
): Checked<NewCarerOffer> {
  const errors: FieldErrors = {};
  const errorParts: Record<string, string> = {};
  if (!carerIds.includes(form.personId)) errors.personId = 'Select the carer';
  if (!(carerPlanKinds as readonly string[]).includes(form.kind))
    errors.kind = 'Select an Adult Carer Support Plan or a Young Carer Statement';
  if (!(carerOfferOutcomes as readonly string[]).includes(form.outcome))
    errors.outcome = 'Select whether it was offered, accepted or declined';
  if (form.note.length > 500) errors.note = 'The note must be 500 characters or fewer';
  const date = checkDate(form.decidedOn, 'The date', today);
  if ('message' in date) {
    errors.decidedOn = date.message;
    errorParts.decidedOn = date.part;
  }
  if (Object.keys(errors).length > 0 || 'message' in date) return { ok: false, errors, errorParts };
  return {
    ok: true,
    value: {
      personId: form.personId,
      kind: form.kind as CarerPlanKind,
      outcome: form.outcome as CarerOfferOutcome,
      decidedOn: date.iso,
      note: form.note || null,
    },
  };
}
