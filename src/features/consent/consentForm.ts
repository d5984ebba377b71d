import type { FieldErrors } from '../../platform/http/forms.ts';
import { field } from '../../platform/http/forms.ts';
import { type DateParts, parseDateParts } from '../chronology/dateParts.ts';

export const consentFieldOrder = ['status', 'scope', 'method', 'ownView', 'reviewOn'] as const;

export interface ConsentFormValues {
  status: string;
  scope: string;
  method: string;
  ownView: string;
  reviewOn: DateParts;
}

export interface ConsentFormResult {
  values: ConsentFormValues;
  errors: FieldErrors;
  parsed?: {
    status: 'given' | 'refused';
    scope: string;
    method: 'verbal' | 'written' | null;
    ownView: string | null;
    reviewOn: string | null;
  };
}

export const maxScopeLength = 500;
export const maxOwnViewLength = 2000;

/** Reads the record-consent form: what was agreed, how, the young person's own view and a review date. */
export function readConsentForm(body: unknown, today: string): ConsentFormResult {
  const values: ConsentFormValues = {
    status: field(body, 'status'),
    scope: field(body, 'scope'),
    method: field(body, 'method'),
    ownView: field(body, 'ownView'),
    reviewOn: {
      day: field(body, 'reviewOn-day'),
      month: field(body, 'reviewOn-month'),
      year: field(body, 'reviewOn-year'),
    },
  };
  const errors: FieldErrors = {};
  if (values.status !== 'given' && values.status !== 'refused')
    errors.status = 'Select whether they agreed to share or refused';
  if (!values.scope) errors.scope = 'Enter what they agreed to share, or what they refused';
  else if (values.scope.length > maxScopeLength)
    errors.scope = `What was agreed must be ${maxScopeLength} characters or fewer`;
  if (values.status === 'given' && values.method !== 'verbal' && values.method !== 'written')
    errors.method = 'Select how they gave consent';
  else if (values.method && values.method !== 'verbal' && values.method !== 'written')
    errors.method = 'Select how they gave consent';
  if (values.ownView.length > maxOwnViewLength)
    errors.ownView = `Their own view must be ${maxOwnViewLength} characters or fewer`;
  const review = parseDateParts(values.reviewOn, 'The review date', { dayOptional: false });
  let reviewOn: string | null = null;
  if (review.kind === 'invalid') errors.reviewOn = review.message;
  else if (review.kind === 'date') {
    if (review.iso < today) errors.reviewOn = 'The review date must be today or in the future';
    else reviewOn = review.iso;
  }
  if (Object.keys(errors).length > 0) return { values, errors };
  return {
    values,
    errors,
    parsed: {
      status: values.status as 'given' | 'refused',
      scope: values.scope,
      method: (values.method || null) as 'verbal' | 'written' | null,
      ownView: values.ownView || null,
      reviewOn,
    },
  };
}
