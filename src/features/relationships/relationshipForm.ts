import { type RelationshipKind, type RelationshipQuality, relationshipQualities } from '../../db/schema.ts';
import { type FieldErrors, field } from '../../platform/http/forms.ts';
import { type RelationshipChoice, relationshipChoices } from './relationshipWords.ts';

/** What the add form sent, as typed (so it can be shown again). */
export interface RelationshipForm {
  from: string;
  relation: string;
  to: string;
  quality: string;
  current: string;
  note: string;
}

/** What the edit form sent: the people and kind stay; how it is, whether it is current and the note change. */
export type RelationshipEditForm = Pick<RelationshipForm, 'quality' | 'current' | 'note'>;

/** A checked relationship, the right way round for storing. */
export interface RelationshipInput {
  fromPersonId: string;
  toPersonId: string;
  kind: RelationshipKind;
  quality: RelationshipQuality | null;
  current: boolean;
  note: string | null;
}

export const relationshipFieldOrder = ['from', 'relation', 'to', 'quality', 'current', 'note'] as const;
export const noteMaxLength = 1000;

export function parseRelationshipForm(body: unknown): RelationshipForm {
  return {
    from: field(body, 'from'),
    relation: field(body, 'relation'),
    to: field(body, 'to'),
    quality: field(body, 'quality'),
    current: field(body, 'current'),
    note: field(body, 'note'),
  };
}

export function parseRelationshipEditForm(body: unknown): RelationshipEditForm {
  return { quality: field(body, 'quality'), current: field(body, 'current'), note: field(body, 'note') };
}

/** Problems with how it is, whether it is current and the note: shared by the add and edit forms. */
export function detailProblems(form: RelationshipEditForm): FieldErrors {
  const errors: FieldErrors = {};
  if (
    form.quality &&
    form.quality !== 'not_known' &&
    !(relationshipQualities as readonly string[]).includes(form.quality)
  )
    errors.quality = 'Select how the relationship is';
  if (!form.quality) errors.quality = 'Select how the relationship is, or ‘Not known’';
  if (form.current !== 'current' && form.current !== 'past')
    errors.current = 'Select whether the relationship is current or in the past';
  if (form.note.length > noteMaxLength) errors.note = `Note must be ${noteMaxLength} characters or fewer`;
  return errors;
}

/**
 * Problems with the add form that need no database: missing choices and a
 * relationship to oneself. Whether both are members, the dates of birth and
 * duplicates are checked against the family (relationshipRules.ts).
 */
export function relationshipProblems(form: RelationshipForm): FieldErrors {
  const errors: FieldErrors = {};
  if (!form.from) errors.from = 'Select the first person';
  if (!relationshipChoices.some((choice) => choice.value === form.relation))
    errors.relation = 'Select how they are related';
  if (!form.to) errors.to = 'Select the second person';
  else if (form.to === form.from)
    errors.to = 'Select two different people: someone cannot have a relationship with themselves';
  return { ...errors, ...detailProblems(form) };
}

/** The stored shape of a form that passed its checks: "child of" becomes the other person's "parent of". */
export function toRelationshipInput(form: RelationshipForm): RelationshipInput {
  const choice = relationshipChoices.find((c) => c.value === (form.relation as RelationshipChoice));
  if (!choice) throw new Error('relationship choice not checked');
  return {
    fromPersonId: choice.flip ? form.to : form.from,
    toPersonId: choice.flip ? form.from : form.to,
    kind: choice.kind,
    ...toDetails(form),
  };
}

export function toDetails(
  form: RelationshipEditForm,
): Pick<RelationshipInput, 'quality' | 'current' | 'note'> {
  return {
    quality: form.quality === 'not_known' ? null : (form.quality as RelationshipQuality),
    current: form.current === 'current',
    note: form.note === '' ? null : form.note,
  };
}
