// The referral form: who it is for, why, what they would like, how urgent,
// and the basis for sharing (consent, or a recorded protection concern); and
// the forms of the receiving side's moves.
import {
  type ConsentMethod,
  type ReferralUrgency,
  referralUrgencies,
  type SharingBasis,
} from '../../db/schema.ts';
import { type FieldErrors, field, fields } from '../../platform/http/forms.ts';
import type { DateParts } from '../chronology/dateParts.ts';
import { type Checked, datePartsOf } from '../plan/planForms.ts';
import { checkDay } from '../programmes/enrolmentForm.ts';

export const consentMethods: readonly ConsentMethod[] = ['verbal', 'written', 'digital'];
export const consentMethodLabels: Record<ConsentMethod, string> = {
  verbal: 'Said so (verbal)',
  written: 'In writing',
  digital: 'Online or by message',
};
export const urgencyLabels: Record<ReferralUrgency, string> = {
  routine: 'Routine',
  soon: 'Soon',
  urgent: 'Urgent',
};

export interface ReferralForm {
  memberIds: string[];
  reason: string;
  wishes: string;
  urgency: string;
  sharingBasis: string;
  consentPersonId: string;
  consentMethod: string;
  consentOn: DateParts;
  concernId: string;
  idempotencyKey: string;
  /** "draft" to save as a draft, anything else to send. */
  action: string;
}

export interface ReferralInput {
  memberIds: string[];
  reason: string;
  wishes: string | null;
  urgency: ReferralUrgency;
  sharingBasis: SharingBasis;
  consentPersonId: string | null;
  consentMethod: ConsentMethod | null;
  consentOn: string | null;
  concernId: string | null;
  idempotencyKey: string;
  send: boolean;
}

export const referralFieldOrder = [
  'memberIds',
  'reason',
  'wishes',
  'urgency',
  'sharingBasis',
  'consentPersonId',
  'consentMethod',
  'consentOn',
  'concernId',
] as const;

export function parseReferralForm(body: unknown): ReferralForm {
  return {
    memberIds: fields(body, 'memberIds'),
    reason: field(body, 'reason'),
    wishes: field(body, 'wishes'),
    urgency: field(body, 'urgency') || 'routine',
    sharingBasis: field(body, 'sharingBasis'),
    consentPersonId: field(body, 'consentPersonId'),
    consentMethod: field(body, 'consentMethod'),
    consentOn: datePartsOf(body, 'consentOn'),
    concernId: field(body, 'concernId'),
    idempotencyKey: field(body, 'idempotencyKey'),
    action: field(body, 'action'),
  };
}

/**
 * Checks the form against what the user may choose: the family's members
 * they can see and the family's open protection concerns. Without consent a
 * referral can only be made by linking a recorded protection concern.
 */
export function checkReferralForm(
  form: ReferralForm,
  choices: { memberIds: readonly string[]; concernIds: readonly string[]; today: string },
): Checked<ReferralInput> {
  const errors: FieldErrors = {};
  const memberIds = [...new Set(form.memberIds)];
  if (memberIds.length === 0 || memberIds.some((id) => !choices.memberIds.includes(id)))
    errors.memberIds = 'Select who the referral is for';
  if (!form.reason) errors.reason = 'Enter why you are making the referral';
  else if (form.reason.length > 4000) errors.reason = 'Why must be 4,000 characters or fewer';
  if (form.wishes.length > 4000) errors.wishes = 'What they would like must be 4,000 characters or fewer';
  if (!(referralUrgencies as readonly string[]).includes(form.urgency))
    errors.urgency = 'Select how urgent it is';
  let consentOn: string | undefined;
  if (form.sharingBasis === 'consent') {
    if (!choices.memberIds.includes(form.consentPersonId))
      errors.consentPersonId = 'Select who agreed to the referral';
    if (!(consentMethods as readonly string[]).includes(form.consentMethod))
      errors.consentMethod = 'Select how they agreed';
    consentOn = checkDay(form.consentOn, 'consentOn', 'The date they agreed', errors, {
      today: choices.today,
    });
  } else if (form.sharingBasis === 'protection_concern') {
    if (choices.concernIds.length === 0)
      errors.sharingBasis =
        'There is no open protection concern recorded for this family: without consent you cannot make this referral';
    else if (!choices.concernIds.includes(form.concernId))
      errors.concernId = 'Select the protection concern the referral is for';
  } else {
    errors.sharingBasis = 'Select whether the family agreed, or the referral is for a protection concern';
  }
  if (form.idempotencyKey.length < 8 || form.idempotencyKey.length > 100)
    errors.reason ??= 'The form has expired: open it again and resend';
  if (Object.keys(errors).length) return { ok: false, errors };
  const consent = form.sharingBasis === 'consent';
  return {
    ok: true,
    value: {
      memberIds,
      reason: form.reason,
      wishes: form.wishes || null,
      urgency: form.urgency as ReferralUrgency,
      sharingBasis: form.sharingBasis as SharingBasis,
      consentPersonId: consent ? form.consentPersonId : null,
      consentMethod: consent ? (form.consentMethod as ConsentMethod) : null,
      consentOn: consent ? (consentOn ?? null) : null,
      concernId: consent ? null : form.concernId,
      idempotencyKey: form.idempotencyKey,
      send: form.action !== 'draft',
    },
  };
}

// The moves' forms ----------------------------------------------------

export interface MoveForm {
  version: string;
  reason: string;
  suggestion: string;
  serviceId: string;
  firstSupportOn: DateParts;
  note: string;
}

export function parseMoveForm(body: unknown): MoveForm {
  return {
    version: field(body, 'version'),
    reason: field(body, 'reason'),
    suggestion: field(body, 'suggestion'),
    serviceId: field(body, 'serviceId'),
    firstSupportOn: datePartsOf(body, 'firstSupportOn'),
    note: field(body, 'note'),
  };
}

export const moveFieldOrder = ['reason', 'suggestion', 'serviceId', 'firstSupportOn', 'note'] as const;

/** Checks a move's form: decline and redirect need a reason, redirect a service, support started its date. */
export function checkMoveForm(
  form: MoveForm,
  to: string,
  limits: { today: string; receivedOn: string; serviceIds: readonly string[] },
): Checked<{
  version: number;
  reason: string | null;
  suggestion: string | null;
  serviceId: string | null;
  firstSupportOn: string | null;
  note: string | null;
}> {
  const errors: FieldErrors = {};
  const version = Number(form.version);
  if (to === 'declined' || to === 'redirected') {
    if (!form.reason)
      errors.reason =
        to === 'declined'
          ? 'Enter why you are declining the referral'
          : 'Enter why you are passing the referral on';
    else if (form.reason.length > 2000) errors.reason = 'The reason must be 2,000 characters or fewer';
  }
  if (form.suggestion.length > 1000)
    errors.suggestion = 'Where to go instead must be 1,000 characters or fewer';
  if (to === 'redirected' && !limits.serviceIds.includes(form.serviceId))
    errors.serviceId = 'Select the service to pass the referral to';
  let firstSupportOn: string | undefined;
  if (to === 'started')
    firstSupportOn = checkDay(
      form.firstSupportOn,
      'firstSupportOn',
      'The date of the first support contact',
      errors,
      {
        today: limits.today,
        notBefore: {
          iso: limits.receivedOn,
          message: 'The first support contact must be on or after the day the referral was received',
        },
      },
    );
  if (form.note.length > 2000) errors.note = 'The note must be 2,000 characters or fewer';
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      version: Number.isInteger(version) ? version : 0,
      reason: form.reason || null,
      suggestion: form.suggestion || null,
      serviceId: to === 'redirected' ? form.serviceId : null,
      firstSupportOn: firstSupportOn ?? null,
      note: form.note || null,
    },
  };
}
