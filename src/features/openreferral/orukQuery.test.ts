import { describe, expect, it } from 'vitest';
import { taxonomyId, termId } from '../directory/vocabulary.ts';
import { parseServiceAtLocationQuery, parseServiceQuery, parseTermQuery } from './orukQuery.ts';
import { offsetOf, pageOf } from './paging.ts';
import { normalisePostcode } from './postcodes.ts';

describe('postcodes', () => {
  it.each([
    ['gm42lt', { full: 'GM4 2LT', outcode: 'GM4' }],
    ['  GM4   2LT ', { full: 'GM4 2LT', outcode: 'GM4' }],
    ['eh11 1aa', { full: 'EH11 1AA', outcode: 'EH11' }],
    ['w1a1aa', { full: 'W1A 1AA', outcode: 'W1A' }],
    ['gm4', { outcode: 'GM4' }],
  ])('reads %s', (input, expected) => {
    expect(normalisePostcode(input)).toEqual(expected);
  });

  it.each(['', 'hello', '12345', 'GM4 2L', 'GM4 2LTX'])('refuses %j', (input) => {
    expect(normalisePostcode(input)).toBeUndefined();
  });
});

describe('pages', () => {
  it('counts pages, and knows the first, the last and an empty one', () => {
    expect(pageOf([1, 2], 5, { page: 1, perPage: 2 })).toEqual({
      total_items: 5,
      total_pages: 3,
      page_number: 1,
      size: 2,
      first_page: true,
      last_page: false,
      empty: false,
      contents: [1, 2],
    });
    expect(pageOf([5], 5, { page: 3, perPage: 2 })).toMatchObject({
      last_page: true,
      first_page: false,
      size: 1,
    });
    expect(pageOf([], 5, { page: 4, perPage: 2 })).toMatchObject({
      empty: true,
      last_page: true,
      total_pages: 3,
    });
    expect(pageOf([], 0, { page: 1, perPage: 50 })).toMatchObject({
      total_pages: 0,
      first_page: true,
      last_page: true,
      empty: true,
    });
    expect(pageOf([1, 2, 3, 4], 4, { page: 1, perPage: 4 })).toMatchObject({
      total_pages: 1,
      last_page: true,
    });
    expect(offsetOf({ page: 3, perPage: 20 })).toBe(40);
  });
});

describe('the query parameters', () => {
  it('has defaults', () => {
    expect(parseServiceQuery({})).toEqual({
      ok: true,
      value: {
        paging: { page: 1, perPage: 50 },
        filters: {
          search: null,
          termKey: null,
          termCode: null,
          taxonomyKey: null,
          minimumAge: null,
          maximumAge: null,
        },
      },
    });
  });

  it('reads terms, taxonomies, words and ages', () => {
    const parsed = parseServiceQuery({
      search: '  Group ',
      taxonomy_term_id: termId('delivery', 'phone').toUpperCase(),
      taxonomy_id: taxonomyId('audiences'),
      minimum_age: '12',
      maximum_age: '17.5',
      page: '2',
      per_page: '100',
    });
    expect(parsed).toEqual({
      ok: true,
      value: {
        paging: { page: 2, perPage: 100 },
        filters: {
          search: 'group',
          termKey: 'delivery',
          termCode: 'phone',
          taxonomyKey: 'audiences',
          minimumAge: 12,
          maximumAge: 17.5,
        },
      },
    });
    const stranger = parseServiceQuery({ taxonomy_term_id: '3fa85f64-5717-4562-b3fc-2c963f66afa6' });
    expect(stranger.ok && stranger.value.filters.termKey).toBe('none');
  });

  it('names every bad parameter', () => {
    const parsed = parseServiceQuery({
      page: '-1',
      per_page: '101',
      minimum_age: '1e3',
      search: 'x'.repeat(201),
    });
    expect(parsed.ok ? [] : parsed.errors.map((error) => error.pointer)).toEqual([
      '#/query/page',
      '#/query/per_page',
      '#/query/minimum_age',
      '#/query/search',
    ]);
  });

  it('needs a postcode for a distance, and a postcode shaped like one', () => {
    const bad = parseServiceAtLocationQuery({ proximity: '500' });
    expect(bad.ok ? [] : bad.errors.map((error) => error.pointer)).toEqual(['#/query/proximity']);
    const shape = parseServiceAtLocationQuery({ postcode: 'nowhere' });
    expect(shape.ok ? [] : shape.errors.map((error) => error.pointer)).toEqual(['#/query/postcode']);
    const good = parseServiceAtLocationQuery({ postcode: 'gm42lt', proximity: '2500.5' });
    expect(good.ok && good.value.place).toEqual({
      postcode: { full: 'GM4 2LT', outcode: 'GM4' },
      proximity: 2500.5,
    });
  });

  it('reads the taxonomy of a term list', () => {
    expect(parseTermQuery({ taxonomy_id: taxonomyId('programmes') })).toMatchObject({
      ok: true,
      value: { taxonomyId: taxonomyId('programmes') },
    });
    expect(parseTermQuery({ taxonomy_id: 'programmes' }).ok).toBe(false);
  });
});
