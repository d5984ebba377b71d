import { describe, expect, it } from 'vitest';
import {
  checkActionForm,
  checkAgreementForm,
  checkGoalForm,
  checkReviewForm,
  partsOfIso,
} from './planForms.ts';

const goalA = '11111111-1111-4111-8111-111111111111';
const goalB = '22222222-2222-4222-8222-222222222222';
const person = '33333333-3333-4333-8333-333333333333';

describe('plan forms', () => {
  it('needs a goal in the family’s words, and a member of the family when it is someone’s own', () => {
    expect(checkGoalForm({ personId: '', familyWords: '', workerWords: '', status: 'open' }, [])).toEqual({
      ok: false,
      errors: { familyWords: 'Enter the goal in the family’s own words' },
    });
    const stranger = checkGoalForm({ personId: goalA, familyWords: 'x', workerWords: '', status: 'open' }, [
      person,
    ]);
    expect(stranger.ok ? {} : stranger.errors).toHaveProperty('personId');
    expect(
      checkGoalForm({ personId: person, familyWords: 'Sleep better', workerWords: '', status: 'achieved' }, [
        person,
      ]),
    ).toEqual({
      ok: true,
      value: { personId: person, familyWords: 'Sleep better', workerWords: null, status: 'achieved' },
    });
  });

  it('reads an action’s owner and date, and refuses an impossible date', () => {
    const ok = checkActionForm(
      {
        what: 'Phone the school',
        goalId: goalA,
        owner: `member:${person}`,
        dueOn: partsOfIso('2026-07-04'),
        status: 'not_started',
      },
      [goalA],
    );
    expect(ok).toEqual({
      ok: true,
      value: {
        what: 'Phone the school',
        goalId: goalA,
        ownerKind: 'member',
        ownerId: person,
        dueOn: '2026-07-04',
        status: 'not_started',
      },
    });
    const bad = checkActionForm(
      {
        what: '',
        goalId: goalB,
        owner: 'friend:x',
        dueOn: { day: '31', month: '4', year: '2026' },
        status: 'maybe',
      },
      [goalA],
    );
    expect(bad.ok ? {} : bad.errors).toEqual({
      what: 'Enter what will be done',
      goalId: 'Select a goal of this plan, or none',
      owner: 'Select who will do it',
      dueOn: 'The date must be a real date',
      status: 'Select where the action is up to',
    });
  });

  it('needs who agreed the plan, a past date and a review interval of 1 to 52 weeks', () => {
    const bad = checkAgreementForm(
      { agreedWith: [], agreedOn: partsOfIso('2026-07-04'), reviewEveryWeeks: '53' },
      { memberIds: [person], today: '2026-07-01' },
    );
    expect(bad.ok ? {} : Object.keys(bad.errors).sort()).toEqual([
      'agreedOn',
      'agreedWith',
      'reviewEveryWeeks',
    ]);
    const ok = checkAgreementForm(
      { agreedWith: [person, person], agreedOn: partsOfIso('2026-06-04'), reviewEveryWeeks: '12' },
      { memberIds: [person], today: '2026-07-01' },
    );
    expect(ok).toEqual({
      ok: true,
      value: { agreedOn: '2026-06-04', agreedWith: [person], reviewEveryWeeks: 12 },
    });
  });

  it('scores every goal from 0 to 10 and puts the next review after this one', () => {
    const form = {
      heldOn: partsOfIso('2026-06-10'),
      scores: { [goalA]: '11', [goalB]: '' },
      comments: { [goalA]: '', [goalB]: '' },
      decisions: '',
      nextReviewOn: partsOfIso('2026-06-10'),
    };
    const bad = checkReviewForm(form, { goalIds: [goalA, goalB], today: '2026-06-10' });
    expect(bad.ok ? {} : bad.errors).toEqual({
      [`score-${goalA}`]: 'Progress on goal 1 must be a whole number from 0 to 10',
      [`score-${goalB}`]: 'Enter progress on goal 2, from 0 to 10',
      nextReviewOn: 'The next review must be after the date of this review',
    });
    for (const score of ['-1', '2.5', 'ten'])
      expect(
        checkReviewForm({ ...form, scores: { [goalA]: score } }, { goalIds: [goalA], today: '2026-06-10' })
          .ok,
      ).toBe(false);
    const ok = checkReviewForm(
      { ...form, scores: { [goalA]: '0', [goalB]: '10' }, nextReviewOn: partsOfIso('2026-09-02') },
      { goalIds: [goalA, goalB], today: '2026-06-10' },
    );
    expect(ok.ok && ok.value.progress.map((p) => p.score)).toEqual([0, 10]);
  });
});
