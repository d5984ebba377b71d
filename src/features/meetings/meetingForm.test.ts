import { describe, expect, it } from 'vitest';
import { checkInErrorForm, meetingFormOf, meetingValues } from './meetingForm.ts';
import { meetingValueText } from './meetingHistory.ts';

const meeting = {
  heldOn: '2026-03-07',
  familyPresent: true,
  membersPresent: ['b', 'a'],
  organisationsPresent: [],
  workersPresent: ['w'],
  othersPresent: null,
  discussed: 'The school run.',
  decisions: null,
};

describe('meeting corrections', () => {
  it('turns a meeting into comparable text and back into the form', () => {
    const values = meetingValues(meeting);
    expect(values).toMatchObject({ heldOn: '2026-03-07', familyPresent: 'yes', membersPresent: 'a,b' });
    expect(values.organisationsPresent).toBeNull();
    const form = meetingFormOf(values);
    expect(form.heldOn).toEqual({ day: '7', month: '3', year: '2026' });
    expect(form.membersPresent).toEqual(['a', 'b']);
    expect(form.organisationsPresent).toEqual([]);
    expect(form.decisions).toBe('');
  });

  it('needs a reason of at most 500 characters to mark a meeting as recorded in error', () => {
    expect(checkInErrorForm({ reason: '  ' })).toEqual({
      ok: false,
      error: 'Enter why this meeting was recorded in error',
    });
    expect(checkInErrorForm({ reason: 'x'.repeat(501) }).ok).toBe(false);
    expect(checkInErrorForm({ reason: ' Wrong family. ' })).toEqual({ ok: true, reason: 'Wrong family.' });
  });

  it('names people in the history only when the user may see them', () => {
    const names = new Map([['a', 'Agnes Smith']]);
    expect(meetingValueText('membersPresent', ['a', 'b'], names)).toBe('Agnes Smith, 1 not shown');
    expect(meetingValueText('membersPresent', 'a', names)).toBe('Agnes Smith');
    expect(meetingValueText('familyPresent', false, names)).toBe('No');
    expect(meetingValueText('heldOn', '2026-03-07', names)).toBe('7 March 2026');
    expect(meetingValueText('decisions', null, names)).toBe('nothing');
  });
});
