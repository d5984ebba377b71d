import { type FieldErrors, field } from '../../platform/http/forms.ts';

/** Complexity weights a team lead can give a member's support, with what each means. */
export const weights = [
  { value: 1, text: 'Standard', hint: 'Counts as one member' },
  { value: 2, text: 'Complex', hint: 'Counts as two: several needs, or more than one agency to work with' },
  { value: 3, text: 'Very complex', hint: 'Counts as three: high risk, protection concerns or crisis' },
] as const;

export interface AllocationForm {
  workerId: string;
  weight: string;
  version: string;
  confirm: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export function parseAllocationForm(body: unknown): AllocationForm {
  return {
    workerId: field(body, 'workerId'),
    weight: field(body, 'weight'),
    version: field(body, 'version'),
    confirm: field(body, 'confirm'),
  };
}

/** The worker and weight chosen; `workers` are the ids the lead may choose from. */
export function checkAllocationForm(
  form: AllocationForm,
  workers: readonly string[],
): Checked<{ workerId: string; weight: number; version: number; overLimitConfirmed: boolean }> {
  const errors: FieldErrors = {};
  if (!form.workerId) errors.workerId = 'Choose the worker who will support this member';
  else if (!workers.includes(form.workerId)) errors.workerId = 'Choose a worker from the list';
  const weight = Number(form.weight);
  if (!weights.some((w) => w.value === weight)) errors.weight = 'Choose how complex this member’s support is';
  const version = Number(form.version);
  if (!Number.isInteger(version) || version < 1)
    errors.version = 'Open the allocation again and choose again';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: { workerId: form.workerId, weight, version, overLimitConfirmed: form.confirm === 'yes' },
  };
}

export const allocationFieldOrder = ['workerId', 'weight', 'version'] as const;

/** The largest limit a lead can set, in weighted members (the database allows the same). */
export const maxLimit = 200;

/** A limit in weighted members, or none (an empty field clears it). */
export function checkLimitForm(body: unknown): Checked<number | null> & { entered: string } {
  const entered = field(body, 'limit');
  if (entered === '') return { ok: true, value: null, entered };
  if (!/^\d+$/.test(entered))
    return { ok: false, errors: { limit: 'Enter the limit as a whole number, like 20' }, entered };
  const limit = Number(entered);
  if (limit < 1 || limit > maxLimit)
    return { ok: false, errors: { limit: `Enter a limit between 1 and ${maxLimit}` }, entered };
  return { ok: true, value: limit, entered };
}
