// Members' own details for the demo families: contact details, pronouns,
// languages and contact safety, a withheld address for a woman who has left
// an abusive partner, confidential support, a child in two family records
// and a duplicate record a team lead merged. All invented; phone numbers are
// from the ranges Ofcom keeps for drama, emails use the reserved .example domain.
import { eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.ts';
import { familyMembership, person } from '../db/schema.ts';
import { demoOrganisations } from './demoDirectory.ts';
import {
  ageOn,
  childInTwoFamilies,
  type DemoRow,
  daysAgo,
  iso,
  mergedDuplicate,
  withheldAddress,
} from './demoMemberStories.ts';
import { demoPostcodeUnits } from './demoPlaces.ts';
import { girls, pick, type Random, seededRandom, women as womenNames } from './familyGenerator.ts';

// Given names the demo generator uses for women and girls.
const women = new Set<string>([...womenNames, ...girls]);
const languages: Record<string, string> = {
  Kowalski: 'Polish',
  Nowak: 'Polish',
  Ahmed: 'Urdu',
  Singh: 'Punjabi',
};
const streets = [
  'Harbour Row',
  'Mill Brae',
  'Station Road',
  'Kirk Wynd',
  'Shore Street',
  'Glebe Crescent',
  'Burnside Court',
];
const towns = ['Kilbrannan', 'Dunmore', 'Ardmore'];

/** Ordinary details for an adult or young person: pronouns, language, phone, email, address, contact safety. */
function everydayDetails(random: Random, row: DemoRow, index: number, today: Date) {
  const adult = ageOn(iso(row.date_of_birth), today) >= 16;
  const language = languages[row.family_name ?? ''];
  const town = pick(random, towns);
  const details: Partial<typeof person.$inferInsert> = {
    pronouns: women.has(row.given_name) ? 'she/her' : 'he/him',
    firstLanguage: language && random() < 0.7 ? language : 'English',
    interpreterNeeded: language !== undefined && random() < 0.25,
    address: `${1 + Math.floor(random() * 60)} ${pick(random, streets)}, ${town}`,
    postcode: `GM${1 + Math.floor(random() * 9)} ${1 + Math.floor(random() * 9)}${pick(random, demoPostcodeUnits)}`,
  };
  if (!adult) return details;
  const phone = random() < 0.75;
  return {
    ...details,
    phone: phone ? `07700 900${String(100 + (index % 900)).padStart(3, '0')}` : null,
    email:
      random() < 0.4
        ? `${row.given_name.toLowerCase()}.${(row.family_name ?? 'family').toLowerCase()}@example.org`
        : null,
    safeToPhone: phone ? true : null,
    safeToText: phone ? random() < 0.9 : null,
    safeToWrite: random() < 0.6 ? true : null,
    safeToVisit: random() < 0.5 ? true : null,
  };
}

/** Adds the members' details and the special cases to the demo families; call inside the demo transaction. */
export async function addDemoMembers(tx: Db, today: Date): Promise<void> {
  const random = seededRandom(3003);
  const rows = await queryRows<DemoRow>(
    tx,
    sql`select f.id as family_id, f.reference, f.locality_id, f.partnership_area_id as area_id, p.id as person_id,
          p.given_name, p.family_name, p.date_of_birth, m.relationship_label as label, m.roles,
          s.organisation_id, o.name as organisation_name, s.worker_id
        from family f
        join family_membership m on m.family_id = f.id and m.ended_on is null
        join person p on p.id = m.person_id
        join lateral (select organisation_id, worker_id from member_support ms
          where ms.family_id = f.id and ms.person_id = p.id order by ms.created_at limit 1) s on true
        join organisation o on o.id = s.organisation_id
        order by f.reference, p.date_of_birth`,
  );
  for (const [index, row] of rows.entries()) {
    await tx
      .update(person)
      .set(everydayDetails(random, row, index, today))
      .where(eq(person.id, row.person_id));
    const child = row.roles.includes('child_or_young_person');
    const using = row.roles.includes('using_substances');
    await tx
      .update(familyMembership)
      .set({
        livesInHousehold: child ? true : using ? random() < 0.5 : random() < 0.85,
        inContactWithServices: using ? (random() < 0.6 ? 'yes' : 'no') : random() < 0.3 ? 'yes' : 'unknown',
      })
      .where(
        sql`${familyMembership.familyId} = ${row.family_id} and ${familyMembership.personId} = ${row.person_id}`,
      );
    // Friends often do not know each other's birthdays: an approximate age instead.
    if (row.label === 'Friend')
      await tx
        .update(person)
        .set({
          dateOfBirth: null,
          approximateAge: ageOn(iso(row.date_of_birth), today),
          approximateAgeOn: daysAgo(today, 200),
        })
        .where(eq(person.id, row.person_id));
  }
  // The stories are told in families the family support service works with, so its demo users see them.
  const familySupport = demoOrganisations.find((o) => o.key === 'familysupport')?.name;
  const theirs = rows.filter((r) => r.organisation_name === familySupport);
  const byFamily = new Map<string, DemoRow[]>();
  for (const row of theirs) byFamily.set(row.family_id, [...(byFamily.get(row.family_id) ?? []), row]);
  await withheldAddress(tx, today, byFamily);
  await childInTwoFamilies(tx, today, byFamily);
  await mergedDuplicate(tx, today, theirs);
  // Someone whose phone is shared with the person using substances.
  const partner = rows.find((r) => r.label === 'Partner' && r.roles.includes('affected_family_member'));
  if (partner)
    await tx
      .update(person)
      .set({
        safeToPhone: false,
        safeToText: false,
        safeToWrite: true,
        safeTimes: 'Tuesday and Thursday mornings, at the family support drop-in',
        contactSafetyNote:
          'Shares a phone with her partner, who reads her messages. Write, or speak to her at the drop-in.',
      })
      .where(eq(person.id, partner.person_id));
}
