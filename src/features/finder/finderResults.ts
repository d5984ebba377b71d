// What the finder's results page shows for one search: the results, the
// paging, and the narrowing form filled in again with the search's choices.
import type { FieldErrors } from '../../platform/http/forms.ts';
import { errorList } from '../../platform/http/forms.ts';
import { audiences, deliveryMethods, supportKinds, type Term } from '../directory/vocabulary.ts';
import { presentResult } from './finderPresenter.ts';
import { type Search, type SearchForm, searchFieldOrder } from './searchForm.ts';
import { anywhereLimit, pageSize, type ResultRow } from './searchRepository.ts';

/** One search's answer, as the route found it. */
export interface FoundResults {
  form: SearchForm;
  search: Search;
  /** Narrowing choices that were dropped, and why. */
  errors: FieldErrors;
  /** The postcode, or the area's name. */
  placeName: string;
  local: ResultRow[];
  anywhere: ResultRow[];
}

const checkboxItems = (terms: readonly Term[], chosen: readonly string[]) =>
  terms.map((t) => ({
    value: t.code,
    text: t.label,
    hint: t.description ? { text: t.description } : undefined,
    checked: chosen.includes(t.code),
  }));

/** The search carried in hidden fields by the narrowing, sorting and page forms. */
function hiddenFields(form: SearchForm, search: Search, withFilters: boolean) {
  const list: { name: string; value: string }[] = [];
  if (search.where.kind === 'postcode') list.push({ name: 'postcode', value: search.where.postcode.value });
  else list.push({ name: 'area', value: form.area });
  if (withFilters) {
    for (const value of search.audiences) list.push({ name: 'audiences', value });
    for (const value of search.supportKinds) list.push({ name: 'supportKinds', value });
    for (const value of search.delivery) list.push({ name: 'delivery', value });
    list.push({ name: 'sort', value: search.sort });
  }
  return list;
}

/** The results page's template values. */
export function resultsContext({ form, search, errors, placeName, local, anywhere }: FoundResults) {
  const total = Number(local[0]?.total ?? 0);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const anywhereTotal = Number(anywhere[0]?.total ?? 0);
  const byPostcode = search.where.kind === 'postcode';
  return {
    pageTitle: 'Search results',
    errors,
    errorList: errorList(errors, searchFieldOrder),
    placeName,
    byPostcode,
    local: local.map(presentResult),
    total,
    page: search.page,
    pages,
    first: (search.page - 1) * pageSize + 1,
    beyondEnd: total === 0 && search.page > 1,
    anywhere: anywhere.map(presentResult),
    anywhereMore: Math.max(0, anywhereTotal - anywhereLimit),
    showAnywhere: search.page === 1,
    where: hiddenFields(form, search, false),
    carried: hiddenFields(form, search, true),
    audienceItems: checkboxItems(audiences, search.audiences),
    kindItems: checkboxItems(supportKinds, search.supportKinds),
    deliveryItems: checkboxItems(deliveryMethods, search.delivery),
    sortItems: [
      ...(byPostcode
        ? [{ value: 'distance', text: 'Nearest first', checked: search.sort === 'distance' }]
        : []),
      { value: 'soonest', text: 'Soonest available first', checked: search.sort === 'soonest' },
      ...(byPostcode ? [] : [{ value: 'name', text: 'By name, A to Z', checked: search.sort === 'name' }]),
    ],
    narrowed: search.audiences.length + search.supportKinds.length + search.delivery.length > 0,
  };
}
