// Making a referral through the API: the request body read as the referral
// form (so the form's rules apply unchanged), the form's field errors named
// as places in the body, and the Idempotency-Key's earlier referral, which
// a retry gets back only when it asks for the same referral.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { referral, referralMember } from '../../db/schema.ts';
import type { FieldErrors } from '../../platform/http/forms.ts';
import { partsOfIso } from '../plan/planForms.ts';
import type { NewReferralBody } from './referralApiSchemas.ts';
import type { ReferralForm } from './referralForm.ts';

/** The body as the referral form would have it: the API and the pages check the same thing. */
export function formOfBody(body: NewReferralBody, idempotencyKey: string): ReferralForm {
  return {
    memberIds: body.memberIds,
    reason: body.reason.trim(),
    wishes: body.wishes?.trim() ?? '',
    urgency: body.urgency ?? 'routine',
    sharingBasis: body.consent ? 'consent' : body.protectionConcernId ? 'protection_concern' : '',
    consentPersonId: body.consent?.personId ?? '',
    consentMethod: body.consent?.method ?? '',
    consentOn: partsOfIso(body.consent?.on),
    concernId: body.protectionConcernId ?? '',
    idempotencyKey,
    action: 'send',
  };
}

const pointers: Record<string, string> = {
  consentPersonId: '#/consent/personId',
  consentMethod: '#/consent/method',
  consentOn: '#/consent/on',
  concernId: '#/protectionConcernId',
};

/** The form's errors as RFC 9457 `errors`, each pointing into the request body. */
export function bodyErrors(errors: FieldErrors, form: Pick<ReferralForm, 'sharingBasis'>) {
  return Object.entries(errors).map(([name, detail]) => {
    if (name === 'sharingBasis')
      return form.sharingBasis === 'protection_concern'
        ? { pointer: '#/protectionConcernId', detail }
        : {
            pointer: '#/consent',
            detail:
              'Give consent (who agreed, how and when), or, without consent, protectionConcernId: an open protection concern recorded for the family',
          };
    return { pointer: pointers[name] ?? `#/${name}`, detail };
  });
}

/** What a referral request asks for, in one comparable shape. */
interface Asked {
  familyId: string | null;
  serviceId: string;
  memberIds: string[];
  reason: string | null;
  wishes: string | null;
  urgency: string;
  consentPersonId: string | null;
  consentMethod: string | null;
  consentOn: string | null;
  concernId: string | null;
}

function askedInBody(body: NewReferralBody): Asked {
  return {
    familyId: body.familyId,
    serviceId: body.serviceId,
    memberIds: [...new Set(body.memberIds)].sort(),
    reason: body.reason.trim() || null,
    wishes: body.wishes?.trim() || null,
    urgency: body.urgency ?? 'routine',
    consentPersonId: body.consent?.personId ?? null,
    consentMethod: body.consent?.method ?? null,
    consentOn: body.consent?.on ?? null,
    concernId: body.consent ? null : (body.protectionConcernId ?? null),
  };
}

export type KeyedReferral = { id: string; reference: string; same: boolean };

/**
 * The referral this organisation already made with this Idempotency-Key, if
 * any, and whether it asked for the same as this body.
 */
export async function referralOfKey(
  db: Db,
  organisationId: string,
  idempotencyKey: string,
  body: NewReferralBody,
): Promise<KeyedReferral | undefined> {
  const [row] = await db
    .select()
    .from(referral)
    .where(
      and(eq(referral.referringOrganisationId, organisationId), eq(referral.idempotencyKey, idempotencyKey)),
    );
  if (!row) return undefined;
  const members = await db
    .select({ personId: referralMember.personId })
    .from(referralMember)
    .where(eq(referralMember.referralId, row.id));
  const stored: Asked = {
    familyId: row.familyId,
    serviceId: row.serviceId,
    memberIds: members.map((m) => m.personId).sort(),
    reason: row.reason,
    wishes: row.wishes,
    urgency: row.urgency,
    consentPersonId: row.consentPersonId,
    consentMethod: row.consentMethod,
    consentOn: row.consentOn,
    concernId: row.concernId,
  };
  const asked = askedInBody(body);
  const same = (Object.keys(stored) as (keyof Asked)[]).every(
    (key) => JSON.stringify(stored[key]) === JSON.stringify(asked[key]),
  );
  return { id: row.id, reference: row.reference, same };
}
