import { describe, expect, it } from 'vitest';
import { type EmailTemplate, EmailTemplateError, renderEmail } from './emailTemplates.ts';

describe('email templates', () => {
  it('says a new referral has arrived, with its reference, the service and the sign-in link only', () => {
    const email = renderEmail(
      { kind: 'new_referral', reference: 'R-000123', serviceName: 'Family support' },
      'https://hearth.example.org/',
    );
    expect(email.subject).toBe('New referral R-000123');
    expect(email.body.split('\n')[0]).toBe(
      'A new referral (R-000123) has arrived for Family support. Sign in to Hearth to read it: https://hearth.example.org/practice/referrals',
    );
  });

  it('cannot carry a name or a reason: fields other than its own never reach the email', () => {
    const withExtras = {
      kind: 'referral_update',
      reference: 'R-000124',
      serviceName: 'Young carers',
      status: 'declined',
      familyName: 'Agnes Testfamily',
      reason: 'Callum is worried about his mum',
      message: 'Agnes Testfamily',
    } as unknown as EmailTemplate;
    const email = renderEmail(withExtras, 'https://hearth.example.org');
    expect(`${email.subject}\n${email.body}`).not.toMatch(/Agnes|Callum|Testfamily|worried/);
    expect(email.subject).toBe('Referral R-000124: Declined');
  });

  it('refuses anything but a referral reference where the reference goes, and a name over two lines', () => {
    const bad = (template: unknown) => () => renderEmail(template as EmailTemplate, 'https://h.example');
    expect(
      bad({ kind: 'new_referral', reference: 'Agnes Testfamily', serviceName: 'Family support' }),
    ).toThrow(EmailTemplateError);
    expect(bad({ kind: 'new_referral', reference: 'R-000123', serviceName: '' })).toThrow(EmailTemplateError);
    expect(bad({ kind: 'gossip', reference: 'R-000123', serviceName: 'Family support' })).toThrow(
      EmailTemplateError,
    );
    expect(
      bad({ kind: 'referral_update', reference: 'R-000123', serviceName: 'S', status: 'maybe' }),
    ).toThrow(EmailTemplateError);
    const oneLine = renderEmail(
      { kind: 'new_referral', reference: 'R-000123', serviceName: 'Family\r\nBcc: someone@example.org' },
      'https://h.example',
    );
    expect(oneLine.body.split('\n')[0]).toContain('Family Bcc: someone@example.org.');
  });
});
