// Invented families for the demo and for benchmarks, made from a seeded
// random sequence so the same seed always gives the same families.

export type Random = () => number;

/** mulberry32: a small, fast, seeded pseudo-random generator. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

const surnames = [
  'Anderson',
  'Boyle',
  'Campbell',
  'Docherty',
  'Duncan',
  'Fraser',
  'Gallacher',
  'Gillespie',
  'Hamilton',
  'Henderson',
  'Johnstone',
  'Kennedy',
  'Lindsay',
  'MacDonald',
  'MacKenzie',
  'McAllister',
  'McBride',
  'McCulloch',
  'McGregor',
  'McInnes',
  'Milne',
  'Mitchell',
  'Murray',
  'Quinn',
  'Reid',
  'Ritchie',
  'Ross',
  'Scott',
  'Stewart',
  'Taylor',
  'Thomson',
  'Wallace',
  'Watson',
  'Wilson',
  'Young',
  'Ahmed',
  'Kowalski',
  'Singh',
  'Nowak',
  'Okafor',
];
export const women = [
  'Agnes',
  'Aileen',
  'Carol',
  'Claire',
  'Donna',
  'Elaine',
  'Fiona',
  'Gillian',
  'Heather',
  'Jacqueline',
  'Karen',
  'Kirsty',
  'Lesley',
  'Linda',
  'Lorraine',
  'Margaret',
  'Nicola',
  'Pauline',
  'Sandra',
  'Senga',
  'Tracy',
  'Yvonne',
  'Amira',
  'Magda',
];
const men = [
  'Alan',
  'Andrew',
  'Brian',
  'Colin',
  'Craig',
  'Darren',
  'Derek',
  'Gary',
  'Graham',
  'Jamie',
  'John',
  'Kenny',
  'Mark',
  'Paul',
  'Robert',
  'Ross',
  'Scott',
  'Stephen',
  'Steven',
  'William',
  'Imran',
  'Tomasz',
];
export const girls = [
  'Abbie',
  'Amelia',
  'Ava',
  'Ellie',
  'Emily',
  'Freya',
  'Isla',
  'Lily',
  'Millie',
  'Olivia',
  'Orla',
  'Rosie',
  'Skye',
  'Sophie',
  'Zara',
];
const boys = [
  'Aaron',
  'Callum',
  'Cameron',
  'Charlie',
  'Finlay',
  'Harris',
  'Jack',
  'Kai',
  'Lewis',
  'Logan',
  'Noah',
  'Oscar',
  'Rory',
  'Ruaridh',
  'Tyler',
];

export interface GeneratedMember {
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  relationshipLabel: string;
  roles: string[];
}

export interface GeneratedFamily {
  name: string;
  members: GeneratedMember[];
}

function birthDate(random: Random, age: number, today: Date): string {
  const year = today.getUTCFullYear() - age - 1;
  const dayOfYear = Math.floor(random() * 365);
  const date = new Date(Date.UTC(year, 0, 1 + dayOfYear));
  // Keep the age right on `today`: a birthday later in the year than today means one year younger.
  if (date.getTime() > Date.UTC(year, today.getUTCMonth(), today.getUTCDate())) date.setUTCFullYear(year + 1);
  return date.toISOString().slice(0, 10);
}

type Shape = (random: Random, surname: string, today: Date) => GeneratedMember[];

function member(
  random: Random,
  names: readonly string[],
  surname: string,
  age: number,
  today: Date,
  relationshipLabel: string,
  roles: string[],
): GeneratedMember {
  return {
    givenName: pick(random, names),
    familyName: surname,
    dateOfBirth: birthDate(random, age, today),
    relationshipLabel,
    roles,
  };
}

function children(
  random: Random,
  surname: string,
  today: Date,
  count: number,
  olderIsYoungCarer: boolean,
): GeneratedMember[] {
  return Array.from({ length: count }, (_, i) => {
    const girl = random() < 0.5;
    const age = 3 + Math.floor(random() * 13);
    const roles = ['child_or_young_person'];
    if (olderIsYoungCarer && i === 0 && age >= 10) roles.push('young_carer');
    return member(random, girl ? girls : boys, surname, age, today, girl ? 'Daughter' : 'Son', roles);
  });
}

// Each shape is a common family story in the field.
const shapes: Shape[] = [
  // A parent using substances, their partner, and children.
  (random, surname, today) => [
    member(random, men, surname, 30 + Math.floor(random() * 15), today, 'Father', ['using_substances']),
    member(random, women, surname, 28 + Math.floor(random() * 14), today, 'Mother', [
      'affected_family_member',
      'adult_carer',
    ]),
    ...children(random, surname, today, 1 + Math.floor(random() * 3), true),
  ],
  // Parents worried about an adult son or daughter.
  (random, surname, today) => [
    member(random, women, surname, 48 + Math.floor(random() * 15), today, 'Mother', [
      'affected_family_member',
    ]),
    member(random, men, surname, 50 + Math.floor(random() * 15), today, 'Father', ['affected_family_member']),
    member(
      random,
      random() < 0.6 ? men : women,
      surname,
      19 + Math.floor(random() * 12),
      today,
      'Son or daughter',
      ['using_substances'],
    ),
  ],
  // A grandmother caring for grandchildren while their mother uses.
  (random, surname, today) => [
    member(random, women, surname, 58 + Math.floor(random() * 14), today, 'Grandmother, kinship carer', [
      'affected_family_member',
      'adult_carer',
    ]),
    member(random, women, surname, 26 + Math.floor(random() * 10), today, 'Mother', ['using_substances']),
    ...children(random, surname, today, 1 + Math.floor(random() * 2), false),
  ],
  // A mother using substances, supported by a young carer and a friend.
  (random, surname, today) => [
    member(random, women, surname, 32 + Math.floor(random() * 12), today, 'Mother', ['using_substances']),
    member(
      random,
      random() < 0.5 ? girls : boys,
      surname,
      12 + Math.floor(random() * 5),
      today,
      'Daughter or son',
      ['child_or_young_person', 'young_carer'],
    ),
    member(random, women, pick(random, surnames), 30 + Math.floor(random() * 20), today, 'Friend', [
      'affected_family_member',
    ]),
  ],
  // A family bereaved by a substance-related death.
  (random, surname, today) => [
    member(random, women, surname, 50 + Math.floor(random() * 20), today, 'Mother', [
      'bereaved',
      'affected_family_member',
    ]),
    member(
      random,
      random() < 0.5 ? women : men,
      surname,
      20 + Math.floor(random() * 15),
      today,
      'Sister or brother',
      ['bereaved', 'affected_family_member'],
    ),
  ],
  // A partner affected by their partner's drinking.
  (random, surname, today) => [
    member(random, women, surname, 35 + Math.floor(random() * 25), today, 'Partner', [
      'affected_family_member',
    ]),
    member(random, men, surname, 35 + Math.floor(random() * 25), today, 'Partner', ['using_substances']),
  ],
];

/** One invented family: a story shape, a surname and its members. */
export function generateFamily(random: Random, today: Date): GeneratedFamily {
  const surname = pick(random, surnames);
  const members = distinctGivenNames(pick(random, shapes)(random, surname, today));
  return { name: `${surname} family`, members };
}

/**
 * Two members of one family never share a first name: a repeated name is
 * replaced by the next unused one in the same list (so a boy stays a boy).
 * Draws no random numbers, so the rest of the generated data is unchanged.
 */
function distinctGivenNames(members: GeneratedMember[]): GeneratedMember[] {
  const used = new Set<string>();
  return members.map((m) => {
    let givenName = m.givenName;
    if (used.has(givenName)) {
      const list = [men, women, boys, girls].find((names) => names.includes(givenName)) ?? [givenName];
      const start = list.indexOf(givenName);
      for (let step = 1; step < list.length && used.has(givenName); step++) {
        givenName = list[(start + step) % list.length] ?? givenName;
      }
    }
    used.add(givenName);
    return givenName === m.givenName ? m : { ...m, givenName };
  });
}
