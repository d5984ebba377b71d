import { describe, expect, it } from 'vitest';
import { historyValueText, presentGroupHistory } from './groupHistory.ts';
import { checkSessionForm, checkSessionInErrorForm, sessionFormOf, sessionValues } from './sessionForm.ts';

const familyId = '11111111-1111-4111-8111-111111111111';
const agnes = '22222222-2222-4222-8222-222222222222';
const callum = '33333333-3333-4333-8333-333333333333';

const stored = {
  heldOn: '2026-03-03',
  startsAt: '19:00',
  topic: 'Looking after yourself',
  notes: null,
  attendees: [
    { familyId, personId: callum },
    { familyId, personId: agnes },
  ],
  firstNames: ['Sandra', 'Bill'],
  anonymousCount: 2,
};

describe('correcting a session', () => {
  it('compares the register as sorted pairs, whatever order it was ticked in', () => {
    const values = sessionValues(stored);
    expect(values.attendees).toBe(`${familyId}:${agnes},${familyId}:${callum}`);
    expect(sessionValues({ ...stored, attendees: [...stored.attendees].reverse() })).toEqual(values);
    expect(sessionValues({ ...stored, attendees: [], firstNames: [], anonymousCount: 0 })).toMatchObject({
      attendees: null,
      firstNames: null,
      anonymousCount: null,
    });
  });

  it('opens the form with the saved values, and checking it gives them back with the same rules as recording', () => {
    const form = sessionFormOf(sessionValues(stored));
    expect(form.heldOn).toEqual({ day: '3', month: '3', year: '2026' });
    const rules = { attendance: 'anonymous' as const, capacity: 5, today: '2026-03-10' };
    const checked = checkSessionForm(form, rules);
    expect(checked.ok && sessionValues(checked.value)).toEqual(sessionValues(stored));
    expect(checked.ok && checked.value.overCapacity).toBe(true);
    const future = checkSessionForm({ ...form, heldOn: { day: '11', month: '3', year: '2026' } }, rules);
    expect(future.ok).toBe(false);
  });

  it('needs a reason of at most 500 characters to mark a session recorded in error', () => {
    expect(checkSessionInErrorForm({ reason: '  ' })).toEqual({
      ok: false,
      error: 'Enter why this session was recorded in error',
    });
    expect(checkSessionInErrorForm({ reason: 'x'.repeat(501) }).ok).toBe(false);
    expect(checkSessionInErrorForm({ reason: 'Recorded twice' })).toEqual({
      ok: true,
      reason: 'Recorded twice',
    });
  });

  it('names in the history only the members the user may see, and counts the rest', () => {
    const names = new Map([[agnes, 'Agnes Testfamily']]);
    expect(historyValueText('members', [agnes, callum], names)).toBe('Agnes Testfamily, 1 not shown');
    expect(historyValueText('members', [], names)).toBe('nobody');
    expect(historyValueText('heldOn', '2026-03-03', names)).toBe('3 March 2026');
    expect(historyValueText('overCapacity', false, names)).toBe('No');
    const [entry] = presentGroupHistory(
      [
        {
          at: new Date('2026-03-04T10:00:00Z'),
          recordType: 'group_session',
          recordId: 's1',
          action: 'amended',
          changes: { topic: { from: null, to: 'Boundaries' }, members: { from: [callum], to: [agnes] } },
          changedBy: 'Jackie Rennie',
          organisationName: 'Carse Family Support',
          personName: null,
        },
      ],
      names,
    );
    expect(entry).toMatchObject({
      title: 'Record corrected',
      by: 'Jackie Rennie, Carse Family Support',
      changes: ['Topic: nothing → Boundaries', 'Members who came: 1 not shown → Agnes Testfamily'],
    });
  });
});
