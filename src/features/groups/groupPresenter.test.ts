import { describe, expect, it } from 'vitest';
import { presentFamilyAttendance, presentGroup, presentSession } from './groupPresenter.ts';
import type { GroupRow } from './groupRepository.ts';
import type { SessionRecord } from './sessionRepository.ts';

const group: GroupRow = {
  id: 'g1',
  name: 'SMART Recovery Family & Friends',
  kind: 'programme',
  programmeId: 'p1',
  programmeName: 'SMART Recovery Family & Friends',
  forWhom: 'Adults affected by a loved one’s substance use',
  location: 'Kilbrannan Library',
  meets: 'Saturdays, 10.30am',
  weekday: 6,
  capacity: 5,
  attendance: 'anonymous',
  active: true,
  version: 1,
  updatedAt: '2026-11-01',
  sessions: 1,
  lastHeldOn: '2026-11-28',
  facilitators: [
    { userId: 'u1', name: 'Jackie Rennie', kind: 'peer' },
    { userId: null, name: 'Ryan Gillies', kind: 'volunteer' },
  ],
};

const session: SessionRecord = {
  id: 's1',
  heldOn: '2026-11-28',
  startsAt: '10:30',
  topic: null,
  named: 3,
  firstNames: 1,
  anonymousCount: 2,
  total: 6,
  overCapacity: true,
  notes: null,
  recordedBy: 'Jackie Rennie',
  version: 1,
  updatedAt: '2026-11-28T12:00:00Z',
  updatedByName: null,
  inErrorAt: null,
  inErrorByName: null,
  inErrorReason: null,
  members: [
    {
      personId: 'a',
      familyId: 'f1',
      familyReference: 'GC-0001',
      givenName: 'Karen',
      preferredName: null,
      familyName: 'Kowalski',
    },
    {
      personId: 'b',
      familyId: 'f2',
      familyReference: 'GC-0002',
      givenName: 'Elizabeth',
      preferredName: 'Liz',
      familyName: 'Nowak',
    },
  ],
  hiddenMembers: 1,
  firstNameList: ['Sandra'],
};

describe('the groups presenter', () => {
  it('names the programme and the facilitators with how they take part', () => {
    expect(presentGroup(group)).toMatchObject({
      kind: 'Programme group: SMART Recovery Family & Friends',
      weekday: 'Saturday',
      capacity: '5',
      facilitators: ['Jackie Rennie (peer)', 'Ryan Gillies (volunteer)'],
      sessions: '1 session',
    });
    expect(presentGroup({ ...group, weekday: null, capacity: null }).weekday).toBe(
      'Not weekly, or it varies',
    );
  });

  it('counts the register and warns when it was over capacity', () => {
    const shown = presentSession(group, session);
    expect(shown.countText).toBe('3 members linked to family records, 1 first name, 2 people not named');
    expect(shown.capacityWarning).toBe(
      'This session was over capacity: 6 people came and the group is for at most 5.',
    );
    expect(shown.members.map((m) => [m.name, m.href])).toEqual([
      ['Karen Kowalski', '/practice/families/f1'],
      ['Liz Nowak', '/practice/families/f2'],
    ]);
    expect(shown.hiddenMembers).toBe(1);
    expect(presentSession(group, { ...session, overCapacity: false }).capacityWarning).toBeNull();
    expect(presentSession(group, { ...session, topic: null }).topic).toBe('No topic recorded');
  });

  it('groups a family’s attendance by member', () => {
    const rows = [
      { personId: 'a', givenName: 'Karen', preferredName: null, familyName: 'Kowalski' },
      { personId: 'a', givenName: 'Karen', preferredName: null, familyName: 'Kowalski' },
      { personId: 'b', givenName: 'Elizabeth', preferredName: 'Liz', familyName: 'Nowak' },
    ].map((m, i) => ({
      ...m,
      groupName: i === 1 ? 'Monday coffee and chat' : 'Carse family support group',
      organisationName: 'Carse Family Support Service',
      sessions: i + 1,
      lastHeldOn: '2026-11-24',
    }));
    expect(presentFamilyAttendance(rows)).toEqual([
      {
        name: 'Karen Kowalski',
        groups: [
          {
            text: 'Carse family support group, Carse Family Support Service: 1 session',
            lastHeldOn: '2026-11-24',
          },
          {
            text: 'Monday coffee and chat, Carse Family Support Service: 2 sessions',
            lastHeldOn: '2026-11-24',
          },
        ],
      },
      {
        name: 'Liz Nowak',
        groups: [
          {
            text: 'Carse family support group, Carse Family Support Service: 3 sessions',
            lastHeldOn: '2026-11-24',
          },
        ],
      },
    ]);
  });
});
