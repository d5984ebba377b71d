import { formatDate } from '../chronology/chronologyPresenter.ts';
import { ageOn } from '../families/familyPresenter.ts';
import type { FamilySearchAnswer, FamilySearchMember } from './familySearch.ts';
import type { SearchForm } from './searchForm.ts';

function name(m: FamilySearchMember): string {
  const shown = [m.preferredName ?? m.givenName, m.familyName].filter(Boolean).join(' ');
  return m.preferredName && m.preferredName !== m.givenName ? `${shown} (${m.givenName})` : shown;
}

// formatDate builds the text itself: toLocaleDateString made a new Intl formatter per call,
// 5% of the app's CPU time under the search benchmark.
function born(dateOfBirth: string | null, today: Date): string {
  if (!dateOfBirth) return 'Date of birth not known';
  return `Born ${formatDate(dateOfBirth, 'day')} (age ${ageOn(dateOfBirth, today)})`;
}

/** The search page: the form as typed, the results and a sentence saying how many. */
export function presentSearch(form: SearchForm, answer: FamilySearchAnswer | undefined, today: Date) {
  return {
    form,
    searched: answer !== undefined,
    total: answer?.total ?? 0,
    summary:
      answer === undefined
        ? ''
        : answer.total === 0
          ? 'No families found that you can see.'
          : answer.total === 1
            ? '1 family found.'
            : answer.total > answer.families.length
              ? `${answer.total} families found. The closest ${answer.families.length} are shown: add a date of birth or postcode to narrow the search.`
              : `${answer.total} families found.`,
    results: (answer?.families ?? []).map((f) => ({
      href: `/practice/families/${f.familyId}`,
      reference: f.reference,
      name: f.name,
      locality: f.locality ?? 'Locality not recorded',
      closed: f.status === 'closed',
      matches: f.matches.map((m) => ({
        name: name(m),
        born: born(m.dateOfBirth, today),
        left: !m.current,
      })),
    })),
  };
}
