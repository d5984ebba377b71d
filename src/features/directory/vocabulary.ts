// Hearth's directory vocabulary: who a service is for, the kind of support,
// named programmes, how it is delivered, who delivers it and how to get in.
// Services store the codes; the Open Referral UK API publishes each list as a
// taxonomy whose ids are name-based UUIDs (RFC 9562 version 5), so they stay
// the same on every installation and never need storing.
import { createHash } from 'node:crypto';

export interface Term {
  code: string;
  /** Plain words, as the public finder shows them. */
  label: string;
  description?: string;
}

export interface Taxonomy {
  /** The service field that holds its codes. */
  key: TaxonomyKey;
  name: string;
  description: string;
  terms: readonly Term[];
}

export type TaxonomyKey =
  | 'audiences'
  | 'supportKinds'
  | 'programmes'
  | 'delivery'
  | 'deliveredBy'
  | 'referralRoutes';

export const audiences = [
  { code: 'parent', label: 'Parent' },
  { code: 'partner', label: 'Partner' },
  { code: 'child', label: 'Child', description: 'Children up to 12' },
  { code: 'young_person', label: 'Young person', description: 'Young people from 12 to 25' },
  { code: 'grandparent', label: 'Grandparent' },
  { code: 'kinship_carer', label: 'Kinship carer', description: 'Someone bringing up a relative’s child' },
  { code: 'sibling', label: 'Brother or sister' },
  { code: 'friend', label: 'Friend' },
  {
    code: 'anyone_affected',
    label: 'Anyone affected',
    description: 'Anyone affected by someone else’s drinking or drug use',
  },
  {
    code: 'bereaved',
    label: 'Bereaved family',
    description: 'Families who have lost someone to drink or drugs',
  },
  {
    code: 'person_using',
    label: 'Someone who drinks or uses drugs',
    description: 'The person using alcohol or drugs themselves',
  },
] as const satisfies readonly Term[];

export const supportKinds = [
  { code: 'one_to_one', label: 'Talking one-to-one' },
  { code: 'group', label: 'Group' },
  {
    code: 'peer_support',
    label: 'Peer support',
    description: 'Support from people who have been through it too',
  },
  { code: 'information_advice', label: 'Information and advice' },
  { code: 'structured_programme', label: 'Structured programme', description: 'A set course of sessions' },
  { code: 'mutual_aid', label: 'Mutual aid', description: 'Groups run by and for families' },
  { code: 'advocacy', label: 'Advocacy', description: 'Someone to speak up with you' },
  { code: 'bereavement', label: 'Bereavement support' },
  { code: 'young_carers', label: 'Young carers support' },
  { code: 'crisis', label: 'Crisis support', description: 'Help straight away' },
] as const satisfies readonly Term[];

export const programmes = [
  { code: 'five_step', label: '5-Step Method' },
  { code: 'craft', label: 'CRAFT', description: 'Community Reinforcement and Family Training' },
  { code: 'smart_family_friends', label: 'SMART Recovery Family & Friends' },
  { code: 'strengthening_families', label: 'Strengthening Families 10-14' },
  { code: 'al_anon', label: 'Al-Anon family groups' },
] as const satisfies readonly Term[];

export const deliveryMethods = [
  { code: 'in_person', label: 'Face to face' },
  { code: 'home_visit', label: 'Home visits' },
  { code: 'phone', label: 'Phone' },
  { code: 'video', label: 'Video call' },
  { code: 'online_chat', label: 'Online chat' },
] as const satisfies readonly Term[];

export const deliverers = [
  { code: 'paid_staff', label: 'Paid staff' },
  { code: 'volunteers', label: 'Volunteers' },
  { code: 'peers', label: 'Peers', description: 'People with their own family experience' },
] as const satisfies readonly Term[];

export const referralRoutes = [
  { code: 'self', label: 'You can contact them yourself' },
  { code: 'professional', label: 'A worker can refer you' },
] as const satisfies readonly Term[];

export type Audience = (typeof audiences)[number]['code'];
export type SupportKind = (typeof supportKinds)[number]['code'];
export type Programme = (typeof programmes)[number]['code'];
export type DeliveryMethod = (typeof deliveryMethods)[number]['code'];
export type Deliverer = (typeof deliverers)[number]['code'];
export type ReferralRoute = (typeof referralRoutes)[number]['code'];

/** Delivery that reaches people wherever they are. */
export const remoteDelivery: readonly DeliveryMethod[] = ['phone', 'video', 'online_chat'];

export const taxonomies: readonly Taxonomy[] = [
  {
    key: 'audiences',
    name: 'Hearth: who it is for',
    description: 'The family members a service is for.',
    terms: audiences,
  },
  {
    key: 'supportKinds',
    name: 'Hearth: kind of support',
    description: 'The kind of support a service gives.',
    terms: supportKinds,
  },
  {
    key: 'programmes',
    name: 'Hearth: named structured programmes',
    description: 'Structured, evidence-based programmes for family members.',
    terms: programmes,
  },
  {
    key: 'delivery',
    name: 'Hearth: how it is delivered',
    description: 'How the support reaches people.',
    terms: deliveryMethods,
  },
  {
    key: 'deliveredBy',
    name: 'Hearth: who delivers it',
    description: 'Paid staff, volunteers or peers with lived experience.',
    terms: deliverers,
  },
  {
    key: 'referralRoutes',
    name: 'Hearth: how to get in',
    description: 'Whether people can refer themselves or need a worker to refer them.',
    terms: referralRoutes,
  },
];

/** Languages a service can list, by ISO 639 code (BSL by its ISO 639-3 code). */
export const languages: readonly Term[] = [
  { code: 'en', label: 'English' },
  { code: 'gd', label: 'Scottish Gaelic' },
  { code: 'bfi', label: 'British Sign Language' },
  { code: 'pl', label: 'Polish' },
  { code: 'ur', label: 'Urdu' },
  { code: 'pa', label: 'Punjabi' },
  { code: 'ar', label: 'Arabic' },
  { code: 'ro', label: 'Romanian' },
  { code: 'zh', label: 'Chinese' },
  { code: 'uk', label: 'Ukrainian' },
];

const namespace = 'c6a1f0de-5b7e-4f4e-9a57-3e0d2b9c8a41';

/** An RFC 9562 version 5 (SHA-1, name-based) UUID. */
export function nameBasedUuid(name: string, space: string = namespace): string {
  const hash = createHash('sha1')
    .update(Buffer.from(space.replaceAll('-', ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function taxonomyId(key: TaxonomyKey): string {
  return nameBasedUuid(`taxonomy:${key}`);
}

export function termId(key: TaxonomyKey, code: string): string {
  return nameBasedUuid(`term:${key}:${code}`);
}

const termsById = new Map<string, { key: TaxonomyKey; term: Term }>(
  taxonomies.flatMap((taxonomy) =>
    taxonomy.terms.map((term) => [termId(taxonomy.key, term.code), { key: taxonomy.key, term }] as const),
  ),
);

/** The taxonomy and term a term id names, or undefined for an id Hearth does not publish. */
export function termById(id: string): { key: TaxonomyKey; term: Term } | undefined {
  return termsById.get(id.toLowerCase());
}

/** The plain-words label of a code in a list, or the code itself when unknown. */
export function labelOf(terms: readonly Term[], code: string): string {
  return terms.find((term) => term.code === code)?.label ?? code;
}

/** Whether every code is in the list. */
export function allKnown(terms: readonly Term[], codes: readonly string[]): boolean {
  return codes.every((code) => terms.some((term) => term.code === code));
}
