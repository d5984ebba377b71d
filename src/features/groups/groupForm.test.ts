import { describe, expect, it } from 'vitest';
import { checkGroupForm, notAUser, parseGroupForm } from './groupForm.ts';

const worker = '11111111-1111-4111-8111-111111111111';
const craft = '22222222-2222-4222-8222-222222222222';
const choices = { userIds: [worker], programmeIds: [craft] };

const valid = {
  name: 'Tuesday family support group',
  kind: 'family_support',
  forWhom: 'Adults affected by someone else’s drinking or drug use',
  location: 'Carse Community Centre',
  meets: 'Tuesdays, 7pm to 8.30pm',
  weekday: '2',
  capacity: '12',
  attendance: 'first_name',
  'facilitator-1-who': worker,
  'facilitator-1-kind': 'paid',
  'facilitator-2-who': notAUser,
  'facilitator-2-name': 'Margaret Hunter',
  'facilitator-2-kind': 'peer',
};

describe('the group form', () => {
  it('accepts a group with a worker and a named peer as facilitators, skipping empty rows', () => {
    const checked = checkGroupForm(parseGroupForm(valid), choices);
    expect(checked).toEqual({
      ok: true,
      value: {
        name: 'Tuesday family support group',
        kind: 'family_support',
        programmeId: null,
        forWhom: 'Adults affected by someone else’s drinking or drug use',
        location: 'Carse Community Centre',
        meets: 'Tuesdays, 7pm to 8.30pm',
        weekday: 2,
        capacity: 12,
        attendance: 'first_name',
        active: true,
        facilitators: [
          { userId: worker, name: null, kind: 'paid' },
          { userId: null, name: 'Margaret Hunter', kind: 'peer' },
        ],
      },
    });
  });

  it('leaves the weekday and capacity empty when not given', () => {
    const checked = checkGroupForm(parseGroupForm({ ...valid, weekday: '', capacity: '' }), choices);
    expect(checked.ok && [checked.value.weekday, checked.value.capacity]).toEqual([null, null]);
  });

  it('asks for the programme of a programme group, and keeps it only for one', () => {
    const missing = checkGroupForm(parseGroupForm({ ...valid, kind: 'programme' }), choices);
    expect(missing.ok ? {} : missing.errors).toEqual({
      programmeId: 'Select the programme the group delivers',
    });
    const other = checkGroupForm(
      parseGroupForm({ ...valid, kind: 'mutual_aid', programmeId: craft }),
      choices,
    );
    expect(other.ok && other.value.programmeId).toBeNull();
    const chosen = checkGroupForm(
      parseGroupForm({ ...valid, kind: 'programme', programmeId: craft }),
      choices,
    );
    expect(chosen.ok && chosen.value.programmeId).toBe(craft);
  });

  it('says what is missing or wrong, field by field', () => {
    const checked = checkGroupForm(
      parseGroupForm({
        weekday: '9',
        capacity: 'twelve',
        'facilitator-1-who': notAUser,
        'facilitator-1-kind': 'paid',
        'facilitator-2-who': '33333333-3333-4333-8333-333333333333',
        'facilitator-3-name': 'Someone',
      }),
      choices,
    );
    expect(checked.ok ? {} : checked.errors).toEqual({
      name: 'Enter the name of the group',
      kind: 'Select the kind of group',
      forWhom: 'Enter who the group is for',
      location: 'Enter where the group meets',
      meets: 'Enter when the group meets',
      weekday: 'Select the day of the week, or that it varies',
      capacity: 'The most people at a session must be a whole number, like 12',
      attendance: 'Select how attendance is recorded',
      'facilitator-1-name': 'Enter the name of facilitator 1',
      'facilitator-2-who': 'Select someone from your organisation for facilitator 2',
      'facilitator-2-kind': 'Select whether facilitator 2 is paid, a volunteer or a peer',
      'facilitator-3-who': 'Select who facilitator 3 is',
      'facilitator-3-kind': 'Select whether facilitator 3 is paid, a volunteer or a peer',
    });
  });

  it('refuses a capacity out of range and the same worker twice', () => {
    const checked = checkGroupForm(
      parseGroupForm({
        ...valid,
        capacity: '0',
        'facilitator-3-who': worker,
        'facilitator-3-kind': 'volunteer',
      }),
      choices,
    );
    expect(checked.ok ? {} : checked.errors).toEqual({
      capacity: 'The most people at a session must be between 1 and 500',
      'facilitator-3-who': 'Facilitator 3 is already named above',
    });
  });
});
