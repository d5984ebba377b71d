import { describe, expect, it } from 'vitest';
import { presentFamilyDetailBody, presentFamilyListBody } from './familyApiPresenter.ts';
import type { FamilyDetail } from './familyRepository.ts';

const detail: FamilyDetail = {
  id: '3f0c1a9e-0000-4000-8000-000000000001',
  reference: 'GC-0001',
  name: 'Baird family',
  locality: 'Kilbrannan',
  memberCount: 1,
  status: 'open',
  updatedAt: new Date('2026-03-04T05:06:07Z'),
  members: [
    {
      personId: '3f0c1a9e-0000-4000-8000-000000000002',
      givenName: 'Agnes',
      familyName: 'Baird',
      preferredName: null,
      dateOfBirth: '1960-04-02',
      relationshipLabel: 'Mother',
      roles: ['affected_family_member'],
    },
  ],
  team: [{ organisationId: 'o1', organisationName: 'Carse Family Support Service', joinedOn: '2026-01-01' }],
};

describe('families as the API sends them', () => {
  it('gives a page of summaries with the paging used and dates in ISO 8601', () => {
    const body = presentFamilyListBody({ families: [detail], total: 30 }, { limit: 1, offset: 5 });
    expect(body).toEqual({
      total: 30,
      limit: 1,
      offset: 5,
      families: [
        {
          id: detail.id,
          reference: 'GC-0001',
          name: 'Baird family',
          locality: 'Kilbrannan',
          memberCount: 1,
          updatedAt: '2026-03-04T05:06:07.000Z',
        },
      ],
    });
  });

  it('gives a family’s members by relationship, without the internal person id', () => {
    const body = presentFamilyDetailBody(detail);
    expect(body.members).toEqual([
      {
        givenName: 'Agnes',
        familyName: 'Baird',
        preferredName: null,
        dateOfBirth: '1960-04-02',
        relationship: 'Mother',
        roles: ['affected_family_member'],
      },
    ]);
    expect(body).toMatchObject({ status: 'open', team: detail.team });
  });
});
