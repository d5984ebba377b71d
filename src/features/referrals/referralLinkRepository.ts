// What a service outside Hearth reads through its secure link: the referral
// it was sent, the members it is for, and what was shared and on what basis.
// The link is the access check (referralLinks.ts findLink): this reads only
// the one referral the link opens, and the caller audits every read.
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import type { ReferralOrigin, ReferralStatus, ReferralUrgency, SharingBasis } from '../../db/schema.ts';
import { displayName, memberAge } from '../members/memberAge.ts';
import type { SelfReferralRow } from './referralRepository.ts';

export interface LinkedReferral {
  id: string;
  reference: string;
  status: ReferralStatus;
  origin: ReferralOrigin;
  urgency: ReferralUrgency;
  version: number;
  serviceName: string;
  referringOrganisationName: string | null;
  referredByName: string | null;
  referredByEmail: string | null;
  reason: string | null;
  wishes: string | null;
  sharingBasis: SharingBasis | null;
  consentPersonId: string | null;
  consentMethod: 'verbal' | 'written' | 'digital' | null;
  consentOn: string | null;
  receivedOn: string | null;
  firstSupportOn: string | null;
  selfReferralId: string | null;
  organisationId: string;
}

/** The referral a link opens. */
export async function linkedReferral(db: Db, referralId: string): Promise<LinkedReferral | undefined> {
  const [row] = await queryRows<LinkedReferral>(
    db,
    sql`select r.id, r.reference, r.status, r.origin, r.urgency, r.version, s.name as "serviceName",
        ro.name as "referringOrganisationName", u.display_name as "referredByName", u.email as "referredByEmail",
        r.reason, r.wishes, r.sharing_basis as "sharingBasis", r.consent_person_id as "consentPersonId",
        r.consent_method as "consentMethod", r.consent_on::text as "consentOn",
        (r.sent_at at time zone 'Europe/London')::date::text as "receivedOn",
        r.first_support_on::text as "firstSupportOn", r.self_referral_id as "selfReferralId",
        r.organisation_id as "organisationId"
      from referral r join directory_service s on s.id = r.service_id
        left join organisation ro on ro.id = r.referring_organisation_id
        left join app_user u on u.id = r.referred_by
      where r.id = ${referralId} and r.status <> 'draft'`,
  );
  return row;
}

/** The members the referral is for, by the name they go by, with their age when it is known. */
export async function linkedMembers(
  db: Db,
  referralId: string,
  today: Date,
): Promise<{ personId: string; name: string; age: string | null }[]> {
  const rows = await queryRows<{
    personId: string;
    givenName: string;
    preferredName: string | null;
    familyName: string | null;
    dateOfBirth: string | null;
    approximateAge: number | null;
    approximateAgeOn: string | null;
  }>(
    db,
    sql`select p.id as "personId", p.given_name as "givenName", p.preferred_name as "preferredName",
        p.family_name as "familyName", p.date_of_birth::text as "dateOfBirth",
        p.approximate_age as "approximateAge", p.approximate_age_on::text as "approximateAgeOn"
      from referral_member m join person p on p.id = m.person_id
      where m.referral_id = ${referralId} order by p.date_of_birth nulls last, p.given_name`,
  );
  return rows.map((r) => {
    const age = memberAge(r, today);
    return {
      personId: r.personId,
      name: displayName(r),
      age: age ? `${age.approximate ? 'about ' : ''}${age.years}` : null,
    };
  });
}

/** A self-referral's own words and how it is safe to contact them, shared by the person with this service. */
export async function linkedSelfReferral(
  db: Db,
  row: Pick<LinkedReferral, 'selfReferralId' | 'organisationId'>,
): Promise<SelfReferralRow | undefined> {
  if (!row.selfReferralId) return undefined;
  const [found] = await queryRows<SelfReferralRow>(
    db,
    sql`select name, audience, contact_method as "contactMethod", phone, email, safe_times as "safeTimes",
        leave_message as "leaveMessage", help_with as "helpWith", received_at as "receivedAt"
      from self_referral where id = ${row.selfReferralId} and organisation_id = ${row.organisationId}`,
  );
  return found;
}
