import { describe, expect, it } from 'vitest';
import { demoEntriesFor } from './demoChronology.ts';
import { seededRandom } from './familyGenerator.ts';

describe('demo chronology entries', () => {
  const members = [
    { personId: 'p1', name: 'Agnes', roles: ['affected_family_member', 'adult_carer'] },
    { personId: 'p2', name: 'Kerry', roles: ['using_substances'] },
    { personId: 'p3', name: 'Liam', roles: ['child_or_young_person'] },
  ];

  it('gives each family three to six different entries from the last year, with strengths as well as concerns', () => {
    const all = Array.from({ length: 50 }, (_, i) => demoEntriesFor(seededRandom(i), members));
    for (const entries of all) {
      expect(entries.length).toBeGreaterThanOrEqual(3);
      expect(entries.length).toBeLessThanOrEqual(6);
      expect(new Set(entries.map((e) => e.what)).size).toBe(entries.length);
      for (const e of entries) expect(e.daysAgo).toBeGreaterThanOrEqual(7);
    }
    const kinds = new Set(all.flat().map((e) => e.kind));
    expect(kinds).toEqual(new Set(['event', 'strength', 'turning_point', 'concern']));
  });

  it('writes about members by name and in plain words', () => {
    const entries = demoEntriesFor(seededRandom(3), members).filter((e) => e.personId === 'p2');
    for (const e of entries) {
      expect(e.what).toContain('Kerry');
      expect(e.what).not.toMatch(/addict|abuser|junkie|alcoholic/i);
    }
  });

  it('is the same for the same seed', () => {
    expect(demoEntriesFor(seededRandom(9), members)).toEqual(demoEntriesFor(seededRandom(9), members));
  });
});
