// The form for a proposal to fill a gap: what is proposed, who owns it (a
// Hearth user in the area or a body outside), by when, where it is up to and
// how it is going.
import { type GapKind, type GapProposalStatus, gapKinds, gapProposalStatuses } from '../../db/schemaAudit.ts';
import { type FieldErrors, field } from '../../platform/http/forms.ts';
import { type DateParts, parseDateParts } from '../chronology/dateParts.ts';
import { type Checked, datePartsOf, partsOfIso } from '../plan/planForms.ts';

export const proposalStatusNames: Record<GapProposalStatus, string> = {
  proposed: 'Proposed',
  agreed: 'Agreed',
  in_progress: 'In progress',
  done: 'Done',
  dropped: 'Dropped',
};

export const gapKindNames: Record<GapKind, string> = {
  locality: 'A locality',
  group: 'A group of people',
  support: 'A kind of support',
  wait: 'Long waits',
  other: 'Another gap',
};

/** The owner field's value for someone outside Hearth, named in `ownerName`. */
export const outsideOwner = 'outside';

export interface ProposalForm {
  title: string;
  proposal: string;
  owner: string;
  ownerName: string;
  dueOn: DateParts;
  status: string;
  progressNote: string;
  /** The gap it answers: set from the gap page, carried in hidden fields. */
  gapKind: string;
  gapKey: string;
  localityId: string;
}

export interface ProposalInput {
  title: string;
  proposal: string;
  ownerUserId: string | null;
  ownerName: string | null;
  dueOn: string;
  status: GapProposalStatus;
  progressNote: string | null;
}

export interface NewProposalInput extends ProposalInput {
  gapKind: GapKind;
  gapKey: string | null;
  localityId: string | null;
}

export const proposalFieldOrder = [
  'title',
  'proposal',
  'owner',
  'ownerName',
  'dueOn',
  'status',
  'progressNote',
] as const;

export const proposalFieldLabels = [
  { name: 'title', label: 'Title' },
  { name: 'proposal', label: 'What is proposed' },
  { name: 'owner', label: 'Owner' },
  { name: 'ownerName', label: 'Owner outside Hearth' },
  { name: 'dueOn', label: 'Due by' },
  { name: 'status', label: 'Status' },
  { name: 'progressNote', label: 'Progress notes' },
] as const;

export function parseProposalForm(body: unknown): ProposalForm {
  return {
    title: field(body, 'title'),
    proposal: field(body, 'proposal'),
    owner: field(body, 'owner'),
    ownerName: field(body, 'ownerName'),
    dueOn: datePartsOf(body, 'dueOn'),
    status: field(body, 'status') || 'proposed',
    progressNote: field(body, 'progressNote'),
    gapKind: field(body, 'gapKind'),
    gapKey: field(body, 'gapKey'),
    localityId: field(body, 'localityId'),
  };
}

function text(
  value: string,
  name: string,
  limit: number,
  missing: string,
  label: string,
  errors: FieldErrors,
) {
  if (!value && missing) errors[name] = missing;
  else if (value.length > limit)
    errors[name] = `${label} must be ${limit.toLocaleString('en-GB')} characters or fewer`;
}

/** Checks the fields an edit changes too; `userIds` are the owners who may be chosen. */
export function checkProposalForm(form: ProposalForm, userIds: readonly string[]): Checked<ProposalInput> {
  const errors: FieldErrors = {};
  text(form.title, 'title', 200, 'Enter a title for the proposal', 'The title', errors);
  text(form.proposal, 'proposal', 4000, 'Enter what is proposed to fill the gap', 'What is proposed', errors);
  const userId = form.owner.startsWith('user:') ? form.owner.slice(5) : undefined;
  if (!form.owner) errors.owner = 'Select who owns the proposal';
  else if (form.owner !== outsideOwner && !(userId && userIds.includes(userId)))
    errors.owner = 'Select someone in the partnership’s organisations, or a body outside Hearth';
  else if (form.owner === outsideOwner)
    text(
      form.ownerName,
      'ownerName',
      200,
      'Enter the name of the body or person outside Hearth who owns it',
      'The owner’s name',
      errors,
    );
  const due = parseDateParts(form.dueOn, 'The date it is due by', { dayOptional: false });
  if (due.kind === 'empty') errors.dueOn = 'Enter the date it is due by';
  else if (due.kind === 'invalid') errors.dueOn = due.message;
  else if (due.iso < '2000-01-01' || due.iso > '2100-12-31')
    errors.dueOn = 'The date it is due by must be between 2000 and 2100';
  if (!(gapProposalStatuses as readonly string[]).includes(form.status))
    errors.status = 'Select where the proposal is up to';
  text(form.progressNote, 'progressNote', 4000, '', 'The progress notes', errors);
  if (Object.keys(errors).length || due.kind !== 'date') return { ok: false, errors };
  return {
    ok: true,
    value: {
      title: form.title,
      proposal: form.proposal,
      ownerUserId: form.owner === outsideOwner ? null : (userId as string),
      ownerName: form.owner === outsideOwner ? form.ownerName : null,
      dueOn: due.iso,
      status: form.status as GapProposalStatus,
      progressNote: form.progressNote || null,
    },
  };
}

/** The gap a new proposal answers, from its hidden fields: kind 'other' when none. */
export function gapOf(form: ProposalForm, localityIds: readonly string[]) {
  const kind = (gapKinds as readonly string[]).includes(form.gapKind) ? (form.gapKind as GapKind) : 'other';
  return {
    gapKind: kind,
    gapKey: kind === 'other' ? null : form.gapKey.slice(0, 120) || null,
    localityId: localityIds.includes(form.localityId) ? form.localityId : null,
  };
}

/** A proposal's editable fields as the form and the conflict comparison hold them. */
export function proposalFieldValues(row: ProposalInput): Record<string, string | null> {
  return {
    title: row.title,
    proposal: row.proposal,
    owner: row.ownerUserId ? `user:${row.ownerUserId}` : outsideOwner,
    ownerName: row.ownerName,
    dueOn: row.dueOn,
    status: row.status,
    progressNote: row.progressNote,
  };
}

/** The form for a saved proposal (or values from a conflict). */
export function proposalFormOf(
  values: Record<string, string | null>,
  gap: Pick<ProposalForm, 'gapKind' | 'gapKey' | 'localityId'>,
): ProposalForm {
  return {
    title: values.title ?? '',
    proposal: values.proposal ?? '',
    owner: values.owner ?? '',
    ownerName: values.ownerName ?? '',
    dueOn: partsOfIso(values.dueOn),
    status: values.status ?? 'proposed',
    progressNote: values.progressNote ?? '',
    ...gap,
  };
}
