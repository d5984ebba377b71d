import { describe, expect, it } from 'vitest';
import { checkContactInErrorForm, maxReason } from './contactCorrectionForm.ts';

describe('the reason a contact was recorded in error', () => {
  it('is required, trimmed by the form reader and at most 500 characters', () => {
    expect(checkContactInErrorForm({ reason: '' })).toEqual({
      ok: false,
      error: 'Enter why this contact was recorded in error',
    });
    expect(checkContactInErrorForm({})).toMatchObject({ ok: false });
    expect(checkContactInErrorForm({ reason: 'x'.repeat(maxReason + 1) })).toEqual({
      ok: false,
      error: 'The reason must be 500 characters or fewer',
    });
    expect(checkContactInErrorForm({ reason: 'Recorded on the wrong family' })).toEqual({
      ok: true,
      reason: 'Recorded on the wrong family',
    });
  });
});
