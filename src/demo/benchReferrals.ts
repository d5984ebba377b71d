// Synthetic referrals at scale for benchmarks: referrals between the bench
// organisations' services over about three years, each with the history
// the real model keeps (saved as a draft, sent, put on the waiting list,
// accepted or declined, support started, closed) and the notifications
// those moves send. A referral's story is drawn from its own seeded
// sequence, so referral k is the same whichever batch makes it; its status
// is wherever that story has got to by now. Everything here is pure:
// benchReferralLoader.ts writes it.
import { randomUUID } from 'node:crypto';
import type { ReferralStatus, ReferralUrgency } from '../db/schema.ts';
import { todayInUk } from '../features/chronology/dateParts.ts';
import { familySeed } from './benchData.ts';
import { pick, type Random, seededRandom } from './familyGenerator.ts';

/** How far back referrals go: about three years. */
export const benchReferralDays = 3 * 365;
/** The share of referrals sent to the bench user's organisation (twice an even share), so its inbox is full. */
export const benchInboxShare = 0.1;
/** How many of each organisation's services take the bench referrals. */
export const referralServicesPerOrganisation = 3;

export interface BenchReferralOrganisation {
  id: string;
  /** Its services that take referrals (none: it only refers). */
  serviceIds: readonly string[];
  /** Its workers, who make and answer referrals. */
  workerIds: readonly string[];
  /** Families on its team, with their people, that it can refer from (none: it only receives). */
  families: readonly { id: string; personIds: readonly string[] }[];
}

export interface BenchReferralContext {
  seed: number;
  now: Date;
  benchOrganisationId: string;
  organisations: readonly BenchReferralOrganisation[];
}

export interface BenchReferralEvent {
  at: Date;
  from: ReferralStatus | null;
  to: ReferralStatus;
  actorUserId: string;
  note: string | null;
}

export interface BenchReferral {
  id: string;
  number: number;
  serviceId: string;
  organisationId: string;
  referringOrganisationId: string;
  referredBy: string;
  familyId: string;
  memberIds: string[];
  urgency: ReferralUrgency;
  status: ReferralStatus;
  reason: string;
  wishes: string;
  consentOn: string;
  createdAt: Date;
  sentAt: Date;
  decidedAt: Date | null;
  decidedBy: string | null;
  declineReason: string | null;
  suggestion: string | null;
  receivingFamilyId: string | null;
  firstSupportOn: string | null;
  closedAt: Date | null;
  updatedAt: Date;
  version: number;
  events: BenchReferralEvent[];
}

/** The idempotency key that marks bench referral k (so a later run knows how many there are). */
export function benchReferralKey(number: number): string {
  return `bench-referral-${String(number).padStart(8, '0')}`;
}

const day = 86_400_000;

const reasons = [
  'Mum would like support for herself while her partner is in treatment.',
  'Dad is caring for the children and asked for someone to talk to.',
  'Gran is looking after her grandson and wants to meet other kinship carers.',
  'Their son is worried about his mum’s drinking and would like a young carers worker.',
  'The family would like help with money and housing while recovery starts.',
];
const wishes = [
  'Evening phone calls; no letters to the house.',
  'A group nearby, if there is one.',
  'Someone to visit at home in school hours.',
  'Text first before calling.',
];
const declines: [string, string][] = [
  ['Outside the area we cover.', 'The Young Carers service covers their town.'],
  ['We work with adults only.', 'The Youth Project takes referrals for teenagers.'],
  ['Our waiting list is closed this month.', 'Families Together runs a drop-in group.'],
];

function urgencyOf(random: Random): ReferralUrgency {
  const r = random();
  return r < 0.75 ? 'routine' : r < 0.95 ? 'soon' : 'urgent';
}

/** The story as days after sending, before it is cut off at now. */
function story(random: Random): { afterDays: number; to: ReferralStatus }[] {
  const steps: { afterDays: number; to: ReferralStatus }[] = [];
  let at = 0;
  if (random() < 0.55) {
    at = 0.5 + random() * 4;
    steps.push({ afterDays: at, to: 'waiting' });
  }
  at += 0.5 + random() * 8;
  if (random() < 0.12) {
    steps.push({ afterDays: at, to: 'declined' });
    return steps;
  }
  steps.push({ afterDays: at, to: 'accepted' });
  if (random() < 0.04) {
    steps.push({ afterDays: at + 5 + random() * 25, to: 'closed' });
    return steps;
  }
  // Most start within three weeks of being sent; one in five waits longer, a few over six weeks.
  at += random() < 0.8 ? random() * 14 : 14 + random() * 60;
  steps.push({ afterDays: at, to: 'started' });
  steps.push({ afterDays: at + 20 + random() * 300, to: 'closed' });
  return steps;
}

/** Referral `number`: who refers whom to which service, when, and how far its story has gone by now. */
export function benchReferral(context: BenchReferralContext, number: number): BenchReferral {
  const random = seededRandom(familySeed(context.seed ^ 0x5eed5eed, number));
  const receivers = context.organisations.filter((o) => o.serviceIds.length > 0);
  const bench = receivers.find((o) => o.id === context.benchOrganisationId);
  const others = receivers.filter((o) => o !== bench);
  const receiver =
    bench && (others.length === 0 || random() < benchInboxShare) ? bench : pick(random, others);
  const referrers = context.organisations.filter((o) => o.families.length > 0 && o.id !== receiver.id);
  const referrer = pick(random, referrers.length ? referrers : context.organisations);
  const family = pick(random, referrer.families);
  const members = family.personIds.slice(0, random() < 0.7 ? 1 : 2);
  const referredBy = pick(random, referrer.workerIds);
  const answeredBy = pick(random, receiver.workerIds);

  const now = context.now.getTime();
  const sent = now - (1 / 24 + random() * benchReferralDays) * day;
  const created = sent - (5 + random() * 55) * 60_000;
  const events: BenchReferralEvent[] = [
    { at: new Date(created), from: null, to: 'draft', actorUserId: referredBy, note: null },
    { at: new Date(sent), from: 'draft', to: 'new', actorUserId: referredBy, note: null },
  ];
  let decidedAt: Date | null = null;
  let declineReason: string | null = null;
  let suggestion: string | null = null;
  let firstSupportOn: string | null = null;
  let closedAt: Date | null = null;
  for (const step of story(random)) {
    const at = sent + step.afterDays * day;
    if (at > now) break;
    const when = new Date(at);
    let note: string | null = null;
    if (step.to === 'declined') {
      [declineReason, suggestion] = pick(random, declines);
      note = declineReason;
    }
    if (step.to === 'accepted' || step.to === 'declined') decidedAt = when;
    if (step.to === 'started') firstSupportOn = todayInUk(when);
    if (step.to === 'closed') closedAt = when;
    events.push({ at: when, from: events.at(-1)?.to ?? null, to: step.to, actorUserId: answeredBy, note });
  }
  const last = events.at(-1) as BenchReferralEvent;
  return {
    id: randomUUID(),
    number,
    serviceId: pick(random, receiver.serviceIds),
    organisationId: receiver.id,
    referringOrganisationId: referrer.id,
    referredBy,
    familyId: family.id,
    memberIds: members,
    urgency: urgencyOf(random),
    status: last.to,
    reason: pick(random, reasons),
    wishes: pick(random, wishes),
    consentOn: todayInUk(new Date(created)),
    createdAt: new Date(created),
    sentAt: new Date(sent),
    decidedAt,
    decidedBy: decidedAt ? answeredBy : null,
    declineReason,
    suggestion,
    receivingFamilyId: decidedAt && !declineReason ? family.id : null,
    firstSupportOn,
    closedAt,
    updatedAt: last.at,
    version: events.length,
    events,
  };
}

/** Referrals `first` … `first + count - 1`. */
export function benchReferrals(context: BenchReferralContext, first: number, count: number): BenchReferral[] {
  return Array.from({ length: count }, (_, i) => benchReferral(context, first + i));
}
