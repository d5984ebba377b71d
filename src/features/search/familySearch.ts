import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { actorValues } from '../../db/preparedQuery.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { auditEventInsert } from '../../platform/audit/auditLog.ts';
import { memberVisible } from '../families/familyVisibility.ts';
import { hasSearchTerms, nameScore, type PersonSearchQuery, personTermConditions } from './personSearch.ts';

export interface FamilySearchQuery extends Omit<PersonSearchQuery, 'limit'> {
  /** A family reference, any case: matches that family exactly. */
  reference?: string | undefined;
  limit?: number | undefined;
}

export interface FamilySearchMember {
  personId: string;
  givenName: string;
  familyName: string | null;
  preferredName: string | null;
  dateOfBirth: string | null;
  /** False when the person has left this family. */
  current: boolean;
}

export interface FamilySearchResult {
  familyId: string;
  reference: string;
  name: string;
  status: 'open' | 'closed';
  locality: string | null;
  /** The members who matched the search (all visible members for a search by reference alone). */
  matches: FamilySearchMember[];
}

export interface FamilySearchAnswer {
  families: FamilySearchResult[];
  /** Families found in all, of which `families` holds the best `limit`. Only visible ones are counted. */
  total: number;
}

export function normaliseReference(reference: string | undefined): string {
  return (reference ?? '').trim().toUpperCase().slice(0, 40);
}

export function hasFamilySearchTerms(query: FamilySearchQuery): boolean {
  return normaliseReference(query.reference).length > 0 || hasSearchTerms(query);
}

interface DetailRow {
  family_id: string;
  total: number | string;
  reference: string;
  name: string;
  status: 'open' | 'closed';
  locality: string | null;
  person_id: string;
  given_name: string;
  family_name: string | null;
  preferred_name: string | null;
  date_of_birth: string | Date | null;
  current: boolean;
}

function isoDate(value: string | Date | null): string | null {
  if (value === null) return null;
  return typeof value === 'string' ? value : value.toISOString().slice(0, 10);
}

/**
 * Finds families by a member's name (tolerant of spelling), date of birth or
 * postcode, or by the family's reference. Search is a side channel: the
 * access rule is part of the SQL, so families and people the user may not
 * see are never read, and neither the results nor the total count them.
 * Audited as `family.search` with the number of results only (the terms are
 * personal data and are never written down).
 */
export async function searchFamilies(
  db: Db,
  access: AccessContext,
  query: FamilySearchQuery,
): Promise<FamilySearchAnswer> {
  if (!hasFamilySearchTerms(query)) return { families: [], total: 0 };
  const limit = Math.min(Math.max(query.limit ?? 25, 1), 100);
  const reference = normaliseReference(query.reference);
  const byPerson = hasSearchTerms(query);
  const referenceCondition: SQL = reference ? sql`upper(f.reference) = ${reference}` : sql`true`;
  // Members matching the terms (or every member, for a reference alone) who are visible in a visible family.
  const personConditions = byPerson ? sql.join(personTermConditions(query, access), sql` and `) : sql`true`;
  // memberVisible implies the family is visible too (its organisation is on the team, or the user
  // has broken the glass for it). Joining the organisation's current team row, or the user's
  // unexpired break glass, first (an index probe, at most a row or two) drops most candidates
  // before the per-member consent and support checks; it narrows, never widens, the access rule.
  const candidates = (gate: SQL) => sql`select m.family_id, m.person_id, (m.ended_on is null) as current,
      ${nameScore(query)} as score
    from person p
    join family_membership m on m.person_id = p.id
    ${gate}
    join family f on f.id = m.family_id
    where ${personConditions} and ${referenceCondition}
      and ${memberVisible(access, sql`m.family_id`, sql`m.person_id`)}`;
  const onTeam = candidates(sql`join family_team_member team on team.family_id = m.family_id
      and team.organisation_id = ${access.organisationId ?? null} and team.left_on is null`);
  const hits = access.userId
    ? sql`${onTeam} union ${candidates(sql`join (select distinct g.family_id from break_glass g
        where g.user_id = ${access.userId} and g.expires_at > now()) glass on glass.family_id = m.family_id`)}`
    : onTeam;
  // Audited with the number of results only (the terms are personal data and are never written down).
  const audit = auditEventInsert(actorValues(access), {
    action: sql`'family.search'`,
    outcome: sql`'success'`,
    recordType: sql`'family'`,
    recordId: sql`null`,
    detail: sql`jsonb_build_object('results', coalesce((select max(total) from ranked), 0))`,
  });
  // One round trip: the matching members, their families ranked by the best match, the best `limit`
  // kept, and the audit event.
  const rows = await queryRows<DetailRow>(
    db,
    sql`with hits as materialized (${hits}),
        ranked as (
          select family_id, max(score) as score, count(*) over () as total
          from hits group by family_id order by max(score) desc, family_id limit ${limit}),
        audited as (${audit})
        select r.family_id, r.total, f.reference, f.name, f.status, l.name as locality,
          p.id as person_id, p.given_name, p.family_name, p.preferred_name, p.date_of_birth, h.current
        from ranked r
        join family f on f.id = r.family_id
        join hits h on h.family_id = r.family_id
        join person p on p.id = h.person_id
        left join locality l on l.id = f.locality_id
        order by r.score desc, r.family_id, h.current desc, h.score desc, p.date_of_birth nulls last, p.given_name`,
  );
  const total = Number(rows[0]?.total ?? 0);
  const families: FamilySearchResult[] = [];
  for (const row of rows) {
    let current = families[families.length - 1];
    if (current?.familyId !== row.family_id) {
      current = {
        familyId: row.family_id,
        reference: row.reference,
        name: row.name,
        status: row.status,
        locality: row.locality,
        matches: [],
      };
      families.push(current);
    }
    current.matches.push({
      personId: row.person_id,
      givenName: row.given_name,
      familyName: row.family_name,
      preferredName: row.preferred_name,
      dateOfBirth: isoDate(row.date_of_birth),
      current: row.current,
    });
  }
  return { families, total };
}
