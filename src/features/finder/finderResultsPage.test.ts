// The results page writes its GOV.UK markup out instead of calling the macros
// (pages/results.njk): it must give the same page as the macros do
// (resultsReference.njk), for any search, and escape whatever it shows.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTemplateEnvironment } from '../../platform/views/views.ts';
import { audiences, deliveryMethods, supportKinds } from '../directory/vocabulary.ts';
import { exitUrl, renderResultsPage } from './finderRender.ts';
import { type FoundResults, resultsContext } from './finderResults.ts';
import { parsePostcode } from './postcodes.ts';
import type { ResultsContext } from './resultsMarkup.ts';
import { type Search, type SearchForm, sorts } from './searchForm.ts';
import type { ResultRow } from './searchRepository.ts';

const env = createTemplateEnvironment();
const withMacros = (context: Record<string, unknown>) =>
  env.render('features/finder/resultsReference.njk', { exitUrl, ...context });
const written = (context: ResultsContext) => renderResultsPage(context).toString();

/** The page as a browser reads it: runs of white space are one, and none next to a tag counts. */
const normalise = (html: string) =>
  html
    .replace(/\s+/g, ' ')
    .replace(/\s*(<[^>]+>)\s*/g, '$1')
    .trim();

const hostile = `<script>alert("x")</script> & 'quoted' "double"`;

function row(i: number, overrides: Partial<ResultRow> = {}): ResultRow {
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    name: `Service ${i}`,
    summary: `What service ${i} offers`,
    audiences: ['grandparent', 'parent'],
    support_kinds: ['group'],
    delivery: ['in_person', 'phone'],
    minimum_age: i % 2 ? 18 : null,
    maximum_age: null,
    wait_weeks: i % 5,
    wait_updated_on: i % 3 ? '2026-11-04' : null,
    location_name: i % 4 ? `Hall ${i}` : null,
    city: i % 4 ? 'Dunmore' : null,
    miles: i % 4 ? i / 3 : null,
    total: 45,
    ...overrides,
  };
}

function found(
  overrides: Omit<Partial<FoundResults>, 'search'> & { search?: Partial<Search> } = {},
): FoundResults {
  const postcode = parsePostcode('GM4 2LT');
  if (!postcode) throw new Error('a good postcode');
  const search: Search = {
    where: { kind: 'postcode', postcode },
    audiences: [],
    supportKinds: [],
    delivery: [],
    sort: 'distance',
    page: 1,
    ...overrides.search,
  };
  const form: SearchForm = {
    postcode: 'GM4 2LT',
    area: '',
    audiences: search.audiences,
    supportKinds: search.supportKinds,
    delivery: search.delivery,
    sort: search.sort,
    page: String(search.page),
    tooLong: [],
  };
  return {
    form,
    errors: {},
    placeName: 'GM4 2LT',
    local: Array.from({ length: 20 }, (_, i) => row(i)),
    anywhere: [row(100, { location_name: null, city: null, miles: null, total: 3 })],
    ...overrides,
    search,
  };
}

const codes = (terms: readonly { code: string }[]) => fc.subarray(terms.map((t) => t.code));

describe('the finder results page', () => {
  it('is the page the GOV.UK macros make, for each kind of answer', () => {
    const area = {
      kind: 'partnership',
      id: '00000000-0000-4000-8000-00000000000a',
    } as const;
    const cases: FoundResults[] = [
      found(),
      found({ search: { audiences: ['grandparent', 'child'], supportKinds: ['group'], sort: 'soonest' } }),
      found({ search: { page: 2, delivery: ['phone'] } }),
      found({ search: { page: 3 }, local: [row(41), row(42)].map((r) => ({ ...r, total: 42 })) }),
      found({ search: { page: 9 }, local: [], anywhere: [] }),
      found({ local: [], anywhere: [] }),
      found({ search: { audiences: ['parent'] }, local: [], anywhere: [] }),
      found({
        local: [row(1, { total: 1 })],
        anywhere: Array.from({ length: 20 }, (_, i) => row(i, { total: 31 })),
      }),
      found({
        errors: {
          audiences: 'Choose who you are from the list',
          supportKinds: 'Choose the kind of support from the list',
          delivery: 'Choose how you would like support from the list',
        },
      }),
      {
        ...found({ search: { where: area, sort: 'name' } }),
        placeName: 'Pages ADP',
        form: { ...found().form, postcode: '', area: `partnership:${area.id}` },
      },
      found({
        placeName: hostile,
        errors: { audiences: hostile },
        local: [row(1, { name: hostile, summary: hostile, location_name: hostile, city: hostile, total: 1 })],
      }),
    ];
    for (const answer of cases) {
      const context = resultsContext(answer);
      expect(normalise(written(context))).toBe(normalise(withMacros(context)));
    }
  });

  it('is the page the GOV.UK macros make, for any search and any results', () => {
    const text = fc.string({
      unit: fc.constantFrom('a', 'Z', ' ', '<', '>', '&', '"', "'", 'é', '’'),
      maxLength: 12,
    });
    const anyRow = fc.record({
      name: text,
      summary: text,
      audiences: codes(audiences),
      support_kinds: codes(supportKinds),
      delivery: codes(deliveryMethods),
      minimum_age: fc.option(fc.integer({ min: 0, max: 99 })),
      maximum_age: fc.option(fc.integer({ min: 0, max: 99 })),
      wait_weeks: fc.option(fc.integer({ min: 0, max: 52 })),
      location_name: fc.option(text),
    });
    fc.assert(
      fc.property(
        fc.record({
          audiences: codes(audiences),
          supportKinds: codes(supportKinds),
          delivery: codes(deliveryMethods),
          sort: fc.constantFrom(...sorts),
          page: fc.integer({ min: 1, max: 4 }),
          total: fc.integer({ min: 0, max: 90 }),
          local: fc.array(anyRow, { maxLength: 20 }),
          anywhere: fc.array(anyRow, { maxLength: 20 }),
          anywhereTotal: fc.integer({ min: 0, max: 40 }),
          error: fc.option(fc.constantFrom('audiences', 'supportKinds', 'delivery')),
        }),
        (drawn) => {
          const rows = (list: typeof drawn.local, total: number, offset: number) =>
            list.map((r, i) =>
              row(offset + i, { ...r, city: r.location_name === null ? null : 'Dunmore', total }),
            );
          const context = resultsContext(
            found({
              search: {
                audiences: drawn.audiences,
                supportKinds: drawn.supportKinds,
                delivery: drawn.delivery,
                sort: drawn.sort,
                page: drawn.page,
              },
              errors: drawn.error ? { [drawn.error]: `Check ${drawn.error}` } : {},
              local: drawn.total ? rows(drawn.local, drawn.total, 0) : [],
              anywhere: rows(drawn.anywhere, drawn.anywhereTotal, 100),
            }),
          );
          expect(normalise(written(context))).toBe(normalise(withMacros(context)));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('shows what a service says now, not what its card said when it was last shown', () => {
    const once = written(resultsContext(found({ local: [row(7, { wait_weeks: 2, total: 1 })] })));
    expect(once).toContain('About 2 weeks wait');
    const changed = row(7, { name: 'Renamed service', wait_weeks: 5, total: 1 });
    const again = written(resultsContext(found({ local: [changed] })));
    expect(again).toContain('Renamed service');
    expect(again).toContain('About 5 weeks wait');
    expect(again).not.toContain('About 2 weeks wait');
    // The narrowing form's kept groups follow the choices and the error too.
    const erring = written(
      resultsContext(found({ errors: { audiences: 'Choose who you are from the list' } })),
    );
    expect(erring).toContain('Choose who you are from the list');
    expect(written(resultsContext(found()))).not.toContain('Choose who you are from the list');
  });

  it('keeps the search and the choices in the forms', () => {
    const page = written(
      resultsContext(
        found({ search: { audiences: ['grandparent'], supportKinds: ['group'], sort: 'soonest', page: 2 } }),
      ),
    );
    expect(page).toContain('<input type="hidden" name="postcode" value="GM4 2LT">');
    expect(page).toMatch(/value="grandparent" checked/);
    expect(page).toMatch(/value="group" checked/);
    expect(page).toMatch(/type="radio" value="soonest" checked/);
    expect(page).not.toMatch(/value="parent" checked/);
    expect(page).toContain('<input type="hidden" name="page" value="1">');
    expect(page).toContain('<input type="hidden" name="page" value="3">');
    expect(page.match(/<input type="hidden" name="audiences" value="grandparent">/g)).toHaveLength(2);
  });

  it('escapes every piece of text it shows: names, summaries, places and messages', () => {
    const page = written(
      resultsContext(
        found({
          placeName: hostile,
          errors: { audiences: hostile },
          local: [
            row(1, { name: hostile, summary: hostile, location_name: hostile, city: hostile, total: 1 }),
          ],
          anywhere: [row(2, { name: hostile, summary: hostile, total: 1 })],
        }),
      ),
    );
    expect(page).not.toContain('<script>');
    expect(page).not.toContain(`"double"`);
    const escaped =
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39; &quot;double&quot;';
    expect(page).toContain(`Support near ${escaped}</h1>`);
    expect(page).toContain(`">${escaped}</a></h3>`);
    expect(page).toContain(`<dd>${escaped}, ${escaped} – 0.3 miles away</dd>`);
    expect(page).toContain(`<span class="govuk-visually-hidden">Error:</span> ${escaped}</p>`);
    // the heading, four in the local result, two in the anywhere one, the message and the error summary
    expect(page.split(escaped).length - 1).toBe(9);
  });
});
