import { describe, expect, it } from 'vitest';
import {
  checkFilters,
  filterQuery,
  financialYearOf,
  lastTwelveMonths,
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
