import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { addressVisible, memberVisible } from '../families/familyVisibility.ts';

/** What to look for: any of these, all given ones must match. */
export interface PersonSearchQuery {
  /** Any part of a name; tolerant of spelling ("Mcalister" finds "McAllister"). */
  name?: string | undefined;
  /** Exact date of birth, `YYYY-MM-DD`. */
  dateOfBirth?: string | undefined;
  /** A postcode, with or without its space, any case. */
  postcode?: string | undefined;
  /** Most people returned (default 25, at most 100). */
  limit?: number | undefined;
}

export interface PersonMatchFamily {
  familyId: string;
  reference: string;
  name: string;
  /** False when the person's membership of this family has ended. */
  current: boolean;
}

export interface PersonMatch {
  personId: string;
  givenName: string;
  familyName: string | null;
  preferredName: string | null;
  dateOfBirth: string | null;
  postcode: string | null;
  /** How closely the name matched, 0 to 1 (1 when no name was asked for). */
  score: number;
  /** The families, visible to the asking user, in which this person is visible. */
  families: PersonMatchFamily[];
}

/** The full name as `person_name_trgm_idx` holds it (migration 0003), for ranking by similarity. */
export const personNameExpression = sql.raw(
  `lower(coalesce(p.given_name, '') || ' ' || coalesce(p.preferred_name, '') || ' ' || coalesce(p.family_name, ''))`,
);

/** A name as searched: lower case, single spaces, at most 100 characters. */
export function normaliseSearchName(name: string | undefined): string {
  return (name ?? '').toLowerCase().replace(/\s+/g, ' ').trim().slice(0, 100);
}

/** A postcode as indexed: upper case with no spaces. */
export function normalisePostcode(postcode: string | undefined): string {
  return (postcode ?? '').toUpperCase().replace(/\s+/g, '');
}

/** True when the query has something to look for. */
export function hasSearchTerms(query: PersonSearchQuery): boolean {
  return (
    searchWords(query.name).join('').length >= 2 ||
    Boolean(query.dateOfBirth) ||
    normalisePostcode(query.postcode).length >= 2
  );
}

/** The words of a name as searched: lower case letters and digits, at most 6 words. */
export function searchWords(name: string | undefined): string[] {
  const words = normaliseSearchName(name)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  return [...new Set(words)].slice(0, 6);
}

/**
 * The SQL conditions on person `p` for the terms given (never the access
 * rule: see `visiblePersonCondition`). Each word of the name must match a
 * word of the person's name, spelt alike (trigram similarity against the
 * vocabulary of name words, migration 0007) or starting with it.
 */
export function personTermConditions(query: PersonSearchQuery, access: AccessContext): SQL[] {
  const conditions: SQL[] = [sql`p.merged_into_id is null`];
  // A date of birth or postcode picks out a handful of people through its own index: then the
  // name words are only checked on those (an expression the GIN index does not match), since the
  // planner cannot tell how many people a name matches and would otherwise start from the name.
  const narrowedElsewhere = Boolean(query.dateOfBirth) || normalisePostcode(query.postcode).length >= 2;
  const words = narrowedElsewhere
    ? sql`array_cat(person_name_words(p.given_name, p.preferred_name, p.family_name), '{}'::text[])`
    : sql`person_name_words(p.given_name, p.preferred_name, p.family_name)`;
  for (const word of searchWords(query.name)) {
    conditions.push(sql`${words} && (
      select coalesce(array_agg(w.word), '{}') from person_name_word w where w.word % ${word} or w.word like ${`${word}%`})`);
  }
  if (query.dateOfBirth) conditions.push(sql`p.date_of_birth = ${query.dateOfBirth}::date`);
  const postcode = normalisePostcode(query.postcode);
  // A withheld address (someone who has fled abuse) must not be found by its postcode, except
  // by the workers who may see it.
  if (postcode.length >= 2) {
    conditions.push(sql`upper(replace(p.postcode, ' ', '')) = ${postcode} and ${postcodeVisible(access)}`);
  }
  return conditions;
}

/** The postcode of person `p` may be used and shown: not withheld, or this user is a named worker for them. */
export function postcodeVisible(access: AccessContext): SQL {
  return sql`(not p.address_withheld or exists (select 1 from family_membership am where am.person_id = p.id
    and ${addressVisible(access, sql`am.family_id`, sql`am.person_id`)}))`;
}

/** The person `p` is a member (now or before) of a family in which this user may see them. */
export function visiblePersonCondition(access: AccessContext): SQL {
  return sql`exists (select 1 from family_membership vm where vm.person_id = p.id
    and ${memberVisible(access, sql`vm.family_id`, sql`vm.person_id`)})`;
}

export function nameScore(query: PersonSearchQuery): SQL<number> {
  const name = normaliseSearchName(query.name);
  return name.length >= 2 ? sql<number>`word_similarity(${name}, ${personNameExpression})` : sql<number>`1`;
}

interface PersonRow {
  person_id: string;
  given_name: string;
  family_name: string | null;
  preferred_name: string | null;
  date_of_birth: string | Date | null;
  postcode: string | null;
  score: number | string;
}

interface FamilyRow {
  person_id: string;
  family_id: string;
  reference: string;
  name: string;
  current: boolean;
}

function isoDate(value: string | Date | null): string | null {
  if (value === null) return null;
  return typeof value === 'string' ? value : value.toISOString().slice(0, 10);
}

/**
 * Finds people this user may see, by name (tolerant of spelling), date of
 * birth and postcode. The access rule is in the SQL: a person the user may
 * not see is never read, so neither the results nor their number reveal
 * them. Used for finding families and, before a new person is created, for
 * showing likely duplicates. Not audited here: callers audit the search they
 * make (with counts only, never the terms).
 */
export async function searchPeople(
  db: Db,
  access: AccessContext,
  query: PersonSearchQuery,
): Promise<PersonMatch[]> {
  if (!hasSearchTerms(query)) return [];
  const limit = Math.min(Math.max(query.limit ?? 25, 1), 100);
  const where = sql.join(
    [...personTermConditions(query, access), visiblePersonCondition(access)],
    sql` and `,
  );
  const people = await queryRows<PersonRow>(
    db,
    sql`select p.id as person_id, p.given_name, p.family_name, p.preferred_name, p.date_of_birth,
          case when ${postcodeVisible(access)} then p.postcode end as postcode,
          ${nameScore(query)} as score
        from person p
        where ${where}
        order by score desc, p.family_name, p.given_name, p.id
        limit ${limit}`,
  );
  if (people.length === 0) return [];
  const ids = people.map((p) => p.person_id);
  const families = await queryRows<FamilyRow>(
    db,
    sql`select m.person_id, f.id as family_id, f.reference, f.name, (m.ended_on is null) as current
        from family_membership m join family f on f.id = m.family_id
        where m.person_id = any(${sql.param(ids)}::uuid[])
          and ${memberVisible(access, sql`m.family_id`, sql`m.person_id`)}
        order by (m.ended_on is null) desc, f.reference`,
  );
  return people.map((p) => ({
    personId: p.person_id,
    givenName: p.given_name,
    familyName: p.family_name,
    preferredName: p.preferred_name,
    dateOfBirth: isoDate(p.date_of_birth),
    postcode: p.postcode,
    score: Number(p.score),
    families: families
      .filter((f) => f.person_id === p.person_id)
      .map((f) => ({ familyId: f.family_id, reference: f.reference, name: f.name, current: f.current })),
  }));
}
