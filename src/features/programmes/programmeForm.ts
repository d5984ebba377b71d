import { type ProgrammeFormat, programmeFormats } from '../../db/schema.ts';
import { type FieldErrors, field } from '../../platform/http/forms.ts';
import type { DateParts } from '../chronology/dateParts.ts';
import { type Checked, datePartsOf } from '../plan/planForms.ts';
import { checkDay } from './enrolmentForm.ts';

// An organisation's own programme, and the workers trained to deliver a programme.

export interface ProgrammeForm {
  name: string;
  code: string;
  summary: string;
  format: string;
  /** "fixed" or "open". */
  length: string;
  sessionsPlanned: string;
  sessionLengthMinutes: string;
  deliveredBy: string;
  ageFrom: string;
  ageTo: string;
}

export interface ProgrammeInput {
  name: string;
  code: string;
  summary: string;
  format: ProgrammeFormat;
  sessionsPlanned: number | null;
  sessionLengthMinutes: number | null;
  deliveredBy: string;
  ageFrom: number | null;
  ageTo: number | null;
}

export const programmeFieldOrder = [
  'name',
  'code',
  'summary',
  'format',
  'length',
  'sessionsPlanned',
  'sessionLengthMinutes',
  'deliveredBy',
  'ageFrom',
  'ageTo',
] as const;

export function parseProgrammeForm(body: unknown): ProgrammeForm {
  return Object.fromEntries(
    programmeFieldOrder.map((name) => [name, field(body, name)]),
  ) as unknown as ProgrammeForm;
}

/** A programme's code from its name: lower case letters, digits and hyphens ("Kinship Carers' Circle" → "kinship-carers-circle"). */
export function codeFromName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

const codePattern = /^[a-z0-9-]{2,60}$/;

/** A whole number in a range, or the message to show; undefined when left empty. */
function wholeNumber(
  text: string,
  label: string,
  min: number,
  max: number,
): { value: number } | { message: string } | undefined {
  if (!text) return undefined;
  if (!/^\d+$/.test(text)) return { message: `${label} must be a whole number, like 8` };
  const value = Number(text);
  if (value < min || value > max) return { message: `${label} must be between ${min} and ${max}` };
  return { value };
}

export function checkProgrammeForm(form: ProgrammeForm): Checked<ProgrammeInput> {
  const errors: FieldErrors = {};
  if (!form.name) errors.name = 'Enter the name of the programme';
  else if (form.name.length > 200) errors.name = 'The name must be 200 characters or fewer';
  const code = form.code ? form.code.toLowerCase() : codeFromName(form.name);
  if (form.code && !codePattern.test(code))
    errors.code = 'The code must be 2 to 60 characters: lower case letters, numbers and hyphens only';
  else if (form.name && !codePattern.test(code))
    errors.code = 'Enter a code for the programme, using letters, numbers and hyphens';
  if (!form.summary) errors.summary = 'Enter what the programme is, in a sentence or two';
  else if (form.summary.length > 1000) errors.summary = 'The summary must be 1000 characters or fewer';
  if (!(programmeFormats as readonly string[]).includes(form.format))
    errors.format = 'Select whether it is one-to-one, a group or both';
  let sessionsPlanned: number | null = null;
  if (form.length === 'fixed') {
    const sessions = wholeNumber(form.sessionsPlanned, 'The number of sessions', 1, 100);
    if (!sessions) errors.sessionsPlanned = 'Enter the number of sessions';
    else if ('message' in sessions) errors.sessionsPlanned = sessions.message;
    else sessionsPlanned = sessions.value;
  } else if (form.length !== 'open')
    errors.length = 'Select whether the programme has a set number of sessions or is open-ended';
  const minutes = wholeNumber(form.sessionLengthMinutes, 'The session length', 5, 600);
  if (minutes && 'message' in minutes) errors.sessionLengthMinutes = minutes.message;
  if (!form.deliveredBy) errors.deliveredBy = 'Enter who delivers the programme';
  else if (form.deliveredBy.length > 300)
    errors.deliveredBy = 'Who delivers it must be 300 characters or fewer';
  const from = wholeNumber(form.ageFrom, 'The youngest age', 0, 120);
  const to = wholeNumber(form.ageTo, 'The oldest age', 0, 120);
  if (from && 'message' in from) errors.ageFrom = from.message;
  if (to && 'message' in to) errors.ageTo = to.message;
  if (from && to && 'value' in from && 'value' in to && from.value > to.value)
    errors.ageTo = 'The oldest age must be the same as or more than the youngest age';

  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      name: form.name,
      code,
      summary: form.summary,
      format: form.format as ProgrammeFormat,
      sessionsPlanned,
      sessionLengthMinutes: minutes && 'value' in minutes ? minutes.value : null,
      deliveredBy: form.deliveredBy,
      ageFrom: from && 'value' in from ? from.value : null,
      ageTo: to && 'value' in to ? to.value : null,
    },
  };
}

export interface TrainedWorkerForm {
  userId: string;
  trainedOn: DateParts;
}

export const trainedWorkerFieldOrder = ['userId', 'trainedOn'] as const;

export function parseTrainedWorkerForm(body: unknown): TrainedWorkerForm {
  return { userId: field(body, 'userId'), trainedOn: datePartsOf(body, 'trainedOn') };
}

/** Who was trained (one of the organisation's workers) and when (today or before). */
export function checkTrainedWorkerForm(
  form: TrainedWorkerForm,
  workerIds: readonly string[],
  today: string,
): Checked<{ userId: string; trainedOn: string }> {
  const errors: FieldErrors = {};
  if (!workerIds.includes(form.userId)) errors.userId = 'Select the worker who was trained';
  const trainedOn = checkDay(form.trainedOn, 'trainedOn', 'The date they were trained', errors, { today });
  if (Object.keys(errors).length || !trainedOn) return { ok: false, errors };
  return { ok: true, value: { userId: form.userId, trainedOn } };
}
