import { displayName } from '../members/memberAge.ts';
import { weights } from './caseloadForms.ts';
import type { UnallocatedSupport, WorkerCaseload } from './caseloadRepository.ts';

/** A caseload at or above this share of its limit is shown as near the limit. */
export const nearLimitShare = 0.9;

export type LoadState = 'over' | 'at' | 'near' | 'within' | 'none';

export function loadState(weighted: number, limit: number | null): LoadState {
  if (limit === null) return 'none';
  if (weighted > limit) return 'over';
  if (weighted === limit) return 'at';
  if (weighted >= limit * nearLimitShare) return 'near';
  return 'within';
}

const stateTags: Record<LoadState, { text: string; classes: string }> = {
  over: { text: 'Over limit', classes: 'govuk-tag--red' },
  at: { text: 'At limit', classes: 'govuk-tag--orange' },
  near: { text: 'Near limit', classes: 'govuk-tag--yellow' },
  within: { text: 'Within limit', classes: 'govuk-tag--green' },
  none: { text: 'No limit set', classes: 'govuk-tag--grey' },
};

const roleWords: Record<string, string> = {
  team_lead: 'Team lead',
  practitioner: 'Practitioner',
  volunteer: 'Volunteer or peer worker',
};

/** A worker's practice roles in words: "Team lead, Practitioner". */
export function roleText(roles: readonly string[]): string {
  return roles
    .map((r) => roleWords[r])
    .filter(Boolean)
    .join(', ');
}

/** One worker's row: their load in words, against the limit. */
export function presentWorker(worker: WorkerCaseload) {
  const state = loadState(worker.weighted, worker.limit);
  return {
    userId: worker.userId,
    name: worker.name,
    role: roleText(worker.roles),
    families: worker.families,
    members: worker.members,
    weighted: worker.weighted,
    limit: worker.limit,
    load: worker.limit === null ? `${worker.weighted}` : `${worker.weighted} of ${worker.limit}`,
    tag: stateTags[state],
    href: `/practice/caseload/workers/${worker.userId}/limit`,
  };
}

const supportWords: Record<string, string> = {
  not_started: 'Support not started',
  being_supported: 'Being supported',
};

export function weightText(weight: number): string {
  return weights.find((w) => w.value === weight)?.text ?? String(weight);
}

/** A piece of work waiting for a worker. */
export function presentUnallocated(row: UnallocatedSupport) {
  return {
    family: `${row.reference} ${row.familyName}`,
    familyHref: `/practice/families/${row.familyId}`,
    member: displayName({
      givenName: row.givenName,
      preferredName: row.preferredName,
      familyName: row.memberFamilyName,
    }),
    status: supportWords[row.status] ?? row.status,
    weight: weightText(row.weight),
    since: row.since,
    href: `/practice/caseload/allocate/${row.supportId}`,
  };
}
