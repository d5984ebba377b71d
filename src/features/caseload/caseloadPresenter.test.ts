import { describe, expect, it } from 'vitest';
import { loadState, presentWorker } from './caseloadPresenter.ts';

describe('a caseload against its limit', () => {
  it.each([
    [21, 20, 'over'],
    [20, 20, 'at'],
    [18, 20, 'near'],
    [17, 20, 'within'],
    [40, null, 'none'],
  ] as const)('%i weighted members with a limit of %s is %s', (weighted, limit, state) => {
    expect(loadState(weighted, limit)).toBe(state);
  });

  it('shows the load as "n of limit" with a tag a team lead can scan', () => {
    const row = presentWorker({
      userId: 'u1',
      name: 'Morven Blair',
      roles: ['practitioner', 'team_lead'],
      families: 9,
      members: 14,
      weighted: 22,
      limit: 20,
    });
    expect(row).toMatchObject({
      load: '22 of 20',
      role: 'Practitioner, Team lead',
      tag: { text: 'Over limit', classes: 'govuk-tag--red' },
    });
  });
});
