import { describe, expect, it } from 'vitest';
import { readBreakGlassForm } from '../breakGlass/breakGlassForm.ts';
import { readHandoverForm, readJoinForm, readLeaveForm, readWorkerForm } from './teamForms.ts';

const today = '2026-11-23';

describe('the team forms', () => {
  it('reads an invitation, joining today when no date is given', () => {
    const result = readJoinForm(
      { organisation: 'org-1', members: ['p1', 'p2'], role: 'Recovery', contact: '' },
      today,
    );
    expect(result.input).toEqual({
      organisationId: 'org-1',
      memberIds: ['p1', 'p2'],
      role: 'Recovery',
      contact: null,
      joinedOn: today,
      consent: null,
    });
  });

  it('reads the consent given with an invitation, and asks how and what when members are ticked', () => {
    const base = { organisation: 'org-1', members: ['p1'], sharing: ['p2'] };
    expect(
      readJoinForm({ ...base, consentMethod: 'verbal', consentScope: 'Her support' }, today).input?.consent,
    ).toEqual({ memberIds: ['p2'], method: 'verbal', scope: 'Her support' });
    expect(readJoinForm({ ...base, consentMethod: 'by pigeon', consentScope: '' }, today).errors).toEqual({
      consentMethod: 'Select how they agreed: by talking with you, or in writing',
      consentScope: 'Enter what they agreed to share',
    });
  });

  it('refuses an invitation without members, or dated in the future', () => {
    const result = readJoinForm(
      { organisation: 'org-1', 'joinedOn-day': '1', 'joinedOn-month': '1', 'joinedOn-year': '2027' },
      today,
    );
    expect(result.input).toBeUndefined();
    expect(result.errors).toEqual({
      members: 'Choose at least one member the organisation will work with',
      joinedOn: 'The date they joined must be today or in the past',
    });
  });

  it('reads a leaving date and checks it is real', () => {
    expect(readLeaveForm({}, today).leftOn).toBe(today);
    expect(
      readLeaveForm({ 'leftOn-day': '29', 'leftOn-month': '2', 'leftOn-year': '2026' }, today).errors.leftOn,
    ).toBe('The date they left must be a real date');
  });

  it('names a worker for the whole family or one member', () => {
    expect(
      readWorkerForm({ user: 'u1', person: 'family', role: 'Peer worker' }, today).input?.personId,
    ).toBeNull();
    expect(readWorkerForm({ user: 'u1', person: 'p1', role: 'Peer worker' }, today).input?.personId).toBe(
      'p1',
    );
    expect(readWorkerForm({ person: 'family' }, today).errors).toEqual({
      user: 'Choose the worker',
      role: 'Enter their role with the family, for example family support worker',
    });
  });

  it('needs a hand-over note', () => {
    expect(readHandoverForm({ user: 'u1' }, today).errors).toEqual({
      handoverNote: 'Enter a hand-over note: what the new lead needs to know',
    });
    expect(readHandoverForm({ user: 'u1', handoverNote: 'Over to you' }, today).input).toEqual({
      userId: 'u1',
      handoverNote: 'Over to you',
      startedOn: today,
    });
  });
});

describe('the emergency access form', () => {
  it('needs a reference, a reason of some length and a confirmation', () => {
    expect(readBreakGlassForm({ reference: '', reason: 'short' }).errors).toEqual({
      reference: 'Enter the family reference',
      reason: 'Your reason must be at least 20 characters: say what the protection concern is',
      confirm: 'Confirm that you understand this is recorded and your lead is told',
    });
    expect(
      readBreakGlassForm({
        reference: 'GC-0001',
        reason: 'Police concern about the children tonight',
        confirm: 'yes',
      }).valid,
    ).toBe(true);
  });
});
