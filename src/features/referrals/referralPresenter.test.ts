import { describe, expect, it } from 'vitest';
import { criteriaWarnings } from './referralDirectory.ts';
import { moveByPath, moveLabels, presentWait } from './referralPresenter.ts';
import { conflictMessage, moveMessage } from './referralService.ts';

describe('how referrals are shown', () => {
  it('counts the wait and flags it only while still waiting', () => {
    expect(
      presentWait({ status: 'new', receivedOn: '2026-11-01', firstSupportOn: null }, '2026-11-25'),
    ).toEqual({
      days: 24,
      text: '24 days so far',
      flag: { text: 'Over 3 weeks', classes: 'govuk-tag--orange' },
    });
    expect(
      presentWait({ status: 'waiting', receivedOn: '2026-10-01', firstSupportOn: null }, '2026-11-25')?.flag
        ?.text,
    ).toBe('Over 6 weeks');
    expect(
      presentWait(
        { status: 'started', receivedOn: '2026-11-01', firstSupportOn: '2026-11-30' },
        '2026-12-25',
      ),
    ).toEqual({
      days: 29,
      text: '29 days',
      flag: undefined,
    });
    expect(
      presentWait({ status: 'declined', receivedOn: '2026-11-01', firstSupportOn: null }, '2026-12-25'),
    ).toBeUndefined();
    expect(
      presentWait({ status: 'draft', receivedOn: null, firstSupportOn: null }, '2026-12-25'),
    ).toBeUndefined();
  });

  it('says what happened with the reference only, and who changed it on a conflict', () => {
    expect(moveMessage('R-000123', 'accepted')).toBe('Referral R-000123 was accepted');
    expect(
      conflictMessage({
        reference: 'R-000123',
        status: 'accepted',
        version: 3,
        changedBy: 'Jo Bell, Carse Carers',
      }),
    ).toBe('Someone else changed this referral: it is now Accepted by Jo Bell, Carse Carers');
    expect(conflictMessage({ reference: 'R-000123', status: 'closed', version: 3, changedBy: null })).toBe(
      'Someone else changed this referral: it is now Closed',
    );
  });

  it('finds each move by its path', () => {
    for (const [to, labels] of Object.entries(moveLabels)) expect(moveByPath(labels.path)).toBe(to);
    expect(moveByPath('draft')).toBeUndefined();
  });
});

describe('the service’s criteria', () => {
  const service = { name: 'Young Carers', audiences: ['young_person'], minimumAge: 12, maximumAge: 25 };
  const member = { approximateAge: null, approximateAgeOn: null };
  it('warns when members are outside the ages or the audiences, never for those inside', () => {
    expect(
      criteriaWarnings(
        service,
        [
          { ...member, name: 'Callum', roles: ['young_carer'], dateOfBirth: '2012-05-01' },
          { ...member, name: 'Agnes', roles: ['affected_family_member'], dateOfBirth: '1980-01-01' },
          {
            name: 'Mia',
            roles: ['child_or_young_person'],
            dateOfBirth: null,
            approximateAge: 9,
            approximateAgeOn: '2026-12-01',
          },
        ],
        '2026-12-02',
      ),
    ).toEqual([
      'Agnes is 46: Young Carers is for people aged 25 and under.',
      'Agnes may not be who Young Carers is for: it is for young person.',
      'Mia is about 9: Young Carers is for people aged 12 and over.',
    ]);
    expect(
      criteriaWarnings(
        { name: 'Any', audiences: [], minimumAge: null, maximumAge: null },
        [{ ...member, name: 'A', roles: [], dateOfBirth: null }],
        '2026-12-02',
      ),
    ).toEqual([]);
  });
});
