// The need estimate form, and the rules every estimate meets: the same for
// a form, an edit and each row of an imported CSV file.
import { type FieldErrors, field } from '../../platform/http/forms.ts';
import type { Checked } from '../plan/planForms.ts';
import {
  defaultFamilyMultiplier,
  isNeedMeasure,
  type NeedMeasureCode,
  substanceUse,
} from './needMeasures.ts';

/** The locality field's value for an estimate of the whole partnership area. */
export const wholeArea = 'area';

export interface NeedForm {
  localityId: string;
  measure: string;
  forYear: string;
  estimate: string;
  familyMultiplier: string;
  source: string;
}

export interface NeedInput {
  /** Null for the whole area. */
  localityId: string | null;
  measure: NeedMeasureCode;
  forYear: number;
  estimate: number;
  /** For problem substance use only; null otherwise. */
  familyMultiplier: number | null;
  source: string;
}

/** What an edit may change: the figure, its multiplier and its source (not what or where it estimates). */
export type NeedChange = Pick<NeedInput, 'estimate' | 'familyMultiplier' | 'source'>;

export const needFieldOrder = [
  'localityId',
  'measure',
  'forYear',
  'estimate',
  'familyMultiplier',
  'source',
] as const;

export const needFieldLabels = [
  { name: 'estimate', label: 'Estimate' },
  { name: 'familyMultiplier', label: 'Family members affected for each person' },
  { name: 'source', label: 'Source' },
] as const;

export const maxEstimate = 9_999_999;

export function parseNeedForm(body: unknown): NeedForm {
  return {
    localityId: field(body, 'localityId'),
    measure: field(body, 'measure'),
    forYear: field(body, 'forYear'),
    estimate: field(body, 'estimate').replace(/,/g, ''),
    familyMultiplier: field(body, 'familyMultiplier'),
    source: field(body, 'source'),
  };
}

/** A new form: the multiplier policy cites filled in, this year. */
export function blankNeedForm(year: number): NeedForm {
  return {
    localityId: '',
    measure: '',
    forYear: String(year),
    estimate: '',
    familyMultiplier: String(defaultFamilyMultiplier),
    source: '',
  };
}

/** Checks the estimate, multiplier and source: what an edit changes. */
export function checkNeedChange(
  form: Omit<NeedForm, 'localityId' | 'forYear'>,
  errors: FieldErrors,
): NeedChange {
  let estimate = 0;
  if (!form.estimate) errors.estimate = 'Enter the estimate, as a whole number';
  else if (!/^\d{1,7}$/.test(form.estimate))
    errors.estimate = `The estimate must be a whole number from 0 to ${maxEstimate.toLocaleString('en-GB')}, like 640`;
  else estimate = Number(form.estimate);
  let familyMultiplier: number | null = null;
  if (form.measure === substanceUse) {
    if (!form.familyMultiplier)
      errors.familyMultiplier = 'Enter how many family members are affected for each person';
    else if (!/^\d{1,2}(\.\d)?$/.test(form.familyMultiplier) || Number(form.familyMultiplier) > 50)
      errors.familyMultiplier =
        'The family members affected for each person must be a number from 0 to 50, with at most one decimal place, like 11';
    else familyMultiplier = Number(form.familyMultiplier);
  }
  if (!form.source) errors.source = 'Enter where the estimate comes from';
  else if (form.source.length > 300) errors.source = 'The source must be 300 characters or fewer';
  return { estimate, familyMultiplier, source: form.source };
}

/** Checks a whole estimate against the area's localities. */
export function checkNeedForm(form: NeedForm, localityIds: readonly string[]): Checked<NeedInput> {
  const errors: FieldErrors = {};
  if (form.localityId !== wholeArea && !localityIds.includes(form.localityId))
    errors.localityId = 'Select the locality the estimate is for, or the whole area';
  if (!isNeedMeasure(form.measure)) errors.measure = 'Select what is estimated';
  let forYear = 0;
  if (!form.forYear) errors.forYear = 'Enter the year the estimate is for';
  else if (!/^\d{4}$/.test(form.forYear) || Number(form.forYear) < 2000 || Number(form.forYear) > 2100)
    errors.forYear = 'The year must be a year from 2000 to 2100, like 2025';
  else forYear = Number(form.forYear);
  const change = checkNeedChange(form, errors);
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      localityId: form.localityId === wholeArea ? null : form.localityId,
      measure: form.measure as NeedMeasureCode,
      forYear,
      ...change,
    },
  };
}

/** An estimate's editable fields as the form and the conflict comparison hold them. */
export function needFieldValues(row: {
  estimate: number;
  familyMultiplier: string | number | null;
  source: string;
}): Record<string, string | null> {
  return {
    estimate: String(row.estimate),
    familyMultiplier: row.familyMultiplier === null ? null : String(Number(row.familyMultiplier)),
    source: row.source,
  };
}
