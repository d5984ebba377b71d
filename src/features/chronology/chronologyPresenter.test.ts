import { describe, expect, it } from 'vitest';
import {
  filterQuery,
  formatWhen,
  parseChronologyFilter,
  presentChronologyFilter,
  presentChronologyItem,
} from './chronologyPresenter.ts';
import type { ChronologyItem } from './chronologyRepository.ts';

const kerry = '0b9b5f3e-4c1f-4c55-9a43-6f5f3d1c2a10';

function item(overrides: Partial<ChronologyItem> = {}): ChronologyItem {
  return {
    id: 'e1',
    familyId: 'f1',
    personId: kerry,
    personGivenName: 'Kerry',
    personPreferredName: null,
    personFamilyName: 'Boyle',
    occurredOn: '2025-03-03',
    occurredUntil: null,
    datePrecision: 'day',
    kind: 'turning_point',
    what: 'Kerry started attending the family support group.',
    source: null,
    impact: 'positive',
    actionTaken: null,
    automatic: false,
    organisationOnly: false,
    recordedByName: 'Morag Reid',
    organisationName: 'Carse Family Support Service',
    createdAt: new Date('2025-03-04T10:00:00Z'),
    ...overrides,
  };
}

describe('presenting the chronology', () => {
  it('shows when, as a day, a month or a period', () => {
    expect(formatWhen(item())).toBe('3 March 2025');
    expect(
      formatWhen(item({ datePrecision: 'month', occurredOn: '2025-01-01', occurredUntil: '2025-03-31' })),
    ).toBe('January 2025 to March 2025');
    expect(
      formatWhen(item({ datePrecision: 'month', occurredOn: '2025-01-01', occurredUntil: '2025-01-31' })),
    ).toBe('January 2025');
  });

  it('says who recorded an entry, and marks those written by Hearth', () => {
    expect(presentChronologyItem(item())).toMatchObject({
      about: 'Kerry Boyle',
      kind: 'Turning point',
      impact: 'Positive',
      recordedBy: 'Morag Reid, Carse Family Support Service',
    });
    expect(
      presentChronologyItem(item({ personId: null, automatic: true, impact: 'neutral', kind: 'event' })),
    ).toMatchObject({
      about: 'Whole family',
      recordedBy: 'Recorded by Hearth',
      impact: 'Neither positive nor negative',
    });
    expect(presentChronologyItem(item({ organisationOnly: true })).organisationOnlyText).toBe(
      'Seen only by Carse Family Support Service',
    );
  });

  it('reads only known filter values from the query, and keeps them for the print link', () => {
    expect(parseChronologyFilter({ member: kerry, impact: 'negative', kind: 'toString' })).toEqual({
      personId: kerry,
      impact: 'negative',
      kind: undefined,
    });
    expect(parseChronologyFilter({ member: 'nobody', impact: 'constructor' })).toEqual({
      personId: undefined,
      impact: undefined,
      kind: undefined,
    });
    expect(filterQuery({ personId: kerry, impact: 'positive' })).toBe(`?member=${kerry}&impact=positive`);
    expect(filterQuery({})).toBe('');
  });

  it('describes the filters applied and selects them in the form', () => {
    const filter = presentChronologyFilter(
      [{ personId: kerry, givenName: 'Kerry', preferredName: null, familyName: 'Boyle' }],
      { personId: kerry, impact: 'positive', kind: 'strength' },
    );
    expect(filter.applied).toBe('about Kerry Boyle, impact positive, strength');
    expect(filter.memberItems).toEqual([
      { value: '', text: 'Everyone', selected: false },
      { value: kerry, text: 'Kerry Boyle', selected: true },
    ]);
  });
});
