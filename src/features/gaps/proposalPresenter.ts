// How proposals read on the partnership's pages. Pure.
import type { GapProposalStatus } from '../../db/schemaAudit.ts';
import { presentPartnershipHistory } from '../partnership/partnershipHistory.ts';
import type { ChangeEntry } from '../team/familyChanges.ts';
import { gapGroups, supportKindGroups } from './gapDefinitions.ts';
import { gapKindNames, outsideOwner, proposalFieldLabels, proposalStatusNames } from './proposalForm.ts';
import type { ProposalRow } from './proposalRepository.ts';

export const statusTagClasses: Record<GapProposalStatus, string> = {
  proposed: 'govuk-tag--grey',
  agreed: 'govuk-tag--blue',
  in_progress: 'govuk-tag--yellow',
  done: 'govuk-tag--green',
  dropped: 'govuk-tag--red',
};

const longDate = (iso: string) =>
  new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { dateStyle: 'long', timeZone: 'UTC' });

/** The gap a proposal answers in words: the group or kind of support it names, else the kind of gap. */
export function gapName(kind: ProposalRow['gapKind'], key: string | null): string {
  const named =
    kind === 'group'
      ? gapGroups.find((g) => g.code === key)
      : kind === 'support'
        ? supportKindGroups.find((g) => g.code === key)
        : undefined;
  return named?.label ?? gapKindNames[kind];
}

export function presentProposal(row: ProposalRow, today: string) {
  const open = row.status === 'proposed' || row.status === 'agreed' || row.status === 'in_progress';
  return {
    ...row,
    owner: row.ownerUser ?? row.ownerName ?? 'Nobody',
    ownerOutside: row.ownerUserId === null,
    due: longDate(row.dueOn),
    overdue: open && row.dueOn < today,
    statusName: proposalStatusNames[row.status],
    statusClass: statusTagClasses[row.status],
    gapKindName: gapName(row.gapKind, row.gapKey),
    place: row.localityName ?? 'The whole area',
  };
}

/** A saved value in plain words, for the conflict page and the history. */
export function proposalValueText(
  name: string,
  value: string | null,
  owners: readonly { id: string; name: string }[],
) {
  if (value === null || value === '(empty)') return value ?? 'nothing';
  if (name === 'owner')
    return value === outsideOwner
      ? 'Someone outside Hearth'
      : (owners.find((o) => `user:${o.id}` === value)?.name ?? 'Someone no longer in the partnership');
  if (name === 'status') return proposalStatusNames[value as GapProposalStatus] ?? value;
  if (name === 'dueOn' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return longDate(value);
  return value;
}

const labels: Record<string, string> = {
  ...Object.fromEntries(proposalFieldLabels.map((l) => [l.name, l.label])),
  gapKey: 'The gap',
};

export function presentProposalHistory(
  entries: ChangeEntry[],
  owners: readonly { id: string; name: string }[],
) {
  return presentPartnershipHistory(entries, labels, (field, value) =>
    proposalValueText(field, String(value), owners),
  );
}
