import { describe, expect, it } from 'vitest';
import { maxStepsDrawn, presentProgress, presentShape } from './programmePresenter.ts';
import type { ProgrammeRow } from './programmeRepository.ts';

describe('progress against a programme’s shape', () => {
  it('counts contacts and group sessions together against the planned sessions, with one step each', () => {
    const progress = presentProgress({ sessionsPlanned: 12, contactSessions: 2, groupSessions: 1 });
    expect(progress.text).toBe('3 of 12 sessions');
    expect(progress.label).toBe('Sessions attended: 3 of 12');
    expect(progress.steps).toHaveLength(12);
    expect(progress.steps.filter((s) => s.complete)).toHaveLength(3);
    expect(progress.steps[2]?.label.text).toBe('Session 3: attended');
    expect(progress.steps[3]?.label.text).toBe('Session 4: not yet');
  });

  it('says open-ended, and draws no steps for long programmes', () => {
    expect(presentProgress({ sessionsPlanned: null, contactSessions: 1, groupSessions: 0 })).toMatchObject({
      text: '1 session (open-ended)',
      steps: [],
    });
    expect(
      presentProgress({ sessionsPlanned: maxStepsDrawn + 1, contactSessions: 0, groupSessions: 0 }).steps,
    ).toEqual([]);
  });

  it('describes the shape', () => {
    const row = {
      format: 'group',
      sessionsPlanned: 7,
      sessionLengthMinutes: 120,
      deliveredBy: 'At least three trained group leaders',
      ageFrom: 10,
      ageTo: 14,
    } as ProgrammeRow;
    expect(presentShape(row)).toEqual({
      format: 'Group',
      sessions: '7 sessions',
      sessionLength: '2 hours',
      deliveredBy: 'At least three trained group leaders',
      ages: 'Aged 10 to 14',
    });
    expect(
      presentShape({ ...row, sessionLengthMinutes: 90, sessionsPlanned: null, ageFrom: null, ageTo: null }),
    ).toMatchObject({
      sessions: 'Open-ended',
      sessionLength: '90 minutes',
      ages: 'Any age',
    });
  });
});
