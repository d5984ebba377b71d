import { describe, expect, it } from 'vitest';
import { presentRecord, presentWorkerTraining, teamSummary } from './trainingPresenter.ts';
import type { TrainingRecord, WorkerTraining } from './trainingRepository.ts';

const today = '2026-12-08';
const worker = (more: Partial<WorkerTraining> = {}): WorkerTraining => ({
  userId: 'u1',
  name: 'Morven Blair',
  roles: ['practitioner'],
  familyInclusiveOn: null,
  traumaLevel: null,
  current: 0,
  lapsed: 0,
  nextRenewal: null,
  ...more,
});

describe('a worker’s training in words', () => {
  it('says when nothing is recorded', () => {
    expect(presentWorkerTraining(worker(), today)).toMatchObject({
      role: 'Practitioner',
      familyInclusive: { text: 'None recorded', classes: 'govuk-tag--grey' },
      trauma: 'None recorded',
      renewal: '',
      href: '/practice/training/workers/u1',
    });
  });

  it('gives the latest family-inclusive training, the highest trauma level, and what is due soon or lapsed', () => {
    const row = presentWorkerTraining(
      worker({
        familyInclusiveOn: '2025-03-14',
        traumaLevel: 'enhanced',
        current: 3,
        lapsed: 1,
        nextRenewal: '2027-01-20',
      }),
      today,
    );
    expect(row.familyInclusive).toEqual({ text: 'Trained 14 Mar 2025', classes: 'govuk-tag--green' });
    expect(row.trauma).toBe('Trauma enhanced');
    expect(row.renewal).toBe('Refresh by 20 Jan 2027; 1 out of date');
    // A refresh more than 60 days away is not mentioned yet.
    expect(presentWorkerTraining(worker({ nextRenewal: '2027-02-07' }), today).renewal).toBe('');
    expect(presentWorkerTraining(worker({ nextRenewal: '2027-02-06' }), today).renewal).toBe(
      'Refresh by 6 Feb 2027',
    );
  });

  it('counts the team with family-inclusive training in date', () => {
    expect(teamSummary([worker(), worker({ familyInclusiveOn: '2025-01-01' })])).toEqual({
      workers: 2,
      trained: 1,
      untrained: 1,
    });
  });
});

describe('a training record in words', () => {
  const record = (more: Partial<TrainingRecord> = {}): TrainingRecord => ({
    id: 'r1',
    userId: 'u1',
    topic: 'trauma_practice',
    traumaLevel: 'skilled',
    course: 'Trauma Skilled Practice',
    provider: null,
    completedOn: '2025-06-02',
    renewBy: '2026-12-07',
    recordedBy: 'Shona Baird',
    createdAt: '2025-06-03 10:00:00+00',
    withdrawnAt: null,
    withdrawnBy: null,
    withdrawnReason: null,
    ...more,
  });

  it('names the topic with its level, and says whether it is in date', () => {
    expect(presentRecord(record(), today)).toMatchObject({
      topic: 'Trauma-informed practice: trauma skilled',
      provider: 'Not recorded',
      completedOn: '2 Jun 2025',
      renewBy: '7 Dec 2026',
      state: { text: 'Out of date' },
      recordedText: 'Recorded by Shona Baird on 3 Jun 2025',
    });
    expect(presentRecord(record({ renewBy: today }), today).state.text).toBe('In date');
    expect(presentRecord(record({ renewBy: null }), today).renewBy).toBe('No date set');
  });

  it('says who withdrew a record, when and why', () => {
    const withdrawn = presentRecord(
      record({
        topic: 'family_inclusive_practice',
        traumaLevel: null,
        withdrawnAt: '2026-11-30 09:00:00+00',
        withdrawnBy: 'Shona Baird',
        withdrawnReason: 'Recorded for the wrong worker',
      }),
      today,
    );
    expect(withdrawn).toMatchObject({
      topic: 'Family-inclusive practice',
      withdrawn: true,
      state: { text: 'Withdrawn' },
      withdrawnText: 'Withdrawn by Shona Baird on 30 Nov 2026: Recorded for the wrong worker',
    });
  });
});
