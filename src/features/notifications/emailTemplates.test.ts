import { describe, expect, it } from 'vitest';
import { type EmailTemplate, EmailTemplateError, renderEmail } from './emailTemplates.ts';
import { withoutSecrets } from './mailer.ts';

const token = 'Ab3_-'.repeat(8).concat('xyz');

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

  it('tells a service outside Hearth who referred and how urgently, with its secure link and the day it ends, and nothing else', () => {
    const notice = renderEmail(
      {
        kind: 'outside_referral',
        reference: 'R-000125',
        serviceName: 'Dunmore Family Counselling',
        referringOrganisation: 'NHS Glenmuir Community Recovery Service',
        urgency: 'urgent',
        token,
        expiresOn: '2026-04-14',
        familyName: 'Agnes Testfamily',
      } as EmailTemplate,
      'https://hearth.example.org/',
    );
    expect(notice.subject).toBe('Referral R-000125 from NHS Glenmuir Community Recovery Service');
    expect(notice.body).toContain('urgency: urgent');
    expect(notice.body).toContain(`https://hearth.example.org/referral-link/${token}`);
    expect(notice.body).toContain('It works until 14 April 2026');
    expect(notice.body).not.toMatch(/Agnes|Testfamily/);
    const started = renderEmail(
      {
        kind: 'outside_started',
        reference: 'R-000125',
        serviceName: 'S',
        referringOrganisation: 'O',
        token,
        expiresOn: '2026-05-01',
      },
      'https://h.example',
    );
    expect(started.subject).toBe('Referral R-000125: tell us when support starts');
    const withdrawn = renderEmail(
      { kind: 'outside_withdrawn', reference: 'R-000125', serviceName: 'S', referringOrganisation: 'O' },
      'https://h.example',
    );
    expect(withdrawn.body).not.toContain('/referral-link/');
    const bad = {
      kind: 'outside_started',
      reference: 'R-000125',
      serviceName: 'S',
      referringOrganisation: 'O',
      expiresOn: '2026-05-01',
    };
    expect(() => renderEmail({ ...bad, token: 'short' } as EmailTemplate, 'https://h.example')).toThrow(
      EmailTemplateError,
    );
    expect(() =>
      renderEmail({ ...bad, token, expiresOn: 'soon' } as EmailTemplate, 'https://h.example'),
    ).toThrow(EmailTemplateError);
  });

  it('keeps no secure link’s secret in the copy of a sent email', () => {
    const body = `Open https://h.example/referral-link/${token} to answer.`;
    expect(withoutSecrets(body)).toBe('Open https://h.example/referral-link/(removed once sent) to answer.');
    expect(withoutSecrets('No link here.')).toBe('No link here.');
  });
});
