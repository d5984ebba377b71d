import { describe, expect, it } from 'vitest';
import { parseAuditSearch, parseDateInput } from './auditSearchForm.ts';

const id = '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed';

describe('the audit trail date filters', () => {
  it('treats an empty date as no filter', () => {
    expect(parseDateInput('Date from', { day: '', month: '', year: '' })).toEqual({ badParts: [] });
  });

  it('reads a real date as yyyy-mm-dd', () => {
    expect(parseDateInput('Date from', { day: '7', month: '03', year: '2026' }).iso).toBe('2026-03-07');
    expect(parseDateInput('Date from', { day: '29', month: '2', year: '2028' }).iso).toBe('2028-02-29');
  });

  it('names the missing parts, as the GOV.UK pattern does', () => {
    expect(parseDateInput('Date from', { day: '1', month: '', year: '2026' })).toEqual({
      error: 'Date from must include a month',
      badParts: ['month'],
    });
    expect(parseDateInput('Date to', { day: '', month: '', year: '2026' })).toEqual({
      error: 'Date to must include a day and a month',
      badParts: ['day', 'month'],
    });
  });

  it('refuses dates that do not exist and years that are not 4 numbers', () => {
    expect(parseDateInput('Date from', { day: '31', month: '2', year: '2026' })).toEqual({
      error: 'Date from must be a real date',
      badParts: ['day', 'month', 'year'],
    });
    expect(parseDateInput('Date from', { day: 'x', month: '2', year: '2026' }).badParts).toEqual(['day']);
    expect(parseDateInput('Date from', { day: '1', month: '13', year: '2026' }).error).toBe(
      'Date from must be a real date',
    );
    expect(parseDateInput('Date from', { day: '1', month: '2', year: '26' })).toEqual({
      error: 'Year must include 4 numbers',
      badParts: ['year'],
    });
  });
});

describe('the audit trail filters', () => {
  it('keeps only the filters given', () => {
    const search = parseAuditSearch({
      user: id.toUpperCase(),
      action: 'family.read',
      outcome: 'denied',
      'from-day': '1',
      'from-month': '3',
      'from-year': '2026',
      family: '',
      page: '3',
    });
    expect(search.errors).toEqual({});
    expect(search.filters).toEqual({
      userId: id,
      action: 'family.read',
      outcome: 'denied',
      from: '2026-03-01',
    });
    expect(search.page).toBe(3);
  });

  it('turns a silly page number into the first page, and caps deep paging', () => {
    expect(parseAuditSearch({ page: '-2' }).page).toBe(1);
    expect(parseAuditSearch({ page: 'abc' }).page).toBe(1);
    expect(parseAuditSearch({ page: '1e9' }).page).toBe(200);
  });

  it('explains each bad value and drops it from the search', () => {
    const search = parseAuditSearch({
      organisation: 'x',
      user: 'me',
      outcome: 'maybe',
      family: '123',
      'to-day': '2',
      'to-month': '3',
      'to-year': '2026',
      'from-day': '3',
      'from-month': '3',
      'from-year': '2026',
    });
    expect(Object.keys(search.errors).sort()).toEqual(['family', 'organisation', 'outcome', 'to', 'user']);
    expect(search.errors.to).toBe('Date to must be the same as or after date from');
    expect(search.badDateParts.to).toEqual(['day', 'month', 'year']);
    expect(search.filters).toEqual({ from: '2026-03-03' });
  });

  it('takes the first of a repeated parameter', () => {
    expect(parseAuditSearch({ action: ['a', 'b'] }).filters.action).toBe('a');
  });
});
