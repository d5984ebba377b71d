import { describe, expect, it } from 'vitest';
import {
  benchBatch,
  benchOrganisations,
  benchReference,
  benchUserEmail,
  benchUsers,
  familySeed,
} from './benchData.ts';

const teamOrganisations = Array.from({ length: 20 }, (_, i) => ({
  id: `org-${i}`,
  workerIds: [`w-${i}-a`, `w-${i}-b`],
}));
const context = {
  seed: 1,
  today: new Date('2026-11-23T00:00:00Z'),
  localityIds: ['l1', 'l2'],
  teamOrganisations,
};

describe('benchmark data', () => {
  it('has twenty organisations working with families and one known practitioner sign-in', () => {
    expect(benchOrganisations.filter((o) => o.worksWithFamilies)).toHaveLength(20);
    expect(new Set(benchOrganisations.map((o) => o.name)).size).toBe(benchOrganisations.length);
    const users = benchUsers();
    expect(new Set(users.map((u) => u.email)).size).toBe(users.length);
    expect(users.find((u) => u.email === benchUserEmail)).toMatchObject({
      roles: ['practitioner'],
      organisation: benchOrganisations[0]?.name,
    });
  });

  it('gives each family number its own seed', () => {
    const seeds = new Set(Array.from({ length: 100_000 }, (_, i) => familySeed(1, i + 1)));
    expect(seeds.size).toBe(100_000);
    expect(familySeed(2, 1)).not.toBe(familySeed(1, 1));
  });

  it('makes the same families whichever batch they fall in', () => {
    const whole = benchBatch(context, 1, 10);
    const second = benchBatch(context, 6, 5);
    expect(second.family.reference).toEqual(whole.family.reference.slice(5));
    expect(second.family.name).toEqual(whole.family.name.slice(5));
    expect(second.family.status).toEqual(whole.family.status.slice(5));
    expect(second.team.organisationId).toEqual(
      whole.team.organisationId.slice(-second.team.organisationId.length),
    );
    expect(benchReference(42)).toBe('BENCH-0000042');
  });

  it('keeps the column arrays aligned and links every member and team row to a family of the batch', () => {
    const batch = benchBatch(context, 1, 500);
    const families = new Set(batch.family.id);
    expect(families.size).toBe(500);
    for (const columns of [batch.family, batch.person, batch.membership, batch.team]) {
      const lengths = new Set(Object.values(columns).map((column) => column.length));
      expect(lengths.size).toBe(1);
    }
    expect(batch.membership.personId).toEqual(batch.person.id);
    expect(batch.membership.familyId.every((id) => families.has(id))).toBe(true);
    expect(batch.team.familyId.every((id) => families.has(id))).toBe(true);
    expect(batch.membership.roles.every((roles) => roles.length > 0 && !roles.includes(' '))).toBe(true);
  });

  it('spreads families so each organisation has a realistic share, about one in fifteen', () => {
    const batch = benchBatch(context, 1, 4000);
    const first = batch.team.organisationId.filter((id) => id === 'org-0').length / 4000;
    expect(first).toBeGreaterThan(0.04);
    expect(first).toBeLessThan(0.09);
    const teamSizes = new Map<string, number>();
    for (const id of batch.team.familyId) teamSizes.set(id, (teamSizes.get(id) ?? 0) + 1);
    expect(Math.max(...teamSizes.values())).toBeLessThanOrEqual(3);
    const open = batch.family.status.filter((s) => s === 'open').length / 4000;
    expect(open).toBeGreaterThan(0.8);
    expect(open).toBeLessThan(0.9);
  });
});
