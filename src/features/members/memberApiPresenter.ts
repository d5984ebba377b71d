import type { FieldErrors } from '../../platform/http/forms.ts';
import { type Answer, emptyMemberForm, type MemberFormValues } from './memberForm.ts';
import type { MemberCard, MemberDetail, MemberSupportView } from './memberRepository.ts';
import type { MemberBody, MemberPatchBody } from './memberSchemas.ts';

function answerOf(value: boolean | null | undefined): Answer {
  return value === null || value === undefined ? 'unknown' : value ? 'yes' : 'no';
}

const textFields = [
  'givenName',
  'familyName',
  'preferredName',
  'pronouns',
  'gender',
  'ethnicity',
  'firstLanguage',
  'phone',
  'email',
  'address',
  'postcode',
  'safeTimes',
  'contactSafetyNote',
  'relationshipLabel',
] as const;
const safetyFields = ['safeToPhone', 'safeToText', 'safeToWrite', 'safeToVisit'] as const;

/**
 * An API body laid over a member form (an empty one for a new member, the
 * stored details for a change), so the API and the pages share one set of checks.
 */
export function formFromBody(
  body: MemberPatchBody,
  base: MemberFormValues = emptyMemberForm(),
): MemberFormValues {
  const form: MemberFormValues = { ...base };
  for (const name of textFields) if (body[name] !== undefined) form[name] = (body[name] ?? '').trim();
  for (const name of safetyFields) if (body[name] !== undefined) form[name] = answerOf(body[name]);
  if (body.dateOfBirth !== undefined) {
    const [year = '', month = '', day = ''] = (body.dateOfBirth ?? '').split('-');
    Object.assign(form, { dobYear: year, dobMonth: month, dobDay: day });
    if (body.dateOfBirth && body.approximateAge === undefined) form.approximateAge = '';
  }
  if (body.approximateAge !== undefined) {
    form.approximateAge = body.approximateAge === null ? '' : String(body.approximateAge);
    if (body.approximateAge !== null && body.dateOfBirth === undefined)
      Object.assign(form, { dobYear: '', dobMonth: '', dobDay: '' });
  }
  if (body.interpreterNeeded !== undefined) form.interpreterNeeded = body.interpreterNeeded ? 'yes' : 'no';
  if (body.addressWithheld !== undefined) form.addressWithheld = body.addressWithheld;
  if (body.roles !== undefined) form.roles = [...body.roles];
  if (body.livesInHousehold !== undefined) form.livesInHousehold = answerOf(body.livesInHousehold);
  if (body.inContactWithServices !== undefined) form.inContactWithServices = body.inContactWithServices;
  return form;
}

/** Form errors as RFC 9457 `errors`, each pointing at the field of the JSON body. */
export function errorPointers(errors: FieldErrors, prefix = '#/'): { pointer: string; detail: string }[] {
  return Object.entries(errors).map(([name, detail]) => ({ pointer: `${prefix}${name}`, detail }));
}

function supportBody(support: MemberSupportView[]) {
  return support.map((s) => ({
    organisationId: s.organisationId,
    organisationName: s.organisationName,
    status: s.status,
    closedReason: s.closedReason,
    workerName: s.workerName,
    confidential: s.confidential,
  }));
}

export function memberSummaryBody(card: MemberCard) {
  return {
    personId: card.personId,
    name: card.name,
    age: card.age?.years ?? null,
    ageApproximate: card.age?.approximate ?? false,
    roles: card.roles,
    relationshipLabel: card.relationshipLabel,
    livesInHousehold: card.livesInHousehold,
    notSafeTo: card.contactSafety.notSafe,
    support: supportBody(card.support),
  };
}

export function memberBody(detail: MemberDetail): MemberBody {
  const { updatedAt, version: _version, approximateAgeOn: _on, ...person } = detail.person;
  return {
    personId: detail.personId,
    familyId: detail.familyId,
    ...person,
    relationshipLabel: detail.membership.relationshipLabel,
    roles: detail.membership.roles,
    livesInHousehold: detail.membership.livesInHousehold,
    inContactWithServices: detail.membership.inContactWithServices,
    memberSince: detail.membership.startedOn,
    support: supportBody(detail.support),
    updatedAt: new Date(updatedAt).toISOString(),
  };
}
