import { type FieldErrors, field } from '../../platform/http/forms.ts';
import { minimumReasonLength } from './breakGlassRepository.ts';

export const breakGlassFieldOrder = ['reference', 'reason', 'confirm'] as const;
export const maxReasonLength = 2000;

/** Reads the emergency access form: the family reference, the reason, and the user's confirmation. */
export function readBreakGlassForm(body: unknown) {
  const values = {
    reference: field(body, 'reference'),
    reason: field(body, 'reason'),
    confirm: field(body, 'confirm'),
  };
  const errors: FieldErrors = {};
  if (!values.reference) errors.reference = 'Enter the family reference';
  else if (values.reference.length > 40)
    errors.reference = 'The family reference must be 40 characters or fewer';
  if (!values.reason) errors.reason = 'Enter why you need emergency access';
  else if (values.reason.length < minimumReasonLength)
    errors.reason = `Your reason must be at least ${minimumReasonLength} characters: say what the protection concern is`;
  else if (values.reason.length > maxReasonLength)
    errors.reason = `Your reason must be ${maxReasonLength} characters or fewer`;
  if (values.confirm !== 'yes')
    errors.confirm = 'Confirm that you understand this is recorded and your lead is told';
  return { values, errors, valid: Object.keys(errors).length === 0 };
}
