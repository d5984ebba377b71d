import { describe, expect, it } from 'vitest';
import {
  checkCarerOffer,
  checkConcern,
  checkContribution,
  parseContributionForm,
} from './assessmentForms.ts';
import { questionsFor } from './assessmentQuestions.ts';

describe('contribution form', () => {
  it('reads every question of the section kind, empty answers as null', () => {
    const answers = parseContributionForm('adult', { strengths: ' Kind ', money: '', extra: 'ignored' });
    expect(Object.keys(answers)).toEqual(questionsFor.adult.map((q) => q.name));
    expect(answers.strengths).toBe('Kind');
    expect(answers.money).toBeNull();
    expect('extra' in answers).toBe(false);
  });

  it('puts strengths first for every kind of section', () => {
    for (const kind of ['family', 'child', 'adult'] as const)
      expect(questionsFor[kind][0]?.name).toBe('strengths');
  });

  it('has a rating, strengths and concerns for each of the eight wellbeing indicators', () => {
    const names = questionsFor.child.map((q) => q.name);
    for (const key of [
      'safe',
      'healthy',
      'achieving',
      'nurtured',
      'active',
      'respected',
      'responsible',
      'included',
    ])
      expect(names).toEqual(expect.arrayContaining([`${key}Rating`, `${key}Strengths`, `${key}Concerns`]));
  });

  it('refuses a rating off the scale, an answer too long, and a contribution with nothing in it', () => {
    const bad = checkContribution('child', { strengths: 'x'.repeat(4001), safeRating: '5' });
    expect(bad).toEqual({
      ok: false,
      errors: {
        strengths: 'Strengths must be 4000 characters or fewer',
        safeRating: 'Select how safe they are: doing well, some concerns or significant concerns',
      },
    });
    expect(checkContribution('family', { strengths: null })).toMatchObject({
      ok: false,
      errors: { strengths: 'Write at least one part of your organisation’s contribution' },
    });
    expect(checkContribution('child', { safeRating: 'significant_concerns' })).toMatchObject({ ok: true });
  });
});

describe('concern and carer forms', () => {
  const today = '2026-11-23';
  const date = (day: string, month: string, year: string) => ({ day, month, year });

  it('accepts a concern about the whole family or a listed member, dated today or earlier', () => {
    const result = checkConcern(
      {
        kind: 'domestic_abuse',
        personId: 'family',
        description: 'x',
        actionTaken: 'Risk assessment done',
        actionOn: date('23', '11', '2026'),
      },
      ['p1'],
      today,
    );
    expect(result).toEqual({
      ok: true,
      value: {
        kind: 'domestic_abuse',
        personId: null,
        description: 'x',
        actionTaken: 'Risk assessment done',
        actionOn: '2026-11-23',
      },
    });
  });

  it('refuses an unknown member, a future date and an impossible one', () => {
    const future = checkConcern(
      {
        kind: 'child_protection',
        personId: 'stranger',
        description: 'x',
        actionTaken: 'y',
        actionOn: date('24', '11', '2026'),
      },
      ['p1'],
      today,
    );
    expect(future).toMatchObject({
      ok: false,
      errors: {
        personId: 'Select a member of this family, or the whole family',
        actionOn: 'The date it was done must be today or in the past',
      },
    });
    const offer = checkCarerOffer(
      {
        personId: 'p1',
        kind: 'young_carer_statement',
        outcome: 'maybe',
        decidedOn: date('29', '2', '2025'),
        note: '',
      },
      ['p1'],
      today,
    );
    expect(offer).toMatchObject({
      ok: false,
      errors: {
        outcome: 'Select whether it was offered, accepted or declined',
        decidedOn: 'The date must be a real date',
      },
    });
  });
});
