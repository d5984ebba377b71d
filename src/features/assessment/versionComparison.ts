import { sectionName } from './assessmentPresenter.ts';
import { answerText, questionsFor } from './assessmentQuestions.ts';
import type { ContributionRow, SectionRow } from './assessmentRepository.ts';

export interface ChangedAnswer {
  organisationName: string;
  label: string;
  from: string | null;
  to: string | null;
}

export interface SectionComparison {
  name: string;
  /** Only in the newer version (a member who joined), or only in the older one. */
  presence: 'both' | 'added' | 'removed';
  changes: ChangedAnswer[];
}

const keyOf = (section: SectionRow) => section.personId ?? 'family';

/**
 * What changed between two versions of an assessment, section by section
 * (matched by member) and organisation by organisation (matched by
 * organisation), question by question. Pure: the rows come from the
 * repository, already filtered by the access rule.
 */
export function compareVersions(
  older: { sections: SectionRow[]; contributions: ContributionRow[] },
  newer: { sections: SectionRow[]; contributions: ContributionRow[] },
): SectionComparison[] {
  const olderByKey = new Map(older.sections.map((s) => [keyOf(s), s]));
  const newerByKey = new Map(newer.sections.map((s) => [keyOf(s), s]));
  const order = [...newer.sections, ...older.sections.filter((s) => !newerByKey.has(keyOf(s)))];
  return order.map((section) => {
    const key = keyOf(section);
    const before = olderByKey.get(key);
    const after = newerByKey.get(key);
    const fromRows = before ? older.contributions.filter((c) => c.sectionId === before.id) : [];
    const toRows = after ? newer.contributions.filter((c) => c.sectionId === after.id) : [];
    const organisations = new Map<string, string>();
    for (const c of [...fromRows, ...toRows]) organisations.set(c.organisationId, c.organisationName);
    const kind = (after ?? before ?? section).kind;
    const changes: ChangedAnswer[] = [];
    for (const [organisationId, organisationName] of organisations) {
      const from = fromRows.find((c) => c.organisationId === organisationId)?.answers ?? {};
      const to = toRows.find((c) => c.organisationId === organisationId)?.answers ?? {};
      for (const question of questionsFor[kind]) {
        const a = answerText(question, from[question.name]);
        const b = answerText(question, to[question.name]);
        if (a !== b) changes.push({ organisationName, label: question.label, from: a, to: b });
      }
    }
    return {
      name: sectionName(section),
      presence: before && after ? 'both' : after ? 'added' : 'removed',
      changes,
    };
  });
}
