import { describe, expect, it } from 'vitest';
import { presentFamilyMap } from '../relationships/familyMapPresenter.ts';
import { type FamilyOverviewView, familyOverviewBody } from './familyOverviewMarkup.ts';
import { overviewLinks } from './familyOverviewPresenter.ts';

const hostile = '<script>alert("x")</script> & co';
const familyId = '00000000-0000-4000-8000-000000000001';
const base = `/practice/families/${familyId}`;

/** A view as the presenter gives it, with what a user typed made hostile. */
function view(overrides: Partial<FamilyOverviewView> = {}): FamilyOverviewView {
  const member = {
    personId: 'p1',
    name: `Agnes ${hostile}`,
    href: `${base}/members/p1`,
    age: 'Age 54',
    relationship: 'Mother',
    roles: 'Affected family member',
    household: 'Lives elsewhere',
    support: [{ text: 'Being supported, Carse', worker: `Morven ${hostile}`, confidential: true }],
    consent: 'Not asked about sharing yet',
    consentTag: 'grey',
    flags: [{ text: 'Not safe to phone', classes: 'govuk-tag--red' }],
    programmes: [{ text: `CRAFT: ${hostile}`, href: `${base}/enrolments/e1` }],
    enrolHref: `${base}/enrolments/new?personId=p1`,
  };
  return {
    family: {
      id: familyId,
      reference: 'GC-0001',
      name: `Boyle ${hostile}`,
      status: 'open',
      locality: null,
      lastContactAt: null,
    },
    breakGlass: undefined,
    members: [member],
    map: presentFamilyMap(`Boyle ${hostile}`, [], [], new Date('2026-12-01T10:00:00Z')),
    team: { lead: undefined, organisations: [], workers: [] },
    dueNext: { items: [{ text: `Ask ${hostile}`, href: `${base}/consent`, urgent: true }], more: 2 },
    chronology: [],
    concerns: [
      {
        id: 'c1',
        kindName: 'Child protection',
        about: hostile,
        actionTaken: 'Referral made',
        actionOn: '2026-11-30',
      },
    ],
    referrals: [],
    links: overviewLinks(familyId),
    ...overrides,
  } as unknown as FamilyOverviewView;
}

describe("the family overview's body", () => {
  it('escapes everything a user wrote, wherever it appears', () => {
    const body = familyOverviewBody(view());
    expect(body).not.toContain('<script>');
    expect(body).toContain('Boyle &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co');
    // Family name, member name (twice, and once hidden for the link), worker, programme, concern, due item, map title.
    expect(body.split('&lt;script&gt;').length - 1).toBeGreaterThanOrEqual(9);
  });

  it('says what is missing instead of leaving parts empty', () => {
    const body = familyOverviewBody(
      view({
        members: [],
        concerns: [],
        dueNext: { items: [], more: 0 },
        breakGlass: { until: '3 Dec 2026' } as never,
      }),
    );
    expect(body).toContain('There are no members you can see.');
    expect(body).toContain('Locality not recorded');
    expect(body).toContain('Last contact:</strong> none attended yet');
    expect(body).toContain('Nothing is due.');
    expect(body).toContain('No referrals from or to your organisation yet.');
    expect(body).toContain('Lead professional:</strong>\nnone agreed yet');
    expect(body).toContain('No relationships recorded yet.');
    expect(body).toContain('Nothing recorded yet.');
    expect(body).toContain('under emergency access until 3 Dec 2026');
    expect(body).not.toContain('Open risks and protection concerns');
  });

  it('marks overdue work and counts what is not listed', () => {
    const body = familyOverviewBody(view());
    expect(body).toContain('<strong class="govuk-tag govuk-tag--red">Overdue</strong> <a class="govuk-link"');
    expect(body).toContain('And 2 more.');
    expect(body).toContain('Referral made, 30 Nov 2026.');
    expect(body).toContain('<strong class="govuk-tag govuk-tag--grey">Confidential</strong>');
  });
});
