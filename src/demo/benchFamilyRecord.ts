// The rest of a synthetic bench family's record, so the family overview and
// search at scale read what a real record holds: a fourth person (a
// grandparent or a friend from outside the household), a postcode,
// relationships between members and a few chronology entries. Pure and seeded.
import { type GeneratedMember, pick, type Random } from './familyGenerator.ts';

const outcodes = ['FK1', 'FK2', 'FK10', 'KY1', 'KY11', 'KY12', 'EH48', 'EH54', 'G72', 'ML3', 'PA1', 'DD1'];
const letters = 'ABDEFGHJLNPQRSTUWXYZ';

/** An invented postcode in the format of a Scottish one, like "KY12 7AB". */
export function benchPostcode(random: Random): string {
  const inward = `${Math.floor(random() * 10)}${pick(random, [...letters])}${pick(random, [...letters])}`;
  return `${pick(random, outcodes)} ${inward}`;
}

const grannies = ['Agnes', 'Isobel', 'Jean', 'Margaret', 'Morag', 'Senga'];
const friends = ['Donna', 'Gail', 'Lynne', 'Stacey', 'Alan', 'Derek'];
const otherSurnames = ['Baird', 'Cairns', 'Dewar', 'Lamont', 'Munro', 'Paterson', 'Rennie', 'Souter'];

/** A fourth person: a grandparent when there are children, otherwise a friend of the family. */
export function extraMember(random: Random, members: GeneratedMember[], today: Date): GeneratedMember {
  const hasChildren = members.some((m) => m.roles.includes('child_or_young_person'));
  const grandparent = hasChildren && random() < 0.7;
  const age = grandparent ? 60 + Math.floor(random() * 15) : 30 + Math.floor(random() * 30);
  const born = new Date(Date.UTC(today.getUTCFullYear() - age - 1, 0, 1 + Math.floor(random() * 365)));
  return {
    givenName: pick(random, grandparent ? grannies : friends),
    familyName: grandparent ? (members[0]?.familyName ?? 'Reid') : pick(random, otherSurnames),
    dateOfBirth: born.toISOString().slice(0, 10),
    relationshipLabel: grandparent ? 'Grandmother' : 'Friend',
    roles: ['affected_family_member'],
  };
}

type Place = 'grandparent' | 'parent' | 'child' | 'partner' | 'friend';

function placeOf(label: string): Place {
  if (/^grand/i.test(label)) return 'grandparent';
  if (/^(mother|father)\b/i.test(label)) return 'parent';
  if (/^partner\b/i.test(label)) return 'partner';
  if (/^friend\b/i.test(label)) return 'friend';
  return 'child';
}

export interface BenchRelationship {
  from: number;
  to: number;
  kind: string;
  quality: string;
}

/** Relationships by place in the family: parent of, grandparent of, partner of, sibling of, friend of. */
export function benchRelationships(random: Random, members: GeneratedMember[]): BenchRelationship[] {
  const places = members.map((m) => placeOf(m.relationshipLabel));
  const quality = () => {
    const r = random();
    return r < 0.6 ? 'supportive' : r < 0.85 ? 'mixed' : 'strained';
  };
  const found: BenchRelationship[] = [];
  const add = (from: number, to: number, kind: string) => found.push({ from, to, kind, quality: quality() });
  const parents = places.flatMap((p, i) => (p === 'parent' ? [i] : []));
  const children = places.flatMap((p, i) => (p === 'child' ? [i] : []));
  const grandparents = places.flatMap((p, i) => (p === 'grandparent' ? [i] : []));
  for (const parent of parents) for (const child of children) add(parent, child, 'parent_of');
  for (const g of grandparents) {
    for (const parent of parents) add(g, parent, 'parent_of');
    for (const child of children) add(g, child, parents.length ? 'grandparent_of' : 'kinship_carer_for');
  }
  for (let i = 1; i < children.length; i++) add(children[0] as number, children[i] as number, 'sibling_of');
  if (parents.length === 2) add(parents[0] as number, parents[1] as number, 'partner_of');
  const partners = places.flatMap((p, i) => (p === 'partner' ? [i] : []));
  if (partners.length === 2) add(partners[0] as number, partners[1] as number, 'partner_of');
  places.forEach((p, i) => {
    if (p === 'friend' && i > 0) add(i, 0, 'friend_of');
  });
  return found;
}

export interface BenchChronologyEntry {
  member: number | undefined;
  occurredOn: string;
  kind: 'event' | 'strength' | 'turning_point' | 'concern';
  impact: 'positive' | 'negative' | 'neutral';
  what: string;
}

const stories: Omit<BenchChronologyEntry, 'occurredOn' | 'member'>[] = [
  { kind: 'event', impact: 'neutral', what: 'First meeting with the family support worker.' },
  { kind: 'strength', impact: 'positive', what: 'Started attending the family support group.' },
  { kind: 'concern', impact: 'negative', what: 'Police attended after an argument at home; no charges.' },
  { kind: 'turning_point', impact: 'positive', what: 'Completed detox at the recovery service.' },
  { kind: 'strength', impact: 'positive', what: 'School reports better attendance this term.' },
];

/** Three to five entries since the family's record began, about the family or one member. */
export function benchChronology(
  random: Random,
  members: GeneratedMember[],
  created: Date,
  today: Date,
): BenchChronologyEntry[] {
  const count = 3 + Math.floor(random() * 3);
  const span = Math.max(1, today.getTime() - created.getTime());
  return Array.from({ length: count }, (_, i) => ({
    ...(stories[i % stories.length] as (typeof stories)[number]),
    member: random() < 0.3 ? undefined : Math.floor(random() * members.length),
    occurredOn: new Date(created.getTime() + Math.floor(random() * span)).toISOString().slice(0, 10),
  }));
}
