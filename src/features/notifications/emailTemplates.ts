// The only emails Hearth sends. They carry no personal data: a referral's
// reference, the receiving service's public directory name and a link to
// sign in. Each template reads only the fields named here, so nothing else
// passed in (a name, a reason) can reach an email.
import type { ReferralStatus } from '../../db/schema.ts';
import { statusLabels } from '../referrals/referralStatus.ts';

export type EmailTemplate =
  | { kind: 'new_referral'; reference: string; serviceName: string }
  | { kind: 'referral_update'; reference: string; serviceName: string; status: ReferralStatus };

export interface RenderedEmail {
  subject: string;
  body: string;
}

export class EmailTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmailTemplateError';
  }
}

const referencePattern = /^R-\d{6,9}$/;

function reference(value: unknown): string {
  if (typeof value !== 'string' || !referencePattern.test(value))
    throw new EmailTemplateError('an email needs a referral reference like R-000123');
  return value;
}

/** A directory service's name on one line: the only words in an email that are not fixed. */
function serviceName(value: unknown): string {
  const name = typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : '';
  if (name.length < 1 || name.length > 200) throw new EmailTemplateError('an email needs the service’s name');
  return name;
}

function signInLink(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/practice/referrals`;
}

const footer =
  'This email has no personal details in it, by design. If it was not meant for you, please delete it.';

/** The subject and body of an email, from its template and the address people reach Hearth at. */
export function renderEmail(template: EmailTemplate, baseUrl: string): RenderedEmail {
  const ref = reference(template.reference);
  const service = serviceName(template.serviceName);
  const link = signInLink(baseUrl);
  if (template.kind === 'new_referral') {
    return {
      subject: `New referral ${ref}`,
      body: `A new referral (${ref}) has arrived for ${service}. Sign in to Hearth to read it: ${link}\n\n${footer}\n`,
    };
  }
  if (template.kind === 'referral_update') {
    const status = statusLabels[template.status];
    if (!status) throw new EmailTemplateError('an update email needs a referral status');
    return {
      subject: `Referral ${ref}: ${status}`,
      body: `The referral ${ref} to ${service} is now: ${status}. Sign in to Hearth to see it: ${link}\n\n${footer}\n`,
    };
  }
  throw new EmailTemplateError('there is no such email');
}
