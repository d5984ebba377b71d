// "Report a problem with this listing": what is wrong, and optional details.
import { type ListingProblemKind, listingProblemKinds } from '../../db/schemaDirectory.ts';
import { type FieldErrors, field } from '../../platform/http/forms.ts';

export interface ProblemForm {
  kind: string;
  details: string;
}

export interface ProblemInput {
  kind: ListingProblemKind;
  details: string | null;
}

export const problemFieldOrder = ['kind', 'details'] as const;

export const problemKindLabels: Record<ListingProblemKind, string> = {
  wrong_phone: 'The phone number is wrong',
  wrong_address: 'The address is wrong',
  wrong_times: 'The opening times are wrong',
  closed: 'The service has closed',
  wrong_details: 'Other details are wrong',
  other: 'Something else',
};

export function parseProblemForm(body: unknown): ProblemForm {
  return { kind: field(body, 'kind').slice(0, 100), details: field(body, 'details').slice(0, 5000) };
}

export function checkProblemForm(
  form: ProblemForm,
): { ok: true; value: ProblemInput } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (!(listingProblemKinds as readonly string[]).includes(form.kind)) errors.kind = 'Choose what is wrong';
  if (form.details.length > 1000) errors.details = 'The details must be 1000 characters or fewer';
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { kind: form.kind as ListingProblemKind, details: form.details || null } };
}
