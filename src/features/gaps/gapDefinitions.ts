// What the gap analysis looks for: the groups of people it sets against
// their estimated need, and the kinds of support it looks for in each
// locality, with the rules that make something a gap. Pure.
import type { NeedMeasureCode } from '../needs/needMeasures.ts';

export interface GapGroup {
  code: string;
  label: string;
  /** The need estimate it is set against, when there is one. */
  measure: NeedMeasureCode | null;
  /** Directory audiences (vocabulary.ts) of the services for them; or a kind of support. */
  audiences: readonly string[];
  supportKinds?: readonly string[];
  /** Counted as families (bereaved), not people. */
  families?: boolean;
  /** How the group is found in the records. */
  definition: string;
  /** The audit's groups of people (the filter's codes, auditGroups.ts) that choose this one. */
  auditGroups: readonly string[];
}

export const gapGroups: readonly GapGroup[] = [
  {
    code: 'young_people',
    auditGroups: ['age-12-17'],
    label: 'Young people aged 12 to 17',
    measure: 'young_people_12_17',
    audiences: ['young_person'],
    definition: 'aged 12 to 17 on the last day of the period',
  },
  {
    code: 'children',
    auditGroups: ['age-0-11'],
    label: 'Children under 12',
    measure: 'children_affected',
    audiences: ['child'],
    definition: 'under 12 on the last day of the period',
  },
  {
    code: 'young_carers',
    auditGroups: ['young-carer'],
    label: 'Young carers',
    measure: 'young_carers',
    audiences: [],
    supportKinds: ['young_carers'],
    definition: 'recorded as a young carer in their family',
  },
  {
    code: 'grandparents',
    auditGroups: ['grandparent'],
    label: 'Grandparents and kinship carers',
    measure: 'grandparents_caring',
    audiences: ['grandparent', 'kinship_carer'],
    definition: 'a grandparent of a member of their family (by relationship or as the family names them)',
  },
  {
    code: 'fathers',
    auditGroups: ['parent', 'male'],
    label: 'Fathers',
    measure: null,
    audiences: ['parent'],
    definition:
      'a parent of a member of their family who is male or whom the family calls father or dad (parents are mothers and fathers so found)',
  },
  {
    code: 'partners',
    auditGroups: ['partner'],
    label: 'Partners of someone using substances',
    measure: 'partners_affected',
    audiences: ['partner'],
    definition: 'a partner or former partner of a family member who uses alcohol or drugs',
  },
  {
    code: 'bereaved',
    auditGroups: ['bereaved'],
    label: 'Bereaved families',
    measure: 'bereaved_families',
    audiences: ['bereaved'],
    families: true,
    definition:
      'families with a member recorded as bereaved by a drug or alcohol death (counted as families)',
  },
];

/**
 * The groups a filter's group of people chooses (aged 12 to 17: young
 * people); every group when none is chosen or the gap analysis has no group
 * for it.
 */
export function gapGroupsFor(group: string | undefined): readonly GapGroup[] {
  const chosen = group ? gapGroups.filter((g) => g.auditGroups.includes(group)) : [];
  return chosen.length ? chosen : gapGroups;
}

export interface SupportKindGroup {
  code: string;
  label: string;
  /** What a directory service lists to count as offering it. */
  definition: string;
  offers(service: {
    supportKinds: readonly string[];
    programmes: readonly string[];
    deliveredBy: readonly string[];
  }): boolean;
}

export const supportKindGroups: readonly SupportKindGroup[] = [
  {
    code: 'one_to_one',
    label: 'One-to-one',
    definition: 'lists “talking one-to-one”',
    offers: (s) => s.supportKinds.includes('one_to_one'),
  },
  {
    code: 'groups',
    label: 'Groups',
    definition: 'lists “group” or “mutual aid”',
    offers: (s) => s.supportKinds.includes('group') || s.supportKinds.includes('mutual_aid'),
  },
  {
    code: 'structured_programmes',
    label: 'Structured programmes',
    definition: 'lists “structured programme” or a named programme',
    offers: (s) => s.supportKinds.includes('structured_programme') || s.programmes.length > 0,
  },
  {
    code: 'peer_support',
    label: 'Peer support',
    definition: 'lists “peer support” or “mutual aid”, or is delivered by peers',
    offers: (s) =>
      s.supportKinds.includes('peer_support') ||
      s.supportKinds.includes('mutual_aid') ||
      s.deliveredBy.includes('peers'),
  },
];

/** The rules, in the words the gap page and the report state them. */
export const gapRules = {
  noneSupported: 'A locality with an estimate of need where nobody was supported in the period is a gap.',
  lowReach:
    'A locality whose reach (family members supported for every 1,000 estimated to be affected) is less than half the rate across the whole area is a gap.',
  noEstimate:
    'A locality with no estimate of people with problem substance use cannot have its reach set against need: record one.',
  noServiceBased:
    'A locality where no family support service in the directory has a place is a gap: families rely on services based elsewhere, by phone or online.',
  groupLowReach:
    'A group is a gap when fewer than 1 in 10 of its estimated number were supported in the period.',
  groupNoneReached: 'A group is a gap when nobody in it was supported in the period.',
  groupNoService: 'A group is a gap when no active service in the directory lists them among who it is for.',
  fewFathers: 'Fathers are a gap when they are fewer than 1 in 4 of the parents supported in the period.',
  kindNone: 'A kind of support is a gap in a locality when no service in the directory offers it there.',
  kindNotBased:
    'A kind of support is little in a locality when it is offered there only by services based elsewhere (area-wide, by phone or online).',
  kindOneBased:
    'A kind of support is little in a locality when only one service with a place there offers it.',
  longWait:
    'A service is a gap when anyone referred in the period waited, or has been waiting, more than 6 weeks (42 days) for support to start: the standard is that nobody does.',
} as const;

export type GapRule = keyof typeof gapRules;

/** Reach under this share of the group's estimate is little. */
export const groupReachShare = 0.1;
/** A locality's rate under this share of the area's is low. */
export const localityReachShare = 0.5;
/** Fathers under this share of the parents supported are few. */
export const fathersShare = 0.25;
