// Recording a worker's training, and withdrawing a record made in error:
// what the forms send, checked, with a message for each field that is wrong.
import { type TrainingTopic, type TraumaLevel, trainingTopics, traumaLevels } from '../../db/schema.ts';
import { type FieldErrors, field } from '../../platform/http/forms.ts';
import { type DateParts, parseDateParts } from '../chronology/dateParts.ts';
import { type Checked, datePartsOf } from '../plan/planForms.ts';
import { checkDay } from '../programmes/enrolmentForm.ts';

/** What each topic is called, and what it covers, as the form and the lists say it. */
export const topicNames: Record<TrainingTopic, { text: string; hint: string }> = {
  family_inclusive_practice: {
    text: 'Family-inclusive practice',
    hint: 'Involving and supporting the family of the person using alcohol or drugs',
  },
  whole_family_approach: {
    text: 'Whole family approach',
    hint: 'Working with every member of the family, and with the other agencies around them',
  },
  trauma_practice: {
    text: 'Trauma-informed practice',
    hint: 'National Trauma Training Programme, at one of its four levels',
  },
  other: { text: 'Other training for work with families', hint: 'For example, young carers or kinship care' },
};

export const levelNames: Record<TraumaLevel, string> = {
  informed: 'Trauma informed',
  skilled: 'Trauma skilled',
  enhanced: 'Trauma enhanced',
  specialist: 'Trauma specialist',
};

/** The longest course or provider name kept (the database allows the same). */
export const maxNameLength = 200;
/** The longest reason for withdrawing a record (the database allows the same). */
export const maxReasonLength = 500;

export interface TrainingForm {
  topic: string;
  traumaLevel: string;
  course: string;
  provider: string;
  completedOn: DateParts;
  renewBy: DateParts;
}

export interface TrainingInput {
  topic: TrainingTopic;
  traumaLevel: TraumaLevel | null;
  course: string;
  provider: string | null;
  completedOn: string;
  renewBy: string | null;
}

export const trainingFieldOrder = [
  'topic',
  'traumaLevel',
  'course',
  'provider',
  'completedOn',
  'renewBy',
] as const;
export const trainingDateFields = ['completedOn', 'renewBy'] as const;

export function parseTrainingForm(body: unknown): TrainingForm {
  return {
    topic: field(body, 'topic'),
    traumaLevel: field(body, 'traumaLevel'),
    course: field(body, 'course').trim(),
    provider: field(body, 'provider').trim(),
    completedOn: datePartsOf(body, 'completedOn'),
    renewBy: datePartsOf(body, 'renewBy'),
  };
}

const isTopic = (value: string): value is TrainingTopic =>
  (trainingTopics as readonly string[]).includes(value);
const isLevel = (value: string): value is TraumaLevel => (traumaLevels as readonly string[]).includes(value);

function checkName(value: string, name: string, what: string, errors: FieldErrors, required: boolean) {
  if (!value) {
    if (required) errors[name] = `Enter the name of the ${what}`;
  } else if (value.length > maxNameLength)
    errors[name] = `The name of the ${what} must be ${maxNameLength} characters or fewer`;
}

/** The training as entered: a topic (and its level, for trauma-informed practice), a course, and when it was done. */
export function checkTrainingForm(form: TrainingForm, today: string): Checked<TrainingInput> {
  const errors: FieldErrors = {};
  if (!isTopic(form.topic)) errors.topic = 'Choose what the training was about';
  const trauma = form.topic === 'trauma_practice';
  if (trauma && !isLevel(form.traumaLevel)) errors.traumaLevel = 'Choose the level of trauma training';
  checkName(form.course, 'course', 'course', errors, true);
  checkName(form.provider, 'provider', 'provider', errors, false);
  const completedOn = checkDay(form.completedOn, 'completedOn', 'The date they finished', errors, { today });
  let renewBy: string | null = null;
  const renew = parseDateParts(form.renewBy, 'The date to refresh it by', { dayOptional: false });
  if (renew.kind === 'invalid') errors.renewBy = renew.message;
  else if (renew.kind === 'date') {
    if (completedOn && renew.iso <= completedOn)
      errors.renewBy = 'The date to refresh it by must be after the date they finished';
    else renewBy = renew.iso;
  }
  if (Object.keys(errors).length > 0 || !completedOn || !isTopic(form.topic)) return { ok: false, errors };
  return {
    ok: true,
    value: {
      topic: form.topic,
      traumaLevel: trauma && isLevel(form.traumaLevel) ? form.traumaLevel : null,
      course: form.course,
      provider: form.provider || null,
      completedOn,
      renewBy,
    },
  };
}

/** Why a record is withdrawn: needed, so the history says why it no longer counts. */
export function checkWithdrawForm(body: unknown): Checked<string> & { entered: string } {
  const entered = field(body, 'reason').trim();
  if (!entered) return { ok: false, errors: { reason: 'Enter why this record is being withdrawn' }, entered };
  if (entered.length > maxReasonLength)
    return {
      ok: false,
      errors: { reason: `The reason must be ${maxReasonLength} characters or fewer` },
      entered,
    };
  return { ok: true, value: entered, entered };
}
