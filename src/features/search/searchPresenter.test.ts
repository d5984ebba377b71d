import { describe, expect, it } from 'vitest';
import { presentSearch } from './searchPresenter.ts';

const form = {
  name: 'Mcalister',
  dateOfBirth: { day: '', month: '', year: '' },
  postcode: '',
  reference: '',
};
const today = new Date('2026-11-23T12:00:00Z');

describe('presenting family search results', () => {
  it('shows each family with the members who matched, their birth date, age and whether they left', () => {
    const context = presentSearch(
      form,
      {
        total: 1,
        families: [
          {
            familyId: 'f1',
            reference: 'GC-0012',
            name: 'McAllister family',
            status: 'closed',
            locality: null,
            matches: [
              {
                personId: 'p1',
                givenName: 'Agnes',
                familyName: 'McAllister',
                preferredName: 'Nessie',
                dateOfBirth: '1958-04-02',
                current: false,
              },
            ],
          },
        ],
      },
      today,
    );
    expect(context.summary).toBe('1 family found.');
    expect(context.results).toEqual([
      {
        href: '/practice/families/f1',
        reference: 'GC-0012',
        name: 'McAllister family',
        locality: 'Locality not recorded',
        closed: true,
        matches: [{ name: 'Nessie McAllister (Agnes)', born: 'Born 2 April 1958 (age 68)', left: true }],
      },
    ]);
  });

  it('says how many were found when only the closest are shown, and says nothing before a search', () => {
    const many = presentSearch(
      form,
      {
        total: 40,
        families: [{ familyId: 'f', reference: 'R', name: 'N', status: 'open', locality: 'L', matches: [] }],
      },
      today,
    );
    expect(many.summary).toBe(
      '40 families found. The closest 1 are shown: add a date of birth or postcode to narrow the search.',
    );
    expect(presentSearch(form, undefined, today)).toMatchObject({ searched: false, summary: '' });
    expect(presentSearch(form, { total: 0, families: [] }, today).summary).toBe(
      'No families found that you can see.',
    );
  });
});
