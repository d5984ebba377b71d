// The finder's results page body, the busiest public page, written in TypeScript:
// through Nunjucks and the GOV.UK macros it took most of a search's time. The
// same elements, classes and attributes as govukCheckboxes, govukRadios and
// govukButton give; finderResultsPage.test.ts checks it is the page that
// resultsReference.njk makes with the macros, for any search. Change both together.
import { type Html, HtmlBuilder, HtmlBytes, html, KeptMarkup } from '../../platform/views/html.ts';
import type { resultsContext } from './finderResults.ts';
import { KeptPerService } from './keptPerService.ts';

export type ResultsContext = ReturnType<typeof resultsContext>;
type Item = ResultsContext['audienceItems'][number];
type Result = ResultsContext['local'][number];
type Hidden = ResultsContext['where'];

/** GOV.UK numbers the items of a group: the first takes the group's name, then name-2, name-3… */
const itemId = (name: string, i: number) => (i === 0 ? name : `${name}-${i + 1}`);

function checkbox(name: string, item: Item, i: number): Html {
  const id = itemId(name, i);
  const hint = item.hint
    ? html`<div id="${id}-item-hint" class="govuk-hint govuk-checkboxes__hint">${item.hint.text}</div>`
    : null;
  return html`<div class="govuk-checkboxes__item"><input class="govuk-checkboxes__input" id="${id}" name="${name}" type="checkbox" value="${item.value}"${item.checked ? html` checked` : null}${hint ? html` aria-describedby="${id}-item-hint"` : null}><label class="govuk-label govuk-checkboxes__label" for="${id}">${item.text}</label>${hint}</div>`;
}

// The narrowing form's groups and each service's card are the same for many searches: they are
// kept as bytes, by everything they show (see KeptMarkup), instead of being written every time.
const keptGroups = new KeptMarkup<HtmlBytes>(1000);

/** A checkbox group, kept by its items' choices and its error: its labels and hints are the vocabulary's, fixed while the app runs. */
function keptCheckboxes(name: string, legend: string, items: readonly Item[], error: string | undefined) {
  const key = `${name}\0${items.map((item) => `${item.value}${item.checked ? '+' : '-'}`).join()}\0${error ?? ''}`;
  return keptGroups.get(key, () => HtmlBytes.of(checkboxes(name, legend, items, error)));
}

function checkboxes(name: string, legend: string, items: readonly Item[], error: string | undefined): Html {
  return html`<div class="govuk-form-group${error ? ' govuk-form-group--error' : ''}"><fieldset class="govuk-fieldset"${error ? html` aria-describedby="${name}-error"` : null}><legend class="govuk-fieldset__legend govuk-fieldset__legend--s">${legend}</legend>${error ? html`<p id="${name}-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> ${error}</p>` : null}<div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">${items.map((item, i) => checkbox(name, item, i))}</div></fieldset></div>`;
}

function sortRadios(items: ResultsContext['sortItems']): Html {
  const radios = items.map((item, i) => {
    const id = itemId('sort', i);
    return html`<div class="govuk-radios__item"><input class="govuk-radios__input" id="${id}" name="sort" type="radio" value="${item.value}"${item.checked ? html` checked` : null}><label class="govuk-label govuk-radios__label" for="${id}">${item.text}</label></div>`;
  });
  return html`<div class="govuk-form-group"><fieldset class="govuk-fieldset"><legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Show</legend><div class="govuk-radios govuk-radios--small" data-module="govuk-radios">${radios}</div></fieldset></div>`;
}

const hiddenFields = (list: Hidden) =>
  list.map((h) => html`<input type="hidden" name="${h.name}" value="${h.value}">`);

const button = (text: string, classes = '') =>
  html`<button type="submit" class="govuk-button${classes ? ` ${classes}` : ''}" data-module="govuk-button">${text}</button>`;

/** Each service's card around its "Where" row (the one part that depends on the search), kept while it shows the same. */
const keptCards = new KeptPerService<Result, { head: HtmlBytes; tail: HtmlBytes }>(
  ['name', 'summary', 'forWhom', 'ages', 'kinds', 'delivery', 'wait'],
  (r) => ({
    head: HtmlBytes.of(
      html`<li class="finder-result"><h3 class="govuk-heading-s govuk-!-margin-bottom-1"><a class="govuk-link" href="/find-support/services/${r.id}">${r.name}</a></h3><p class="govuk-body govuk-!-margin-bottom-1">${r.summary}</p><dl class="govuk-body-s finder-facts">`,
    ),
    tail: HtmlBytes.of(
      html`${r.forWhom ? html`<div><dt>Who it is for:</dt> <dd>${r.forWhom}${r.ages ? html` (${r.ages})` : null}</dd></div>` : null}${r.kinds ? html`<div><dt>Kind of support:</dt> <dd>${r.kinds}</dd></div>` : null}${r.delivery ? html`<div><dt>How:</dt> <dd>${r.delivery}</dd></div>` : null}<div><dt>Wait:</dt> <dd>${r.wait}</dd></div></dl></li>`,
    ),
  }),
);

function addResults(page: HtmlBuilder, results: readonly Result[], showWhere: boolean): void {
  for (const r of results) {
    const { head, tail } = keptCards.get(r);
    page.add(head);
    if (showWhere) page.add(html`<div><dt>Where:</dt> <dd>${r.where}</dd></div>`);
    page.add(tail);
  }
}

function pageForm(c: ResultsContext, page: number, text: string): Html {
  return html`<form method="post" action="/find-support" class="finder-page-form">${hiddenFields(c.carried)}<input type="hidden" name="page" value="${page}">${button(text, 'govuk-button--secondary')}</form>`;
}

function addLocalResults(page: HtmlBuilder, c: ResultsContext): void {
  if (c.total) {
    const showing = c.pages > 1 ? html` Showing ${c.first} to ${c.first + c.local.length - 1}.` : null;
    const paging =
      c.pages > 1
        ? html`<nav class="finder-pages" aria-label="Results pages">${c.page > 1 ? pageForm(c, c.page - 1, 'Previous page') : null}<p class="govuk-body">Page ${c.page} of ${c.pages}</p>${c.page < c.pages ? pageForm(c, c.page + 1, 'Next page') : null}</nav>`
        : null;
    page.add(
      html`<p class="govuk-body finder-status" role="status">${c.total} ${c.total === 1 ? 'service' : 'services'} found${c.narrowed ? ' for your choices' : ''}.${showing}</p><ul class="govuk-list finder-results">`,
    );
    addResults(page, c.local, true);
    page.add(html`</ul>${paging}`);
    return;
  }
  if (c.beyondEnd) {
    page.add(
      html`<p class="govuk-body">There are no more results.</p><form method="post" action="/find-support">${hiddenFields(c.carried)}${button('Go to the first page', 'govuk-button--secondary')}</form>`,
    );
    return;
  }
  page.add(
    html`<p class="govuk-body finder-status" role="status">We did not find support ${c.byPostcode ? 'near you' : 'in this area'}${c.narrowed ? ' for your choices. Try choosing fewer options' : ''}.</p>`,
  );
}

function addAnywhereResults(page: HtmlBuilder, c: ResultsContext): void {
  if (!c.showAnywhere) return;
  page.add(
    html`<h2 class="govuk-heading-m">Support you can get anywhere</h2><p class="govuk-body">By phone or online, wherever you live.</p>`,
  );
  if (!c.anywhere.length) {
    page.add(html`<p class="govuk-body">None${c.narrowed ? ' for your choices' : ''}.</p>`);
    return;
  }
  page.add(html`<ul class="govuk-list finder-results">`);
  addResults(page, c.anywhere, false);
  page.add(
    html`</ul>${c.anywhereMore ? html`<p class="govuk-body">There are ${c.anywhereMore} more. Narrow your search to see them.</p>` : null}`,
  );
}

/** The page's content, as bytes: the heading, the narrowing form, the results and the pages. */
export function resultsBody(c: ResultsContext, page = new HtmlBuilder()): HtmlBuilder {
  page.add(
    html`<div class="govuk-grid-row"><div class="govuk-grid-column-full"><h1 class="govuk-heading-l">Support ${c.byPostcode ? 'near ' : 'in '}${c.placeName}</h1></div></div><div class="govuk-grid-row"><div class="govuk-grid-column-one-third finder-filters"><form method="post" action="/find-support" novalidate>${hiddenFields(c.where)}<h2 class="govuk-heading-m">Narrow your search</h2>`,
  );
  page.add(keptCheckboxes('audiences', 'Who are you?', c.audienceItems, c.errors.audiences));
  page.add(keptCheckboxes('supportKinds', 'Kind of support', c.kindItems, c.errors.supportKinds));
  page.add(keptCheckboxes('delivery', 'How would you like support?', c.deliveryItems, c.errors.delivery));
  page.add(
    html`${sortRadios(c.sortItems)}${button('Update results')}</form></div><div class="govuk-grid-column-two-thirds"><h2 class="govuk-heading-m">${c.byPostcode ? 'Near you' : 'In your area'}</h2>`,
  );
  addLocalResults(page, c);
  addAnywhereResults(page, c);
  return page.add(html`</div></div>`);
}
