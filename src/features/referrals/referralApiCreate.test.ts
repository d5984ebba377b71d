import { describe, expect, it } from 'vitest';
import { bodyErrors, formOfBody } from './referralApiCreate.ts';
import { checkReferralForm } from './referralForm.ts';

const family = '11111111-1111-4111-8111-111111111111';
const service = '22222222-2222-4222-8222-222222222222';
const agnes = '33333333-3333-4333-8333-333333333333';
const concern = '44444444-4444-4444-8444-444444444444';
const choices = { memberIds: [agnes], concernIds: [concern], today: '2026-03-10' };

describe('a referral body read as the referral form', () => {
  it('gives consent as the form’s consent fields, and checks them by the form’s rules', () => {
    const form = formOfBody(
      {
        familyId: family,
        serviceId: service,
        memberIds: [agnes, agnes],
        reason: '  Needs support  ',
        consent: { personId: agnes, method: 'written', on: '2026-03-01' },
      },
      'key-12345678',
    );
    expect(form).toMatchObject({
      sharingBasis: 'consent',
      reason: 'Needs support',
      urgency: 'routine',
      consentOn: { day: '1', month: '3', year: '2026' },
      action: 'send',
    });
    const checked = checkReferralForm(form, choices);
    expect(checked).toMatchObject({
      ok: true,
      value: { memberIds: [agnes], consentOn: '2026-03-01', concernId: null, wishes: null, send: true },
    });
  });

  it('names the place in the body of each broken rule', () => {
    const none = formOfBody(
      { familyId: family, serviceId: service, memberIds: [agnes], reason: 'Why' },
      'k-123456789',
    );
    const noBasis = checkReferralForm(none, choices);
    if (noBasis.ok) throw new Error('expected errors');
    expect(bodyErrors(noBasis.errors, none)).toEqual([
      { pointer: '#/consent', detail: expect.stringContaining('protectionConcernId') },
    ]);
    const late = formOfBody(
      {
        familyId: family,
        serviceId: service,
        memberIds: [agnes],
        reason: 'Why',
        consent: { personId: concern, method: 'verbal', on: '2026-04-01' },
      },
      'k-123456789',
    );
    const checked = checkReferralForm(late, choices);
    if (checked.ok) throw new Error('expected errors');
    expect(
      bodyErrors(checked.errors, late)
        .map((e) => e.pointer)
        .sort(),
    ).toEqual(['#/consent/on', '#/consent/personId']);
    const wrongConcern = formOfBody(
      { familyId: family, serviceId: service, memberIds: [agnes], reason: 'Why', protectionConcernId: agnes },
      'k-123456789',
    );
    const concernChecked = checkReferralForm(wrongConcern, choices);
    if (concernChecked.ok) throw new Error('expected errors');
    expect(bodyErrors(concernChecked.errors, wrongConcern)).toEqual([
      { pointer: '#/protectionConcernId', detail: 'Select the protection concern the referral is for' },
    ]);
  });
});
