// "Ask for support": a self-referral from the public. A name or first name
// only, and only the contact details the person says are safe to use.
import type { SelfReferralContactMethod } from '../../db/schemaDirectory.ts';
import { emailPattern, type FieldErrors, field } from '../../platform/http/forms.ts';
import { audiences } from '../directory/vocabulary.ts';

export interface ReferralForm {
  name: string;
  audience: string;
  contactMethod: string;
  phone: string;
  email: string;
  safeTimes: string;
  leaveMessage: string;
  helpWith: string;
}

export interface ReferralInput {
  name: string;
  audience: string | null;
  contactMethod: SelfReferralContactMethod;
  phone: string | null;
  email: string | null;
  safeTimes: string | null;
  leaveMessage: boolean;
  helpWith: string;
}

export const referralFieldOrder = [
  'name',
  'audience',
  'contactMethod',
  'phone',
  'email',
  'safeTimes',
  'leaveMessage',
  'helpWith',
] as const;

export const referralLimits = { name: 100, safeTimes: 300, helpWith: 2000, phone: 30, email: 254 } as const;

export function parseReferralForm(body: unknown): ReferralForm {
  // Cut far beyond any limit so a huge field is refused with a message, never stored or echoed whole.
  return Object.fromEntries(
    referralFieldOrder.map((name) => [name, field(body, name).slice(0, 5000)]),
  ) as unknown as ReferralForm;
}

const phonePattern = /^\+?[0-9 ()-]{10,30}$/;

export type CheckedReferral = { ok: true; value: ReferralInput } | { ok: false; errors: FieldErrors };

export function checkReferralForm(form: ReferralForm): CheckedReferral {
  const errors: FieldErrors = {};
  if (!form.name) errors.name = 'Enter your name or first name';
  else if (form.name.length > referralLimits.name) errors.name = 'Your name must be 100 characters or fewer';
  if (form.audience && !audiences.some((a) => a.code === form.audience))
    errors.audience = 'Choose who you are from the list';
  const method = form.contactMethod as SelfReferralContactMethod;
  if (!['phone', 'text', 'email', 'none'].includes(method))
    errors.contactMethod = 'Choose how it is safe to contact you';
  const byPhone = method === 'phone' || method === 'text';
  const phone = form.phone;
  const phoneField = 'phone';
  const digits = phone.replace(/\D/g, '');
  if (byPhone) {
    if (!phone)
      errors[phoneField] = `Enter a ${method === 'text' ? 'mobile' : 'phone'} number it is safe to use`;
    else if (!phonePattern.test(phone) || digits.length < 10 || digits.length > 15)
      errors[phoneField] = `Enter a ${method === 'text' ? 'mobile' : 'phone'} number, like 07700 900 982`;
  }
  if (method === 'email') {
    if (!form.email) errors.email = 'Enter an email address it is safe to use';
    else if (form.email.length > referralLimits.email || !emailPattern.test(form.email))
      errors.email = 'Enter an email address, like name@example.com';
  }
  if (form.safeTimes.length > referralLimits.safeTimes)
    errors.safeTimes = 'When it is safe must be 300 characters or fewer';
  if (method === 'phone' && !['yes', 'no'].includes(form.leaveMessage))
    errors.leaveMessage = 'Say if they can leave a message';
  if (!form.helpWith) errors.helpWith = 'Say what you would like help with';
  else if (form.helpWith.length > referralLimits.helpWith)
    errors.helpWith = 'What you would like help with must be 2000 characters or fewer';
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      name: form.name,
      audience: form.audience || null,
      contactMethod: method,
      phone: byPhone ? phone : null,
      email: method === 'email' ? form.email : null,
      safeTimes: method === 'none' ? null : form.safeTimes || null,
      leaveMessage: method === 'phone' && form.leaveMessage === 'yes',
      helpWith: form.helpWith,
    },
  };
}
