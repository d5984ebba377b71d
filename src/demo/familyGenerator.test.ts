import { describe, expect, it } from 'vitest';
import { generateFamily, seededRandom } from './familyGenerator.ts';

const today = new Date('2026-11-23T00:00:00Z');

describe('the invented families', () => {
  it('never give two members of one family the same first name', () => {
    let families = 0;
    for (let seed = 1; seed <= 3000; seed++) {
      const family = generateFamily(seededRandom(seed), today);
      const names = family.members.map((m) => m.givenName);
      expect(new Set(names).size, `${family.name}: ${names.join(', ')}`).toBe(names.length);
      families++;
    }
    expect(families).toBe(3000);
  });

  it('are the same for the same seed', () => {
    expect(generateFamily(seededRandom(42), today)).toEqual(generateFamily(seededRandom(42), today));
  });
});
