import { describe, expect, it } from 'vitest';
import { ageOn, presentFamilyList } from './familyPresenter.ts';

describe('ageOn', () => {
  const today = new Date('2026-11-23T12:00:00Z');
  it('counts whole years, turning over on the birthday', () => {
    expect(ageOn('2010-11-23', today)).toBe(16);
    expect(ageOn('2010-11-24', today)).toBe(15);
    expect(ageOn('1960-01-01', today)).toBe(66);
  });
  it('says nothing when the date of birth is not known', () => {
    expect(ageOn(null, today)).toBeUndefined();
  });
});

describe('presentFamilyList', () => {
  it('offers previous and next pages only where they exist', () => {
    const first = presentFamilyList({ families: [], total: 60 }, 1, 25);
    expect(first.pagination.previous).toBeUndefined();
    expect(first.pagination.next).toEqual({ href: '/practice?page=2' });
    expect(first.pagination.items).toHaveLength(3);
    const last = presentFamilyList({ families: [], total: 60 }, 3, 25);
    expect(last.pagination.next).toBeUndefined();
  });
});
