import { describe, expect, it } from 'vitest';
import { benchChronology, benchPostcode, benchRelationships, extraMember } from './benchFamilyRecord.ts';
import { generateFamily, seededRandom } from './familyGenerator.ts';

const today = new Date('2026-11-23T00:00:00Z');

describe('the rest of a bench family’s record', () => {
  it('adds a fourth person, so families average about four people', () => {
    let people = 0;
    for (let seed = 1; seed <= 500; seed++) {
      const random = seededRandom(seed);
      const family = generateFamily(random, today);
      const extra = extraMember(random, family.members, today);
      expect(['Grandmother', 'Friend']).toContain(extra.relationshipLabel);
      people += family.members.length + 1;
    }
    expect(people / 500).toBeGreaterThan(3.6);
    expect(people / 500).toBeLessThan(4.4);
  });

  it('makes postcodes in the Scottish format', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 50; i++) expect(benchPostcode(random)).toMatch(/^[A-Z]{1,2}\d{1,2} \d[A-Z]{2}$/);
  });

  it('relates members without relating anyone to themselves or repeating a pair of a kind', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const random = seededRandom(seed);
      const family = generateFamily(random, today);
      const members = [...family.members, extraMember(random, family.members, today)];
      const found = benchRelationships(random, members);
      expect(found.length).toBeGreaterThan(0);
      const keys = found.map((r) => `${r.kind}:${Math.min(r.from, r.to)}:${Math.max(r.from, r.to)}`);
      expect(new Set(keys).size).toBe(keys.length);
      for (const r of found) expect(r.from).not.toBe(r.to);
    }
  });

  it('dates chronology entries between the record’s start and today', () => {
    const random = seededRandom(3);
    const members = generateFamily(random, today).members;
    const created = new Date('2025-01-01T00:00:00Z');
    const entries = benchChronology(random, members, created, today);
    expect(entries.length).toBeGreaterThanOrEqual(3);
    for (const e of entries) {
      expect(e.occurredOn >= '2025-01-01' && e.occurredOn <= '2026-11-23').toBe(true);
      if (e.member !== undefined) expect(e.member).toBeLessThan(members.length);
    }
  });
});
