import { describe, expect, it } from 'vitest';
import { presentHistory } from './memberHistoryPresenter.ts';

const entry = (changes: Record<string, { from: unknown; to: unknown }>, recordType = 'person') => ({
  at: new Date('2026-11-20T10:00:00Z'),
  recordType,
  action: 'amended' as const,
  changes,
  changedBy: 'Morven Blair',
  organisationName: 'Carse Family Support Service',
});

describe('the history of a member’s record', () => {
  it('shows codes, dates and workers in words', () => {
    const [shown] = presentHistory(
      [
        entry(
          {
            roles: { from: ['adult_carer'], to: ['adult_carer', 'young_carer'] },
            status: { from: 'not_started', to: 'being_supported' },
            workerId: { from: null, to: 'u1' },
            startedOn: { from: null, to: '2026-11-20' },
            safeToPhone: { from: true, to: false },
          },
          'member_support',
        ),
      ],
      { addressShown: true, workers: new Map([['u1', 'Euan Cairns']]) },
    );
    expect(shown?.title).toBe('Support: Changed');
    expect(shown?.by).toBe('Morven Blair, Carse Family Support Service');
    expect(shown?.changes).toEqual([
      { field: 'Part in the family’s story', from: 'Adult carer', to: 'Adult carer, Young carer' },
      { field: 'Support status', from: 'Not started', to: 'Being supported' },
      { field: 'Worker', from: 'Nothing recorded', to: 'Euan Cairns' },
      { field: 'Started on', from: 'Nothing recorded', to: '20 November 2026' },
      { field: 'Safe to phone', from: 'Yes', to: 'No' },
    ]);
  });

  it('keeps a withheld address out of the history for those who may not see it', () => {
    const changes = {
      address: { from: '1 Mill Brae', to: 'Refuge' },
      phone: { from: null, to: '07700 900123' },
    };
    const [hidden] = presentHistory([entry(changes)], { addressShown: false });
    expect(hidden?.changes).toEqual([
      { field: 'Address', from: 'Withheld', to: 'Withheld' },
      { field: 'Phone', from: 'Nothing recorded', to: '07700 900123' },
    ]);
    const [shown] = presentHistory([entry(changes)], { addressShown: true });
    expect(shown?.changes[0]).toEqual({ field: 'Address', from: '1 Mill Brae', to: 'Refuge' });
  });
});
