// What the demo contacts say: a few months of sessions with a family member,
// in plain, factual words. Names are filled in from the demo family.
import type { ContactChannel, ContactKind, ContactOutcome } from '../db/schema.ts';
import type { ContactTopic } from '../features/contacts/contactTopics.ts';

export interface DemoContactStory {
  daysAgo: number;
  /** Hour of the day, UK time. */
  hour: number;
  kind?: ContactKind;
  channel: ContactChannel;
  minutes: number | null;
  outcome?: ContactOutcome;
  /** The whole household, not only the member being supported. */
  everyone?: boolean;
  /** A joint contact with the recovery service. */
  joint?: boolean;
  topics: ContactTopic[];
  notes: (name: string) => string;
  followUp?: string;
  significant?: boolean;
  confidential?: boolean;
}

export const demoContactStories: DemoContactStory[] = [
  {
    daysAgo: 112,
    hour: 10,
    channel: 'in_person',
    minutes: 60,
    topics: ['own_wellbeing', 'understanding_use'],
    notes: (name) =>
      `First session with ${name}. Talked through what has been happening at home and what ${name} wants from support: mainly someone to talk to, and to understand more about alcohol.`,
    followUp: 'Post the leaflet on understanding alcohol and drug use',
    significant: true,
  },
  {
    daysAgo: 98,
    hour: 14,
    kind: 'information_guidance',
    channel: 'phone',
    minutes: 20,
    topics: ['treatment_recovery', 'peer_support'],
    notes: () =>
      'Phoned with the recovery café times and how a referral to the community recovery service works. Also mentioned the Tuesday family support group.',
  },
  {
    daysAgo: 84,
    hour: 16,
    kind: 'whole_family',
    channel: 'home_visit',
    minutes: 75,
    everyone: true,
    topics: ['communication', 'relationships', 'children'],
    notes: () =>
      'Home visit with the family together. Agreed some ground rules for weekends and a way to call time-out when things get tense.',
    followUp: 'Write up the ground rules for the fridge door',
    significant: true,
  },
  {
    daysAgo: 70,
    hour: 11,
    channel: 'in_person',
    minutes: null,
    outcome: 'did_not_attend',
    topics: [],
    notes: () => 'Did not come to the appointment. Left a voicemail and sent a text offering a new time.',
    followUp: 'Text again on Monday',
  },
  {
    daysAgo: 63,
    hour: 10,
    channel: 'in_person',
    minutes: 50,
    topics: ['coping', 'own_wellbeing'],
    notes: (name) =>
      `${name} said the last fortnight had been hard and that was why they missed the session. Worked on a short list of things that help on bad evenings.`,
  },
  {
    daysAgo: 49,
    hour: 13,
    kind: 'joint_agency',
    joint: true,
    channel: 'in_person',
    minutes: 45,
    topics: ['treatment_recovery', 'safety'],
    notes: () =>
      'Joint session with the recovery service key worker. Explained what treatment would involve and how the family can support it without taking it on.',
    significant: true,
  },
  {
    daysAgo: 35,
    hour: 15,
    channel: 'video',
    minutes: 40,
    topics: ['overdose_naloxone', 'safety'],
    notes: () =>
      'Went through the signs of an overdose and how to use a naloxone kit. The kit from the recovery service is in date and kept in the kitchen drawer.',
  },
  {
    daysAgo: 28,
    hour: 10,
    channel: 'in_person',
    minutes: null,
    outcome: 'cancelled_by_service',
    topics: [],
    notes: () => 'Worker off sick. Phoned to rearrange for the following week.',
  },
  {
    daysAgo: 21,
    hour: 18,
    kind: 'information_guidance',
    channel: 'text_chat',
    minutes: 10,
    topics: ['peer_support'],
    notes: () => 'Texted the details of the Tuesday family support group and the bus that stops outside.',
  },
  {
    daysAgo: 12,
    hour: 11,
    channel: 'in_person',
    minutes: 55,
    topics: ['own_wellbeing', 'safety'],
    notes: (name) =>
      `${name} spoke privately about their own health and what they have not told the rest of the family. They asked that this stays between us.`,
    confidential: true,
  },
  {
    daysAgo: 3,
    hour: 14,
    channel: 'phone',
    minutes: 25,
    topics: ['coping', 'communication'],
    notes: (name) =>
      `Check-in call. ${name} said things have been calmer this week and the time-out idea is working most days.`,
    followUp: 'Next session in two weeks',
  },
];
