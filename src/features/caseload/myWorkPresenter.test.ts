import { describe, expect, it } from 'vitest';
import { contactDue, presentMyWork } from './myWorkPresenter.ts';

describe('my work on the home page', () => {
  it('is due a contact with none yet, or when the last one is four weeks old', () => {
    expect(contactDue(null, '2026-12-01')).toBe(true);
    expect(contactDue('2026-11-03', '2026-12-01')).toBe(true);
    expect(contactDue('2026-11-04', '2026-12-01')).toBe(false);
  });

  it('lists the members given, with the worker’s totals, and says when there are more', () => {
    const member = {
      familyId: 'f1',
      personId: 'p1',
      reference: 'GC-0001',
      familyName: 'Blair',
      givenName: 'Margaret',
      preferredName: 'Peggy',
      memberFamilyName: 'Blair',
      status: 'being_supported' as const,
      weight: 1,
      lastContactOn: '2026-11-30',
    };
    const shown = presentMyWork(
      {
        members: [
          member,
          { ...member, personId: 'p2', givenName: 'Jay', preferredName: null, lastContactOn: null },
        ],
        totals: { members: 5, families: 2, due: 1 },
      },
      '2026-12-01',
    );
    expect(shown).toMatchObject({ totals: { members: 5, families: 2, due: 1 }, more: true });
    expect(shown.members.map((m) => [m.name, m.due])).toEqual([
      ['Peggy Blair', false],
      ['Jay Blair', true],
    ]);
  });
});
