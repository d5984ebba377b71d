import { describe, expect, it } from 'vitest';
import { checkAllocationForm, checkLimitForm, parseAllocationForm } from './caseloadForms.ts';

describe('the allocation form', () => {
  const workers = ['w1', 'w2'];

  it('takes a worker from the list, a weight of 1 to 3 and the version the lead saw', () => {
    const checked = checkAllocationForm(
      parseAllocationForm({ workerId: 'w2', weight: '3', version: '4' }),
      workers,
    );
    expect(checked).toEqual({
      ok: true,
      value: { workerId: 'w2', weight: 3, version: 4, overLimitConfirmed: false },
    });
  });

  it('notes that the lead confirmed going over the limit', () => {
    const checked = checkAllocationForm(
      parseAllocationForm({ workerId: 'w1', weight: '1', version: '1', confirm: 'yes' }),
      workers,
    );
    expect(checked.ok && checked.value.overLimitConfirmed).toBe(true);
  });

  it('says what is missing or wrong, next to each field', () => {
    expect(checkAllocationForm(parseAllocationForm({ weight: '9', version: '1' }), workers)).toEqual({
      ok: false,
      errors: {
        workerId: 'Choose the worker who will support this member',
        weight: 'Choose how complex this member’s support is',
      },
    });
    const stranger = checkAllocationForm(
      parseAllocationForm({ workerId: 'w9', weight: '1', version: '1' }),
      workers,
    );
    expect(stranger.ok === false && stranger.errors.workerId).toBe('Choose a worker from the list');
  });
});

describe('the caseload limit form', () => {
  it('takes a whole number from 1 to 200, or nothing to clear the limit', () => {
    expect(checkLimitForm({ limit: ' 20 ' })).toMatchObject({ ok: true, value: 20 });
    expect(checkLimitForm({ limit: '' })).toMatchObject({ ok: true, value: null });
  });

  it.each([
    ['0', 'Enter a limit between 1 and 200'],
    ['201', 'Enter a limit between 1 and 200'],
    ['12.5', 'Enter the limit as a whole number, like 20'],
    ['lots', 'Enter the limit as a whole number, like 20'],
  ])('refuses %s', (limit, message) => {
    expect(checkLimitForm({ limit })).toMatchObject({
      ok: false,
      errors: { limit: message },
      entered: limit,
    });
  });
});
