import { describe, expect, it } from 'vitest';
import { createTemplateEnvironment } from '../../platform/views/views.ts';
import { presentSideBySide } from './assessmentPresenter.ts';
import { sectionKindFor } from './assessmentService.ts';

describe('sectionKindFor', () => {
  const today = new Date('2026-11-23T12:00:00Z');
  const member = { dateOfBirth: null, approximateAge: null, approximateAgeOn: null, roles: [] as string[] };

  it('makes a child’s section for anyone under 18, and an adult’s from 18', () => {
    expect(sectionKindFor({ ...member, dateOfBirth: '2008-11-24' }, today)).toBe('child');
    expect(sectionKindFor({ ...member, dateOfBirth: '2008-11-23' }, today)).toBe('adult');
    expect(sectionKindFor({ ...member, approximateAge: 15, approximateAgeOn: '2026-01-01' }, today)).toBe(
      'child',
    );
  });

  it('goes by the recorded role when the age is not known', () => {
    expect(sectionKindFor({ ...member, roles: ['child_or_young_person'] }, today)).toBe('child');
    expect(sectionKindFor(member, today)).toBe('adult');
  });
});

describe('the side-by-side table', () => {
  it('gives each organisation a column and each question a row, strengths first', () => {
    const table = presentSideBySide(
      {
        id: 's',
        assessmentId: 'a',
        kind: 'child',
        personId: 'p',
        givenName: 'Mia',
        preferredName: null,
        familyName: null,
        relationshipLabel: null,
      },
      [
        {
          id: 'c1',
          sectionId: 's',
          assessmentId: 'a',
          organisationId: 'o1',
          organisationName: 'Carse',
          writtenByName: 'Morven Blair',
          updatedAt: new Date(),
          version: 1,
          answers: { strengths: 'Kind', safeRating: 'doing_well' },
        },
        {
          id: 'c2',
          sectionId: 's',
          assessmentId: 'a',
          organisationId: 'o2',
          organisationName: 'Youth',
          writtenByName: null,
          updatedAt: new Date(),
          version: 1,
          answers: { strengths: 'Funny' },
        },
      ],
    );
    expect(table.organisations.map((o) => o.name)).toEqual(['Carse', 'Youth']);
    expect(table.groups[0]).toEqual({
      heading: 'Strengths',
      rows: [{ label: 'Strengths', cells: ['Kind', 'Funny'] }],
    });
    expect(table.groups[1]?.rows[0]).toEqual({
      label: 'Safe: rating',
      cells: ['Doing well', 'Not answered'],
    });
  });
});

describe('the overview’s concerns panel', () => {
  it('shows each open concern with what was done and when, and links to them all', () => {
    const html = createTemplateEnvironment().render('features/assessment/pages/_overviewConcerns.njk', {
      family: { id: 'f1' },
      concerns: [
        {
          id: 'c',
          kindName: 'Domestic abuse',
          about: 'Magda McAllister',
          actionTaken: 'Risk assessment done',
          actionOn: '2026-10-01',
        },
      ],
    });
    expect(html).toContain('Domestic abuse');
    expect(html).toContain('About Magda McAllister. Risk assessment done, 1 Oct 2026.');
    expect(html).toContain('href="/practice/families/f1/assessment#concerns"');
  });
});
