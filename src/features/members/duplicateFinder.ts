import type { Db } from '../../db/client.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { type PersonMatch, searchPeople } from '../search/personSearch.ts';
import type { PersonDetails } from './memberForm.ts';

/**
 * People already on Hearth who may be the person about to be added: a
 * similar name, the same date of birth or the same postcode. Only people the
 * user may already see are looked at, and a withheld address is matched by
 * its postcode only for the workers who may see it (both rules are in the
 * search's SQL). People already current members of this family are included: adding
 * them again would make a second record of them here.
 */
export async function likelyDuplicates(
  db: Db,
  access: AccessContext,
  candidate: Pick<PersonDetails, 'givenName' | 'familyName' | 'dateOfBirth' | 'postcode'>,
): Promise<PersonMatch[]> {
  const name = [candidate.givenName, candidate.familyName].filter(Boolean).join(' ');
  const searches = await Promise.all([
    searchPeople(db, access, { name, limit: 10 }),
    candidate.dateOfBirth ? searchPeople(db, access, { dateOfBirth: candidate.dateOfBirth, limit: 10 }) : [],
    candidate.postcode ? searchPeople(db, access, { postcode: candidate.postcode, limit: 10 }) : [],
  ]);
  const byId = new Map<string, PersonMatch>();
  for (const match of searches.flat()) {
    const seen = byId.get(match.personId);
    // A person matching on more than one thing is more likely the same person.
    if (seen) seen.score += match.score;
    else byId.set(match.personId, { ...match });
  }
  return [...byId.values()].sort((a, b) => b.score - a.score).slice(0, 10);
}
