import { describe, expect, it } from 'vitest';
import { checkProposalForm, gapOf, parseProposalForm, proposalFieldValues } from './proposalForm.ts';

const body = {
  title: 'Young people’s group',
  proposal: 'A Thursday group.',
  owner: 'user:u1',
  'dueOn-day': '1',
  'dueOn-month': 'May',
  'dueOn-year': '2027',
  status: 'agreed',
};

describe('the proposal form', () => {
  it('takes a Hearth owner from the choices, or a named owner outside', () => {
    const checked = checkProposalForm(parseProposalForm(body), ['u1']);
    expect(checked).toEqual({
      ok: true,
      value: {
        title: 'Young people’s group',
        proposal: 'A Thursday group.',
        ownerUserId: 'u1',
        ownerName: null,
        dueOn: '2027-05-01',
        status: 'agreed',
        progressNote: null,
      },
    });
    if (checked.ok) expect(proposalFieldValues(checked.value).owner).toBe('user:u1');
    const outside = checkProposalForm(
      parseProposalForm({ ...body, owner: 'outside', ownerName: 'Youth forum' }),
      [],
    );
    expect(outside.ok && [outside.value.ownerUserId, outside.value.ownerName]).toEqual([null, 'Youth forum']);
  });

  it('refuses an owner not offered, a status not known and a date that is not real', () => {
    const checked = checkProposalForm(
      parseProposalForm({
        ...body,
        owner: 'user:someone-else',
        status: 'finished',
        'dueOn-day': '30',
        'dueOn-month': '2',
      }),
      ['u1'],
    );
    expect(checked.ok ? {} : checked.errors).toEqual({
      owner: 'Select someone in the partnership’s organisations, or a body outside Hearth',
      dueOn: 'The date it is due by must be a real date',
      status: 'Select where the proposal is up to',
    });
  });

  it('carries the gap from its hidden fields, and calls anything else another gap', () => {
    expect(
      gapOf(parseProposalForm({ gapKind: 'group', gapKey: 'group:young_people', localityId: 'x' }), ['l1']),
    ).toEqual({
      gapKind: 'group',
      gapKey: 'group:young_people',
      localityId: null,
    });
    expect(gapOf(parseProposalForm({ gapKind: 'nonsense', gapKey: 'k', localityId: 'l1' }), ['l1'])).toEqual({
      gapKind: 'other',
      gapKey: null,
      localityId: 'l1',
    });
  });
});
