// What the demo family plans say: goals in the family's own words, with a
// worker's wording where the team needs one, and the actions that go with
// them. Pure and deterministic, so the demo is the same on every first start.

export interface StoryMember {
  personId: string;
  name: string;
  roles: string[];
}

export interface StoryGoal {
  /** Null for a goal of the whole family. */
  personId: string | null;
  familyWords: string;
  workerWords: string | null;
  /** Progress at each review, in order. */
  scores: number[];
  comments: string[];
}

export interface StoryAction {
  /** Index into the story's goals, or null for an action not linked to one goal. */
  goal: number | null;
  what: string;
  owner: { kind: 'member'; personId: string } | { kind: 'worker' } | { kind: 'organisation' };
  /** Days from today: negative is in the past. */
  dueInDays: number;
  status: 'not_started' | 'in_progress' | 'done' | 'no_longer_needed';
  /** Agreed at the team meeting. */
  fromMeeting?: boolean;
}

export interface PlanStory {
  goals: StoryGoal[];
  actions: StoryAction[];
}

const familyGoals: Omit<StoryGoal, 'personId' | 'scores' | 'comments'>[] = [
  {
    familyWords: 'We want to sit down for our tea together again, without it ending in an argument.',
    workerWords: 'Shared family routines; less conflict at home.',
  },
  {
    familyWords: 'Get the house feeling like a home again: less shouting, more laughing.',
    workerWords: 'Reduce conflict; rebuild family relationships.',
  },
  {
    familyWords: 'Be able to talk to each other about the drinking instead of pretending it’s not happening.',
    workerWords: null,
  },
];

const adultGoals: Omit<StoryGoal, 'personId' | 'scores' | 'comments'>[] = [
  {
    familyWords: 'Get a bit of time for myself: a night out with my pals once a month.',
    workerWords: 'Respite and social support for the carer.',
  },
  {
    familyWords: 'Sleep through the night without lying awake worrying about him.',
    workerWords: 'Own wellbeing: sleep and anxiety.',
  },
  {
    familyWords: 'Sort out the money so the bills are paid before anything else.',
    workerWords: 'Financial wellbeing; debt advice.',
  },
];

/** A member's own goal, by their part in the family story; `nth` tells adults apart. */
function ownGoal(m: StoryMember, nth: number): Omit<StoryGoal, 'personId' | 'scores' | 'comments'> {
  if (m.roles.includes('using_substances'))
    return {
      familyWords: 'Stay off the drink on weekdays so I can take the weans to school.',
      workerWords: 'Alcohol-free weekdays; keep to recovery service appointments.',
    };
  if (m.roles.includes('young_carer'))
    return {
      familyWords: 'Have somebody to talk to who gets what it’s like at home.',
      workerWords: 'Young carer support.',
    };
  if (m.roles.includes('child_or_young_person'))
    return {
      familyWords: 'Go to football on a Saturday and not worry about what’s happening at home.',
      workerWords: 'Positive activities; less worry about home.',
    };
  if (m.roles.includes('bereaved'))
    return {
      familyWords: 'Be able to talk about him without falling apart.',
      workerWords: 'Bereavement support.',
    };
  return adultGoals[nth % adultGoals.length] as (typeof adultGoals)[number];
}

/** Scores that move over the reviews, mostly upwards, with the odd step back. */
function scoresFor(start: number, reviews: number, seed: number): number[] {
  const steps = [2, 1, 3, -1, 2, 2];
  const scores: number[] = [];
  let score = start;
  for (let i = 0; i < reviews; i++) {
    scores.push(Math.max(0, Math.min(10, score)));
    score += steps[(seed + i) % steps.length] as number;
  }
  return scores;
}

const commentsByStep = [
  'Early days. Everyone agreed this matters.',
  'Some good weeks and a couple of hard ones.',
  'Real progress: the family noticed it themselves.',
];

/**
 * A family's plan: one shared family goal and the own goals of up to three
 * members (the adult most affected first), with actions, some past their date.
 */
export function planStory(index: number, members: readonly StoryMember[], reviews: number): PlanStory {
  const chosen = members.slice(0, 3);
  const goals: StoryGoal[] = [
    {
      personId: null,
      ...(familyGoals[index % familyGoals.length] as (typeof familyGoals)[number]),
      scores: [],
      comments: [],
    },
    ...chosen.map((m, nth) => ({
      personId: m.personId,
      ...ownGoal(m, nth + index),
      scores: [],
      comments: [],
    })),
  ].map((g, i) => {
    const scores = scoresFor(1 + ((index + i) % 3), reviews, index + i);
    return {
      ...g,
      scores,
      comments: scores.map((_, r) => commentsByStep[r % commentsByStep.length] as string),
    };
  });
  const first = chosen[0];
  const using = chosen.find((m) => m.roles.includes('using_substances'));
  const child = chosen.find((m) => m.roles.includes('child_or_young_person'));
  const actions: StoryAction[] = [
    {
      goal: 0,
      what: 'Arrange a family session on planning meals and the evening routine',
      owner: { kind: 'worker' },
      dueInDays: -10,
      status: 'in_progress',
      fromMeeting: true,
    },
    {
      goal: null,
      what: 'Phone the housing officer about the damp in the back bedroom',
      owner: { kind: 'organisation' },
      dueInDays: 12,
      status: 'not_started',
      fromMeeting: true,
    },
  ];
  if (first)
    actions.push({
      goal: 1,
      what: `${first.name} to go along to the Tuesday families group in Kilbrannan`,
      owner: { kind: 'member', personId: first.personId },
      dueInDays: -35,
      status: 'done',
    });
  if (using)
    actions.push({
      goal: chosen.indexOf(using) + 1,
      what: `${using.name} to book a first appointment with the community recovery service`,
      owner: { kind: 'member', personId: using.personId },
      dueInDays: -60,
      status: 'done',
    });
  if (child)
    actions.push({
      goal: chosen.indexOf(child) + 1,
      what: `Refer ${child.name} to the Ardmore Youth Project football sessions`,
      owner: { kind: 'worker' },
      dueInDays: -4,
      status: 'not_started',
    });
  return { goals, actions };
}
