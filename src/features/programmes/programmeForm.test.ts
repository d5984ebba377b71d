import { describe, expect, it } from 'vitest';
import {
  checkProgrammeForm,
  checkTrainedWorkerForm,
  codeFromName,
  parseProgrammeForm,
} from './programmeForm.ts';

const valid = {
  name: 'Kinship Carers’ Circle',
  code: '',
  summary: 'A monthly peer group for grandparents and other kinship carers.',
  format: 'group',
  length: 'fixed',
  sessionsPlanned: '8',
  sessionLengthMinutes: '90',
  deliveredBy: 'Two facilitators, one with lived experience',
  ageFrom: '18',
  ageTo: '',
};

describe('the programme form', () => {
  it('makes a code from the name when none is entered', () => {
    expect(codeFromName('Kinship Carers’ Circle')).toBe('kinship-carers-circle');
    expect(codeFromName('Families & Friends: Café (Ardmore)')).toBe('families-and-friends-cafe-ardmore');
    const checked = checkProgrammeForm(parseProgrammeForm(valid));
    expect(checked).toEqual({
      ok: true,
      value: {
        name: 'Kinship Carers’ Circle',
        code: 'kinship-carers-circle',
        summary: valid.summary,
        format: 'group',
        sessionsPlanned: 8,
        sessionLengthMinutes: 90,
        deliveredBy: valid.deliveredBy,
        ageFrom: 18,
        ageTo: null,
      },
    });
  });

  it('keeps an entered code, and refuses one with other characters', () => {
    expect(checkProgrammeForm({ ...valid, code: 'KCC-2025' })).toMatchObject({
      ok: true,
      value: { code: 'kcc-2025' },
    });
    expect(checkProgrammeForm({ ...valid, code: 'kcc 2025!' })).toMatchObject({
      ok: false,
      errors: { code: 'The code must be 2 to 60 characters: lower case letters, numbers and hyphens only' },
    });
  });

  it('needs 1 to 100 sessions, or open-ended', () => {
    for (const sessionsPlanned of ['0', '101'])
      expect(checkProgrammeForm({ ...valid, sessionsPlanned })).toMatchObject({
        ok: false,
        errors: { sessionsPlanned: 'The number of sessions must be between 1 and 100' },
      });
    expect(checkProgrammeForm({ ...valid, sessionsPlanned: 'six' })).toMatchObject({
      errors: { sessionsPlanned: 'The number of sessions must be a whole number, like 8' },
    });
    expect(checkProgrammeForm({ ...valid, sessionsPlanned: '' })).toMatchObject({
      errors: { sessionsPlanned: 'Enter the number of sessions' },
    });
    expect(checkProgrammeForm({ ...valid, length: 'open', sessionsPlanned: '0' })).toMatchObject({
      ok: true,
      value: { sessionsPlanned: null },
    });
    expect(checkProgrammeForm({ ...valid, length: '' })).toMatchObject({
      ok: false,
      errors: { length: expect.any(String) },
    });
  });

  it('needs the age range in order', () => {
    expect(checkProgrammeForm({ ...valid, ageFrom: '14', ageTo: '10' })).toMatchObject({
      ok: false,
      errors: { ageTo: 'The oldest age must be the same as or more than the youngest age' },
    });
    expect(checkProgrammeForm({ ...valid, ageFrom: '10', ageTo: '10' })).toMatchObject({ ok: true });
    expect(checkProgrammeForm({ ...valid, ageFrom: '121' })).toMatchObject({
      errors: { ageFrom: 'The youngest age must be between 0 and 120' },
    });
  });

  it('names every missing field', () => {
    const checked = checkProgrammeForm(parseProgrammeForm({}));
    expect(checked.ok).toBe(false);
    if (!checked.ok)
      expect(Object.keys(checked.errors).sort()).toEqual([
        'deliveredBy',
        'format',
        'length',
        'name',
        'summary',
      ]);
  });
});

describe('the trained worker form', () => {
  const today = '2026-11-30';
  it('needs one of the organisation’s workers and a date that has passed', () => {
    expect(
      checkTrainedWorkerForm(
        { userId: 'w1', trainedOn: { day: '14', month: '3', year: '2025' } },
        ['w1'],
        today,
      ),
    ).toEqual({
      ok: true,
      value: { userId: 'w1', trainedOn: '2025-03-14' },
    });
    expect(
      checkTrainedWorkerForm(
        { userId: 'w2', trainedOn: { day: '1', month: '12', year: '2026' } },
        ['w1'],
        today,
      ),
    ).toEqual({
      ok: false,
      errors: {
        userId: 'Select the worker who was trained',
        trainedOn: 'The date they were trained must be today or in the past',
      },
    });
  });
});
