// The signed-in home page's body, written in TypeScript like the other busiest pages
// (docs/architecture.md, "Pages"). home.njk is the frame around it.
import type { SessionUser } from '../../platform/auth/sessionStore.ts';
import { govukNotificationBanner } from '../../platform/views/govukMarkup.ts';
import { type Html, html } from '../../platform/views/html.ts';
import { formatDate, formatDateTime } from '../../platform/views/views.ts';
import type { NoticeView } from '../breakGlass/noticeRepository.ts';
import type { presentMyWork } from '../caseload/myWorkPresenter.ts';
import type { presentOverdue } from './overduePresenter.ts';

export interface HomeView {
  openFamilies: number | undefined;
  overdue: ReturnType<typeof presentOverdue> | undefined;
  myWork: ReturnType<typeof presentMyWork> | undefined;
  isTeamLead: boolean;
  longWaits: { over3Weeks: number; over6Weeks: number } | undefined;
  referralsWaiting: { new: number; waiting: number; accepted: number } | undefined;
  notices: NoticeView[];
  canBreakGlass: boolean;
  sections: { href: string; text: string; description: string | undefined }[];
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/** The organisation's unread notices, each with its form to mark it read. */
function notices(view: HomeView, csrfToken: string): Html | '' {
  if (!view.notices.length) return '';
  return govukNotificationBanner(
    'Important',
    html`<p class="govuk-notification-banner__heading">Notices for your organisation</p>
<ul class="govuk-list">
${view.notices.map(
  (n) => html`<li class="hearth-notice">
<p class="govuk-body govuk-!-margin-bottom-1">${n.message}</p>
<p class="govuk-body-s govuk-!-margin-bottom-1">${formatDateTime(n.createdAt)}</p>
<form method="post" action="/notices/${n.id}/read">
<input type="hidden" name="_csrf" value="${csrfToken}">
<button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-2" data-module="govuk-button">Mark as read<span class="govuk-visually-hidden">: ${n.message}</span></button>
</form>
</li>
`,
)}</ul>`,
  );
}

function longWaits(view: HomeView): Html | '' {
  const waits = view.longWaits;
  if (!waits) return '';
  return html`<div class="govuk-inset-text" id="long-waits">
<p class="govuk-body govuk-!-margin-bottom-1"><strong>Waiting over 3 weeks: ${waits.over3Weeks}, over 6 weeks: ${waits.over6Weeks}</strong></p>
<p class="govuk-body-s govuk-!-margin-bottom-0">Referrals to your organisation still waiting for support. <a class="govuk-link" href="/practice/waiting-times">See waiting times</a></p>
</div>
`;
}

function openFamilies(view: HomeView, user: SessionUser): Html | '' {
  const count = view.openFamilies;
  if (count === undefined) return '';
  return html`<div class="govuk-grid-row">
<div class="govuk-grid-column-one-third">
<p class="govuk-body"><span class="hearth-figure">${count}</span> open ${plural(count, 'family', 'families')} at ${user.organisationName}</p>
${view.canBreakGlass ? html`<p class="govuk-body-s">Need to see a family to protect someone? <a class="govuk-link" href="/practice/break-glass">Ask for emergency access</a></p>` : ''}
</div>
</div>
`;
}

function overdue(view: HomeView): Html | '' {
  const list = view.overdue;
  if (!list) return '';
  const body = list.items.length
    ? html`<p class="govuk-body">${view.isTeamLead ? 'Plan actions and reviews past their date in your organisation’s families.' : 'Your plan actions past their date, and reviews due for families where you are a named worker or the lead professional.'}</p>
<ul class="govuk-list hearth-overdue-list" aria-labelledby="overdue">
${list.items.map(
  (item) => html`<li class="govuk-!-margin-bottom-3">
<a class="govuk-link" href="${item.href}">${item.text}</a><br>
<span class="govuk-body-s">${item.family}${item.owner ? html` · for ${item.owner}` : ''} · due ${formatDate(item.dueOn)}, <strong>${item.overdueFor} overdue</strong></span>
</li>
`,
)}</ul>
${list.more ? html`<p class="govuk-body-s">Showing the ${list.items.length} longest overdue.</p>` : ''}
`
    : html`<p class="govuk-body">Nothing is overdue.</p>
`;
  return html`<div class="govuk-grid-row">
<div class="govuk-grid-column-two-thirds">
<h2 class="govuk-heading-m" id="overdue">Overdue</h2>
${body}</div>
</div>
`;
}

function myWork(view: HomeView): Html | '' {
  const work = view.myWork;
  if (!work) return '';
  const { totals } = work;
  const table = work.members.length
    ? html`<table class="govuk-table">
<caption class="govuk-table__caption govuk-table__caption--s">Due a contact${work.more ? ', longest waiting first' : ''}</caption>
<thead class="govuk-table__head"><tr class="govuk-table__row">
<th scope="col" class="govuk-table__header">Member</th>
<th scope="col" class="govuk-table__header">Family</th>
<th scope="col" class="govuk-table__header">Last contact</th>
</tr></thead>
<tbody class="govuk-table__body">
${work.members.map(
  (m) => html`<tr class="govuk-table__row">
<td class="govuk-table__cell">${m.name}<br><span class="govuk-body-s">${m.support}</span></td>
<td class="govuk-table__cell"><a class="govuk-link" href="${m.href}">${m.family}</a></td>
<td class="govuk-table__cell">${m.lastContactOn ? formatDate(m.lastContactOn) : 'None yet'}</td>
</tr>
`,
)}</tbody>
</table>
`
    : '';
  const members = totals.members
    ? html`<p class="govuk-body">You support ${totals.members} ${plural(totals.members, 'member', 'members')} in ${totals.families} ${plural(totals.families, 'family', 'families')}. ${totals.due ? html`${totals.due} ${plural(totals.due, 'is', 'are')} due a contact: none yet, or none for four weeks.` : 'Nobody is due a contact.'}</p>
${table}<p class="govuk-body"><a class="govuk-link" href="/practice/caseload">All your members and your caseload</a></p>
`
    : html`<p class="govuk-body">No members are allocated to you. <a class="govuk-link" href="/practice/caseload">Caseloads</a></p>
`;
  const groups = work.groups.length
    ? html`<ul class="govuk-list" aria-labelledby="todays-groups">
${work.groups.map(
  (g) =>
    html`<li>${g.href ? html`<a class="govuk-link" href="${g.href}">${g.name}</a>` : html`${g.name}, ${g.organisationName}`}<br><span class="govuk-body-s">${g.meets}, ${g.location}</span></li>
`,
)}</ul>
`
    : html`<p class="govuk-body">No groups meet today.</p>
`;
  return html`<div class="govuk-grid-row">
<div class="govuk-grid-column-two-thirds">
<h2 class="govuk-heading-m" id="my-work">My work</h2>
${members}</div>
<div class="govuk-grid-column-one-third">
<h2 class="govuk-heading-m" id="todays-groups">Today’s groups</h2>
${groups}</div>
</div>
`;
}

function referralsWaiting(view: HomeView): Html | '' {
  const waiting = view.referralsWaiting;
  if (!waiting) return '';
  const total = waiting.new + waiting.waiting + waiting.accepted;
  const body = total
    ? html`<ul class="govuk-list" aria-labelledby="referrals-waiting">
${waiting.new ? html`<li><a class="govuk-link" href="/practice/referrals?status=new">${waiting.new} new ${plural(waiting.new, 'referral', 'referrals')} to decide</a></li>` : ''}
${waiting.waiting ? html`<li><a class="govuk-link" href="/practice/referrals?status=waiting">${waiting.waiting} on the waiting list</a></li>` : ''}
${waiting.accepted ? html`<li><a class="govuk-link" href="/practice/referrals?status=accepted">${waiting.accepted} accepted, support not yet started</a></li>` : ''}
</ul>
`
    : html`<p class="govuk-body">No referrals are waiting in your organisation’s inbox. <a class="govuk-link" href="/practice/referrals">Open the referrals inbox</a></p>
`;
  return html`<div class="govuk-grid-row">
<div class="govuk-grid-column-two-thirds">
<h2 class="govuk-heading-m" id="referrals-waiting">Referrals waiting</h2>
${body}</div>
</div>
`;
}

/** The page's content, inside the layout's main element; the notices' forms carry the page's CSRF token. */
export function homeBody(view: HomeView, user: SessionUser, csrfToken: string): string {
  return html`<h1 class="govuk-heading-l">Hello, ${user.displayName}</h1>
${notices(view, csrfToken)}
${longWaits(view)}${openFamilies(view, user)}${overdue(view)}${myWork(view)}${referralsWaiting(view)}<div class="govuk-grid-row">
${view.sections.map(
  (section) => html`<div class="govuk-grid-column-one-third">
<h2 class="govuk-heading-m"><a class="govuk-link" href="${section.href}">${section.text}</a></h2>
<p class="govuk-body">${section.description}</p>
</div>
`,
)}</div>
`.text;
}
