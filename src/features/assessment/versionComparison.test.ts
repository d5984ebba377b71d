import { describe, expect, it } from 'vitest';
import type { ContributionRow, SectionRow } from './assessmentRepository.ts';
import { compareVersions } from './versionComparison.ts';

const section = (
  id: string,
  personId: string | null,
  kind: SectionRow['kind'],
  givenName: string | null,
): SectionRow => ({
  id,
  assessmentId: 'a',
  kind,
  personId,
  givenName,
  preferredName: null,
  familyName: 'Reid',
  relationshipLabel: null,
});

const contribution = (
  sectionId: string,
  organisationId: string,
  answers: ContributionRow['answers'],
): ContributionRow => ({
  id: `${sectionId}-${organisationId}`,
  sectionId,
  assessmentId: 'a',
  organisationId,
  organisationName: organisationId === 'o1' ? 'Carse Family Support Service' : 'Glenmuir Young Carers',
  writtenByName: null,
  updatedAt: new Date(),
  version: 1,
  answers,
});

describe('compareVersions', () => {
  it('lists changed answers by member and organisation, naming ratings, and marks members new to the later version', () => {
    const older = {
      sections: [section('f1', null, 'family', null), section('m1', 'mia', 'child', 'Mia')],
      contributions: [
        contribution('f1', 'o1', { strengths: 'Sunday dinners', wants: 'Fewer arguments' }),
        contribution('m1', 'o1', { safeRating: 'significant_concerns' }),
      ],
    };
    const newer = {
      sections: [
        section('f2', null, 'family', null),
        section('m2', 'mia', 'child', 'Mia'),
        section('j2', 'jo', 'adult', 'Jo'),
      ],
      contributions: [
        contribution('f2', 'o1', { strengths: 'Sunday dinners', wants: 'A holiday' }),
        contribution('m2', 'o1', { safeRating: 'some_concerns' }),
        contribution('m2', 'o2', { ownViews: 'I like my new school' }),
      ],
    };
    const result = compareVersions(older, newer);
    expect(result.map((s) => [s.name, s.presence, s.changes.length])).toEqual([
      ['The whole family', 'both', 1],
      ['Mia Reid', 'both', 2],
      ['Jo Reid', 'added', 0],
    ]);
    expect(result[0]?.changes[0]).toEqual({
      organisationName: 'Carse Family Support Service',
      label: 'What the family wants to change',
      from: 'Fewer arguments',
      to: 'A holiday',
    });
    expect(result[1]?.changes).toEqual([
      {
        organisationName: 'Carse Family Support Service',
        label: 'Safe: rating',
        from: 'Significant concerns',
        to: 'Some concerns',
      },
      {
        organisationName: 'Glenmuir Young Carers',
        label: 'Their views, in their own words',
        from: null,
        to: 'I like my new school',
      },
    ]);
  });
});
