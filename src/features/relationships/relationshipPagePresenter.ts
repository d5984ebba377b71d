import { type RelationshipKind, type RelationshipQuality, relationshipQualities } from '../../db/schema.ts';
import { errorList, type FieldErrors } from '../../platform/http/forms.ts';
import { memberName } from '../families/familyPresenter.ts';
import { relationshipSentences } from './familyMapPresenter.ts';
import type { RelationshipEditForm, RelationshipForm } from './relationshipForm.ts';
import { relationshipFieldOrder } from './relationshipForm.ts';
import type { RelatedMember, RelationshipChange, RelationshipRow } from './relationshipRepository.ts';
import type { FamilyRelationships } from './relationshipService.ts';
import { forwardPhrase, qualityHints, qualityNames, relationshipChoices } from './relationshipWords.ts';

const base = (familyId: string) => `/practice/families/${familyId}`;

/** The relationships page: each relationship said from both sides, with its changes. */
export function presentRelationships(data: FamilyRelationships, notice?: string) {
  const sentences = relationshipSentences(data.members, data.relationships);
  return {
    family: data.family,
    familyHref: base(data.family.id),
    mapHref: `${base(data.family.id)}/map`,
    addHref: `${base(data.family.id)}/relationships/new`,
    historyHref: `${base(data.family.id)}/relationships/history`,
    canAdd: data.members.length >= 2,
    notice,
    rows: sentences.map((s) => ({
      ...s,
      changeHref: `${base(data.family.id)}/relationships/${s.id}/edit`,
      endHref: s.current ? `${base(data.family.id)}/relationships/${s.id}/end` : undefined,
    })),
  };
}

function memberItems(members: RelatedMember[], selected: string) {
  return [
    { value: '', text: 'Select a member' },
    ...members.map((m) => ({ value: m.personId, text: memberName(m), selected: m.personId === selected })),
  ];
}

function detailItems(form: RelationshipEditForm) {
  return {
    qualityItems: [
      ...relationshipQualities.map((q) => ({
        value: q,
        text: qualityNames[q],
        hint: { text: qualityHints[q] },
        checked: form.quality === q,
      })),
      { divider: 'or' },
      { value: 'not_known', text: 'Not known', checked: form.quality === 'not_known' },
    ],
    currentItems: [
      { value: 'current', text: 'Current', checked: form.current === 'current' },
      { value: 'past', text: 'In the past', checked: form.current === 'past' },
    ],
  };
}

export const emptyRelationshipForm: RelationshipForm = {
  from: '',
  relation: '',
  to: '',
  quality: '',
  current: 'current',
  note: '',
};

/** The add form, empty or as sent with its errors. */
export function presentAddRelationship(
  data: Pick<FamilyRelationships, 'family' | 'members'>,
  form: RelationshipForm,
  errors: FieldErrors = {},
) {
  return {
    family: data.family,
    backHref: `${base(data.family.id)}/relationships`,
    action: `${base(data.family.id)}/relationships/new`,
    form,
    errors,
    errorList: errorList(errors, relationshipFieldOrder),
    fromItems: memberItems(data.members, form.from),
    toItems: memberItems(data.members, form.to),
    relationItems: [
      { value: '', text: 'Select how they are related' },
      ...relationshipChoices.map((c) => ({
        value: c.value,
        text: c.text,
        selected: c.value === form.relation,
      })),
    ],
    ...detailItems(form),
  };
}

/** The form's values for a relationship as recorded. */
export function editFormFor(row: RelationshipRow): RelationshipEditForm {
  return {
    quality: row.quality ?? 'not_known',
    current: row.current ? 'current' : 'past',
    note: row.note ?? '',
  };
}

/** The edit form for one relationship, said in words at the top. */
export function presentEditRelationship(
  data: FamilyRelationships & { relationship: RelationshipRow },
  form: RelationshipEditForm,
  errors: FieldErrors = {},
) {
  const [sentence] = relationshipSentences(data.members, [data.relationship]);
  return {
    family: data.family,
    backHref: `${base(data.family.id)}/relationships`,
    action: `${base(data.family.id)}/relationships/${data.relationship.id}/edit`,
    sentence,
    form,
    errors,
    errorList: errorList(errors, ['quality', 'current', 'note']),
    ...detailItems(form),
  };
}

/** The page that asks to confirm marking a relationship as in the past. */
export function presentEndRelationship(data: FamilyRelationships & { relationship: RelationshipRow }) {
  const [sentence] = relationshipSentences(data.members, [data.relationship]);
  return {
    family: data.family,
    backHref: `${base(data.family.id)}/relationships`,
    action: `${base(data.family.id)}/relationships/${data.relationship.id}/end`,
    sentence,
  };
}

const actionNames: Record<string, string> = {
  created: 'Added',
  amended: 'Changed',
  ended: 'Marked as in the past',
  merged: 'Records merged',
};

const fieldNames: Record<string, string> = {
  kind: 'Kind',
  quality: 'How it is',
  current: 'Current or past',
  note: 'Note',
};

function valueText(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return 'Not recorded';
  if (field === 'quality') return qualityNames[value as RelationshipQuality] ?? String(value);
  if (field === 'current') return value ? 'Current' : 'In the past';
  if (field === 'kind') return forwardPhrase(value as RelationshipKind).replace(/ of$| for$/, '');
  return String(value);
}

/** The history of the family's relationships: when, who, which relationship, and the old and new values. */
export function presentRelationshipHistory(data: {
  family: FamilyRelationships['family'];
  members: RelatedMember[];
  changes: RelationshipChange[];
}) {
  const names = new Map(data.members.map((m) => [m.personId, memberName(m)]));
  return {
    family: data.family,
    backHref: `${base(data.family.id)}/relationships`,
    entries: data.changes.map((change) => ({
      at: change.at,
      who: [change.changedBy ?? 'Hearth', change.organisationName].filter(Boolean).join(', '),
      relationship: `${names.get(change.fromPersonId)} is ${forwardPhrase(change.kind)} ${names.get(change.toPersonId)}`,
      action: actionNames[change.action] ?? change.action,
      changes: Object.entries(change.changes)
        .filter(([field]) => fieldNames[field])
        .map(([field, { from, to }]) => ({
          field: fieldNames[field] as string,
          from: change.action === 'created' ? undefined : valueText(field, from),
          to: valueText(field, to),
        })),
    })),
  };
}
