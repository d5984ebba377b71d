import { describe, expect, it } from 'vitest';
import { areaPrefix } from './familyReference.ts';
import { displayName, memberAge } from './memberAge.ts';
import { contactWarning } from './memberPresenter.ts';

const today = new Date('2026-11-23T12:00:00Z');

describe('a member’s age and name', () => {
  it('counts whole years from the date of birth, the day before and on the birthday', () => {
    const none = { approximateAge: null, approximateAgeOn: null };
    expect(memberAge({ dateOfBirth: '2011-11-24', ...none }, today)).toEqual({
      years: 14,
      approximate: false,
    });
    expect(memberAge({ dateOfBirth: '2011-11-23', ...none }, today)).toEqual({
      years: 15,
      approximate: false,
    });
  });

  it('grows an approximate age by the years since it was given', () => {
    expect(
      memberAge({ dateOfBirth: null, approximateAge: 40, approximateAgeOn: '2024-06-01' }, today),
    ).toEqual({
      years: 42,
      approximate: true,
    });
    expect(
      memberAge({ dateOfBirth: null, approximateAge: null, approximateAgeOn: null }, today),
    ).toBeUndefined();
  });

  it('calls people by the name they prefer', () => {
    expect(displayName({ givenName: 'Agnes', preferredName: 'Nessie', familyName: 'Reid' })).toBe(
      'Nessie Reid',
    );
    expect(displayName({ givenName: 'Agnes', preferredName: null, familyName: null })).toBe('Agnes');
  });
});

describe('contact warnings', () => {
  it('names every way of contact that is not safe, and says nothing when none is', () => {
    const base = { safeToPhone: null, safeToText: null, safeToWrite: null, safeToVisit: null };
    expect(contactWarning(base)).toBeUndefined();
    expect(contactWarning({ ...base, safeToPhone: false })).toBe(
      'It is not safe to phone this person. Check the contact note before any contact.',
    );
    expect(contactWarning({ ...base, safeToPhone: false, safeToWrite: false, safeToVisit: false })).toBe(
      'It is not safe to phone, write to or visit this person. Check the contact note before any contact.',
    );
  });
});

describe('family references', () => {
  it('start with the initials of the area’s place names', () => {
    expect(areaPrefix('Glenmuir and Carse Alcohol and Drug Partnership')).toBe('GC');
    expect(areaPrefix('Test ADP 1a2b3c4d')).toBe('T');
    expect(areaPrefix('')).toBe('F');
  });
});
