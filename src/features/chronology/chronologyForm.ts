import { type ChronologyKind, chronologyKinds, type Impact } from '../../db/schema.ts';
import { type FieldErrors, field } from '../../platform/http/forms.ts';
import type { NewChronologyEntry } from './chronologyRepository.ts';
import { type DateParts, lastDayOfMonth, parseDateParts } from './dateParts.ts';

export const impacts: readonly Impact[] = ['positive', 'negative', 'neutral'];

/** The add-entry form as typed, to show again with its errors. */
export interface ChronologyForm {
  personId: string;
  kind: string;
  occurredOn: DateParts;
  occurredUntil: DateParts;
  what: string;
  source: string;
  impact: string;
  actionTaken: string;
  organisationOnly: boolean;
}

export const chronologyFieldOrder = [
  'personId',
  'kind',
  'occurredOn',
  'occurredUntil',
  'what',
  'source',
  'impact',
  'actionTaken',
] as const;

const maxWhat = 2000;
const maxSource = 200;

function dateParts(body: unknown, prefix: string): DateParts {
  return {
    day: field(body, `${prefix}-day`),
    month: field(body, `${prefix}-month`),
    year: field(body, `${prefix}-year`),
  };
}

export function parseChronologyForm(body: unknown): ChronologyForm {
  return {
    personId: field(body, 'personId'),
    kind: field(body, 'kind'),
    occurredOn: dateParts(body, 'occurredOn'),
    occurredUntil: dateParts(body, 'occurredUntil'),
    what: field(body, 'what'),
    source: field(body, 'source'),
    impact: field(body, 'impact'),
    actionTaken: field(body, 'actionTaken'),
    organisationOnly: field(body, 'organisationOnly') === 'yes',
  };
}

export type ChronologyFormResult =
  | { ok: true; entry: NewChronologyEntry }
  | { ok: false; errors: FieldErrors; errorParts: Record<string, string> };

/**
 * Checks the form against the members the user may choose and today's date.
 * `errorParts` names the date part to link to from the error summary.
 */
export function checkChronologyForm(
  form: ChronologyForm,
  options: { memberIds: readonly string[]; today: string },
): ChronologyFormResult {
  const errors: FieldErrors = {};
  const errorParts: Record<string, string> = {};
  if (form.personId && !options.memberIds.includes(form.personId))
    errors.personId = 'Select the whole family or one of its members';
  if (!(chronologyKinds as readonly string[]).includes(form.kind))
    errors.kind = 'Select what kind of entry this is';

  const from = parseDateParts(form.occurredOn, 'The date it happened', { dayOptional: true });
  const until = parseDateParts(form.occurredUntil, 'The end date', { dayOptional: true });
  if (from.kind === 'empty') {
    errors.occurredOn = 'Enter the date it happened';
    errorParts.occurredOn = 'day';
  } else if (from.kind === 'invalid') {
    errors.occurredOn = from.message;
    errorParts.occurredOn = from.part;
  } else if (from.iso > options.today) {
    errors.occurredOn = 'The date it happened must be today or in the past';
    errorParts.occurredOn = 'day';
  }
  let untilIso: string | null = null;
  if (until.kind === 'invalid') {
    errors.occurredUntil = until.message;
    errorParts.occurredUntil = until.part;
  } else if (until.kind === 'date' && from.kind === 'date') {
    untilIso = until.precision === 'month' ? lastDayOfMonth(until.iso) : until.iso;
    if (until.precision !== from.precision) {
      errors.occurredUntil =
        from.precision === 'day'
          ? 'The end date must include a day, as the date it happened does'
          : 'Leave out the day of the end date, as for the date it happened';
      errorParts.occurredUntil = 'day';
    } else if (untilIso < from.iso) {
      errors.occurredUntil = 'The end date must be the same as or after the date it happened';
      errorParts.occurredUntil = 'day';
    } else if (until.iso > options.today) {
      errors.occurredUntil = 'The end date must be today or in the past';
      errorParts.occurredUntil = 'day';
    }
  }
  if (!form.what) errors.what = 'Enter what happened';
  else if (form.what.length > maxWhat) errors.what = `What happened must be ${maxWhat} characters or fewer`;
  if (form.source.length > maxSource) errors.source = `Source must be ${maxSource} characters or fewer`;
  if (!(impacts as readonly string[]).includes(form.impact))
    errors.impact = 'Select the impact on the family';
  if (form.actionTaken.length > maxWhat)
    errors.actionTaken = `Action taken must be ${maxWhat} characters or fewer`;

  if (Object.keys(errors).length > 0 || from.kind !== 'date') return { ok: false, errors, errorParts };
  return {
    ok: true,
    entry: {
      personId: form.personId || null,
      occurredOn: from.iso,
      occurredUntil: untilIso,
      datePrecision: from.precision,
      kind: form.kind as ChronologyKind,
      what: form.what,
      source: form.source || null,
      impact: form.impact as Impact,
      actionTaken: form.actionTaken || null,
      organisationOnly: form.organisationOnly,
    },
  };
}

/** The error summary's list, linking each date error to the part that needs fixing. */
export function chronologyErrorList(
  errors: FieldErrors,
  errorParts: Record<string, string>,
): { text: string; href: string }[] {
  return chronologyFieldOrder
    .filter((name) => errors[name])
    .map((name) => ({
      text: errors[name] as string,
      href: errorParts[name] ? `#${name}-${errorParts[name]}` : `#${name}`,
    }));
}
