import { describe, expect, it } from 'vitest';
import { lastDayOfMonth, parseDateParts, todayInUk } from './dateParts.ts';

const parse = (day: string, month: string, year: string, dayOptional = true) =>
  parseDateParts({ day, month, year }, 'The date', { dayOptional });

describe('reading a GOV.UK date input', () => {
  it('reads a whole date, or a month and year when the day may be left out', () => {
    expect(parse('3', '3', '2025')).toEqual({ kind: 'date', iso: '2025-03-03', precision: 'day' });
    expect(parse('', 'march', '2025')).toEqual({ kind: 'date', iso: '2025-03-01', precision: 'month' });
    expect(parse('29', 'Feb', '2024')).toEqual({ kind: 'date', iso: '2024-02-29', precision: 'day' });
    expect(parse('', '', '')).toEqual({ kind: 'empty' });
  });

  it('names the part that is missing or impossible', () => {
    expect(parse('31', '2', '2025')).toEqual({
      kind: 'invalid',
      message: 'The date must be a real date',
      part: 'day',
    });
    expect(parse('29', '2', '2025')).toMatchObject({ kind: 'invalid', part: 'day' });
    expect(parse('1', '13', '2025')).toMatchObject({ kind: 'invalid', part: 'month' });
    expect(parse('1', '1', '25')).toMatchObject({ kind: 'invalid', part: 'year' });
    expect(parse('1', '', '2025')).toEqual({
      kind: 'invalid',
      message: 'The date must include a month',
      part: 'month',
    });
    expect(parse('1', '1', '')).toMatchObject({ message: 'The date must include a year' });
    expect(parse('', '1', '2025', false)).toMatchObject({ message: 'The date must include a day' });
    expect(parse('x', '1', '2025')).toMatchObject({ kind: 'invalid', part: 'day' });
    expect(parse('1', '1', '1850')).toMatchObject({ message: 'The date must be after 1900' });
  });

  it('knows the last day of a month and the day in the UK', () => {
    expect(lastDayOfMonth('2024-02-01')).toBe('2024-02-29');
    expect(lastDayOfMonth('2025-12-01')).toBe('2025-12-31');
    // 23:30 UTC on 31 May is already 1 June in British Summer Time.
    expect(todayInUk(new Date('2025-05-31T23:30:00Z'))).toBe('2025-06-01');
  });
});
