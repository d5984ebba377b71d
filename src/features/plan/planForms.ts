import {
  type ActionStatus,
  actionStatuses,
  type GoalStatus,
  goalStatuses,
  type OwnerKind,
  ownerKinds,
} from '../../db/schema.ts';
import { type FieldErrors, field, fields } from '../../platform/http/forms.ts';
import { type DateParts, parseDateParts } from '../chronology/dateParts.ts';
import type { ActionInput, AgreementInput, GoalInput, ReviewInput } from './planService.ts';

export const maxWords = 500;
export const maxLong = 4000;
export const maxComment = 1000;

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export function datePartsOf(body: unknown, prefix: string): DateParts {
  return {
    day: field(body, `${prefix}-day`),
    month: field(body, `${prefix}-month`),
    year: field(body, `${prefix}-year`),
  };
}

/** An ISO date as the three parts of a date input. */
export function partsOfIso(iso: string | null | undefined): DateParts {
  const [year = '', month = '', day = ''] = (iso ?? '').split('-');
  return { day: day.replace(/^0/, ''), month: month.replace(/^0/, ''), year };
}

/** Reads a full date (day, month and year); `errors[name]` is set when it is missing or not a real date. */
function checkDate(
  parts: DateParts,
  name: string,
  label: string,
  missing: string,
  errors: FieldErrors,
): string | undefined {
  const parsed = parseDateParts(parts, label, { dayOptional: false });
  if (parsed.kind === 'empty') errors[name] = missing;
  else if (parsed.kind === 'invalid') errors[name] = parsed.message;
  else return parsed.iso;
  return undefined;
}

// Goals -----------------------------------------------------------------

export interface GoalForm {
  personId: string;
  familyWords: string;
  workerWords: string;
  status: string;
}

export const goalFieldOrder = ['personId', 'familyWords', 'workerWords', 'status'] as const;

export function parseGoalForm(body: unknown): GoalForm {
  return {
    personId: field(body, 'personId'),
    familyWords: field(body, 'familyWords'),
    workerWords: field(body, 'workerWords'),
    status: field(body, 'status') || 'open',
  };
}

export function checkGoalForm(form: GoalForm, memberIds: readonly string[]): Checked<GoalInput> {
  const errors: FieldErrors = {};
  if (form.personId && !memberIds.includes(form.personId))
    errors.personId = 'Select the whole family or one of its members';
  if (!form.familyWords) errors.familyWords = 'Enter the goal in the family’s own words';
  else if (form.familyWords.length > maxWords)
    errors.familyWords = `The goal must be ${maxWords} characters or fewer`;
  if (form.workerWords.length > maxWords)
    errors.workerWords = `The worker’s wording must be ${maxWords} characters or fewer`;
  if (!(goalStatuses as readonly string[]).includes(form.status))
    errors.status = 'Select where the goal is up to';
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      personId: form.personId || null,
      familyWords: form.familyWords,
      workerWords: form.workerWords || null,
      status: form.status as GoalStatus,
    },
  };
}

// Actions ---------------------------------------------------------------

export interface ActionForm {
  what: string;
  goalId: string;
  /** "member:<id>", "worker:<id>" or "organisation:<id>". */
  owner: string;
  dueOn: DateParts;
  status: string;
}

export const actionFieldOrder = ['what', 'goalId', 'owner', 'dueOn', 'status'] as const;

export function parseActionForm(body: unknown): ActionForm {
  return {
    what: field(body, 'what'),
    goalId: field(body, 'goalId'),
    owner: field(body, 'owner'),
    dueOn: datePartsOf(body, 'dueOn'),
    status: field(body, 'status') || 'not_started',
  };
}

export function ownerValue(kind: OwnerKind, id: string | null): string {
  return id ? `${kind}:${id}` : '';
}

export function checkActionForm(form: ActionForm, goalIds: readonly string[]): Checked<ActionInput> {
  const errors: FieldErrors = {};
  if (!form.what) errors.what = 'Enter what will be done';
  else if (form.what.length > maxWords)
    errors.what = `What will be done must be ${maxWords} characters or fewer`;
  if (form.goalId && !goalIds.includes(form.goalId)) errors.goalId = 'Select a goal of this plan, or none';
  const [kind, id] = form.owner.split(':') as [string, string | undefined];
  if (!(ownerKinds as readonly string[]).includes(kind) || !id) errors.owner = 'Select who will do it';
  const dueOn = checkDate(form.dueOn, 'dueOn', 'The date', 'Enter the date it should be done by', errors);
  if (!(actionStatuses as readonly string[]).includes(form.status))
    errors.status = 'Select where the action is up to';
  if (Object.keys(errors).length || !dueOn || !id) return { ok: false, errors };
  return {
    ok: true,
    value: {
      what: form.what,
      goalId: form.goalId || null,
      ownerKind: kind as OwnerKind,
      ownerId: id,
      dueOn,
      status: form.status as ActionStatus,
    },
  };
}

// Agreement ---------------------------------------------------------------

export interface AgreementForm {
  agreedOn: DateParts;
  agreedWith: string[];
  reviewEveryWeeks: string;
}

export const agreementFieldOrder = ['agreedWith', 'agreedOn', 'reviewEveryWeeks'] as const;

export function parseAgreementForm(body: unknown): AgreementForm {
  return {
    agreedOn: datePartsOf(body, 'agreedOn'),
    agreedWith: fields(body, 'agreedWith'),
    reviewEveryWeeks: field(body, 'reviewEveryWeeks'),
  };
}

export function checkAgreementForm(
  form: AgreementForm,
  options: { memberIds: readonly string[]; today: string },
): Checked<AgreementInput> {
  const errors: FieldErrors = {};
  if (form.agreedWith.length === 0)
    errors.agreedWith = 'Select who in the family took part in agreeing the plan';
  else if (form.agreedWith.some((id) => !options.memberIds.includes(id)))
    errors.agreedWith = 'Select members of this family';
  const agreedOn = checkDate(
    form.agreedOn,
    'agreedOn',
    'The date',
    'Enter the date the plan was agreed',
    errors,
  );
  if (agreedOn && agreedOn > options.today)
    errors.agreedOn = 'The date the plan was agreed must be today or in the past';
  const weeks = Number(form.reviewEveryWeeks);
  if (!/^\d{1,2}$/.test(form.reviewEveryWeeks) || weeks < 1 || weeks > 52)
    errors.reviewEveryWeeks = 'Enter how often to review the plan, as a number of weeks from 1 to 52';
  if (Object.keys(errors).length || !agreedOn) return { ok: false, errors };
  return {
    ok: true,
    value: { agreedOn, agreedWith: [...new Set(form.agreedWith)], reviewEveryWeeks: weeks },
  };
}

// Reviews -----------------------------------------------------------------

export interface ReviewForm {
  heldOn: DateParts;
  scores: Record<string, string>;
  comments: Record<string, string>;
  decisions: string;
  nextReviewOn: DateParts;
}

export function parseReviewForm(body: unknown, goalIds: readonly string[]): ReviewForm {
  return {
    heldOn: datePartsOf(body, 'heldOn'),
    scores: Object.fromEntries(goalIds.map((id) => [id, field(body, `score-${id}`)])),
    comments: Object.fromEntries(goalIds.map((id) => [id, field(body, `comment-${id}`)])),
    decisions: field(body, 'decisions'),
    nextReviewOn: datePartsOf(body, 'nextReviewOn'),
  };
}

/** The order of a review form's fields, for its error summary. */
export function reviewFieldOrder(goalIds: readonly string[]): string[] {
  return [
    'heldOn',
    ...goalIds.flatMap((id) => [`score-${id}`, `comment-${id}`]),
    'decisions',
    'nextReviewOn',
  ];
}

export function checkReviewForm(
  form: ReviewForm,
  options: { goalIds: readonly string[]; today: string },
): Checked<ReviewInput> {
  const errors: FieldErrors = {};
  const heldOn = checkDate(form.heldOn, 'heldOn', 'The date', 'Enter the date of the review', errors);
  if (heldOn && heldOn > options.today) errors.heldOn = 'The date of the review must be today or in the past';
  const progress: ReviewInput['progress'] = [];
  options.goalIds.forEach((goalId, index) => {
    const text = form.scores[goalId] ?? '';
    const comment = form.comments[goalId] ?? '';
    const score = Number(text);
    if (!text) errors[`score-${goalId}`] = `Enter progress on goal ${index + 1}, from 0 to 10`;
    else if (!/^\d{1,2}$/.test(text) || score > 10)
      errors[`score-${goalId}`] = `Progress on goal ${index + 1} must be a whole number from 0 to 10`;
    if (comment.length > maxComment)
      errors[`comment-${goalId}`] =
        `The comment on goal ${index + 1} must be ${maxComment} characters or fewer`;
    progress.push({ goalId, score, comment: comment || null });
  });
  if (form.decisions.length > maxLong) errors.decisions = `Decisions must be ${maxLong} characters or fewer`;
  const next = checkDate(
    form.nextReviewOn,
    'nextReviewOn',
    'The next review date',
    'Enter the date of the next review',
    errors,
  );
  if (next && heldOn && next <= heldOn)
    errors.nextReviewOn = 'The next review must be after the date of this review';
  if (Object.keys(errors).length || !heldOn || !next) return { ok: false, errors };
  return { ok: true, value: { heldOn, progress, decisions: form.decisions || null, nextReviewOn: next } };
}
