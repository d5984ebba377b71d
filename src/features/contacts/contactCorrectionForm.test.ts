import { describe, expect, it } from 'vitest';
import { checkContactInErrorForm, contactFormOf, contactValues, maxReason } from './contactCorrectionForm.ts';
import { readContactForm } from './contactForm.ts';

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

describe('a contact’s values for comparing two edits', () => {
  it('go to text and back to the same form', () => {
    const input = {
      occurredAt: new Date('2026-11-02T10:30:00Z'),
      memberIds: ['p2', 'p1'],
      kind: 'one_to_one' as const,
      jointOrganisationId: null,
      channel: 'phone' as const,
      durationMinutes: 40,
      topics: ['safety' as const],
      notes: 'Notes',
      followUp: null,
      outcome: 'attended' as const,
      confidential: true,
      significant: false,
      enrolmentId: null,
    };
    const values = contactValues(input);
    expect(values).toMatchObject({
      members: 'p1,p2',
      occurredOn: '2026-11-02',
      time: '10:30',
      durationMinutes: '40',
      confidential: 'yes',
      significant: 'no',
      followUp: null,
    });
    const form = contactFormOf(values);
    expect(form.occurredOn).toEqual({ day: '2', month: '11', year: '2026' });
    expect(form.members).toEqual(['p1', 'p2']);
    expect(form.confidential).toBe(true);
    const again = readContactForm(form, new Date('2026-11-03T00:00:00Z'));
    expect(again.ok && contactValues(again.value)).toEqual(values);
  });
});
