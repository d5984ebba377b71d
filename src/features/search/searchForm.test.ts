import { describe, expect, it } from 'vitest';
import { normalisePostcode, normaliseSearchName } from './personSearch.ts';
import { checkSearchForm, isEmptySearch, parseSearchForm, searchErrorList } from './searchForm.ts';

const today = '2025-06-15';

describe('the family search form', () => {
  it('reads the terms, normalising the postcode', () => {
    const form = parseSearchForm({
      name: '  Agnes  McAllister ',
      'dateOfBirth-day': '2',
      'dateOfBirth-month': '4',
      'dateOfBirth-year': '1960',
      postcode: 'ky12 7ab',
      reference: '',
    });
    expect(checkSearchForm(form, today)).toEqual({
      ok: true,
      query: {
        name: 'Agnes  McAllister',
        dateOfBirth: '1960-04-02',
        postcode: 'KY127AB',
        reference: undefined,
      },
    });
  });

  it('treats an empty form as no search, and says what to enter when asked', () => {
    const empty = parseSearchForm({});
    expect(isEmptySearch(empty)).toBe(true);
    expect(checkSearchForm(empty, today)).toMatchObject({
      ok: false,
      errors: { name: 'Enter a name, date of birth, postcode or family reference' },
    });
  });

  it('refuses impossible or future dates of birth, short names and malformed postcodes', () => {
    const check = (query: Record<string, string>) => checkSearchForm(parseSearchForm(query), today);
    expect(
      check({ 'dateOfBirth-day': '31', 'dateOfBirth-month': '4', 'dateOfBirth-year': '1960' }),
    ).toMatchObject({
      errors: { dateOfBirth: 'Date of birth must be a real date' },
      errorParts: { dateOfBirth: 'day' },
    });
    expect(
      check({ 'dateOfBirth-day': '1', 'dateOfBirth-month': '1', 'dateOfBirth-year': '2026' }),
    ).toMatchObject({
      errors: { dateOfBirth: 'Date of birth must be in the past' },
    });
    expect(check({ name: 'a' })).toMatchObject({ errors: { name: 'Enter at least 2 letters of the name' } });
    expect(check({ postcode: 'KY12' })).toMatchObject({
      errors: { postcode: 'Enter a full postcode, like KY12 7AB' },
    });
    expect(searchErrorList({ dateOfBirth: 'x', postcode: 'y' }, { dateOfBirth: 'month' })).toEqual([
      { text: 'x', href: '#dateOfBirth-month' },
      { text: 'y', href: '#postcode' },
    ]);
  });

  it('normalises names and postcodes as the indexes hold them', () => {
    expect(normaliseSearchName('  Agnes   McALLISTER ')).toBe('agnes mcallister');
    expect(normalisePostcode(' ky12  7ab')).toBe('KY127AB');
  });
});
