import { describe, expect, it } from 'vitest';
import { checkChronologyForm, chronologyErrorList, parseChronologyForm } from './chronologyForm.ts';

const member = '0b9b5f3e-4c1f-4c55-9a43-6f5f3d1c2a10';
const options = { memberIds: [member], today: '2025-06-15' };

function body(overrides: Record<string, string> = {}) {
  return {
    personId: member,
    kind: 'strength',
    'occurredOn-day': '3',
    'occurredOn-month': '3',
    'occurredOn-year': '2025',
    what: ' Kerry started attending the family support group. ',
    source: 'Kerry',
    impact: 'positive',
    actionTaken: '',
    ...overrides,
  };
}

describe('the add chronology entry form', () => {
  it('turns a good form into an entry', () => {
    const result = checkChronologyForm(parseChronologyForm(body({ organisationOnly: 'yes' })), options);
    expect(result).toEqual({
      ok: true,
      entry: {
        personId: member,
        occurredOn: '2025-03-03',
        occurredUntil: null,
        datePrecision: 'day',
        kind: 'strength',
        what: 'Kerry started attending the family support group.',
        source: 'Kerry',
        impact: 'positive',
        actionTaken: null,
        organisationOnly: true,
      },
    });
  });

  it('keeps a period known only to the month, to the end of its last month', () => {
    const result = checkChronologyForm(
      parseChronologyForm(
        body({
          personId: '',
          'occurredOn-day': '',
          'occurredOn-month': '1',
          'occurredUntil-month': '2',
          'occurredUntil-year': '2025',
        }),
      ),
      options,
    );
    expect(result).toMatchObject({
      ok: true,
      entry: {
        personId: null,
        occurredOn: '2025-01-01',
        occurredUntil: '2025-02-28',
        datePrecision: 'month',
      },
    });
  });

  it('refuses impossible dates, an end before the start, future dates and missing text', () => {
    const check = (overrides: Record<string, string>) =>
      checkChronologyForm(parseChronologyForm(body(overrides)), options);
    expect(check({ 'occurredOn-day': '30', 'occurredOn-month': '2' })).toMatchObject({
      ok: false,
      errors: { occurredOn: 'The date it happened must be a real date' },
    });
    expect(
      check({ 'occurredUntil-day': '1', 'occurredUntil-month': '3', 'occurredUntil-year': '2025' }),
    ).toMatchObject({
      errors: { occurredUntil: 'The end date must be the same as or after the date it happened' },
    });
    expect(check({ 'occurredOn-year': '2026' })).toMatchObject({
      errors: { occurredOn: 'The date it happened must be today or in the past' },
    });
    expect(check({ 'occurredOn-day': '', 'occurredOn-month': '', 'occurredOn-year': '' })).toMatchObject({
      errors: { occurredOn: 'Enter the date it happened' },
    });
    expect(check({ 'occurredUntil-month': '4', 'occurredUntil-year': '2025' })).toMatchObject({
      errors: { occurredUntil: 'The end date must include a day, as the date it happened does' },
    });
    const empty = check({ what: ' ', impact: '', kind: 'gossip', personId: 'someone-else' });
    expect(empty).toMatchObject({
      ok: false,
      errors: {
        what: 'Enter what happened',
        impact: 'Select the impact on the family',
        kind: 'Select what kind of entry this is',
        personId: 'Select the whole family or one of its members',
      },
    });
  });

  it('links each error from the summary to the field, and a date error to the part to fix', () => {
    expect(
      chronologyErrorList(
        { what: 'Enter what happened', occurredOn: 'must include a month' },
        { occurredOn: 'month' },
      ),
    ).toEqual([
      { text: 'must include a month', href: '#occurredOn-month' },
      { text: 'Enter what happened', href: '#what' },
    ]);
  });
});
