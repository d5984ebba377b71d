import type { ActionStatus, GoalStatus } from '../../db/schema.ts';
import type { PlanActionRow, PlanGoalRow, PlanMember, PlanRecord } from './planRepository.ts';
import { actionOverdue, reviewOverdue } from './planSchedule.ts';
import { describeProgress, type ProgressPoint, progressChart } from './progressChart.ts';

export const goalStatusNames: Record<GoalStatus, string> = {
  open: 'Working on it',
  achieved: 'Achieved',
  no_longer_needed: 'No longer needed',
};

const goalStatusTags: Record<GoalStatus, string> = {
  open: 'govuk-tag--blue',
  achieved: 'govuk-tag--green',
  no_longer_needed: 'govuk-tag--grey',
};

export const actionStatusNames: Record<ActionStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  done: 'Done',
  no_longer_needed: 'No longer needed',
};

const actionStatusTags: Record<ActionStatus, string> = {
  not_started: 'govuk-tag--grey',
  in_progress: 'govuk-tag--blue',
  done: 'govuk-tag--green',
  no_longer_needed: 'govuk-tag--grey',
};

export function memberName(m: Pick<PlanMember, 'givenName' | 'preferredName' | 'familyName'>): string {
  return [m.preferredName || m.givenName, m.familyName].filter(Boolean).join(' ');
}

export function planLinks(familyId: string) {
  const base = `/practice/families/${familyId}`;
  return {
    overview: base,
    plan: `${base}/plan`,
    print: `${base}/plan/print`,
    agree: `${base}/plan/agree`,
    addGoal: `${base}/plan/goals/new`,
    addAction: `${base}/plan/actions/new`,
    addReview: `${base}/plan/reviews/new`,
    meetings: `${base}/meetings`,
    addMeeting: `${base}/meetings/new`,
  };
}

function namesOf(record: PlanRecord) {
  return new Map(record.members.map((m) => [m.personId, memberName(m)]));
}

function presentAction(action: PlanActionRow, names: Map<string, string>, today: string, familyId: string) {
  const who =
    action.ownerKind === 'member'
      ? (names.get(action.ownerPersonId ?? '') ?? 'A family member')
      : (action.ownerName ?? 'Not known');
  return {
    id: action.id,
    what: action.what,
    who,
    dueOn: action.dueOn,
    status: actionStatusNames[action.status],
    statusTag: actionStatusTags[action.status],
    overdue: actionOverdue(action, today),
    fromMeeting: action.fromMeeting,
    editHref: `/practice/families/${familyId}/plan/actions/${action.id}/edit`,
  };
}

function progressOf(record: PlanRecord, goalId: string) {
  return record.reviews.flatMap((r) =>
    r.progress
      .filter((p) => p.goalId === goalId)
      .map((p) => ({ heldOn: r.heldOn, score: p.score, comment: p.comment })),
  );
}

function presentGoal(
  goal: PlanGoalRow,
  number: number,
  record: PlanRecord,
  today: string,
  names: Map<string, string>,
) {
  const progress = progressOf(record, goal.id);
  const points: ProgressPoint[] = progress.map((p) => ({ heldOn: p.heldOn, score: p.score }));
  return {
    id: goal.id,
    number,
    familyWords: goal.familyWords,
    workerWords: goal.workerWords,
    status: goalStatusNames[goal.status],
    statusTag: goalStatusTags[goal.status],
    progress,
    latest: progress[progress.length - 1],
    chart: points.length ? progressChart(points) : undefined,
    chartDescription: describeProgress(points),
    actions: record.actions
      .filter((a) => a.goalId === goal.id)
      .map((a) => presentAction(a, names, today, record.family.id)),
    editHref: `/practice/families/${record.family.id}/plan/goals/${goal.id}/edit`,
  };
}

type PresentedGoal = ReturnType<typeof presentGoal>;

/**
 * Goals in the order the family sees them: the whole family's first, then
 * each member's own, member by member. Goal numbers follow this order on
 * every page.
 */
export function inDisplayOrder(
  record: PlanRecord,
  goals: readonly PlanGoalRow[] = record.goals,
): PlanGoalRow[] {
  const rank = new Map(record.members.map((m, i) => [m.personId, i + 1]));
  return goals
    .map((goal, index) => ({ goal, index }))
    .sort(
      (a, b) =>
        (a.goal.personId ? (rank.get(a.goal.personId) ?? 0) : 0) -
          (b.goal.personId ? (rank.get(b.goal.personId) ?? 0) : 0) || a.index - b.index,
    )
    .map(({ goal }) => goal);
}

/** Goals grouped as the family sees them: the whole family's first, then each member's own. */
export function goalSections(
  record: PlanRecord,
  today: string,
  goals: readonly PlanGoalRow[] = record.goals,
) {
  const names = namesOf(record);
  const numbered = inDisplayOrder(record, goals).map((g, i) => ({
    row: g,
    goal: presentGoal(g, i + 1, record, today, names),
  }));
  const sections: { id: string; heading: string; goals: PresentedGoal[] }[] = [
    {
      id: 'family-goals',
      heading: 'Our goals as a family',
      goals: numbered.filter((n) => !n.row.personId).map((n) => n.goal),
    },
  ];
  for (const member of record.members) {
    const own = numbered.filter((n) => n.row.personId === member.personId).map((n) => n.goal);
    if (own.length)
      sections.push({
        id: `goals-${member.personId}`,
        heading: `${memberName(member)}’s own goals`,
        goals: own,
      });
  }
  return sections;
}

/** What the plan page shows. */
export function presentPlan(record: PlanRecord, today: string) {
  const names = namesOf(record);
  const plan = record.plan;
  const overdueActions = record.actions.filter((a) => actionOverdue(a, today)).length;
  return {
    family: record.family,
    links: planLinks(record.family.id),
    plan: plan
      ? {
          agreedOn: plan.agreedOn,
          agreedWith: plan.agreedWith.map((id) => names.get(id)).filter((n): n is string => Boolean(n)),
          reviewEveryWeeks: plan.reviewEveryWeeks,
          nextReviewOn: plan.nextReviewOn,
          reviewOverdue: reviewOverdue(plan.nextReviewOn, today),
        }
      : undefined,
    sections: goalSections(record, today),
    goalCount: record.goals.length,
    otherActions: record.actions
      .filter((a) => !a.goalId)
      .map((a) => presentAction(a, names, today, record.family.id)),
    overdueActions,
    reviews: [...record.reviews].reverse().map((r) => ({
      heldOn: r.heldOn,
      decisions: r.decisions,
      nextReviewOn: r.nextReviewOn,
      recordedBy: r.recordedBy,
      goalsScored: r.progress.length,
    })),
  };
}

const plainActionStatus: Record<ActionStatus, string> = {
  not_started: 'Not started yet',
  in_progress: 'Started',
  done: 'Done',
  no_longer_needed: 'No longer needed',
};

/**
 * The family's own printed copy: plain words, no worker's wording, no
 * internal notes. A member whose support is confidential has their goals and
 * actions left out, unless the copy is for that member.
 */
export function presentPrintCopy(record: PlanRecord, today: string, forPersonId: string | undefined) {
  const names = namesOf(record);
  const hidden = new Set(
    record.members.filter((m) => m.privateGoals && m.personId !== forPersonId).map((m) => m.personId),
  );
  const goals = record.goals.filter((g) => !g.personId || !hidden.has(g.personId));
  const keptGoalIds = new Set(goals.map((g) => g.id));
  const forMember = record.members.find((m) => m.personId === forPersonId);
  const sections = goalSections(record, today, goals).map((section) => ({
    ...section,
    goals: section.goals.map((g) => ({
      number: g.number,
      familyWords: g.familyWords,
      status: g.status,
      latest: g.latest ? { score: g.latest.score, heldOn: g.latest.heldOn } : undefined,
      actions: g.actions.map((a) => ({ ...a, status: a.status })),
    })),
  }));
  const actions = record.actions.filter(
    (a) =>
      (!a.goalId || keptGoalIds.has(a.goalId)) &&
      !(a.ownerPersonId && hidden.has(a.ownerPersonId)) &&
      a.status !== 'no_longer_needed',
  );
  return {
    family: record.family,
    links: planLinks(record.family.id),
    forName: forMember ? memberName(forMember) : undefined,
    copyChoices: [
      { value: '', text: 'The whole family', selected: !forMember },
      ...record.members.map((m) => ({
        value: m.personId,
        text: memberName(m),
        selected: m.personId === forPersonId,
      })),
    ],
    agreedOn: record.plan?.agreedOn ?? null,
    agreedWith: (record.plan?.agreedWith ?? [])
      .filter((id) => !hidden.has(id))
      .map((id) => names.get(id))
      .filter((n): n is string => Boolean(n)),
    nextReviewOn: record.plan?.nextReviewOn ?? null,
    sections: sections.filter((s) => s.goals.length > 0),
    actions: actions.map((a) => ({
      what: a.what,
      who:
        a.ownerKind === 'member'
          ? (names.get(a.ownerPersonId ?? '') ?? 'A family member')
          : (a.ownerName ?? ''),
      dueOn: a.dueOn,
      status: plainActionStatus[a.status],
    })),
    printedOn: today,
  };
}
