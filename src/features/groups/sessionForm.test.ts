import { describe, expect, it } from 'vitest';
import { checkSessionForm, parseSessionForm, parseTime } from './sessionForm.ts';

const familyId = '11111111-1111-4111-8111-111111111111';
const agnes = '22222222-2222-4222-8222-222222222222';
const callum = '33333333-3333-4333-8333-333333333333';
const rules = { attendance: 'anonymous' as const, capacity: 4, today: '2026-03-10' };

const base = {
  'heldOn-day': '10',
  'heldOn-month': '3',
  'heldOn-year': '2026',
  startsAt: '7pm',
  topic: 'Looking after yourself',
  attendees: [`${familyId}:${agnes}`, `${familyId}:${callum}`, `${familyId}:${agnes}`],
  firstNames: 'Sandra\r\n\r\n  Bill  \n',
};

describe('the session form', () => {
  it('counts named members, first names and the anonymous count, and flags a register over capacity', () => {
    const checked = checkSessionForm(parseSessionForm({ ...base, anonymousCount: '1' }), rules);
    expect(checked).toEqual({
      ok: true,
      value: {
        heldOn: '2026-03-10',
        startsAt: '19:00',
        topic: 'Looking after yourself',
        notes: null,
        attendees: [
          { familyId, personId: agnes },
          { familyId, personId: callum },
        ],
        firstNames: ['Sandra', 'Bill'],
        anonymousCount: 1,
        total: 5,
        overCapacity: true,
      },
    });
  });

  it('is not over capacity at capacity, nor with no capacity set', () => {
    const at = checkSessionForm(parseSessionForm(base), rules);
    expect(at.ok && [at.value.total, at.value.overCapacity]).toEqual([4, false]);
    const open = checkSessionForm(parseSessionForm({ ...base, anonymousCount: '40' }), {
      ...rules,
      capacity: null,
    });
    expect(open.ok && [open.value.total, open.value.overCapacity]).toEqual([44, false]);
  });

  it('refuses a session in the future and an impossible date', () => {
    const future = checkSessionForm(parseSessionForm({ ...base, 'heldOn-day': '11' }), rules);
    expect(future.ok ? {} : future.errors).toEqual({
      heldOn:
        'The date of the session must be today or in the past: attendance cannot be recorded for a session that has not happened yet',
    });
    const impossible = checkSessionForm(
      parseSessionForm({ ...base, 'heldOn-day': '30', 'heldOn-month': '2' }),
      rules,
    );
    expect(impossible.ok ? {} : impossible.errors).toEqual({
      heldOn: 'The date of the session must be a real date',
    });
    const empty = checkSessionForm(parseSessionForm({}), rules);
    expect(empty.ok ? {} : empty.errors).toEqual({ heldOn: 'Enter the date of the session' });
  });

  it('refuses first names and counts where the group does not record people that way', () => {
    const named = checkSessionForm(parseSessionForm({ ...base, anonymousCount: '2' }), {
      ...rules,
      attendance: 'named',
    });
    expect(named.ok ? {} : named.errors).toEqual({
      firstNames: 'This group records members linked to their family record only: remove the first names',
      anonymousCount: 'This group does not record people by number only: remove the number',
    });
    const firstOnly = checkSessionForm(parseSessionForm({ ...base, anonymousCount: '2' }), {
      ...rules,
      attendance: 'first_name',
    });
    expect(firstOnly.ok ? {} : firstOnly.errors).toEqual({
      anonymousCount: 'This group does not record people by number only: remove the number',
    });
  });

  it('refuses a bad time, a bad count and attendees not from the list', () => {
    const checked = checkSessionForm(
      parseSessionForm({ ...base, startsAt: '25:00', anonymousCount: 'a few', attendees: 'someone' }),
      rules,
    );
    expect(checked.ok ? {} : checked.errors).toEqual({
      startsAt: 'Enter the start time like 19:30 or 7:30pm',
      attendees: 'Select the members who came from the list',
      anonymousCount: 'The number of people recorded by number only must be a whole number, like 3',
    });
  });

  it('reads times as people type them', () => {
    expect(['19:30', '19.30', '7:30pm', '7pm', '12am', '9', '13pm', '7:75'].map(parseTime)).toEqual([
      '19:30',
      '19:30',
      '19:30',
      '19:00',
      '00:00',
      undefined,
      undefined,
      undefined,
    ]);
  });
});
