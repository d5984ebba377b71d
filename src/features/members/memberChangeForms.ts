import type { SupportStatus } from '../../db/schema.ts';
import { type FieldErrors, field } from '../../platform/http/forms.ts';
import type { SupportInput } from './memberChangeService.ts';
import { calendarDate } from './memberForm.ts';

const statuses: readonly SupportStatus[] = ['not_started', 'being_supported', 'closed'];
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface SupportFormValues {
  status: string;
  closedReason: string;
  workerId: string;
  confidential: boolean;
}

export function parseSupportForm(body: unknown): SupportFormValues {
  return {
    status: field(body, 'status'),
    closedReason: field(body, 'closedReason'),
    workerId: field(body, 'workerId'),
    confidential: field(body, 'confidential') === 'yes',
  };
}

/** Checks the support form: a status from the list, a reason when closing, a worker id when one is chosen. */
export function validateSupportForm(
  form: SupportFormValues,
): { ok: true; input: SupportInput } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (!(statuses as readonly string[]).includes(form.status)) errors.status = 'Select where their support is';
  if (form.status === 'closed' && !form.closedReason) errors.closedReason = 'Enter why their support closed';
  if (form.closedReason.length > 500) errors.closedReason = 'The reason must be 500 characters or fewer';
  if (form.workerId && !uuid.test(form.workerId)) errors.workerId = 'Select a worker from the list';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    input: {
      status: form.status as SupportStatus,
      closedReason: form.status === 'closed' ? form.closedReason : null,
      workerId: form.workerId || null,
      confidential: form.confidential,
    },
  };
}

export interface LeaveFormValues {
  day: string;
  month: string;
  year: string;
  reason: string;
  toFamilyId: string;
}

export function parseLeaveForm(body: unknown): LeaveFormValues {
  return {
    day: field(body, 'endedOn-day'),
    month: field(body, 'endedOn-month'),
    year: field(body, 'endedOn-year'),
    reason: field(body, 'reason'),
    toFamilyId: field(body, 'toFamilyId'),
  };
}

/** Checks the leaving form: a real date not in the future and on or after they joined, and a reason. */
export function validateLeaveForm(
  form: LeaveFormValues,
  options: { startedOn: string; today: Date; moving: boolean },
): { ok: true; endedOn: string; reason: string; toFamilyId: string } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const date = calendarDate(form.day, form.month, form.year);
  if (!form.day && !form.month && !form.year) errors.endedOn = 'Enter the date they left';
  else if (!date) errors.endedOn = 'The date they left must be a real date, like 14 2 2026';
  else if (date > options.today.toISOString().slice(0, 10))
    errors.endedOn = 'The date they left must be today or in the past';
  else if (date < options.startedOn)
    errors.endedOn = 'The date they left must be on or after the day they joined';
  if (!form.reason) errors.reason = 'Enter why they are leaving';
  else if (form.reason.length > 500) errors.reason = 'The reason must be 500 characters or fewer';
  if (options.moving && !uuid.test(form.toFamilyId))
    errors.toFamilyId = 'Select the family they are moving to';
  if (Object.keys(errors).length > 0 || !date) return { ok: false, errors };
  return { ok: true, endedOn: date, reason: form.reason, toFamilyId: form.toFamilyId };
}
