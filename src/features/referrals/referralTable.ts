// The table of referrals on the inbox and on the referrals made, written in
// TypeScript: up to 200 rows, where the template's loop cost more than the rest
// of the page (bench/RESULTS.md). Tags are written as the GOV.UK tag macro
// writes them; referralListTable.test.ts compares them with the macro's own.
import { govukTag } from '../../platform/views/govukMarkup.ts';
import { type Html, html } from '../../platform/views/html.ts';
import type { presentListRow } from './referralPresenter.ts';

export type ReferralTableRow = ReturnType<typeof presentListRow>;

function fromCell(r: ReferralTableRow): Html {
  if (r.selfReferral) return govukTag('Self-referral', 'govuk-tag--pink');
  if (r.origin === 'Referral') return html`${r.organisation}`;
  return html`${r.organisation}<br><span class="govuk-body-s">${r.origin}${r.passedOnFrom ? html` from ${r.passedOnFrom}` : ''}</span>`;
}

function waitCell(r: ReferralTableRow): Html {
  if (!r.wait) return html``;
  return html`${r.wait.text}${r.wait.flag ? html`<br>${govukTag(r.wait.flag.text, r.wait.flag.classes)}` : ''}`;
}

function row(r: ReferralTableRow): Html {
  return html`<tr class="govuk-table__row">
<td class="govuk-table__cell"><a class="govuk-link" href="${r.href}">${r.reference}</a>${r.urgent ? html` ${govukTag('Urgent', 'govuk-tag--red')}` : ''}</td>
<td class="govuk-table__cell">${r.service}</td>
<td class="govuk-table__cell">${fromCell(r)}</td>
<td class="govuk-table__cell">${r.received}</td>
<td class="govuk-table__cell">${waitCell(r)}</td>
<td class="govuk-table__cell">${govukTag(r.status.text, r.status.classes)}${r.decidedApart.map((d) => html`<br><span class="govuk-body-s">${d}</span>`)}</td>
</tr>
`;
}

/** The table's markup; `otherSide` heads the organisation column ("From" or "To"). */
export function referralTable(rows: readonly ReferralTableRow[], otherSide: string): Html {
  return html`<table class="govuk-table">
<thead class="govuk-table__head">
<tr class="govuk-table__row">
<th scope="col" class="govuk-table__header">Reference</th>
<th scope="col" class="govuk-table__header">Service</th>
<th scope="col" class="govuk-table__header">${otherSide}</th>
<th scope="col" class="govuk-table__header">Received</th>
<th scope="col" class="govuk-table__header">Waiting</th>
<th scope="col" class="govuk-table__header">Status</th>
</tr>
</thead>
<tbody class="govuk-table__body">
${rows.map(row)}</tbody>
</table>`;
}
