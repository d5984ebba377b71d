// The finder's search: a postcode or an area, then who you are, the kind of
// support and how it is given, a sort order and a page. Everything comes
// from POSTed forms, so none of it is ever in a URL.
import { type FieldErrors, field, fields } from '../../platform/http/forms.ts';
import { audiences, deliveryMethods, supportKinds, type Term } from '../directory/vocabulary.ts';
import { type Postcode, parsePostcode } from './postcodes.ts';

export const sorts = ['distance', 'soonest', 'name'] as const;
export type Sort = (typeof sorts)[number];

export type Where =
  | { kind: 'postcode'; postcode: Postcode }
  | { kind: 'partnership'; id: string }
  | { kind: 'locality'; id: string };

export interface Search {
  where: Where;
  audiences: string[];
  supportKinds: string[];
  delivery: string[];
  sort: Sort;
  page: number;
}

/** What was typed or chosen, as text, to fill the forms again. */
export interface SearchForm {
  postcode: string;
  area: string;
  audiences: string[];
  supportKinds: string[];
  delivery: string[];
  sort: string;
  page: string;
  /** Repeated fields that came with absurdly many values. */
  tooLong: string[];
}

export const searchFieldOrder = ['postcode', 'area', 'audiences', 'supportKinds', 'delivery'] as const;

/** Longer than any postcode or area choice: anything longer is cut before it is shown again. */
const maxFieldLength = 60;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const maxPage = 250;

export function parseSearchForm(body: unknown): SearchForm {
  const cut = (values: string[]) => values.slice(0, 50).map((v) => v.slice(0, maxFieldLength));
  return {
    postcode: field(body, 'postcode').slice(0, 200),
    area: field(body, 'area').slice(0, 200),
    audiences: cut(fields(body, 'audiences')),
    supportKinds: cut(fields(body, 'supportKinds')),
    delivery: cut(fields(body, 'delivery')),
    sort: field(body, 'sort').slice(0, maxFieldLength),
    page: field(body, 'page').slice(0, maxFieldLength),
    tooLong: ['audiences', 'supportKinds', 'delivery'].filter((name) => fields(body, name).length > 50),
  };
}

function checkCodes(
  chosen: string[],
  terms: readonly Term[],
  name: string,
  message: string,
  errors: FieldErrors,
): string[] {
  const unique = [...new Set(chosen)];
  if (unique.length > terms.length || !unique.every((code) => terms.some((t) => t.code === code))) {
    errors[name] = message;
    return unique.filter((code) => terms.some((t) => t.code === code));
  }
  return unique;
}

export type CheckedSearch =
  | { ok: true; search: Search; errors: FieldErrors }
  | { ok: false; errors: FieldErrors; byArea: boolean };

/**
 * Checks a search. A bad postcode or area stops it (`ok: false`); bad
 * narrowing choices are dropped and explained, and the search still runs.
 */
export function checkSearchForm(form: SearchForm): CheckedSearch {
  const errors: FieldErrors = {};
  let where: Where | undefined;
  if (form.area) {
    const [kind, id] = form.area.split(':');
    if ((kind === 'partnership' || kind === 'locality') && id && uuid.test(id)) where = { kind, id };
    else errors.area = 'Choose an area from the list';
  } else if (form.postcode) {
    if (form.postcode.length > 20) errors.postcode = 'A postcode is 8 characters or fewer, like GM4 2LT';
    else {
      const postcode = parsePostcode(form.postcode);
      if (postcode) where = { kind: 'postcode', postcode };
      else errors.postcode = 'Enter a full postcode, like GM4 2LT';
    }
  } else errors.postcode = 'Enter a postcode, or choose an area instead';
  if (!where) return { ok: false, errors, byArea: Boolean(form.area) };

  const tooMany = (name: string) => form.tooLong.includes(name);
  const chosenAudiences = checkCodes(
    tooMany('audiences') ? [...form.audiences, '?'] : form.audiences,
    audiences,
    'audiences',
    'Choose who you are from the list',
    errors,
  );
  const chosenKinds = checkCodes(
    tooMany('supportKinds') ? [...form.supportKinds, '?'] : form.supportKinds,
    supportKinds,
    'supportKinds',
    'Choose the kind of support from the list',
    errors,
  );
  const chosenDelivery = checkCodes(
    tooMany('delivery') ? [...form.delivery, '?'] : form.delivery,
    deliveryMethods,
    'delivery',
    'Choose how you would like support from the list',
    errors,
  );
  const byPoint = where.kind === 'postcode';
  let sort: Sort = byPoint ? 'distance' : 'name';
  if ((sorts as readonly string[]).includes(form.sort) && (byPoint || form.sort !== 'distance'))
    sort = form.sort as Sort;
  const page = /^\d{1,4}$/.test(form.page) ? Math.min(Math.max(Number(form.page), 1), maxPage) : 1;
  return {
    ok: true,
    search: {
      where,
      audiences: chosenAudiences,
      supportKinds: chosenKinds,
      delivery: chosenDelivery,
      sort,
      page,
    },
    errors,
  };
}
