import { describe, expect, it } from 'vitest';
import { readConsentForm } from './consentForm.ts';
import { isChildOrYoungPerson } from './consentPresenter.ts';

const today = '2026-11-23';

describe('the record-consent form', () => {
  it('reads agreed consent with its method, own view and review date', () => {
    const result = readConsentForm(
      {
        status: 'given',
        scope: ' Attendance ',
        method: 'written',
        ownView: 'Gran can know',
        'reviewOn-day': '1',
        'reviewOn-month': '3',
        'reviewOn-year': '2027',
      },
      today,
    );
    expect(result.errors).toEqual({});
    expect(result.parsed).toEqual({
      status: 'given',
      scope: 'Attendance',
      method: 'written',
      ownView: 'Gran can know',
      reviewOn: '2027-03-01',
    });
  });

  it('needs the method only when they agree', () => {
    expect(readConsentForm({ status: 'refused', scope: 'Nothing' }, today).parsed?.method).toBeNull();
    expect(readConsentForm({ status: 'given', scope: 'All' }, today).errors.method).toBe(
      'Select how they gave consent',
    );
  });

  it('explains an impossible or past review date, a missing answer and a long scope', () => {
    const result = readConsentForm(
      { scope: 'x'.repeat(501), 'reviewOn-day': '31', 'reviewOn-month': '4', 'reviewOn-year': '2027' },
      today,
    );
    expect(result.parsed).toBeUndefined();
    expect(result.errors).toEqual({
      status: 'Select whether they agreed to share or refused',
      scope: 'What was agreed must be 500 characters or fewer',
      reviewOn: 'The review date must be a real date',
    });
    const past = readConsentForm(
      { status: 'refused', scope: 'No', 'reviewOn-day': '1', 'reviewOn-month': '1', 'reviewOn-year': '2026' },
      today,
    );
    expect(past.errors.reviewOn).toBe('The review date must be today or in the future');
  });
});

describe('who is asked for their own view', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  it('asks children and young people, by role or by age', () => {
    expect(isChildOrYoungPerson({ roles: ['child_or_young_person'], dateOfBirth: null }, now)).toBe(true);
    expect(isChildOrYoungPerson({ roles: ['young_carer'], dateOfBirth: '2009-11-24' }, now)).toBe(true);
    expect(isChildOrYoungPerson({ roles: ['young_carer'], dateOfBirth: '2008-11-23' }, now)).toBe(false);
    expect(isChildOrYoungPerson({ roles: ['adult_carer'], dateOfBirth: null }, now)).toBe(false);
  });
});
