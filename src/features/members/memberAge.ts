/** Whole years between an ISO date and a day. */
function yearsBetween(fromIso: string, today: Date): number {
  const from = new Date(`${fromIso}T00:00:00Z`);
  let years = today.getUTCFullYear() - from.getUTCFullYear();
  const before =
    today.getUTCMonth() < from.getUTCMonth() ||
    (today.getUTCMonth() === from.getUTCMonth() && today.getUTCDate() < from.getUTCDate());
  if (before) years -= 1;
  return years;
}

/**
 * A member's age today: from their date of birth when known, otherwise from
 * the approximate age given on a day, grown by the years since.
 */
export function memberAge(
  person: { dateOfBirth: string | null; approximateAge: number | null; approximateAgeOn: string | null },
  today: Date,
): { years: number; approximate: boolean } | undefined {
  if (person.dateOfBirth) return { years: yearsBetween(person.dateOfBirth, today), approximate: false };
  if (person.approximateAge === null) return undefined;
  const since = person.approximateAgeOn ? Math.max(0, yearsBetween(person.approximateAgeOn, today)) : 0;
  return { years: person.approximateAge + since, approximate: true };
}

/** The name to call someone by: their preferred name if they gave one, then their family name. */
export function displayName(person: {
  givenName: string;
  preferredName: string | null;
  familyName: string | null;
}): string {
  return [person.preferredName || person.givenName, person.familyName].filter(Boolean).join(' ');
}
