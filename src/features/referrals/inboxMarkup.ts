// The referrals inbox's body, written in TypeScript: up to 200 rows and the filter's
// GOV.UK selects cost more through the template than the rest of the request
// (bench/RESULTS.md). inbox.njk is the frame around it.
import { govukButton, govukSelect, type SelectParams } from '../../platform/views/govukMarkup.ts';
import { html } from '../../platform/views/html.ts';
import { type ReferralTableRow, referralTable } from './referralTable.ts';

export interface InboxView {
  status: string;
  statusLabel: string;
  tabs: { text: string; count: number; href: string; current: boolean }[];
  serviceItems: SelectParams['items'];
  urgencyItems: SelectParams['items'];
  rows: ReferralTableRow[];
}

/** The page's content, inside the layout's main element. */
export function inboxBody(view: InboxView): string {
  const count = view.rows.length;
  return html`<h1 class="govuk-heading-l">Referrals to your services</h1>
<p class="govuk-body"><a class="govuk-link" href="/practice/referrals/made">Referrals your organisation made</a></p>
<nav aria-label="Referrals by status">
<ul class="govuk-list hearth-family-sections__list">
${view.tabs.map(
  (t) =>
    html`<li>${
      t.current
        ? html`<a class="govuk-link govuk-!-font-weight-bold" href="${t.href}" aria-current="page">${t.text} (${t.count})</a>`
        : html`<a class="govuk-link" href="${t.href}">${t.text} (${t.count})</a>`
    }</li>
`,
)}</ul>
</nav>
<form method="get" action="/practice/referrals" novalidate class="govuk-!-margin-bottom-6">
<input type="hidden" name="status" value="${view.status}">
<div class="govuk-grid-row">
<div class="govuk-grid-column-one-third">${govukSelect({ id: 'service', name: 'service', label: { text: 'Service' }, items: view.serviceItems })}</div>
<div class="govuk-grid-column-one-third">${govukSelect({ id: 'urgency', name: 'urgency', label: { text: 'Urgency' }, items: view.urgencyItems })}</div>
</div>
${govukButton('Filter', 'govuk-button--secondary')}
</form>
<h2 class="govuk-heading-m">${view.statusLabel}: ${count} ${count === 1 ? 'referral' : 'referrals'}</h2>
${count ? referralTable(view.rows, 'From') : html`<p class="govuk-body">No referrals here.</p>`}
`.text;
}
