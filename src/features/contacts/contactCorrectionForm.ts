import { field } from '../../platform/http/forms.ts';
import { maxReason } from '../meetings/meetingForm.ts';

export { maxReason };

/** Checks the reason a contact is marked as recorded in error (the same limit as a meeting's). */
export function checkContactInErrorForm(
  body: unknown,
): { ok: true; reason: string } | { ok: false; error: string } {
  const reason = field(body, 'reason');
  if (!reason) return { ok: false, error: 'Enter why this contact was recorded in error' };
  if (reason.length > maxReason)
    return { ok: false, error: `The reason must be ${maxReason} characters or fewer` };
  return { ok: true, reason };
}
