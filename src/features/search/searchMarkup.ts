// The family search page's body, written in TypeScript: the GOV.UK form macros and the
// loop over results cost more than the search itself (bench/RESULTS.md).
// search.njk is the frame around it.
import { govukButton, govukDateInput, govukInput, govukTag } from '../../platform/views/govukMarkup.ts';
import { type Html, html } from '../../platform/views/html.ts';
import type { presentSearch } from './searchPresenter.ts';

export type SearchView = ReturnType<typeof presentSearch>;
export type SearchErrors = Partial<Record<'name' | 'dateOfBirth' | 'postcode' | 'reference', string>>;

const errorOf = (text: string | undefined) => (text ? { text } : undefined);

function searchForm(view: SearchView, errors: SearchErrors): Html {
  const { form } = view;
  const dateClasses = (width: string) =>
    `govuk-input--width-${width}${errors.dateOfBirth ? ' govuk-input--error' : ''}`;
  return html`<form method="get" action="/practice/search" role="search" aria-label="Find a family" novalidate>
<p class="govuk-body">Search by any member of the family. Fill in as much as you know: results must match everything you enter.</p>
${govukInput({
  id: 'name',
  name: 'name',
  label: { text: 'Name', classes: 'govuk-label--s' },
  hint: { text: 'First name, surname or both. Spelling does not need to be exact.' },
  value: form.name,
  autocomplete: 'off',
  spellcheck: false,
  errorMessage: errorOf(errors.name),
})}
${govukDateInput({
  id: 'dateOfBirth',
  namePrefix: 'dateOfBirth',
  fieldset: { legend: { text: 'Date of birth', classes: 'govuk-fieldset__legend--s' } },
  hint: { text: 'For example, 27 3 2010' },
  items: [
    { name: 'day', label: 'Day', classes: dateClasses('2'), value: form.dateOfBirth.day },
    { name: 'month', label: 'Month', classes: dateClasses('2'), value: form.dateOfBirth.month },
    { name: 'year', label: 'Year', classes: dateClasses('4'), value: form.dateOfBirth.year },
  ],
  errorMessage: errorOf(errors.dateOfBirth),
})}
${govukInput({
  id: 'postcode',
  name: 'postcode',
  label: { text: 'Postcode', classes: 'govuk-label--s' },
  value: form.postcode,
  autocomplete: 'off',
  spellcheck: false,
  classes: 'govuk-input--width-10',
  errorMessage: errorOf(errors.postcode),
})}
${govukInput({
  id: 'reference',
  name: 'reference',
  label: { text: 'Family reference', classes: 'govuk-label--s' },
  hint: { text: 'For example, GL-0012' },
  value: form.reference,
  autocomplete: 'off',
  spellcheck: false,
  classes: 'govuk-input--width-10',
  errorMessage: errorOf(errors.reference),
})}
${govukButton('Search')}
</form>
`;
}

function results(view: SearchView): Html {
  if (!view.searched) return html``;
  const list = view.results.length
    ? html`<ul class="govuk-list hearth-search-results" aria-labelledby="results-heading">
${view.results.map(
  (family) => html`<li class="govuk-!-margin-bottom-6">
<h3 class="govuk-heading-s govuk-!-margin-bottom-1"><a class="govuk-link" href="${family.href}">${family.name}</a></h3>
<p class="govuk-body-s govuk-!-margin-bottom-1">${family.reference} · ${family.locality}${family.closed ? html` · ${govukTag('Closed', 'govuk-tag--grey')}` : ''}</p>
<ul class="govuk-list govuk-list--bullet govuk-body-s">
${family.matches.map(
  (member) => html`<li>${member.name}, ${member.born}${member.left ? ' (has left this family)' : ''}</li>
`,
)}</ul>
</li>
`,
)}</ul>
`
    : html`<p class="govuk-body">Check the spelling, or search by another member, a date of birth or a postcode. You only see families your organisation is on the team for, and members who have agreed to share their information with you.</p>
`;
  return html`<h2 class="govuk-heading-m" id="results-heading">Results</h2>
<p class="govuk-body" id="results-summary">${view.summary}</p>
${list}`;
}

/** The page's content, inside the layout's main element. */
export function searchBody(view: SearchView, errors: SearchErrors = {}): string {
  return html`<h1 class="govuk-heading-l">Find a family</h1>
<div class="govuk-grid-row">
<div class="govuk-grid-column-one-third">
${searchForm(view, errors)}</div>
<div class="govuk-grid-column-two-thirds">
${results(view)}</div>
</div>
`.text;
}
