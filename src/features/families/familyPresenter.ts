import type { FamilySummary } from './familyRepository.ts';

/** Age in whole years on a day, from an ISO date of birth. */
export function ageOn(dateOfBirth: string | null, today: Date): number | undefined {
  if (!dateOfBirth) return undefined;
  const born = new Date(`${dateOfBirth}T00:00:00Z`);
  let age = today.getUTCFullYear() - born.getUTCFullYear();
  const beforeBirthday =
    today.getUTCMonth() < born.getUTCMonth() ||
    (today.getUTCMonth() === born.getUTCMonth() && today.getUTCDate() < born.getUTCDate());
  if (beforeBirthday) age -= 1;
  return age;
}

/** A member's name as the record shows it: the name they use, then their family name. */
export function memberName(m: {
  givenName: string;
  familyName: string | null;
  preferredName: string | null;
}): string {
  return [m.preferredName ?? m.givenName, m.familyName].filter(Boolean).join(' ');
}

/**
 * A member's age on a day as shown: whole years from a date of birth, or
 * "about N" from an approximate age given earlier; undefined when unknown.
 */
export function ageText(
  m: { dateOfBirth: string | null; approximateAge?: number | null; approximateAgeOn?: string | null },
  today: Date,
): string | undefined {
  const exact = ageOn(m.dateOfBirth, today);
  if (exact !== undefined) return `${exact}`;
  if (m.approximateAge === null || m.approximateAge === undefined) return undefined;
  const since = m.approximateAgeOn ? (ageOn(m.approximateAgeOn, today) ?? 0) : 0;
  return `about ${m.approximateAge + Math.max(0, since)}`;
}

export const roleNames: Record<string, string> = {
  using_substances: 'Person using substances',
  affected_family_member: 'Affected family member',
  child_or_young_person: 'Child or young person',
  young_carer: 'Young carer',
  adult_carer: 'Adult carer',
  bereaved: 'Bereaved by a substance-related death',
};

export function presentFamilyList(
  result: { families: FamilySummary[]; total: number },
  page: number,
  pageSize: number,
) {
  const lastPage = Math.max(1, Math.ceil(result.total / pageSize));
  return {
    total: result.total,
    families: result.families,
    pagination: {
      previous: page > 1 ? { href: `/practice?page=${page - 1}` } : undefined,
      next: page < lastPage ? { href: `/practice?page=${page + 1}` } : undefined,
      items: Array.from({ length: lastPage }, (_, i) => ({
        number: i + 1,
        href: `/practice?page=${i + 1}`,
        current: i + 1 === page,
      })),
    },
  };
}
