// The directory as the referral form sees it: a simple search of active
// services by name or kind of support, a service's referral route, and a
// warning when the family seems outside the service's criteria.
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import type { MemberRole } from '../../db/schema.ts';
import { type Audience, audiences, labelOf, supportKinds } from '../directory/vocabulary.ts';
import { memberAge } from '../members/memberAge.ts';
import { outsideHearth } from './outsideHearth.ts';

export interface ReferralService {
  id: string;
  organisationId: string;
  organisationName: string;
  name: string;
  summary: string;
  status: 'active' | 'inactive';
  audiences: string[];
  minimumAge: number | null;
  maximumAge: number | null;
  supportKinds: string[];
  referralTakes: string | null;
  referralNeeds: string | null;
  referralExcludes: string | null;
  /** Where notices go for a service outside Hearth. */
  referralEmail: string | null;
  /** Outside Hearth: nobody in its organisation can work its referrals inbox (src/features/referrals/outsideHearth.ts). */
  outsideHearth: boolean;
}

const columns = sql`s.id, s.organisation_id as "organisationId", o.name as "organisationName", s.name, s.summary,
  s.status, s.audiences, s.minimum_age as "minimumAge", s.maximum_age as "maximumAge",
  s.support_kinds as "supportKinds", s.referral_takes as "referralTakes", s.referral_needs as "referralNeeds",
  s.referral_excludes as "referralExcludes", s.referral_email as "referralEmail",
  ${outsideHearth(sql`s.organisation_id`)} as "outsideHearth"`;

/** How many services a search lists at most. */
export const serviceSearchLimit = 50;

/** Active services whose name or summary holds the words, or that give this kind of support; at most 50, by name. */
export async function searchServices(
  db: Db,
  query: { words: string; kind: string },
): Promise<ReferralService[]> {
  const words = query.words.slice(0, 100).replace(/[\\%_]/g, (c) => `\\${c}`);
  const kind = supportKinds.some((k) => k.code === query.kind) ? query.kind : '';
  return queryRows<ReferralService>(
    db,
    sql`select ${columns} from directory_service s join organisation o on o.id = s.organisation_id
      where s.status = 'active'
        and (${words} = '' or s.name ilike ${`%${words}%`} or s.summary ilike ${`%${words}%`})
        and (${kind} = '' or ${kind} = any(s.support_kinds))
      order by s.name limit ${serviceSearchLimit}`,
  );
}

/**
 * The services a referral can be passed on to, for a choice on a page: those
 * the words find (the first 50 by name), with the one already chosen kept on
 * the list whatever was searched for, and never the referral's own service.
 * As items for a GOV.UK select, with whether the search was cut at 50.
 */
export async function passOnChoices(
  db: Db,
  words: string,
  chosenId: string,
  ownServiceId: string,
): Promise<{ items: { value: string; text: string; selected?: boolean }[]; capped: boolean }> {
  const found = await searchServices(db, { words, kind: '' });
  const chosen =
    chosenId && !found.some((s) => s.id === chosenId) && /^[0-9a-f-]{36}$/i.test(chosenId)
      ? await serviceById(db, chosenId)
      : undefined;
  const services = [...(chosen?.status === 'active' ? [chosen] : []), ...found].filter(
    (s) => s.id !== ownServiceId,
  );
  return {
    capped: found.length >= serviceSearchLimit,
    items: [
      { value: '', text: services.length ? 'Choose a service' : 'No service found: search again' },
      ...services.map((s) => ({
        value: s.id,
        text: `${s.name} (${s.organisationName})`,
        selected: s.id === chosenId,
      })),
    ],
  };
}

/** One service, active or not (the caller says what an inactive one means). */
export async function serviceById(db: Db, id: string): Promise<ReferralService | undefined> {
  const [row] = await queryRows<ReferralService>(
    db,
    sql`select ${columns} from directory_service s join organisation o on o.id = s.organisation_id
      where s.id = ${id}`,
  );
  return row;
}

/** Whether a service can be referred to, and why not in plain words. */
export function serviceRefusal(service: ReferralService | undefined): string | undefined {
  if (!service) return 'This service is no longer in the directory. Choose another service.';
  if (service.status !== 'active')
    return `${service.name} is not taking referrals at the moment: it is marked inactive in the directory. Choose another service.`;
  if (service.outsideHearth && !service.referralEmail)
    return `${service.name} is not on Hearth and has no referral email address in the directory, so it cannot be sent a referral here. Contact the service yourself, or choose another service.`;
  return undefined;
}

/** The audiences a member of a family may fall in, from their roles. */
const audiencesOfRole: Record<MemberRole, readonly Audience[]> = {
  using_substances: ['person_using'],
  affected_family_member: [
    'anyone_affected',
    'parent',
    'partner',
    'grandparent',
    'kinship_carer',
    'sibling',
    'friend',
  ],
  child_or_young_person: ['child', 'young_person', 'anyone_affected', 'sibling'],
  young_carer: ['child', 'young_person', 'anyone_affected'],
  adult_carer: ['kinship_carer', 'anyone_affected', 'parent', 'grandparent'],
  bereaved: ['bereaved', 'anyone_affected'],
};

export interface CriteriaMember {
  name: string;
  roles: MemberRole[];
  dateOfBirth: string | null;
  approximateAge: number | null;
  approximateAgeOn: string | null;
}

/** Plain-English warnings (never a refusal) when members seem outside the service's ages or audiences. */
export function criteriaWarnings(
  service: Pick<ReferralService, 'name' | 'audiences' | 'minimumAge' | 'maximumAge'>,
  members: readonly CriteriaMember[],
  today: string,
): string[] {
  const warnings: string[] = [];
  const on = new Date(`${today}T00:00:00Z`);
  for (const member of members) {
    const age = memberAge(member, on);
    if (age && service.minimumAge !== null && age.years < service.minimumAge)
      warnings.push(
        `${member.name} is ${age.approximate ? 'about ' : ''}${age.years}: ${service.name} is for people aged ${service.minimumAge} and over.`,
      );
    if (age && service.maximumAge !== null && age.years > service.maximumAge)
      warnings.push(
        `${member.name} is ${age.approximate ? 'about ' : ''}${age.years}: ${service.name} is for people aged ${service.maximumAge} and under.`,
      );
    if (service.audiences.length && member.roles.length) {
      const fits = member.roles.some((role) =>
        (audiencesOfRole[role] ?? []).some((a) => service.audiences.includes(a)),
      );
      if (!fits)
        warnings.push(
          `${member.name} may not be who ${service.name} is for: it is for ${service.audiences
            .map((a) => labelOf(audiences, a).toLowerCase())
            .join(', ')}.`,
        );
    }
  }
  return warnings;
}
