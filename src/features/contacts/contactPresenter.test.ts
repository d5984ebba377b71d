import { describe, expect, it } from 'vitest';
import { defaultContactForm } from './contactForm.ts';
import { contactFormContext, presentContact } from './contactPresenter.ts';
import type { ContactRow } from './contactRepository.ts';
import { chronologyWords } from './contactService.ts';

const row: ContactRow = {
  id: 'c1',
  occurredAt: new Date('2026-11-02T10:00:00Z'),
  kind: 'joint_agency',
  channel: 'home_visit',
  durationMinutes: 45,
  outcome: 'did_not_attend',
  confidential: false,
  significant: true,
  organisationId: 'o1',
  organisationName: 'Carse Family Support Service',
  workerName: 'Morven Blair',
  jointOrganisationName: 'NHS Glenmuir Community Recovery Service',
  programmeName: null,
  enrolmentId: null,
  members: [
    { personId: 'p1', name: 'Lorna Reid' },
    { personId: 'p2', name: 'Kai Reid' },
  ],
  detailsVisible: true,
  topics: ['safety', 'coping'],
  notes: 'Notes',
  followUp: null,
  version: 1,
  inErrorAt: null,
  inErrorReason: null,
};

describe('presenting contacts', () => {
  it('shows a contact with its agency, members, outcome and topics in words', () => {
    expect(presentContact(row)).toMatchObject({
      kind: 'Joint with NHS Glenmuir Community Recovery Service',
      channel: 'Home visit',
      length: '45 minutes',
      outcome: { text: 'Did not attend', classes: 'govuk-tag--orange' },
      with: 'Lorna Reid, Kai Reid',
      by: 'Morven Blair, Carse Family Support Service',
      topics: ['Safety and safety planning', 'Ways of coping'],
      hiddenReason: null,
    });
  });

  it('says why the details are hidden', () => {
    const hidden = { ...row, detailsVisible: false, topics: null, notes: null };
    expect(presentContact({ ...hidden, confidential: true }).hiddenReason).toBe(
      'The notes are confidential to the member’s own worker.',
    );
    expect(presentContact(hidden)).toMatchObject({
      hiddenReason: 'What was covered is not shared with your organisation.',
      topics: [],
    });
  });

  it('offers a programme only when a member has an open enrolment', () => {
    const choices = {
      family: { id: 'f1', reference: 'GC-0001', name: 'Reid family' },
      members: [{ personId: 'p1', name: 'Lorna Reid', confidentialSupport: false }],
      agencies: [{ id: 'o2', name: 'NHS Glenmuir Community Recovery Service' }],
      enrolments: [],
    };
    const form = defaultContactForm(new Date('2026-11-02T10:00:00Z'), ['p1']);
    const plain = contactFormContext(choices, form);
    expect(plain.enrolmentItems).toEqual([]);
    expect(plain.memberItems).toEqual([{ value: 'p1', text: 'Lorna Reid', checked: true }]);
    expect(plain.kindItems.find((k) => k.checked)?.value).toBe('one_to_one');
    const enrolled = contactFormContext(
      {
        ...choices,
        enrolments: [{ id: 'e1', personId: 'p1', programmeName: '5-Step Method', enrolledOn: '2026-10-01' }],
      },
      form,
      { members: 'Select who the contact was with' },
    );
    expect(enrolled.enrolmentItems.map((i) => i.text)).toEqual([
      'Not part of a programme',
      '5-Step Method: Lorna Reid',
    ]);
    expect(enrolled.errorList).toEqual([{ text: 'Select who the contact was with', href: '#members' }]);
  });

  it('writes the chronology’s words without names, and without topics when the notes are confidential', () => {
    const input = {
      occurredAt: new Date(),
      memberIds: ['p1'],
      kind: 'whole_family' as const,
      jointOrganisationId: null,
      channel: 'home_visit' as const,
      durationMinutes: null,
      topics: ['safety' as const],
      notes: 'Private',
      followUp: null,
      outcome: 'attended' as const,
      confidential: false,
      significant: true,
      enrolmentId: null,
    };
    expect(chronologyWords(input)).toBe(
      'Whole-family contact (home visit): attended. Covered: safety and safety planning.',
    );
    expect(chronologyWords({ ...input, confidential: true })).toBe(
      'Whole-family contact (home visit): attended.',
    );
  });
});
