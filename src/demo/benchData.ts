// Synthetic data at scale for benchmarks: one invented partnership area,
// its organisations and staff, and families made in batches ready for
// multi-row inserts. Everything here is pure; benchLoader.ts writes it.
import { randomUUID } from 'node:crypto';
import type { OrganisationKind, Role } from '../db/schema.ts';
import { benchChronology, benchPostcode, benchRelationships, extraMember } from './benchFamilyRecord.ts';
import { generateFamily, pick, type Random, seededRandom } from './familyGenerator.ts';

export const benchArea = {
  name: 'Benchmark ADP',
  councilArea: 'Benchmark Council (synthetic)',
  localities: ['North', 'South', 'East', 'West', 'Central', 'Coast', 'Hills', 'Valley'].map(
    (name) => `Benchmark ${name}`,
  ),
};

/** The known benchmark sign-in: a practitioner at the first organisation. */
export const benchUserEmail = 'bench.practitioner@hearth-bench.example';
/** The benchmark partnership lead sign-in (the partnership team's first member), for the partnership's pages. */
export const benchLeadEmail = 'bench.o21.u1@hearth-bench.example';
/** Synthetic data only: the bench user's password when HEARTH_BENCH_PASSWORD is not set. */
export const defaultBenchPassword = 'hearth-bench-password';

export function benchPassword(env: Record<string, string | undefined> = process.env): string {
  return env.HEARTH_BENCH_PASSWORD || defaultBenchPassword;
}

export interface BenchOrganisation {
  name: string;
  kind: OrganisationKind;
  worksWithFamilies: boolean;
}

const serviceNames: [string, OrganisationKind][] = [
  ['Family Support Service', 'third_sector'],
  ['Community Recovery Service', 'nhs'],
  ['Children and Families Social Work', 'local_authority'],
  ['Health Visiting', 'nhs'],
  ['Young Carers', 'third_sector'],
  ['Women’s Aid', 'third_sector'],
  ['Youth Project', 'third_sector'],
  ['Housing Support', 'third_sector'],
  ['Families Together', 'community'],
  ['Bereaved Families Circle', 'community'],
];

/** Twenty organisations that work with families, plus the partnership's own team. */
export const benchOrganisations: BenchOrganisation[] = [
  ...['North', 'South'].flatMap((part) =>
    serviceNames.map(([service, kind]) => ({
      name: `Benchmark ${part} ${service}`,
      kind,
      worksWithFamilies: true,
    })),
  ),
  { name: 'Benchmark ADP Support Team', kind: 'local_authority', worksWithFamilies: false },
];

export interface BenchUser {
  organisation: string;
  email: string;
  displayName: string;
  roles: Role[];
}

const staffPerOrganisation = 5;

/** The staff: the known bench user, five workers per family organisation, and a partnership lead. */
export function benchUsers(): BenchUser[] {
  const users: BenchUser[] = [];
  const first = benchOrganisations[0] as BenchOrganisation;
  users.push({
    organisation: first.name,
    email: benchUserEmail,
    displayName: 'Bench Practitioner',
    roles: ['practitioner'],
  });
  benchOrganisations.forEach((org, o) => {
    const count = org.worksWithFamilies ? staffPerOrganisation : 1;
    for (let u = 1; u <= count; u++) {
      const roles: Role[] = !org.worksWithFamilies
        ? ['partnership_lead']
        : u === 1
          ? ['team_lead', 'practitioner']
          : u === count
            ? ['volunteer']
            : ['practitioner'];
      users.push({
        organisation: org.name,
        email: `bench.o${String(o + 1).padStart(2, '0')}.u${u}@hearth-bench.example`,
        displayName: `Bench Worker ${o + 1}.${u}`,
        roles,
      });
    }
  });
  return users;
}

/** Bench family references: BENCH-0000001 and up. */
export function benchReference(number: number): string {
  return `BENCH-${String(number).padStart(7, '0')}`;
}

/**
 * A 32-bit seed for one family, so family k is the same whichever batch or
 * run makes it. For a fixed seed this is one-to-one in `number` (an odd
 * multiply and xor-shifts are bijections on 32 bits), so no two families share a stream.
 */
export function familySeed(seed: number, number: number): number {
  let x = (Math.imul(number >>> 0, 0x9e3779b1) ^ Math.imul(seed >>> 0, 0x85ebca77)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d) >>> 0;
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

/** What a batch needs to know about the area: ids already in the database. */
export interface BenchContext {
  seed: number;
  today: Date;
  localityIds: readonly string[];
  /** Organisations that work with families, each with the workers who may lead for it. */
  teamOrganisations: readonly { id: string; workerIds: readonly string[] }[];
}

/** Column arrays, one per table, for `insert … select * from unnest(…)`. */
export interface BenchBatch {
  family: {
    id: string[];
    reference: string[];
    name: string[];
    localityId: string[];
    status: ('open' | 'closed')[];
    createdAt: string[];
    updatedAt: string[];
  };
  person: {
    id: string[];
    givenName: string[];
    familyName: string[];
    dateOfBirth: string[];
    postcode: string[];
  };
  membership: {
    familyId: string[];
    personId: string[];
    relationshipLabel: string[];
    roles: string[];
    startedOn: string[];
  };
  team: { familyId: string[]; organisationId: string[]; leadWorkerId: (string | null)[]; joinedOn: string[] };
  relationship: {
    familyId: string[];
    fromPersonId: string[];
    toPersonId: string[];
    kind: string[];
    quality: string[];
  };
  chronology: {
    familyId: string[];
    personId: (string | null)[];
    occurredOn: string[];
    kind: string[];
    impact: string[];
    what: string[];
  };
}

function emptyBatch(): BenchBatch {
  return {
    family: { id: [], reference: [], name: [], localityId: [], status: [], createdAt: [], updatedAt: [] },
    person: { id: [], givenName: [], familyName: [], dateOfBirth: [], postcode: [] },
    membership: { familyId: [], personId: [], relationshipLabel: [], roles: [], startedOn: [] },
    team: { familyId: [], organisationId: [], leadWorkerId: [], joinedOn: [] },
    relationship: { familyId: [], fromPersonId: [], toPersonId: [], kind: [], quality: [] },
    chronology: { familyId: [], personId: [], occurredOn: [], kind: [], impact: [], what: [] },
  };
}

/** How many organisations are on a family's team: mostly one, sometimes two or three. */
function teamSize(random: Random): number {
  const r = random();
  return r < 0.75 ? 1 : r < 0.95 ? 2 : 3;
}

const day = 86_400_000;

/** Families `first` … `first + count - 1`, with their members and teams; ids are random UUIDs. */
export function benchBatch(context: BenchContext, first: number, count: number): BenchBatch {
  const batch = emptyBatch();
  const { today, localityIds, teamOrganisations } = context;
  for (let number = first; number < first + count; number++) {
    const random = seededRandom(familySeed(context.seed, number));
    const generated = generateFamily(random, today);
    const familyId = randomUUID();
    const daysAgo = Math.floor(random() * 3 * 365);
    const created = new Date(today.getTime() - daysAgo * day);
    const updated = new Date(created.getTime() + Math.floor(random() * daysAgo) * day);
    const startedOn = created.toISOString().slice(0, 10);
    batch.family.id.push(familyId);
    batch.family.reference.push(benchReference(number));
    batch.family.name.push(generated.name);
    batch.family.localityId.push(pick(random, localityIds));
    batch.family.status.push(random() < 0.85 ? 'open' : 'closed');
    batch.family.createdAt.push(created.toISOString());
    batch.family.updatedAt.push(updated.toISOString());
    const members = [...generated.members, extraMember(random, generated.members, today)];
    const postcode = benchPostcode(random);
    const personIds: string[] = [];
    for (const member of members) {
      const personId = randomUUID();
      personIds.push(personId);
      batch.person.id.push(personId);
      batch.person.givenName.push(member.givenName);
      batch.person.familyName.push(member.familyName);
      batch.person.dateOfBirth.push(member.dateOfBirth);
      // The supporter from outside the household lives elsewhere.
      batch.person.postcode.push(member === members[members.length - 1] ? benchPostcode(random) : postcode);
      batch.membership.familyId.push(familyId);
      batch.membership.personId.push(personId);
      batch.membership.relationshipLabel.push(member.relationshipLabel);
      batch.membership.roles.push(member.roles.join(','));
      batch.membership.startedOn.push(startedOn);
    }
    const size = Math.min(teamSize(random), teamOrganisations.length);
    const team = new Set<(typeof teamOrganisations)[number]>();
    while (team.size < size) team.add(pick(random, teamOrganisations));
    for (const org of team) {
      batch.team.familyId.push(familyId);
      batch.team.organisationId.push(org.id);
      batch.team.leadWorkerId.push(org.workerIds.length ? pick(random, org.workerIds) : null);
      batch.team.joinedOn.push(startedOn);
    }
    for (const r of benchRelationships(random, members)) {
      batch.relationship.familyId.push(familyId);
      batch.relationship.fromPersonId.push(personIds[r.from] as string);
      batch.relationship.toPersonId.push(personIds[r.to] as string);
      batch.relationship.kind.push(r.kind);
      batch.relationship.quality.push(r.quality);
    }
    for (const entry of benchChronology(random, members, created, today)) {
      batch.chronology.familyId.push(familyId);
      batch.chronology.personId.push(entry.member === undefined ? null : (personIds[entry.member] as string));
      batch.chronology.occurredOn.push(entry.occurredOn);
      batch.chronology.kind.push(entry.kind);
      batch.chronology.impact.push(entry.impact);
      batch.chronology.what.push(entry.what);
    }
  }
  return batch;
}
