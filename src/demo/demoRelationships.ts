// Relationships for the demo families, read from each member's relationship
// label (Mother, Son, Grandmother, Partner...) as the family generator wrote it.
import { and, inArray, isNull, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.ts';
import { person, type RelationshipKind, type RelationshipQuality, relationship } from '../db/schema.ts';
import { type Random, seededRandom } from './familyGenerator.ts';

type Place = 'grandparent' | 'parent' | 'child' | 'partner' | 'friend';

export interface DemoMember {
  familyId: string;
  personId: string;
  label: string;
  roles: string[];
}

interface DemoRelationship {
  familyId: string;
  fromPersonId: string;
  toPersonId: string;
  kind: RelationshipKind;
  quality: RelationshipQuality;
  current: boolean;
  note: string | null;
}

/** Where a member stands in the family story, from the label the family gave them. */
export function placeOf(label: string): Place | undefined {
  if (/^grand/i.test(label)) return 'grandparent';
  if (/^(mother|father)\b/i.test(label)) return 'parent';
  if (/^(son|daughter|sister|brother)\b/i.test(label)) return 'child';
  if (/^partner\b/i.test(label)) return 'partner';
  if (/^friend\b/i.test(label)) return 'friend';
  return undefined;
}

/** Around someone using substances things are often harder; otherwise mostly supportive. */
function quality(random: Random, strain: boolean): RelationshipQuality {
  const roll = random();
  if (!strain) return roll < 0.78 ? 'supportive' : roll < 0.94 ? 'mixed' : 'strained';
  return roll < 0.2 ? 'supportive' : roll < 0.58 ? 'mixed' : roll < 0.9 ? 'strained' : 'harmful';
}

const partnerNotes = [
  'Separated last year; still shares care of the children.',
  'They split up after a difficult winter. Contact is arranged through the family.',
  null,
];

/** The relationships one demo family's labels imply, with qualities drawn from `random`. */
export function relationshipsFor(random: Random, members: DemoMember[]): DemoRelationship[] {
  const rows: DemoRelationship[] = [];
  const by = (place: Place) => members.filter((m) => placeOf(m.label) === place);
  const using = (m: DemoMember) => m.roles.includes('using_substances');
  const add = (from: DemoMember, kind: RelationshipKind, to: DemoMember, strain = using(from) || using(to)) =>
    rows.push({
      familyId: from.familyId,
      fromPersonId: from.personId,
      toPersonId: to.personId,
      kind,
      quality: quality(random, strain),
      current: true,
      note: null,
    });
  const [grandparent] = by('grandparent');
  const parents = by('parent');
  const children = by('child');
  const couple = parents.length === 2 ? parents : by('partner').length === 2 ? by('partner') : [];
  if (couple[0] && couple[1]) {
    // About one couple in four has separated: a past relationship, often strained.
    if (random() < 0.25) {
      rows.push({
        familyId: couple[0].familyId,
        fromPersonId: couple[0].personId,
        toPersonId: couple[1].personId,
        kind: 'ex_partner_of',
        quality: random() < 0.5 ? 'strained' : 'harmful',
        current: false,
        note: partnerNotes[Math.floor(random() * partnerNotes.length)] ?? null,
      });
    } else add(couple[0], 'partner_of', couple[1]);
  }
  for (const parent of parents) for (const child of children) add(parent, 'parent_of', child);
  if (grandparent) {
    for (const parent of parents) add(grandparent, 'parent_of', parent);
    for (const child of children) {
      add(grandparent, 'grandparent_of', child, false);
      if (/kinship/i.test(grandparent.label)) add(grandparent, 'kinship_carer_for', child, false);
    }
  }
  children.forEach((child, i) => {
    for (const sibling of children.slice(i + 1)) add(child, 'sibling_of', sibling, false);
  });
  for (const friend of by('friend')) for (const parent of parents) add(friend, 'friend_of', parent, false);
  return rows;
}

function genderFor(label: string): string | undefined {
  if (/^(mother|grandmother|daughter|sister)$|^grandmother,/i.test(label)) return 'Female';
  if (/^(father|grandfather|son|brother)$/i.test(label)) return 'Male';
  return undefined;
}

/**
 * Adds relationships to every demo family, and a gender where the label
 * makes it plain and none is recorded, so the map can say "mother of".
 * Deterministic: the same families always get the same relationships.
 */
export async function addDemoRelationships(tx: Db): Promise<number> {
  const members = await queryRows<{
    familyId: string;
    personId: string;
    label: string | null;
    roles: string[];
  }>(
    tx,
    sql`select m.family_id as "familyId", m.person_id as "personId", m.relationship_label as label, m.roles
      from family_membership m where m.ended_on is null order by m.family_id, m.started_on, m.person_id`,
  );
  const random = seededRandom(311);
  const families = new Map<string, DemoMember[]>();
  for (const m of members) {
    const list = families.get(m.familyId) ?? [];
    list.push({ familyId: m.familyId, personId: m.personId, label: m.label ?? '', roles: m.roles });
    families.set(m.familyId, list);
  }
  const rows = [...families.keys()].sort().flatMap((id) => relationshipsFor(random, families.get(id) ?? []));
  if (rows.length) await tx.insert(relationship).values(rows);
  for (const gender of ['Female', 'Male']) {
    const ids = members.filter((m) => genderFor(m.label ?? '') === gender).map((m) => m.personId);
    if (ids.length)
      await tx
        .update(person)
        .set({ gender })
        .where(and(inArray(person.id, ids), isNull(person.gender)));
  }
  return rows.length;
}
