import { describe, expect, it } from 'vitest';
import {
  checkFilters,
  filterMessages,
  filterQuery,
  financialYearOf,
  lastTwelveMonths,
  periodSlug,
  periodText,
  suggestedPeriods,
} from './auditFilters.ts';
import { periodQuarters } from './waitingTables.ts';

const locality = '7d4f1a38-2b1c-4c7e-9a51-1d2e3f4a5b6c';
const service = '0b8e2c1d-3f4a-4b5c-8d6e-7f8091a2b3c4';
const choices = { localityIds: [locality], serviceIds: [service] };

describe('the audit’s period and filters', () => {
  it('takes the 12 months up to today by default', () => {
    expect(lastTwelveMonths('2026-12-02')).toEqual({ from: '2025-12-03', to: '2026-12-02' });
    // From 1 March after a 29 February.
    expect(lastTwelveMonths('2028-02-29')).toEqual({ from: '2027-03-01', to: '2028-02-29' });
    const checked = checkFilters({}, choices, '2026-12-02');
    expect(checked.ok && checked.filters).toEqual({ from: '2025-12-03', to: '2026-12-02' });
  });

  it('offers this financial year so far and the two before it', () => {
    expect(financialYearOf('2026-03-31')).toBe(2025);
    expect(financialYearOf('2026-04-01')).toBe(2026);
    expect(suggestedPeriods('2026-12-02').map((p) => [p.label, p.from, p.to])).toEqual([
      ['Last 12 months', '2025-12-03', '2026-12-02'],
      ['Financial year 2026 to 2027, so far', '2026-04-01', '2026-12-02'],
      ['Financial year 2025 to 2026', '2025-04-01', '2026-03-31'],
      ['Financial year 2024 to 2025', '2024-04-01', '2025-03-31'],
    ]);
  });

  it('reads the form’s date fields or yyyy-mm-dd, and the choices of the area', () => {
    const form = checkFilters(
      {
        'from-day': '1',
        'from-month': 'April',
        'from-year': '2025',
        to: '2026-03-31',
        localityId: locality,
        serviceId: 'all',
        group: 'age-12-17',
      },
      choices,
      '2026-12-02',
    );
    expect(form.ok && form.filters).toEqual({
      from: '2025-04-01',
      to: '2026-03-31',
      localityId: locality,
      group: 'age-12-17',
    });
    expect(filterQuery({ from: '2025-04-01', to: '2026-03-31', serviceId: service })).toBe(
      `from=2025-04-01&to=2026-03-31&serviceId=${service}`,
    );
  });

  it('says what is wrong with each field', () => {
    const wrong = checkFilters(
      { from: '2027-01-01', to: 'soon', localityId: 'somewhere', serviceId: locality, group: 'cousins' },
      choices,
      '2026-12-02',
    );
    expect(wrong.ok).toBe(false);
    if (wrong.ok) return;
    expect(wrong.errors).toEqual({
      from: 'The start of the period must be today or in the past',
      to: 'The end of the period must be a real date',
      localityId: 'Choose a locality from the list',
      serviceId: 'Choose a service from the list',
      group: 'Choose a group of people from the list',
    });
    expect(wrong.values.to.year).toBe('soon');
    const backwards = checkFilters({ from: '2025-04-01', to: '2025-03-31' }, choices, '2026-12-02');
    expect(!backwards.ok && backwards.errors.to).toBe(
      'The end of the period must be the same as or after its start',
    );
    const long = checkFilters({ from: '2020-04-01', to: '2025-04-01' }, choices, '2026-12-02');
    expect(!long.ok && long.errors.to).toBe('The period must be 5 years or shorter');
    expect(checkFilters({ from: '2020-04-01', to: '2025-03-31' }, choices, '2026-12-02').ok).toBe(true);
  });

  it('reads a financial year in any of its usual spellings, and shows it in the form’s dates', () => {
    for (const year of ['2025', '2025-26', '2025/26', '2025/2026']) {
      const checked = checkFilters({ year }, choices, '2026-12-02');
      expect(checked.ok && checked.filters, year).toEqual({ from: '2025-04-01', to: '2026-03-31' });
      expect(checked.values.from).toEqual({ day: '1', month: '4', year: '2025' });
    }
    // The first of a repeated field.
    const repeated = checkFilters({ year: ['2024', '2025'] }, choices, '2026-12-02');
    expect(repeated.ok && repeated.filters).toEqual({ from: '2024-04-01', to: '2025-03-31' });
    for (const year of ['2025-27', '25-26', '1999', 'last year']) {
      const wrong = checkFilters({ year }, choices, '2026-12-02');
      expect(!wrong.ok && wrong.errors, year).toEqual({ year: filterMessages.notAYear });
    }
    const both = checkFilters({ year: '2025', from: '2025-01-01' }, choices, '2026-12-02');
    expect(!both.ok && both.errors).toEqual({ year: filterMessages.yearAndDates });
    const toCome = checkFilters({ year: '2027-28' }, choices, '2026-12-02');
    expect(!toCome.ok && toCome.errors).toEqual({ year: 'The year must have started by today' });
  });

  it('runs a start alone to today, and an end alone back 12 months', () => {
    const start = checkFilters({ from: '2026-07-01' }, choices, '2026-12-02');
    expect(start.ok && start.filters).toEqual({ from: '2026-07-01', to: '2026-12-02' });
    const end = checkFilters({ to: '2024-02-29' }, choices, '2026-12-02');
    expect(end.ok && end.filters).toEqual({ from: '2023-03-01', to: '2024-02-29' });
  });

  it('takes ids in capitals, "all" for every one, and keeps what was typed when a field is wrong', () => {
    const upper = checkFilters(
      { year: '2025-26', localityId: locality.toUpperCase(), serviceId: 'ALL', group: 'all' },
      choices,
      '2026-12-02',
    );
    expect(upper.ok && upper.filters).toEqual({ from: '2025-04-01', to: '2026-03-31', localityId: locality });
    const wrong = checkFilters(
      { from: '2026-02-30', 'to-day': 'x', localityId: 'Kilbrannan', serviceId: '12', group: 'DROP TABLE' },
      choices,
      '2026-12-02',
    );
    expect(wrong).toEqual({
      ok: false,
      errors: {
        from: 'The start of the period must be a real date',
        to: 'The end of the period must include a month',
        localityId: filterMessages.locality,
        serviceId: filterMessages.service,
        group: filterMessages.group,
      },
      values: {
        year: '',
        from: { day: '30', month: '2', year: '2026' },
        to: { day: 'x', month: '', year: '' },
        localityId: 'kilbrannan',
        serviceId: '12',
        group: 'DROP TABLE',
      },
    });
  });

  it('writes the filters back as a query string that reads the same, and says the period', () => {
    const filters = { from: '2025-04-01', to: '2026-03-31', localityId: locality, group: 'grandparent' };
    const query = filterQuery(filters);
    expect(query).toBe(`from=2025-04-01&to=2026-03-31&localityId=${locality}&group=grandparent`);
    const again = checkFilters(Object.fromEntries(new URLSearchParams(query)), choices, '2026-12-02');
    expect(again.ok && again.filters).toEqual(filters);
    expect(periodText(filters)).toBe('1 April 2025 to 31 March 2026');
    expect(periodSlug(filters)).toBe('2025-04-01-to-2026-03-31');
  });

  it('cuts a period into its quarters, with parts at either end', () => {
    expect(periodQuarters('2025-04-01', '2026-03-31').map((q) => q.start)).toEqual([
      '2025-04-01',
      '2025-07-01',
      '2025-10-01',
      '2026-01-01',
    ]);
    expect(periodQuarters('2025-11-15', '2026-01-10')).toEqual([
      { start: '2025-11-15', end: '2025-12-31' },
      { start: '2026-01-01', end: '2026-01-10' },
    ]);
    expect(periodQuarters('2026-02-01', '2026-02-01')).toEqual([{ start: '2026-02-01', end: '2026-02-01' }]);
  });
});
