import { describe, expect, it } from 'vitest';
import type { SessionUser } from '../../platform/auth/sessionStore.ts';
import { type HomeView, homeBody } from './homeMarkup.ts';

const hostile = '<img src=x onerror=alert(1)> & "co"';
const user = { displayName: `Morven ${hostile}`, organisationName: `Carse ${hostile}` } as SessionUser;

function view(overrides: Partial<HomeView> = {}): HomeView {
  return {
    openFamilies: 1,
    overdue: { items: [], more: false },
    myWork: {
      members: [
        {
          name: `Agnes ${hostile}`,
          family: `GC-0001 ${hostile}`,
          href: '/practice/families/f1',
          support: 'Being supported',
          lastContactOn: null,
          due: true,
        },
      ],
      totals: { members: 1, families: 1, due: 1 },
      more: false,
      groups: [
        {
          id: 'g1',
          name: `Group ${hostile}`,
          meets: 'Tuesdays',
          location: 'Hall',
          organisationName: 'Other',
          href: null,
        },
      ],
    },
    isTeamLead: false,
    longWaits: undefined,
    referralsWaiting: { new: 1, waiting: 0, accepted: 2 },
    notices: [
      {
        id: 'n1',
        kind: 'break_glass',
        message: `Seen ${hostile}`,
        familyId: null,
        familyReference: null,
        createdAt: new Date('2026-12-01T10:05:00Z'),
      },
    ],
    canBreakGlass: true,
    sections: [{ href: '/practice', text: 'Practice', description: 'Families' }],
    ...overrides,
  } as HomeView;
}

describe("the home page's body", () => {
  it('escapes names and messages, and puts the page’s CSRF token in each notice’s form', () => {
    const body = homeBody(view(), user, 'token-123');
    expect(body).not.toContain('<img');
    expect(body.split('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;co&quot;').length - 1).toBe(7);
    expect(body).toContain('<input type="hidden" name="_csrf" value="token-123">');
    expect(body).toContain('1 Dec 2026, 10:05');
  });

  it('says so when nothing is overdue or waiting, and counts in words', () => {
    const body = homeBody(
      view({ referralsWaiting: { new: 0, waiting: 0, accepted: 0 }, notices: [] }),
      user,
      't',
    );
    expect(body).toContain('Nothing is overdue.');
    expect(body).toContain('No referrals are waiting in your organisation’s inbox.');
    expect(body).toContain('1</span> open family at Carse');
    expect(body).toContain('You support 1 member in 1 family. 1 is due a contact');
    expect(body).not.toContain('Notices for your organisation');
  });
});
