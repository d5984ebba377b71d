import { describe, expect, it } from 'vitest';
import { parseTimeOfDay, ukDateAndTime, ukInstant } from './contactTime.ts';

describe('parseTimeOfDay', () => {
  it.each([
    ['14:30', { hour: 14, minute: 30 }],
    ['9.05', { hour: 9, minute: 5 }],
    ['0930', { hour: 9, minute: 30 }],
    ['2:30pm', { hour: 14, minute: 30 }],
    ['2 PM', { hour: 14, minute: 0 }],
    ['12am', { hour: 0, minute: 0 }],
    ['12:15pm', { hour: 12, minute: 15 }],
  ])('reads %s', (text, expected) => {
    expect(parseTimeOfDay(text)).toEqual(expected);
  });

  it.each(['', '25:00', '14:60', '13pm', 'noon', '14', '7:5'])('refuses %s', (text) => {
    expect(parseTimeOfDay(text)).toBeUndefined();
  });
});

describe('UK time', () => {
  it('reads a winter time as GMT and a summer time as BST', () => {
    expect(ukInstant('2026-01-15', { hour: 14, minute: 30 }).toISOString()).toBe('2026-01-15T14:30:00.000Z');
    expect(ukInstant('2026-07-15', { hour: 14, minute: 30 }).toISOString()).toBe('2026-07-15T13:30:00.000Z');
  });

  it('gives back the wall-clock date and time of an instant', () => {
    expect(ukDateAndTime(new Date('2026-07-15T23:30:00Z'))).toEqual({ date: '2026-07-16', time: '00:30' });
    expect(ukDateAndTime(ukInstant('2026-10-25', { hour: 9, minute: 0 }))).toEqual({
      date: '2026-10-25',
      time: '09:00',
    });
  });
});
