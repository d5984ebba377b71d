import { describe, expect, it } from 'vitest';
import { agesText, clockText, formatLongDate, listText, presentResult, waitText } from './finderPresenter.ts';

describe('finder presenter', () => {
  it('says the wait and when it was updated', () => {
    expect(waitText(0, '2026-11-04')).toBe('Usually no wait, updated 4 November 2026');
    expect(waitText(3, '2026-11-04')).toBe('About 3 weeks wait, updated 4 November 2026');
    expect(waitText(1, null)).toBe('About 1 week wait');
    expect(waitText(null, null)).toBe('Wait not known');
    expect(formatLongDate('2026-01-31')).toBe('31 January 2026');
  });

  it('says ages, lists and times in plain words', () => {
    expect(agesText(12, 25)).toBe('Ages 12 to 25');
    expect(agesText(18, null)).toBe('Aged 18 and over');
    expect(agesText(null, 12)).toBe('Up to age 12');
    expect(agesText(null, null)).toBe('');
    expect(listText(['Parent'])).toBe('Parent');
    expect(listText(['Parent', 'Friend', 'Grandparent'])).toBe('Parent, Friend and Grandparent');
    expect(clockText('09:30')).toBe('9:30am');
    expect(clockText('13:00')).toBe('1pm');
    expect(clockText('00:00')).toBe('12am');
  });

  it('describes a result by its nearest place or the area it covers', () => {
    const row = {
      id: 'x',
      name: 'Grandparents group',
      summary: 'A group',
      audiences: ['grandparent', 'kinship_carer'],
      support_kinds: ['group'],
      delivery: ['in_person'],
      minimum_age: null,
      maximum_age: null,
      wait_weeks: 0,
      wait_updated_on: '2026-11-04',
      location_name: 'Carse Hall',
      city: 'Dunmore',
      miles: 1.24,
      total: 1,
    };
    expect(presentResult(row)).toMatchObject({
      forWhom: 'Grandparent and Kinship carer',
      kinds: 'Group',
      delivery: 'Face to face',
      where: 'Carse Hall, Dunmore – 1.2 miles away',
      wait: 'Usually no wait, updated 4 November 2026',
    });
    expect(presentResult({ ...row, location_name: null, city: null, miles: null }).where).toBe(
      'Covers your area',
    );
  });

  it('keeps what it says of a service only while the service says the same', () => {
    const audiences = ['parent'];
    const kinds = ['group'];
    const delivery = ['phone'];
    const row = {
      id: 'kept-service',
      name: 'Family group',
      summary: 'A group',
      audiences,
      support_kinds: kinds,
      delivery,
      minimum_age: 16,
      maximum_age: null,
      wait_weeks: 2,
      wait_updated_on: '2026-11-04',
      location_name: 'Carse Hall',
      city: 'Dunmore',
      miles: 1,
      total: 1,
    };
    expect(presentResult(row)).toMatchObject({
      forWhom: 'Parent',
      ages: 'Aged 16 and over',
      wait: /^About 2 weeks/,
    });
    // The same service nearer, in another search: the same words, a new place.
    expect(presentResult({ ...row, location_name: 'Kirk Hall', miles: 3 })).toMatchObject({
      forWhom: 'Parent',
      where: 'Kirk Hall, Dunmore – 3 miles away',
    });
    // Its wait, ages or audiences changed (arrays compared as the snapshot gives them): new words.
    expect(presentResult({ ...row, wait_weeks: 6 }).wait).toMatch(/^About 6 weeks/);
    expect(presentResult({ ...row, minimum_age: null, maximum_age: 12 }).ages).toBe('Up to age 12');
    expect(presentResult({ ...row, audiences: ['grandparent'] }).forWhom).toBe('Grandparent');
    expect(presentResult({ ...row, name: 'Renamed' }).name).toBe('Renamed');
  });
});
