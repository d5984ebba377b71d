// The only emails Hearth sends. They carry no personal data: a referral's
// reference, the services' and organisations' public directory names, the
// urgency, and a link to sign in (or, for a service outside Hearth, a secure
// link to the referral). Each template reads only the fields named here, so
// nothing else passed in (a name, a reason) can reach an email.
import type { ReferralStatus, ReferralUrgency } from '../../db/schema.ts';
import { statusLabels } from '../referrals/referralStatus.ts';

/** A notice to a service outside Hearth: the referring organisation, the urgency and a secure link. */
interface OutsideNotice {
  reference: string;
  serviceName: string;
  referringOrganisation: string;
  /** The link's secret (43 URL-safe characters); only its hash is stored. */
  token: string;
  /** The last day the link works, yyyy-mm-dd. */
  expiresOn: string;
}

export type EmailTemplate =
  | { kind: 'new_referral'; reference: string; serviceName: string }
  | { kind: 'referral_update'; reference: string; serviceName: string; status: ReferralStatus }
  | ({ kind: 'outside_referral'; urgency: ReferralUrgency } & OutsideNotice)
  | ({ kind: 'outside_started' } & OutsideNotice)
  | { kind: 'outside_withdrawn'; reference: string; serviceName: string; referringOrganisation: string };

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

/** A directory name on one line: with the urgency, the only words in an email that are not fixed. */
function directoryName(value: unknown, what = 'the service’s name'): string {
  const name = typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : '';
  if (name.length < 1 || name.length > 200) throw new EmailTemplateError(`an email needs ${what}`);
  return name;
}

function signInLink(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/practice/referrals`;
}

/** Where a referral's secure link opens; the mailer removes the secret from its copy once the email is sent. */
export const referralLinkPath = '/referral-link/';
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

function secureLink(baseUrl: string, token: unknown): string {
  if (typeof token !== 'string' || !tokenPattern.test(token))
    throw new EmailTemplateError('a secure link needs its 256-bit token');
  return `${baseUrl.replace(/\/+$/, '')}${referralLinkPath}${token}`;
}

const dayFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });

function day(value: unknown): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value))
    throw new EmailTemplateError('a secure link needs the day it ends');
  return dayFormat.format(new Date(`${value}T00:00:00Z`));
}

const urgencyWords: Record<ReferralUrgency, string> = {
  routine: 'routine',
  soon: 'soon',
  urgent: 'urgent',
};

const footer =
  'This email has no personal details in it, by design. If it was not meant for you, please delete it.';

/** The subject and body of an email, from its template and the address people reach Hearth at. */
export function renderEmail(template: EmailTemplate, baseUrl: string): RenderedEmail {
  const ref = reference(template.reference);
  const service = directoryName(template.serviceName);
  if (
    template.kind === 'outside_referral' ||
    template.kind === 'outside_started' ||
    template.kind === 'outside_withdrawn'
  )
    return outsideEmail(template, ref, service, baseUrl);
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

type OutsideTemplate = Extract<
  EmailTemplate,
  { kind: 'outside_referral' | 'outside_started' | 'outside_withdrawn' }
>;

/** The emails to a service outside Hearth, at its referral address. */
function outsideEmail(
  template: OutsideTemplate,
  ref: string,
  service: string,
  baseUrl: string,
): RenderedEmail {
  const from = directoryName(template.referringOrganisation, 'the referring organisation');
  if (template.kind === 'outside_withdrawn')
    return {
      subject: `Referral ${ref} was withdrawn`,
      body: `${from} has withdrawn the referral ${ref} to ${service}. There is nothing more to do, and any link you were sent for it no longer works.\n\n${footer}\n`,
    };
  const link = secureLink(baseUrl, template.token);
  const until = day(template.expiresOn);
  const single =
    'The link is for you alone and works once: do not forward it. It opens the referral without signing in.';
  if (template.kind === 'outside_started')
    return {
      subject: `Referral ${ref}: tell us when support starts`,
      body: `Thank you for accepting the referral ${ref} from ${from}. When you have had your first support contact, say so here, so the waiting time can be counted:\n\n${link}\n\n${single} It works until ${until}; after that, ask ${from} for a new one.\n\n${footer}\n`,
    };
  const urgency = urgencyWords[template.urgency];
  if (!urgency) throw new EmailTemplateError('a referral notice needs its urgency');
  return {
    subject: `Referral ${ref} from ${from}`,
    body: `${from} has referred someone to ${service} through Hearth (reference ${ref}, urgency: ${urgency}). Read the referral, then accept or decline it, here:\n\n${link}\n\n${single} It works until ${until}; after that, ask ${from} for a new one.\n\n${footer}\n`,
  };
}
