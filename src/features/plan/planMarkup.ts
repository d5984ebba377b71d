// The family plan page's body, written in TypeScript: goals with their progress
// charts and action tables, where the template's macros cost more than reading
// the plan (bench/RESULTS.md). plan.njk is the frame around it.
import { govukButtonLink, govukSuccessBanner, govukTag } from '../../platform/views/govukMarkup.ts';
import { type Html, html } from '../../platform/views/html.ts';
import { formatDate } from '../../platform/views/views.ts';
import type { presentPlan } from './planPresenter.ts';

export type PlanView = ReturnType<typeof presentPlan>;
type GoalView = PlanView['sections'][number]['goals'][number];
type ActionView = PlanView['otherActions'][number];

const savedText: Record<string, string> = {
  agreed: 'The family’s agreement is recorded',
  goal: 'Goal saved',
  action: 'Action saved',
  review: 'Review recorded',
};

const overdueTag = () => govukTag('Overdue', 'govuk-tag--red');

/** A goal's progress over time: a small chart drawn here, and the same figures as a table beside it. */
function goalProgress(goal: GoalView): Html {
  const c = goal.chart;
  if (!c)
    return html`<p class="govuk-body-s">No progress recorded yet: progress is scored at each review.</p>`;
  return html`<div class="govuk-grid-row">
<div class="govuk-grid-column-one-half">
<svg class="hearth-progress-chart" role="img" aria-labelledby="chart-${goal.id}-title chart-${goal.id}-desc" viewBox="0 0 ${c.width} ${c.height}" width="${c.width}" height="${c.height}" focusable="false">
<title id="chart-${goal.id}-title">Progress on goal ${goal.number}, out of 10</title>
<desc id="chart-${goal.id}-desc">${goal.chartDescription}</desc>
${c.gridlines.map(
  (
    g,
  ) => html`<line x1="${c.plot.left}" x2="${c.plot.right}" y1="${g.y}" y2="${g.y}" stroke="#b1b4b6" stroke-width="1"></line>
<text x="${c.plot.left - 6}" y="${g.y + 5}" text-anchor="end" font-size="14" fill="#0b0c0c">${g.score}</text>
`,
)}${c.line ? html`<polyline points="${c.line}" fill="none" stroke="#1d70b8" stroke-width="3"></polyline>` : ''}
${c.points.map((p) => html`<circle cx="${p.x}" cy="${p.y}" r="5" fill="#1d70b8" stroke="#ffffff" stroke-width="2"></circle>`)}
${c.dateLabels.map(
  (d) =>
    html`<text x="${d.x}" y="${c.height - 8}" text-anchor="${d.anchor}" font-size="14" fill="#0b0c0c">${d.text}</text>`,
)}
</svg>
</div>
<div class="govuk-grid-column-one-half">
<table class="govuk-table govuk-!-font-size-16">
<caption class="govuk-table__caption govuk-table__caption--s">Progress on goal ${goal.number} at each review</caption>
<thead class="govuk-table__head"><tr class="govuk-table__row">
<th scope="col" class="govuk-table__header">Review</th>
<th scope="col" class="govuk-table__header govuk-table__header--numeric">Out of 10</th>
<th scope="col" class="govuk-table__header">Comment</th>
</tr></thead>
<tbody class="govuk-table__body">
${goal.progress.map(
  (p) => html`<tr class="govuk-table__row">
<td class="govuk-table__cell">${formatDate(p.heldOn)}</td>
<td class="govuk-table__cell govuk-table__cell--numeric">${p.score}</td>
<td class="govuk-table__cell">${p.comment || ''}</td>
</tr>
`,
)}</tbody>
</table>
</div>
</div>`;
}

/** A list of actions as a table, each with its Change link. */
function actionTable(actions: readonly ActionView[], caption: string): Html {
  return html`<table class="govuk-table govuk-!-font-size-16">
<caption class="govuk-table__caption govuk-table__caption--s">${caption}</caption>
<thead class="govuk-table__head"><tr class="govuk-table__row">
<th scope="col" class="govuk-table__header">What</th>
<th scope="col" class="govuk-table__header">Who</th>
<th scope="col" class="govuk-table__header">By when</th>
<th scope="col" class="govuk-table__header">Status</th>
<th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">Change</span></th>
</tr></thead>
<tbody class="govuk-table__body">
${actions.map(
  (a) => html`<tr class="govuk-table__row">
<td class="govuk-table__cell">${a.what}${a.fromMeeting ? html`<br><span class="govuk-hint govuk-!-font-size-14">Agreed at a team meeting</span>` : ''}</td>
<td class="govuk-table__cell">${a.who}</td>
<td class="govuk-table__cell">${formatDate(a.dueOn)}${a.overdue ? html` ${overdueTag()}` : ''}</td>
<td class="govuk-table__cell">${govukTag(a.status, a.statusTag)}</td>
<td class="govuk-table__cell"><a class="govuk-link" href="${a.editHref}">Change<span class="govuk-visually-hidden"> action: ${a.what}</span></a></td>
</tr>
`,
)}</tbody>
</table>`;
}

function goalCard(goal: GoalView, addAction: string): Html {
  return html`<div class="govuk-summary-card">
<div class="govuk-summary-card__title-wrapper">
<h4 class="govuk-summary-card__title">Goal ${goal.number} ${govukTag(goal.status, goal.statusTag)}</h4>
<ul class="govuk-summary-card__actions">
<li class="govuk-summary-card__action"><a class="govuk-link" href="${goal.editHref}">Change<span class="govuk-visually-hidden"> goal ${goal.number}</span></a></li>
<li class="govuk-summary-card__action"><a class="govuk-link" href="${addAction}?goal=${goal.id}">Add an action<span class="govuk-visually-hidden"> for goal ${goal.number}</span></a></li>
</ul>
</div>
<div class="govuk-summary-card__content">
<p class="govuk-body-l govuk-!-margin-bottom-2">“${goal.familyWords}”</p>
${goal.workerWords ? html`<p class="govuk-body-s"><strong>Worker’s wording:</strong> ${goal.workerWords}</p>` : ''}
${goalProgress(goal)}
${goal.actions.length ? actionTable(goal.actions, `Actions for goal ${goal.number}`) : ''}
</div>
</div>
`;
}

function agreement(view: PlanView): Html {
  const { plan, links } = view;
  const agreed = plan?.agreedOn ? plan : undefined;
  const summary = agreed
    ? html`<dl class="govuk-summary-list">
<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Agreed</dt>
<dd class="govuk-summary-list__value">${formatDate(agreed.agreedOn)}${agreed.agreedWith.length ? html`, with ${agreed.agreedWith.join(', ')}` : ''}</dd></div>
<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Reviewed every</dt>
<dd class="govuk-summary-list__value">${agreed.reviewEveryWeeks} weeks</dd></div>
<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Next review</dt>
<dd class="govuk-summary-list__value">${formatDate(agreed.nextReviewOn)}${agreed.reviewOverdue ? html` ${overdueTag()}` : ''}</dd></div>
</dl>
`
    : html`<p class="govuk-body">Not agreed with the family yet.</p>
`;
  return html`<h2 class="govuk-heading-m" id="agreement">Agreement and reviews</h2>
${summary}<div class="govuk-button-group">
${agreed && view.goalCount ? govukButtonLink('Hold a review', links.addReview) : ''}
${govukButtonLink(agreed ? 'Record a new agreement' : 'Record the family’s agreement', links.agree, 'govuk-button--secondary')}
</div>
<p class="govuk-body"><a class="govuk-link" href="${links.print}">Print the family’s copy</a> · <a class="govuk-link" href="${links.meetings}">Team meetings</a></p>
`;
}

function reviews(view: PlanView): Html {
  if (!view.reviews.length) return html`<p class="govuk-body">No reviews yet.</p>`;
  return html`<ol class="govuk-list">
${view.reviews.map(
  (r) => html`<li class="govuk-!-margin-bottom-4">
<h3 class="govuk-heading-s govuk-!-margin-bottom-1">Review on ${formatDate(r.heldOn)}</h3>
<p class="govuk-body-s govuk-!-margin-bottom-1">${r.goalsScored} ${r.goalsScored === 1 ? 'goal' : 'goals'} scored${r.recordedBy ? html` · recorded by ${r.recordedBy}` : ''} · next review ${formatDate(r.nextReviewOn)}</p>
${r.decisions ? html`<p class="govuk-body"><strong>Decisions:</strong> ${r.decisions}</p>` : ''}
</li>
`,
)}</ol>`;
}

/** The page's content, inside the layout's main element; `saved` names what was just saved, if anything. */
export function planBody(view: PlanView, saved: string | undefined): string {
  const { family, links, overdueActions } = view;
  const savedMessage = saved ? savedText[saved] : undefined;
  return html`${savedMessage ? govukSuccessBanner(savedMessage) : ''}
<span class="govuk-caption-l">${family.reference} · ${family.name}</span>
<h1 class="govuk-heading-l">Family plan</h1>
<p class="govuk-body">The family’s own goals, as a family and for each member, in their words, with who does what by when. Agree it with the family and review it together.</p>
<div class="govuk-grid-row">
<div class="govuk-grid-column-two-thirds">
${agreement(view)}</div>
</div>
<h2 class="govuk-heading-m" id="goals">Goals</h2>
<div class="govuk-button-group">
${govukButtonLink('Add a goal', links.addGoal, 'govuk-button--secondary')}
${govukButtonLink('Add an action', links.addAction, 'govuk-button--secondary')}
</div>
${overdueActions ? html`<p class="govuk-body">${overdueTag()} ${overdueActions} ${overdueActions === 1 ? 'action is' : 'actions are'} past the date agreed.</p>` : ''}
${view.sections.map(
  (section) => html`<h3 class="govuk-heading-m" id="${section.id}">${section.heading}</h3>
${section.goals.length ? section.goals.map((goal) => goalCard(goal, links.addAction)) : html`<p class="govuk-body">No goals of the whole family yet.</p>`}
`,
)}${
  view.otherActions.length
    ? html`<h3 class="govuk-heading-m" id="other-actions">Other actions</h3>
${actionTable(view.otherActions, 'Actions not linked to one goal')}
`
    : ''
}<h2 class="govuk-heading-m" id="reviews">Reviews</h2>
${reviews(view)}
`.text;
}
