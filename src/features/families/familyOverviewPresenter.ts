import { presentChronologyItem } from '../chronology/chronologyPresenter.ts';
import type { MemberConsentSummary } from '../consent/consentRepository.ts';
import { supportStatusNames } from '../members/memberPresenter.ts';
import type { MemberCard } from '../members/memberRepository.ts';
import { type PlanDue, soonDays } from '../plan/planDue.ts';
import { overviewEnrolments } from '../programmes/programmePresenter.ts';
import { presentFamilyMap } from '../relationships/familyMapPresenter.ts';
import type { TeamView } from '../team/teamRepository.ts';
import type { FamilyOverviewData } from './familyOverviewService.ts';
import { roleNames } from './familyPresenter.ts';

const wayNames = { phone: 'phone', text: 'text', write: 'write', visit: 'visit' } as const;

/** Items of "what is due next" shown on the page; the rest are counted. */
export const dueNextShown = 8;

// One formatter, made once: toLocaleDateString builds a new one on every call, which costs far more than the page.
const dayFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

function formatDate(iso: string): string {
  return dayFormat.format(new Date(`${iso}T00:00:00Z`));
}

/** Consent with the organisations on the team, in a few words: what the card says. */
export function consentSummary(consent: MemberConsentSummary | undefined) {
  if (!consent || consent.consents.length === 0) return { text: 'No organisations on the team', tag: 'grey' };
  const total = consent.consents.length;
  const given = consent.consents.filter((c) => c.state === 'given').length;
  const withdrawn = consent.consents.filter((c) => c.state === 'withdrawn').map((c) => c.organisationName);
  const refused = consent.consents.filter((c) => c.state === 'refused').map((c) => c.organisationName);
  const notAsked = consent.consents.filter((c) => c.state === 'not_asked').length;
  const parts = [
    given === total
      ? `Agreed to share with ${total === 1 ? 'the organisation' : `all ${total} organisations`} on the team`
      : notAsked === total
        ? 'Not asked about sharing yet'
        : given === 0
          ? 'Not agreed to share with the team'
          : `Agreed to share with ${given} of ${total} organisations`,
  ];
  if (notAsked === total) return { text: parts[0] as string, tag: 'grey' };
  if (withdrawn.length) parts.push(`withdrawn for ${withdrawn.join(', ')}`);
  if (refused.length) parts.push(`refused for ${refused.join(', ')}`);
  if (notAsked) parts.push(`${notAsked} not asked yet`);
  const tag = withdrawn.length || refused.length ? 'orange' : given === total ? 'green' : 'grey';
  return { text: parts.join('; '), tag };
}

/** The warnings on a member's card, as short tags: how not to contact them, and what they need. */
export function memberFlags(
  card: MemberCard,
  interpreterNeeded: boolean,
  consent: MemberConsentSummary | undefined,
) {
  const flags: { text: string; classes: string }[] = card.contactSafety.notSafe.map((way) => ({
    text: `Not safe to ${wayNames[way]}`,
    classes: 'govuk-tag--red',
  }));
  if (interpreterNeeded) flags.push({ text: 'Interpreter needed', classes: 'govuk-tag--purple' });
  if (consent?.reviewDue) flags.push({ text: 'Consent review due', classes: 'govuk-tag--yellow' });
  return flags;
}

function presentCard(
  familyId: string,
  card: MemberCard,
  interpreterNeeded: boolean,
  consent: MemberConsentSummary | undefined,
) {
  const consentState = consentSummary(consent);
  return {
    personId: card.personId,
    name: card.name,
    href: `/practice/families/${familyId}/members/${card.personId}`,
    age: !card.age ? 'Age not known' : `Age ${card.age.approximate ? 'about ' : ''}${card.age.years}`,
    relationship: card.relationshipLabel ?? 'Not recorded',
    roles: card.roles.map((role) => roleNames[role] ?? role).join(', ') || 'Not recorded',
    household:
      card.livesInHousehold === null
        ? undefined
        : card.livesInHousehold
          ? 'Lives in the household'
          : 'Lives elsewhere',
    support: card.support.length
      ? card.support.map((s) => ({
          text: `${supportStatusNames[s.status] ?? s.status}${s.status === 'closed' && s.closedReason ? ` (${s.closedReason})` : ''}, ${s.organisationName}`,
          worker: s.status === 'closed' ? undefined : (s.workerName ?? 'No worker named yet'),
          confidential: s.confidential,
        }))
      : [],
    consent: consentState.text,
    consentTag: consentState.tag,
    flags: memberFlags(card, interpreterNeeded, consent),
  };
}

/**
 * "What is due next", from what the record holds: consent reviews due,
 * members not yet asked about sharing, support not started, and a team with
 * no lead professional. Most pressing first.
 */
export function dueNext(
  familyId: string,
  cards: MemberCard[],
  consent: MemberConsentSummary[],
  team: TeamView | undefined,
  today: Date,
  plan: PlanDue = { hasPlan: true, nextReviewOn: null, actions: [] },
) {
  const base = `/practice/families/${familyId}`;
  const todayIso = today.toISOString().slice(0, 10);
  const soon = new Date(today.getTime() + soonDays * 86_400_000).toISOString().slice(0, 10);
  const names = new Map(cards.map((c) => [c.personId, c.name]));
  const items: { text: string; href: string; urgent: boolean; sortKey: string }[] = [];
  if (!plan.hasPlan)
    items.push({
      text: 'Agree a family plan with the family',
      href: `${base}/plan`,
      urgent: false,
      sortKey: '5',
    });
  if (plan.nextReviewOn && plan.nextReviewOn <= soon) {
    const overdue = plan.nextReviewOn < todayIso;
    items.push({
      text: `Review the family plan: ${overdue ? 'was due' : 'due'} ${formatDate(plan.nextReviewOn)}`,
      href: `${base}/plan`,
      urgent: overdue,
      sortKey: `1${plan.nextReviewOn}`,
    });
  }
  for (const action of plan.actions) {
    const overdue = action.dueOn < todayIso;
    items.push({
      text: `${action.what}: ${overdue ? 'was due' : 'due'} ${formatDate(action.dueOn)}`,
      href: `${base}/plan`,
      urgent: overdue,
      sortKey: `1${action.dueOn}`,
    });
  }
  if (team && !team.lead)
    items.push({
      text: 'Agree a lead professional for the family',
      href: `${base}/team/lead`,
      urgent: false,
      sortKey: '0',
    });
  for (const member of consent) {
    const name = names.get(member.personId);
    if (!name) continue;
    for (const cell of member.consents) {
      if (cell.reviewDue && cell.reviewOn) {
        const overdue = cell.reviewOn < todayIso;
        items.push({
          text: `Review ${name}’s consent to share with ${cell.organisationName}: ${overdue ? 'was due' : 'due'} ${formatDate(cell.reviewOn)}`,
          href: `${base}/consent`,
          urgent: overdue,
          sortKey: `1${cell.reviewOn}`,
        });
      }
    }
    const notAsked = member.consents.filter((c) => c.state === 'not_asked' && !c.supports);
    if (notAsked.length)
      items.push({
        text: `Ask ${name} about sharing with ${notAsked.map((c) => c.organisationName).join(', ')}`,
        href: `${base}/consent`,
        urgent: false,
        sortKey: '2',
      });
  }
  for (const card of cards) {
    for (const support of card.support.filter((s) => s.ownOrganisation && s.status === 'not_started'))
      items.push({
        text: `Start ${card.name}’s support with ${support.organisationName}`,
        href: `${base}/members/${card.personId}`,
        urgent: false,
        sortKey: '3',
      });
    if (card.support.some((s) => s.ownOrganisation && s.status === 'being_supported' && !s.workerId))
      items.push({
        text: `Name a worker for ${card.name}’s support`,
        href: `${base}/members/${card.personId}`,
        urgent: false,
        sortKey: '4',
      });
  }
  const sorted = items.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
  return {
    items: sorted.slice(0, dueNextShown).map(({ text, href, urgent }) => ({ text, href, urgent })),
    more: Math.max(0, sorted.length - dueNextShown),
  };
}

function presentTeam(team: TeamView | undefined) {
  if (!team) return { organisations: [], workers: [], lead: undefined };
  return {
    organisations: team.organisations
      .filter((o) => o.leftOn === null)
      .map((o) => ({ name: o.organisationName, role: o.role, contact: o.contact, joinedOn: o.joinedOn })),
    workers: team.workers
      .filter((w) => w.leftOn === null)
      .map((w) => ({
        name: w.name,
        organisation: w.organisationName,
        role: w.role,
        forWhom: w.personId ? (w.personName ?? 'One member') : 'The whole family',
        contact: w.contact,
      })),
    lead: team.lead
      ? { name: team.lead.name, organisation: team.lead.organisationName, since: team.lead.startedOn }
      : undefined,
  };
}

/** Where the overview's links go, for the family with this id. */
export function overviewLinks(familyId: string) {
  const base = `/practice/families/${familyId}`;
  return {
    addMember: `${base}/members/new`,
    relationships: `${base}/relationships`,
    relationshipHistory: `${base}/relationships/history`,
    addRelationship: `${base}/relationships/new`,
    map: `${base}/map`,
    consent: `${base}/consent`,
    team: `${base}/team`,
    chronology: `${base}/chronology`,
    addChronology: `${base}/chronology/add`,
    programmes: `${base}/enrolments`,
    contacts: `${base}/contacts`,
    addContact: `${base}/contacts/new`,
    assessment: `${base}/assessment`,
    concerns: `${base}/assessment#concerns`,
    plan: `${base}/plan`,
    meetings: `${base}/meetings`,
    groups: `${base}/groups`,
    refer: `${base}/referrals/new`,
  };
}

/** The family overview: who is in the family, who is helping whom, and what happens next, on one page. */
export function presentFamilyOverview(data: FamilyOverviewData, today: Date) {
  const familyId = data.family.id;
  const consentByPerson = new Map(data.consent.map((c) => [c.personId, c]));
  const interpreter = new Map(data.mapMembers.map((m) => [m.personId, m.interpreterNeeded]));
  return {
    family: data.family,
    breakGlass: data.breakGlass,
    members: data.cards.map((card) => ({
      ...presentCard(
        familyId,
        card,
        interpreter.get(card.personId) ?? false,
        consentByPerson.get(card.personId),
      ),
      ...overviewEnrolments(familyId, card.personId, data.enrolments ?? []),
    })),
    map: presentFamilyMap(data.family.name, data.mapMembers, data.relationships, today),
    team: presentTeam(data.team),
    dueNext: dueNext(familyId, data.cards, data.consent, data.team, today, data.plan),
    chronology: data.chronology.map(presentChronologyItem),
    concerns: data.concerns,
    referrals: data.referrals,
    links: overviewLinks(familyId),
  };
}
