import { ageOn } from '../families/familyPresenter.ts';
import type { ConsentCell, ConsentState, MemberConsentSummary } from './consentRepository.ts';

const stateText: Record<ConsentState, string> = {
  given: 'Agreed to share',
  refused: 'Refused',
  withdrawn: 'Withdrawn',
  not_asked: 'Not asked',
};

const stateColour: Record<ConsentState, string> = {
  given: 'govuk-tag--green',
  refused: 'govuk-tag--red',
  withdrawn: 'govuk-tag--orange',
  not_asked: 'govuk-tag--grey',
};

export function memberName(m: {
  givenName: string;
  preferredName: string | null;
  familyName: string | null;
}): string {
  return [m.preferredName ?? m.givenName, m.familyName].filter(Boolean).join(' ');
}

/** A child or young person: the role, or under 18 by their date of birth. */
export function isChildOrYoungPerson(
  member: { roles: string[]; dateOfBirth: string | null },
  today: Date,
): boolean {
  if (member.roles.includes('child_or_young_person')) return true;
  const age = ageOn(member.dateOfBirth, today);
  return age !== undefined && age < 18;
}

function formatDate(iso: string): string {
  return new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });
}

export function consentTag(state: ConsentState) {
  return { text: stateText[state], classes: stateColour[state] };
}

function cellView(familyId: string, personId: string, name: string, cell: ConsentCell, canChange: boolean) {
  const base = `/practice/families/${familyId}/consent/${personId}/${cell.organisationId}`;
  const notes: string[] = [];
  if (cell.supports) notes.push('Supports them, so sees them whatever the consent');
  if (cell.reviewOn) notes.push(`${cell.reviewDue ? 'Review due' : 'Review'} ${formatDate(cell.reviewOn)}`);
  return {
    tag: consentTag(cell.state),
    notes,
    reviewDue: cell.reviewDue,
    change: canChange
      ? {
          href: base,
          text: cell.state === 'not_asked' ? 'Record' : 'Change',
          hidden: `consent of ${name} to share with ${cell.organisationName}`,
        }
      : undefined,
    withdraw:
      canChange && cell.state === 'given'
        ? { href: `${base}/withdraw`, hidden: `consent of ${name} to share with ${cell.organisationName}` }
        : undefined,
  };
}

/** The consent grid: members down, organisations on the team across. */
export function presentConsentGrid(familyId: string, summary: MemberConsentSummary[], canChange: boolean) {
  const organisations =
    summary[0]?.consents.map((c) => ({ id: c.organisationId, name: c.organisationName })) ?? [];
  const rows = summary.map((m) => {
    const name = memberName(m);
    return {
      personId: m.personId,
      name,
      cells: m.consents.map((c) => cellView(familyId, m.personId, name, c, canChange)),
    };
  });
  const reviewsDue = summary.flatMap((m) =>
    m.consents
      .filter((c) => c.reviewDue && c.reviewOn)
      .map((c) => ({
        text: `${memberName(m)} with ${c.organisationName}: review by ${formatDate(c.reviewOn as string)}`,
      })),
  );
  const ownViews = summary.flatMap((m) =>
    m.consents
      .filter((c) => c.ownView)
      .map((c) => ({
        name: memberName(m),
        organisationName: c.organisationName,
        ownView: c.ownView as string,
      })),
  );
  return { organisations, rows, reviewsDue, ownViews };
}

/** The record-consent form's radios and the member's current consent, for the template. */
export function presentConsentForm(cell: ConsentCell) {
  return {
    current: {
      tag: consentTag(cell.state),
      recordedBy: cell.recordedByName,
      recordedAt: cell.recordedAt,
    },
  };
}
