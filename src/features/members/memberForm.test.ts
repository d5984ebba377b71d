import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarDate, memberFormFrom, parseMemberForm, validateMemberForm } from './memberForm.ts';

const today = new Date('2026-11-23T12:00:00Z');

function valid(overrides: Record<string, string | string[]> = {}) {
  return parseMemberForm({ givenName: 'Agnes', familyName: 'Reid', ...overrides });
}

function errorsOf(overrides: Record<string, string | string[]>) {
  const result = validateMemberForm(valid(overrides), today);
  return result.ok ? {} : result.errors;
}

describe('the member details form', () => {
  it('accepts a first name alone, and stores blanks as nothing', () => {
    const result = validateMemberForm(parseMemberForm({ givenName: '  Agnes ' }), today);
    expect(result.ok && result.details.person).toEqual(
      expect.objectContaining({ givenName: 'Agnes', familyName: null, dateOfBirth: null, safeToPhone: null }),
    );
  });

  it('says what is wrong with each bad answer', () => {
    expect(errorsOf({ givenName: '' })).toEqual({ givenName: 'Enter their first name' });
    expect(
      errorsOf({ 'dateOfBirth-day': '31', 'dateOfBirth-month': '2', 'dateOfBirth-year': '1980' }),
    ).toEqual({
      dateOfBirth: 'Date of birth must be a real date, like 27 3 1985',
    });
    expect(
      errorsOf({ 'dateOfBirth-day': '1', 'dateOfBirth-month': '1', 'dateOfBirth-year': '2027' }).dateOfBirth,
    ).toBe('Date of birth must be today or in the past');
    expect(
      errorsOf({ 'dateOfBirth-day': '1', 'dateOfBirth-month': '1', 'dateOfBirth-year': '1900' }).dateOfBirth,
    ).toBe('Date of birth must be within the last 120 years');
    expect(errorsOf({ approximateAge: '121' }).approximateAge).toBe('Approximate age must be 120 or less');
    expect(errorsOf({ approximateAge: 'forty' }).approximateAge).toContain('whole number');
    expect(
      errorsOf({
        approximateAge: '40',
        'dateOfBirth-day': '1',
        'dateOfBirth-month': '1',
        'dateOfBirth-year': '1980',
      }).approximateAge,
    ).toBe('Enter a date of birth or an approximate age, not both');
    expect(errorsOf({ email: 'agnes@' }).email).toContain('right format');
    expect(errorsOf({ phone: '12' }).phone).toContain('Enter a phone number');
    expect(errorsOf({ phone: 'call me' }).phone).toContain('Enter a phone number');
    expect(errorsOf({ postcode: 'ABC' }).postcode).toBe('Enter a real postcode, like KA7 1AA');
    expect(errorsOf({ roles: ['addict'] }).roles).toBe('Select only the roles shown');
    expect(errorsOf({ addressWithheld: 'yes' }).address).toContain('Enter the address to withhold');
  });

  it('accepts 29 February in a leap year only', () => {
    expect(calendarDate('29', '2', '2024')).toBe('2024-02-29');
    expect(calendarDate('29', '2', '2025')).toBeUndefined();
  });

  it('round-trips stored details through the edit form unchanged', () => {
    const result = validateMemberForm(
      valid({
        'dateOfBirth-day': '2',
        'dateOfBirth-month': '4',
        'dateOfBirth-year': '1958',
        roles: ['adult_carer', 'affected_family_member'],
        safeToPhone: 'no',
        postcode: 'ka71aa',
        livesInHousehold: 'yes',
      }),
      today,
    );
    if (!result.ok) throw new Error('expected valid');
    expect(result.details.person.postcode).toBe('KA7 1AA');
    const again = validateMemberForm(memberFormFrom(result.details), today);
    expect(again).toEqual(result);
  });

  it('never accepts an impossible date of birth, whatever is typed (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 4 }),
        fc.string({ maxLength: 3 }),
        fc.string({ maxLength: 5 }),
        (d, m, y) => {
          const result = validateMemberForm(
            valid({ 'dateOfBirth-day': d, 'dateOfBirth-month': m, 'dateOfBirth-year': y }),
            today,
          );
          if (!result.ok) return true;
          const dob = result.details.person.dateOfBirth;
          if (dob === null) return d.trim() === '' && m.trim() === '' && y.trim() === '';
          const parsed = new Date(`${dob}T00:00:00Z`);
          return !Number.isNaN(parsed.getTime()) && dob <= '2026-11-23' && dob >= '1906-11-23';
        },
      ),
    );
  });

  it('never throws on any body and only ever stores known roles (property)', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ maxLength: 20 }), fc.oneof(fc.string(), fc.array(fc.string()))),
        (body) => {
          const result = validateMemberForm(parseMemberForm(body), today);
          if (!result.ok) return Object.keys(result.errors).length > 0;
          return result.details.membership.roles.every((role) =>
            [
              'using_substances',
              'affected_family_member',
              'child_or_young_person',
              'young_carer',
              'adult_carer',
              'bereaved',
            ].includes(role),
          );
        },
      ),
    );
  });
});
