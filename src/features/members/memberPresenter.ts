import type { PersonMatch } from '../search/personSearch.ts';
import { displayName, memberAge } from './memberAge.ts';
import { roleNames } from './memberFormPresenter.ts';
import type { MemberDetail, MemberSupportView } from './memberRepository.ts';

const wayNames = { phone: 'phone', text: 'text', write: 'write to', visit: 'visit' } as const;

export const supportStatusNames: Record<string, string> = {
  not_started: 'Not started',
  being_supported: 'Being supported',
  closed: 'Closed',
};

function yesNo(value: boolean | null, unknown = 'Not asked yet'): string {
  return value === null ? unknown : value ? 'Yes' : 'No';
}

function formatDate(iso: string): string {
  return new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** "42" or "about 42"; "Not known" when neither a date of birth nor an age was given. */
export function ageText(age: { years: number; approximate: boolean } | undefined): string {
  if (!age) return 'Not known';
  return age.approximate ? `About ${age.years}` : `${age.years}`;
}

/** The warning to show before anyone contacts the person, when some way of contacting them is not safe. */
export function contactWarning(person: {
  safeToPhone: boolean | null;
  safeToText: boolean | null;
  safeToWrite: boolean | null;
  safeToVisit: boolean | null;
}): string | undefined {
  const ways = {
    phone: person.safeToPhone,
    text: person.safeToText,
    write: person.safeToWrite,
    visit: person.safeToVisit,
  };
  const notSafe = (Object.keys(ways) as (keyof typeof ways)[]).filter((way) => ways[way] === false);
  if (notSafe.length === 0) return undefined;
  const names = notSafe.map((way) => wayNames[way]);
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
  return `It is not safe to ${list} this person. Check the contact note before any contact.`;
}

function row(key: string, value: string) {
  return { key: { text: key }, value: { text: value } };
}

export function presentSupport(support: MemberSupportView[]) {
  return support.map((s) => ({
    organisationName: s.organisationName,
    status: supportStatusNames[s.status] ?? s.status,
    closedReason: s.status === 'closed' ? s.closedReason : null,
    worker: s.workerName ?? 'No worker named',
    confidential: s.confidential,
    ownOrganisation: s.ownOrganisation,
  }));
}

/** The member page: who they are, how to contact them safely, their support and other families. */
export function presentMember(detail: MemberDetail, today: Date, options: { canMerge: boolean }) {
  const p = detail.person;
  const m = detail.membership;
  const age = memberAge(p, today);
  const dateOfBirth = p.dateOfBirth
    ? `${formatDate(p.dateOfBirth)} (age ${ageText(age)})`
    : age
      ? `Not known (about ${age.years})`
      : 'Not known';
  const address = !p.addressShown
    ? 'Withheld: only their named workers can see it'
    : [p.address, p.postcode].filter(Boolean).join(', ') || 'Not recorded';
  const base = `/practice/families/${detail.familyId}/members/${detail.personId}`;
  return {
    family: { id: detail.familyId, name: detail.familyName, reference: detail.familyReference },
    personId: detail.personId,
    name: displayName(p),
    warning: contactWarning(p),
    contactNote: p.contactSafetyNote,
    addressWithheld: p.addressWithheld,
    aboutRows: [
      row('Full name', [p.givenName, p.familyName].filter(Boolean).join(' ')),
      row('Preferred name', p.preferredName ?? 'Not given'),
      row('Pronouns', p.pronouns ?? 'Not given'),
      row('Date of birth', dateOfBirth),
      row('Gender', p.gender ?? 'Not given'),
      row('Ethnicity', p.ethnicity ?? 'Not given'),
      row('First language', p.firstLanguage ?? 'Not given'),
      row('Needs an interpreter', p.interpreterNeeded ? 'Yes' : 'No'),
    ],
    familyRows: [
      row('Who they are in the family', m.relationshipLabel ?? 'Not given'),
      row('Part in the family’s story', m.roles.map((r) => roleNames[r] ?? r).join(', ') || 'Not given'),
      row('Lives in the same household', yesNo(m.livesInHousehold, 'Not known')),
      row(
        'In contact with any service themselves',
        { yes: 'Yes', no: 'No', unknown: 'Not known' }[m.inContactWithServices],
      ),
      row('Member of this family since', formatDate(m.startedOn)),
    ],
    contactRows: [
      row('Phone', p.phone ?? 'Not recorded'),
      row('Email', p.email ?? 'Not recorded'),
      row('Address', address),
      row('Safe to phone', yesNo(p.safeToPhone)),
      row('Safe to text', yesNo(p.safeToText)),
      row('Safe to write', yesNo(p.safeToWrite)),
      row('Safe to visit', yesNo(p.safeToVisit)),
      row('Safe times', p.safeTimes ?? 'Not recorded'),
    ],
    support: presentSupport(detail.support),
    hasOwnSupport: detail.support.some((s) => s.ownOrganisation),
    otherMemberships: detail.otherMemberships.map((o) => ({
      familyId: o.familyId,
      reference: o.reference,
      name: o.name,
      current: o.endedOn === null,
      period: o.endedOn
        ? `${formatDate(o.startedOn)} to ${formatDate(o.endedOn)}${o.endReason ? `: ${o.endReason}` : ''}`
        : `Since ${formatDate(o.startedOn)}`,
    })),
    links: {
      edit: `${base}/edit`,
      history: `${base}/history`,
      support: `${base}/support`,
      leave: `${base}/leave`,
      merge: options.canMerge ? `${base}/merge` : undefined,
    },
  };
}

/** Possible duplicates as summary cards: name, date of birth and the families the user can see them in. */
export function presentDuplicates(matches: PersonMatch[], familyId?: string) {
  return matches.map((m) => ({
    personId: m.personId,
    alreadyHere: m.families.some((f) => f.familyId === familyId && f.current),
    name: displayName(m),
    rows: [
      {
        key: { text: 'Date of birth' },
        value: { text: m.dateOfBirth ? formatDate(m.dateOfBirth) : 'Not known' },
      },
      {
        key: { text: 'Family records' },
        value: {
          text:
            m.families.map((f) => `${f.name} (${f.reference})${f.current ? '' : ', left'}`).join('; ') ||
            'None',
        },
      },
    ],
  }));
}
