import { describe, expect, it } from 'vitest';
import type { ConsentCell, MemberConsentSummary } from '../consent/consentRepository.ts';
import type { MemberCard, MemberSupportView } from '../members/memberRepository.ts';
import type { TeamView } from '../team/teamRepository.ts';
import { consentSummary, dueNext, memberFlags } from './familyOverviewPresenter.ts';

const today = new Date('2026-11-23T10:00:00Z');

function cell(
  organisationName: string,
  state: ConsentCell['state'],
  extra: Partial<ConsentCell> = {},
): ConsentCell {
  return {
    organisationId: organisationName,
    organisationName,
    state,
    supports: false,
    scope: null,
    method: null,
    ownView: null,
    recordedByName: null,
    recordedAt: null,
    reviewOn: null,
    reviewDue: false,
    withdrawnAt: null,
    ...extra,
  };
}

function consentOf(personId: string, consents: ConsentCell[]): MemberConsentSummary {
  return {
    personId,
    givenName: personId,
    familyName: null,
    preferredName: null,
    dateOfBirth: null,
    roles: [],
    consents,
    reviewDue: consents.some((c) => c.reviewDue),
  };
}

function support(
  status: MemberSupportView['status'],
  extra: Partial<MemberSupportView> = {},
): MemberSupportView {
  return {
    supportId: 's',
    organisationId: 'o',
    organisationName: 'Carse Family Support',
    status,
    closedReason: null,
    workerId: null,
    workerName: null,
    confidential: false,
    startedOn: null,
    closedOn: null,
    ownOrganisation: true,
    ...extra,
  };
}

function card(
  personId: string,
  name: string,
  supports: MemberSupportView[] = [],
  notSafe: ('phone' | 'text')[] = [],
): MemberCard {
  return {
    personId,
    name,
    age: { years: 40, approximate: false },
    roles: [],
    relationshipLabel: null,
    livesInHousehold: null,
    contactSafety: { phone: null, text: null, write: null, visit: null, notSafe },
    support: supports,
  };
}

const teamWithoutLead = { organisations: [], workers: [], lead: null, leadHistory: [] } as TeamView;

describe('consentSummary', () => {
  it('says who the member agreed to share with, and names refusals and withdrawals', () => {
    expect(consentSummary(consentOf('a', [cell('Carse', 'given'), cell('NHS', 'given')]))).toEqual({
      text: 'Agreed to share with all 2 organisations on the team',
      tag: 'green',
    });
    expect(
      consentSummary(
        consentOf('a', [cell('Carse', 'given'), cell('NHS', 'withdrawn'), cell('Council', 'not_asked')]),
      ),
    ).toEqual({
      text: 'Agreed to share with 1 of 3 organisations; withdrawn for NHS; 1 not asked yet',
      tag: 'orange',
    });
  });
});

describe('memberFlags', () => {
  it('warns how not to contact someone, and what they need', () => {
    const flags = memberFlags(
      card('a', 'Agnes', [], ['phone', 'text']),
      true,
      consentOf('a', [cell('NHS', 'given', { reviewDue: true })]),
    );
    expect(flags.map((f) => f.text)).toEqual([
      'Not safe to phone',
      'Not safe to text',
      'Interpreter needed',
      'Consent review due',
    ]);
  });
});

describe('dueNext', () => {
  it('lists a missing lead professional, overdue reviews, questions not asked and support to start', () => {
    const cards = [
      card('a', 'Agnes Reid', [support('being_supported')]),
      card('l', 'Liam Reid', [support('not_started')]),
    ];
    const consent = [
      consentOf('a', [cell('NHS', 'given', { reviewOn: '2026-11-01', reviewDue: true })]),
      consentOf('l', [cell('NHS', 'not_asked'), cell('Carse', 'not_asked', { supports: true })]),
    ];
    const due = dueNext('f', cards, consent, teamWithoutLead, today);
    expect(due.items).toEqual([
      {
        text: 'Agree a lead professional for the family',
        href: '/practice/families/f/team/lead',
        urgent: false,
      },
      {
        text: 'Review Agnes Reid’s consent to share with NHS: was due 1 Nov 2026',
        href: '/practice/families/f/consent',
        urgent: true,
      },
      { text: 'Ask Liam Reid about sharing with NHS', href: '/practice/families/f/consent', urgent: false },
      {
        text: 'Start Liam Reid’s support with Carse Family Support',
        href: '/practice/families/f/members/l',
        urgent: false,
      },
      {
        text: 'Name a worker for Agnes Reid’s support',
        href: '/practice/families/f/members/a',
        urgent: false,
      },
    ]);
    expect(due.more).toBe(0);
  });

  it('says nothing about members the user cannot see, and counts what does not fit', () => {
    const hidden = [consentOf('x', [cell('NHS', 'not_asked')])];
    expect(
      dueNext('f', [], hidden, { ...teamWithoutLead, lead: {} as TeamView['lead'] }, today).items,
    ).toEqual([]);
    const many = Array.from({ length: 10 }, (_, i) => card(`${i}`, `Child ${i}`, [support('not_started')]));
    expect(dueNext('f', many, [], undefined, today).more).toBe(2);
  });

  it('asks for a family plan when there is none, and lists a plan review and actions due soon or overdue', () => {
    const team = { ...teamWithoutLead, lead: {} as TeamView['lead'] };
    expect(
      dueNext('f', [], [], team, today, { hasPlan: false, nextReviewOn: null, actions: [] }).items,
    ).toEqual([
      { text: 'Agree a family plan with the family', href: '/practice/families/f/plan', urgent: false },
    ]);
    const plan = {
      hasPlan: true,
      nextReviewOn: '2026-12-10',
      actions: [
        { what: 'Phone the GP about sleep', dueOn: '2026-11-02' },
        { what: 'Book the group', dueOn: '2026-12-01' },
      ],
    };
    expect(dueNext('f', [], [], team, today, plan).items).toEqual([
      {
        text: 'Phone the GP about sleep: was due 2 Nov 2026',
        href: '/practice/families/f/plan',
        urgent: true,
      },
      { text: 'Book the group: due 1 Dec 2026', href: '/practice/families/f/plan', urgent: false },
      { text: 'Review the family plan: due 10 Dec 2026', href: '/practice/families/f/plan', urgent: false },
    ]);
    // A review more than four weeks away is not due next.
    expect(
      dueNext('f', [], [], team, today, { ...plan, nextReviewOn: '2027-03-01', actions: [] }).items,
    ).toEqual([]);
  });
});
