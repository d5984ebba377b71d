import { describe, expect, it } from 'vitest';
import { checkMoveForm, checkReferralForm, parseMoveForm, parseReferralForm } from './referralForm.ts';

const agnes = '11111111-1111-4111-8111-111111111111';
const callum = '22222222-2222-4222-8222-222222222222';
const concern = '33333333-3333-4333-8333-333333333333';
const choices = { memberIds: [agnes, callum], concernIds: [concern], today: '2026-12-02' };
const base = {
  memberIds: [callum, callum],
  reason: 'Callum cares for his mum',
  urgency: 'routine',
  idempotencyKey: 'a-key-of-sixteen',
};

describe('the referral form', () => {
  it('takes consent: who agreed, how, and a date not in the future', () => {
    const ok = checkReferralForm(
      parseReferralForm({
        ...base,
        sharingBasis: 'consent',
        consentPersonId: agnes,
        consentMethod: 'written',
        'consentOn-day': '1',
        'consentOn-month': '12',
        'consentOn-year': '2026',
        action: 'send',
      }),
      choices,
    );
    expect(ok).toEqual({
      ok: true,
      value: expect.objectContaining({
        memberIds: [callum],
        sharingBasis: 'consent',
        consentOn: '2026-12-01',
        concernId: null,
        send: true,
      }),
    });
    const future = checkReferralForm(
      parseReferralForm({
        ...base,
        sharingBasis: 'consent',
        consentPersonId: 'someone-else',
        'consentOn-day': '3',
        'consentOn-month': '12',
        'consentOn-year': '2026',
      }),
      choices,
    );
    expect(future.ok ? {} : future.errors).toEqual({
      consentPersonId: 'Select who agreed to the referral',
      consentMethod: 'Select how they agreed',
      consentOn: 'The date they agreed must be today or in the past',
    });
  });

  it('without consent needs a recorded protection concern, and refuses when there is none', () => {
    const form = parseReferralForm({ ...base, sharingBasis: 'protection_concern', action: 'draft' });
    const missing = checkReferralForm(form, choices);
    expect(missing.ok ? {} : missing.errors).toEqual({
      concernId: 'Select the protection concern the referral is for',
    });
    const none = checkReferralForm(form, { ...choices, concernIds: [] });
    expect(none.ok ? {} : none.errors.sharingBasis).toContain('There is no open protection concern');
    const linked = checkReferralForm({ ...form, concernId: concern }, choices);
    expect(linked).toMatchObject({
      ok: true,
      value: { concernId: concern, consentPersonId: null, send: false },
    });
    const neither = checkReferralForm(parseReferralForm({ ...base }), choices);
    expect(neither.ok ? {} : Object.keys(neither.errors)).toEqual(['sharingBasis']);
  });

  it('needs members the user can see, a reason and a form key', () => {
    const bad = checkReferralForm(
      parseReferralForm({ memberIds: ['nobody'], sharingBasis: 'protection_concern', concernId: concern }),
      choices,
    );
    expect(bad.ok ? {} : bad.errors).toEqual({
      memberIds: 'Select who the referral is for',
      reason: 'Enter why you are making the referral',
    });
    const noKey = checkReferralForm(
      parseReferralForm({
        ...base,
        idempotencyKey: '',
        sharingBasis: 'protection_concern',
        concernId: concern,
      }),
      choices,
    );
    expect(noKey.ok ? {} : noKey.errors.reason).toBe('The form has expired: open it again and resend');
  });
});

describe('the moves’ forms', () => {
  const limits = { today: '2026-12-02', receivedOn: '2026-11-20', serviceIds: [concern] };
  it('needs a reason to decline or pass on, a service to pass on to, and a first support date within range', () => {
    const decline = checkMoveForm(parseMoveForm({ version: '3' }), 'declined', limits);
    expect(decline.ok ? {} : decline.errors).toEqual({ reason: 'Enter why you are declining the referral' });
    const redirect = checkMoveForm(
      parseMoveForm({ version: '3', reason: 'Too young' }),
      'redirected',
      limits,
    );
    expect(redirect.ok ? {} : redirect.errors).toEqual({
      serviceId: 'Select the service to pass the referral to',
    });
    const early = checkMoveForm(
      parseMoveForm({
        version: '3',
        'firstSupportOn-day': '19',
        'firstSupportOn-month': '11',
        'firstSupportOn-year': '2026',
      }),
      'started',
      limits,
    );
    expect(early.ok ? {} : early.errors.firstSupportOn).toContain(
      'on or after the day the referral was received',
    );
    const started = checkMoveForm(
      parseMoveForm({
        version: '3',
        'firstSupportOn-day': '25',
        'firstSupportOn-month': '11',
        'firstSupportOn-year': '2026',
      }),
      'started',
      limits,
    );
    expect(started).toMatchObject({ ok: true, value: { version: 3, firstSupportOn: '2026-11-25' } });
    expect(checkMoveForm(parseMoveForm({ version: 'x' }), 'accepted', limits)).toMatchObject({
      ok: true,
      value: { version: 0 },
    });
  });
});
