import { describe, expect, it } from 'vitest';
import { misspell, searchPaths } from './searchTerms.ts';

describe('bench search terms', () => {
  it('misspells names the way people do, never leaving them right', () => {
    expect(misspell('McAllister', 0)).toBe('Mcalister');
    expect(misspell('McAllister', 1)).toBe('Macallister');
    expect(misspell('MacKenzie', 0)).toBe('Mckenzie');
    expect(misspell('Gillespie', 1)).toBe('Gillespei');
    for (const name of ['Reid', 'Ross', 'Young', 'Singh', 'Nowak', 'Okafor', 'Milne'])
      for (let v = 0; v < 4; v++) expect(misspell(name, v).toLowerCase()).not.toBe(name.toLowerCase());
  });

  it('mixes full names, surnames with a date of birth and first names with a postcode', () => {
    const people = Array.from({ length: 5 }, () => ({
      givenName: 'Karen',
      familyName: 'Kennedy',
      dateOfBirth: '1980-04-02',
      postcode: 'KY12 7AB',
    }));
    const paths = searchPaths(people);
    expect(paths[0]).toBe('/practice/search?name=Karen+Kenedy');
    expect(paths[3]).toBe(
      '/practice/search?name=Kenedy&dateOfBirth-day=2&dateOfBirth-month=4&dateOfBirth-year=1980',
    );
    expect(paths[4]).toBe('/practice/search?name=Karen&postcode=ky127ab');
  });
});
