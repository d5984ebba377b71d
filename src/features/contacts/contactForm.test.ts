import { describe, expect, it } from 'vitest';
import {
  type ContactChoices,
  checkContactForm,
  defaultContactForm,
  parseContactForm,
  readContactForm,
} from './contactForm.ts';

const mum = '11111111-1111-4111-8111-111111111111';
const son = '22222222-2222-4222-8222-222222222222';
const agency = '33333333-3333-4333-8333-333333333333';
const enrolment = '44444444-4444-4444-8444-444444444444';
const now = new Date('2026-11-20T15:00:00Z');
const choices: ContactChoices = {
  memberIds: [mum, son],
  agencyIds: [agency],
  enrolments: [{ id: enrolment, personId: mum }],
  now,
};

const body = (extra: Record<string, unknown> = {}) => ({
  'occurredOn-day': '20',
  'occurredOn-month': '11',
  'occurredOn-year': '2026',
  time: '10:30',
  members: mum,
  kind: 'one_to_one',
  channel: 'in_person',
  outcome: 'attended',
  ...extra,
});

const errorsOf = (extra: Record<string, unknown>) => {
  const checked = checkContactForm(parseContactForm(body(extra)), choices);
  return checked.ok ? {} : checked.errors;
};

describe('the contact form', () => {
  it('starts with the common case: today, now, one-to-one, in person, attended', () => {
    const form = defaultContactForm(new Date('2026-07-01T08:05:00Z'), [mum]);
    expect(form).toMatchObject({
      occurredOn: { day: '1', month: '7', year: '2026' },
      time: '09:05',
      members: [mum],
      kind: 'one_to_one',
      channel: 'in_person',
      outcome: 'attended',
      confidential: false,
      significant: false,
    });
    expect(defaultContactForm(now, [mum, son]).members).toEqual([]);
  });

  it('reads a full contact, the time in UK time', () => {
    const checked = checkContactForm(
      parseContactForm(
        body({
          members: [mum, son, mum],
          kind: 'joint_agency',
          jointOrganisationId: agency,
          channel: 'home_visit',
          durationMinutes: '45',
          topics: ['safety', 'coping'],
          notes: 'Talked through the safety plan.',
          followUp: 'Send the carers centre leaflet',
          confidential: 'yes',
          significant: 'yes',
          enrolmentId: enrolment,
        }),
      ),
      choices,
    );
    expect(checked).toEqual({
      ok: true,
      value: {
        occurredAt: new Date('2026-11-20T10:30:00Z'),
        memberIds: [mum, son],
        kind: 'joint_agency',
        jointOrganisationId: agency,
        channel: 'home_visit',
        durationMinutes: 45,
        topics: ['safety', 'coping'],
        notes: 'Talked through the safety plan.',
        followUp: 'Send the carers centre leaflet',
        outcome: 'attended',
        confidential: true,
        significant: true,
        enrolmentId: enrolment,
      },
    });
  });

  it('refuses an impossible date and time', () => {
    expect(errorsOf({ 'occurredOn-day': '31', 'occurredOn-month': '11', time: '25:10' })).toEqual({
      occurredOn: 'The date of the contact must be a real date',
      time: 'Enter a real time, like 14:30 or 2:30pm',
    });
    expect(
      errorsOf({ 'occurredOn-day': '', 'occurredOn-month': '', 'occurredOn-year': '', time: '' }),
    ).toEqual({
      occurredOn: 'Enter the date of the contact',
      time: 'Enter the time of the contact',
    });
  });

  it('refuses a contact in the future marked attended or missed, but allows a cancelled one', () => {
    expect(errorsOf({ time: '16:00' })).toEqual({
      outcome: 'A contact in the future cannot be marked attended',
    });
    expect(errorsOf({ time: '16:00', outcome: 'did_not_attend' })).toEqual({
      outcome: 'A contact in the future cannot be marked did not attend',
    });
    expect(errorsOf({ time: '16:00', outcome: 'cancelled_by_family' })).toEqual({});
  });

  it('needs members of this family, an agency for a joint contact, and a length in range', () => {
    expect(errorsOf({ members: [], kind: 'joint_agency', durationMinutes: '601' })).toEqual({
      members: 'Select who the contact was with',
      jointOrganisationId: 'Select the other agency for a joint contact',
      durationMinutes: 'The length must be a whole number of minutes, from 1 to 600',
    });
    expect(errorsOf({ members: agency, durationMinutes: '0' })).toMatchObject({
      members: 'Select members of this family',
      durationMinutes: 'The length must be a whole number of minutes, from 1 to 600',
    });
    expect(errorsOf({ durationMinutes: 'an hour' })).toHaveProperty('durationMinutes');
    expect(errorsOf({ kind: 'joint_agency', jointOrganisationId: mum })).toEqual({
      jointOrganisationId: 'Select an agency from the list',
    });
  });

  it('keeps an agency only for a joint contact', () => {
    const checked = checkContactForm(parseContactForm(body({ jointOrganisationId: agency })), choices);
    expect(checked.ok && checked.value.jointOrganisationId).toBeNull();
  });

  it('refuses unknown choices and over-long text', () => {
    expect(
      errorsOf({
        kind: 'chat',
        channel: 'pigeon',
        outcome: 'maybe',
        topics: ['safety', 'astrology'],
        notes: 'x'.repeat(8001),
        followUp: 'y'.repeat(2001),
      }),
    ).toEqual({
      kind: 'Select the kind of contact',
      channel: 'Select how the contact took place',
      outcome: 'Select what happened',
      topics: 'Select topics from the list',
      notes: 'Notes must be 8000 characters or fewer',
      followUp: 'Follow-up actions must be 2000 characters or fewer',
    });
  });

  it('links a programme only of a member the contact was with', () => {
    expect(errorsOf({ members: son, enrolmentId: enrolment })).toEqual({
      enrolmentId: 'Select a programme of a member the contact was with',
    });
    expect(errorsOf({ enrolmentId: agency })).toEqual({ enrolmentId: 'Select a programme from the list' });
  });

  it('reads the fields alone before the choices are known, leaving the rules to the service', () => {
    const read = readContactForm(parseContactForm(body({ members: [] })), now);
    expect(read.ok && read.value.memberIds).toEqual([]);
    expect(readContactForm(parseContactForm(body({ time: 'soon', members: [] })), now)).toEqual({
      ok: false,
      errors: { time: 'Enter a real time, like 14:30 or 2:30pm' },
    });
  });
});
