import { describe, expect, it } from 'vitest';
import { auditFiltersQuery, parseAuditFilters, periodSlug, periodText } from './auditOutputFilters.ts';

const today = '2026-12-02';
const locality = '0b6a1f4e-2c1d-4e8a-9f00-1a2b3c4d5e6f';

describe('parseAuditFilters', () => {
  it('takes the 12 months to today when no period is asked for', () => {
    expect(parseAuditFilters({}, today)).toEqual({
      ok: true,
      filters: { from: '2025-12-03', to: '2026-12-02' },
    });
    expect(parseAuditFilters(undefined, today)).toMatchObject({ ok: true });
  });

  it('reads a financial year in any of its usual spellings', () => {
    for (const year of ['2025', '2025-26', '2025/26', '2025/2026'])
      expect(parseAuditFilters({ year }, today)).toEqual({
        ok: true,
        filters: { from: '2025-04-01', to: '2026-03-31' },
      });
  });

  it('reads a start and end date as ISO dates or as GOV.UK date parts', () => {
    expect(parseAuditFilters({ from: '2026-01-01', to: '2026-03-31' }, today)).toEqual({
      ok: true,
      filters: { from: '2026-01-01', to: '2026-03-31' },
    });
    const parts = {
      'from-day': '1',
      'from-month': '4',
      'from-year': '2026',
      'to-day': '30',
      'to-month': '9',
      'to-year': '2026',
    };
    expect(parseAuditFilters(parts, today)).toEqual({
      ok: true,
      filters: { from: '2026-04-01', to: '2026-09-30' },
    });
  });

  it('runs a start alone to today, and an end alone back a year', () => {
    expect(parseAuditFilters({ from: '2026-07-01' }, today)).toMatchObject({
      filters: { from: '2026-07-01', to: today },
    });
    expect(parseAuditFilters({ to: '2024-02-29' }, today)).toMatchObject({
      filters: { from: '2023-03-01', to: '2024-02-29' },
    });
  });

  it('keeps a locality, service and group, and treats "all" and empty as every one', () => {
    const parsed = parseAuditFilters(
      { year: '2025-26', locality: locality.toUpperCase(), service: 'all', group: 'young_people_12_17' },
      today,
    );
    expect(parsed).toEqual({
      ok: true,
      filters: { from: '2025-04-01', to: '2026-03-31', localityId: locality, group: 'young_people_12_17' },
    });
    expect(parseAuditFilters({ locality: '', group: 'all' }, today)).toEqual({
      ok: true,
      filters: { from: '2025-12-03', to: today },
    });
  });

  it('takes the first of a repeated field', () => {
    expect(parseAuditFilters({ year: ['2024', '2025'] }, today)).toMatchObject({
      filters: { from: '2024-04-01', to: '2025-03-31' },
    });
  });

  it('names each wrong field with a GOV.UK message and keeps what was typed', () => {
    const parsed = parseAuditFilters(
      { from: '2026-02-30', 'to-day': 'x', locality: 'Kilbrannan', service: '12', group: 'DROP TABLE' },
      today,
    );
    expect(parsed).toEqual({
      ok: false,
      errors: {
        from: 'The start date must be a real date, like 1 4 2025',
        to: 'The end date must be a real date, like 1 4 2025',
        locality: 'Choose a locality from the list',
        service: 'Choose a service from the list',
        group: 'Choose a group of people from the list',
      },
      values: {
        year: '',
        from: '2026-02-30',
        to: 'x//',
        locality: 'Kilbrannan',
        service: '12',
        group: 'DROP TABLE',
      },
    });
  });

  it('refuses an end before the start, a period over 10 years, and a year with dates', () => {
    expect(parseAuditFilters({ from: '2026-04-01', to: '2026-03-31' }, today)).toMatchObject({
      ok: false,
      errors: { to: 'The end date must be the same as or after the start date' },
    });
    expect(parseAuditFilters({ from: '2010-01-01', to: '2019-12-31' }, today)).toMatchObject({ ok: true });
    expect(parseAuditFilters({ from: '2010-01-01', to: '2020-01-01' }, today)).toMatchObject({
      ok: false,
      errors: { to: 'The period must be 10 years or shorter' },
    });
    expect(parseAuditFilters({ year: '2025', from: '2025-01-01' }, today)).toMatchObject({
      ok: false,
      errors: { year: 'Choose a financial year or a start and end date, not both' },
    });
    for (const year of ['2025-27', '25-26', '1999', 'last year'])
      expect(parseAuditFilters({ year }, today)).toMatchObject({
        ok: false,
        errors: { year: 'The year must be a financial year, like 2025-26' },
      });
  });

  it('writes the filters back as a query string that reads the same', () => {
    const filters = { from: '2025-04-01', to: '2026-03-31', localityId: locality, group: 'grandparents' };
    const query = auditFiltersQuery(filters);
    expect(query).toBe(`from=2025-04-01&to=2026-03-31&locality=${locality}&group=grandparents`);
    expect(parseAuditFilters(Object.fromEntries(new URLSearchParams(query)), today)).toEqual({
      ok: true,
      filters,
    });
  });

  it('says the period in words and in a file name', () => {
    const period = { from: '2025-04-01', to: '2026-03-31' };
    expect(periodText(period)).toBe('1 April 2025 to 31 March 2026');
    expect(periodSlug(period)).toBe('2025-04-01-to-2026-03-31');
  });
});
