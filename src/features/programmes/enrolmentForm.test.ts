import { describe, expect, it } from 'vitest';
import { ageRangeText, checkAge, checkChooseForm, checkEndForm, checkEnrolForm } from './enrolmentForm.ts';

const sf = { name: 'Strengthening Families 10-14', ageFrom: 10, ageTo: 14 };
const member = (dateOfBirth: string | null, approximateAge: number | null = null) => ({
  name: 'Kayla Reid',
  dateOfBirth,
  approximateAge,
  approximateAgeOn: approximateAge === null ? null : '2026-01-01',
});

describe('the age check', () => {
  it('describes a range', () => {
    expect(ageRangeText(sf)).toBe('aged 10 to 14');
    expect(ageRangeText({ ageFrom: 18, ageTo: null })).toBe('aged 18 and over');
    expect(ageRangeText({ ageFrom: null, ageTo: null })).toBeUndefined();
  });

  it('takes the age on the day they start, to the day', () => {
    expect(checkAge(member('2012-06-01'), sf, '2026-05-31')).toEqual({ kind: 'ok' });
    expect(checkAge(member('2012-06-01'), sf, '2027-06-01')).toEqual({
      kind: 'outside',
      message:
        'Kayla Reid is 15 on the date they would start. Strengthening Families 10-14 is for people aged 10 to 14',
    });
    expect(checkAge(member('2017-01-01'), sf, '2026-05-31').kind).toBe('outside');
  });

  it('only warns on an approximate age, and says nothing when no age is known', () => {
    expect(checkAge(member(null, 16), sf, '2026-03-01')).toMatchObject({ kind: 'approximate' });
    expect(checkAge(member(null), sf, '2026-03-01')).toEqual({ kind: 'ok' });
    expect(
      checkAge(member('1950-01-01'), { name: 'Mutual aid', ageFrom: null, ageTo: null }, '2026-03-01'),
    ).toEqual({ kind: 'ok' });
  });
});

describe('the enrolment forms', () => {
  const today = '2026-11-30';
  it('needs a member and programme from the lists', () => {
    expect(
      checkChooseForm({ personId: 'x', programmeId: '' }, { memberIds: ['p1'], programmeIds: ['c'] }),
    ).toEqual({
      ok: false,
      errors: { personId: 'Select who is starting the programme', programmeId: 'Select a programme' },
    });
  });

  it('needs a worker, a start date not in the future and one of the programme’s groups', () => {
    const chosen = { personId: 'p1', programmeId: 'c' };
    const choices = { workerIds: ['w1'], groupIds: ['g1'], today };
    expect(
      checkEnrolForm(
        {
          workerId: 'w1',
          groupId: 'g1',
          enrolledOn: { day: '2', month: '11', year: '2026' },
          confirmUntrained: '',
        },
        chosen,
        choices,
      ),
    ).toEqual({
      ok: true,
      value: {
        personId: 'p1',
        programmeId: 'c',
        workerId: 'w1',
        groupId: 'g1',
        enrolledOn: '2026-11-02',
        confirmUntrained: false,
      },
    });
    expect(
      checkEnrolForm(
        {
          workerId: '',
          groupId: 'g9',
          enrolledOn: { day: '1', month: '12', year: '2026' },
          confirmUntrained: '',
        },
        chosen,
        choices,
      ),
    ).toEqual({
      ok: false,
      errors: {
        workerId: 'Select the worker who will deliver it',
        groupId: 'Select one of your groups that runs this programme',
        enrolledOn: 'The date they started must be today or in the past',
      },
    });
  });

  it('takes the warning about training as seen only for the worker it was about', () => {
    const chosen = { personId: 'p1', programmeId: 'c' };
    const choices = { workerIds: ['w1', 'w2'], groupIds: [], today };
    const form = {
      workerId: 'w2',
      groupId: '',
      enrolledOn: { day: '2', month: '11', year: '2026' },
      confirmUntrained: 'w1',
    };
    expect(checkEnrolForm(form, chosen, choices)).toMatchObject({
      ok: true,
      value: { confirmUntrained: false },
    });
    expect(checkEnrolForm({ ...form, confirmUntrained: 'w2' }, chosen, choices)).toMatchObject({
      ok: true,
      value: { confirmUntrained: true },
    });
  });

  it('ends early only with a reason, between the start and today', () => {
    const limits = { enrolledOn: '2026-10-01', today };
    expect(
      checkEndForm({ endedOn: { day: '20', month: '11', year: '2026' }, reason: '' }, 'ended_early', limits),
    ).toEqual({
      ok: false,
      errors: { reason: 'Enter why the programme ended early' },
    });
    expect(
      checkEndForm(
        { endedOn: { day: '20', month: '11', year: '2026' }, reason: 'Moved away' },
        'ended_early',
        limits,
      ),
    ).toEqual({
      ok: true,
      value: { status: 'ended_early', endedOn: '2026-11-20', reason: 'Moved away' },
    });
    expect(
      checkEndForm(
        { endedOn: { day: '30', month: '9', year: '2026' }, reason: 'ignored' },
        'completed',
        limits,
      ),
    ).toEqual({
      ok: false,
      errors: { endedOn: 'The date they completed it must be on or after the date they started' },
    });
    expect(
      checkEndForm({ endedOn: { day: '', month: '', year: '' }, reason: 'ignored' }, 'completed', limits),
    ).toEqual({
      ok: false,
      errors: { endedOn: 'Enter the date they completed it' },
    });
    expect(
      checkEndForm(
        { endedOn: { day: '30', month: '11', year: '2026' }, reason: 'ignored' },
        'completed',
        limits,
      ),
    ).toEqual({
      ok: true,
      value: { status: 'completed', endedOn: '2026-11-30', reason: null },
    });
  });
});
