import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { addressVisible } from '../families/familyVisibility.ts';
import {
  normalisePostcode,
  type PersonMatch,
  searchPeople,
  visiblePersonCondition,
} from '../search/personSearch.ts';

/**
 * People the user may match by postcode: a withheld address must not be
 * found by its postcode by someone who may not see it.
 */
async function postcodeMatchable(db: Db, access: AccessContext, postcode: string): Promise<Set<string>> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select p.id from person p
        where upper(replace(p.postcode, ' ', '')) = ${normalisePostcode(postcode)} and p.merged_into_id is null
          and ${visiblePersonCondition(access)}
          and (not p.address_withheld or exists (select 1 from family_membership am where am.person_id = p.id
            and ${addressVisible(access, sql`am.family_id`, sql`p.id`)}))`,
  );
  return new Set(rows.map((r) => r.id));
}

import type { PersonDetails } from './memberForm.ts';

/**
 * People already on Hearth who may be the person about to be added: a
 * similar name, the same date of birth or the same postcode. Only people the
 * user may already see are looked at (the search's access rule is in SQL),
 * People already current members of this family are included: adding
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
  if (candidate.postcode) {
    const matchable = await postcodeMatchable(db, access, candidate.postcode);
    searches[2] = (searches[2] ?? []).filter((m) => matchable.has(m.personId));
  }
  const byId = new Map<string, PersonMatch>();
  for (const match of searches.flat()) {
    const seen = byId.get(match.personId);
    // A person matching on more than one thing is more likely the same person.
    if (seen) seen.score += match.score;
    else byId.set(match.personId, { ...match });
  }
  return [...byId.values()].sort((a, b) => b.score - a.score).slice(0, 10);
}
