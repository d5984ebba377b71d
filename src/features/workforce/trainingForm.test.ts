import { describe, expect, it } from 'vitest';
import { checkTrainingForm, checkWithdrawForm, parseTrainingForm } from './trainingForm.ts';

const today = '2026-12-08';
const body = (more: Record<string, string> = {}) => ({
  topic: 'family_inclusive_practice',
  course: '  Family Inclusive Practice: foundation ',
  provider: '',
  'completedOn-day': '14',
  'completedOn-month': '3',
  'completedOn-year': '2025',
  ...more,
});

describe('the training form', () => {
  it('takes a topic, a course, an optional provider, when it was finished and an optional date to refresh it by', () => {
    expect(checkTrainingForm(parseTrainingForm(body()), today)).toEqual({
      ok: true,
      value: {
        topic: 'family_inclusive_practice',
        traumaLevel: null,
        course: 'Family Inclusive Practice: foundation',
        provider: null,
        completedOn: '2025-03-14',
        renewBy: null,
      },
    });
    const renewed = checkTrainingForm(
      parseTrainingForm(
        body({
          provider: 'Scottish Families',
          'renewBy-day': '1',
          'renewBy-month': '3',
          'renewBy-year': '2028',
        }),
      ),
      today,
    );
    expect(renewed.ok && [renewed.value.provider, renewed.value.renewBy]).toEqual([
      'Scottish Families',
      '2028-03-01',
    ]);
  });

  it('needs a level for trauma-informed practice, and keeps a level only for it', () => {
    expect(checkTrainingForm(parseTrainingForm(body({ topic: 'trauma_practice' })), today)).toEqual({
      ok: false,
      errors: { traumaLevel: 'Choose the level of trauma training' },
    });
    const skilled = checkTrainingForm(
      parseTrainingForm(body({ topic: 'trauma_practice', traumaLevel: 'skilled' })),
      today,
    );
    expect(skilled.ok && skilled.value.traumaLevel).toBe('skilled');
    const other = checkTrainingForm(
      parseTrainingForm(body({ topic: 'other', traumaLevel: 'skilled' })),
      today,
    );
    expect(other.ok && other.value.traumaLevel).toBeNull();
  });

  it('says what is missing or wrong, next to each field', () => {
    expect(
      checkTrainingForm(
        parseTrainingForm({
          topic: 'juggling',
          provider: 'x'.repeat(201),
          'completedOn-day': '9',
          'completedOn-month': '12',
          'completedOn-year': '2026',
          'renewBy-day': '31',
          'renewBy-month': '2',
          'renewBy-year': '2027',
        }),
        today,
      ),
    ).toEqual({
      ok: false,
      errors: {
        topic: 'Choose what the training was about',
        course: 'Enter the name of the course',
        provider: 'The name of the provider must be 200 characters or fewer',
        completedOn: 'The date they finished must be today or in the past',
        renewBy: expect.stringContaining('The date to refresh it by must be a real date'),
      },
    });
    expect(checkTrainingForm(parseTrainingForm({}), today)).toMatchObject({
      ok: false,
      errors: { completedOn: 'Enter the date they finished' },
    });
  });

  it('needs the date to refresh it by to come after the date it was finished', () => {
    const checked = checkTrainingForm(
      parseTrainingForm(body({ 'renewBy-day': '14', 'renewBy-month': '3', 'renewBy-year': '2025' })),
      today,
    );
    expect(checked).toEqual({
      ok: false,
      errors: { renewBy: 'The date to refresh it by must be after the date they finished' },
    });
  });
});

describe('withdrawing a record', () => {
  it('needs a reason of at most 500 characters', () => {
    expect(checkWithdrawForm({ reason: ' Recorded for the wrong worker ' })).toEqual({
      ok: true,
      value: 'Recorded for the wrong worker',
      entered: 'Recorded for the wrong worker',
    });
    expect(checkWithdrawForm({ reason: '  ' })).toMatchObject({
      ok: false,
      errors: { reason: 'Enter why this record is being withdrawn' },
    });
    expect(checkWithdrawForm({ reason: 'x'.repeat(501) })).toMatchObject({
      ok: false,
      errors: { reason: 'The reason must be 500 characters or fewer' },
    });
  });
});
