// Before accepting a referral the receiving organisation cannot yet see the
// family of (a self-referral has none), Hearth shows the likely matches
// among the family records the user may see, by the family record's own
// duplicate check (a name spelt alike, the same date of birth or postcode).
// Search is a side channel: only people the user may already see are
// looked at (the access rule is in the search's SQL), and each look is
// audited with a count only.
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { type FieldErrors, field } from '../../platform/http/forms.ts';
import type { DateParts } from '../chronology/dateParts.ts';
import { familyVisible } from '../families/familyVisibility.ts';
import { likelyDuplicates } from '../members/duplicateFinder.ts';
import { displayName } from '../members/memberAge.ts';
import { calendarDate, normalisePostcode, postcodePattern } from '../members/memberForm.ts';
import { datePartsOf, partsOfIso } from '../plan/planForms.ts';
import { formatDay } from '../programmes/programmePresenter.ts';
import type { PersonMatch } from '../search/personSearch.ts';
import type { LinkChoice, MatchCandidate } from './referralAccept.ts';
import type { ReferralDetail } from './referralRepository.ts';

/** The accept page's matching fields, as typed. */
export interface MatchForm {
  matchName: string;
  matchDob: DateParts;
  matchPostcode: string;
  link: string;
}

export const matchFieldOrder = ['matchName', 'matchDob', 'matchPostcode', 'link'] as const;

export function parseMatchForm(body: unknown): MatchForm {
  return {
    matchName: field(body, 'matchName'),
    matchDob: datePartsOf(body, 'matchDob'),
    matchPostcode: field(body, 'matchPostcode'),
    link: field(body, 'link'),
  };
}

export function matchFormFrom(candidate: MatchCandidate): MatchForm {
  return {
    matchName: candidate.name,
    matchDob: partsOfIso(candidate.dateOfBirth),
    matchPostcode: candidate.postcode ?? '',
    link: '',
  };
}

/** Checks the details to look for: a name, and a real date of birth and postcode if given. */
export function checkMatchForm(
  form: MatchForm,
  today: string,
): { ok: true; candidate: MatchCandidate } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (!form.matchName) errors.matchName = 'Enter their name';
  else if (form.matchName.length > 100) errors.matchName = 'Their name must be 100 characters or fewer';
  let dateOfBirth: string | null = null;
  const { day, month, year } = form.matchDob;
  if (day || month || year) {
    const date = calendarDate(day, month, year);
    if (!date) errors.matchDob = 'Date of birth must be a real date, like 27 3 1985';
    else if (date > today) errors.matchDob = 'Date of birth must be today or in the past';
    else dateOfBirth = date;
  }
  if (form.matchPostcode && !postcodePattern.test(form.matchPostcode))
    errors.matchPostcode = 'Enter a real postcode, like KA7 1AA';
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    candidate: {
      name: form.matchName,
      dateOfBirth,
      postcode: form.matchPostcode ? normalisePostcode(form.matchPostcode) : null,
    },
  };
}

const uuid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const personValue = new RegExp(`^person:(${uuid}):(${uuid})$`, 'i');
const familyValue = new RegExp(`^family:(${uuid})$`, 'i');

/** The worker's choice from the radios: "person:<person>:<family>", "family:<family>" or "new". */
export function parseLink(value: string, candidate: MatchCandidate): LinkChoice | undefined {
  if (value === 'new') return { kind: 'new', candidate };
  const person = personValue.exec(value);
  if (person) return { kind: 'person', personId: person[1] as string, familyId: person[2] as string };
  const fam = familyValue.exec(value);
  if (fam) return { kind: 'member', familyId: fam[1] as string, candidate };
  return undefined;
}

/** One way to link a self-referral, as a radio. */
export interface LinkOption {
  value: string;
  text: string;
  hint?: string;
}

/** Who the matching is about: the person of a self-referral, or the referred members of a family not yet seen. */
export type AcceptMatching =
  | { kind: 'self'; candidate: MatchCandidate; options: LinkOption[]; shown: number }
  | { kind: 'known'; known: { member: string; matches: string[] }[]; shown: number };

function born(match: PersonMatch): string {
  return match.dateOfBirth ? `born ${formatDay(match.dateOfBirth)}` : 'date of birth not known';
}

/** The radios for a self-referral: each matching person in each family they are a current member of, each family, or a new family. */
export function linkOptions(matches: PersonMatch[]): LinkOption[] {
  const people: LinkOption[] = [];
  const families = new Map<string, LinkOption>();
  for (const match of matches)
    for (const f of match.families.filter((x) => x.current)) {
      people.push({
        value: `person:${match.personId}:${f.familyId}`,
        text: `${displayName(match)}, ${born(match)}, in ${f.name} (${f.reference})`,
        hint: 'They are this person: the referral is linked to their record, and no new record is made',
      });
      if (!families.has(f.familyId))
        families.set(f.familyId, {
          value: `family:${f.familyId}`,
          text: `Someone new in ${f.name} (${f.reference})`,
          hint: 'A new record for them, as a member of this family',
        });
    }
  return [...people, ...families.values()];
}

/** The likely matches, among people this user may see, for the people a referral is about. */
async function matchesFor(db: Db, access: AccessContext, candidate: MatchCandidate): Promise<PersonMatch[]> {
  const matches = await likelyDuplicates(db, access, {
    givenName: candidate.name,
    familyName: null,
    dateOfBirth: candidate.dateOfBirth,
    postcode: candidate.postcode,
  });
  return matches.filter((m) => m.families.some((f) => f.current)).slice(0, 5);
}

/**
 * The matching shown on the accept page, or undefined when there is nothing
 * to match (the organisation already sees the referral's family). For a
 * self-referral: the options to link it. For a family the organisation
 * cannot see yet: who among its own records the referred members may be,
 * by name only (the receiving side has been shown names, nothing more).
 * Audited as `person.search` with the number shown.
 */
export async function acceptMatching(
  db: Db,
  access: AccessContext,
  row: ReferralDetail,
  candidate: MatchCandidate | undefined,
): Promise<AcceptMatching | undefined> {
  let matching: AcceptMatching | undefined;
  if (!row.familyId && candidate) {
    const options = linkOptions(await matchesFor(db, access, candidate));
    matching = { kind: 'self', candidate, options, shown: options.length };
  } else if (row.familyId) {
    const [seen] = await queryRows<{ ok: number }>(
      db,
      sql`select 1 as ok from family f where f.id = ${row.familyId} and ${familyVisible(access, sql`f.id`)}`,
    );
    if (seen) return undefined;
    const referred = await queryRows<{
      givenName: string;
      preferredName: string | null;
      familyName: string | null;
    }>(
      db,
      sql`select p.given_name as "givenName", p.preferred_name as "preferredName", p.family_name as "familyName"
        from referral_member m join person p on p.id = m.person_id where m.referral_id = ${row.id}
        order by p.date_of_birth nulls last, p.given_name`,
    );
    const known: { member: string; matches: string[] }[] = [];
    for (const member of referred) {
      const name = displayName(member);
      const matches = await matchesFor(db, access, { name, dateOfBirth: null, postcode: null });
      if (matches.length)
        known.push({
          member: name,
          matches: matches.map(
            (m) =>
              `${displayName(m)}, ${born(m)}, in ${m.families
                .filter((f) => f.current)
                .map((f) => `${f.name} (${f.reference})`)
                .join(' and ')}`,
          ),
        });
    }
    matching = { kind: 'known', known, shown: known.reduce((n, k) => n + k.matches.length, 0) };
  }
  if (!matching) return undefined;
  await recordAudit(db, access, {
    action: 'person.search',
    recordType: 'referral',
    recordId: row.id,
    detail: { purpose: 'referral_match', shown: matching.shown },
  });
  return matching;
}
