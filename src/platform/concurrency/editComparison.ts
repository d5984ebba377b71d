/**
 * Field-by-field comparison of two edits of the same record, for the
 * conflict page. Pure: no database, no request.
 *
 * - `base`   the values when the second person opened the form;
 * - `theirs` what is saved now (the first person's save);
 * - `yours`  what the second person typed.
 *
 * A field only you changed keeps your value; a field only they changed takes
 * theirs (you did not touch it, so nothing of yours is lost by keeping their
 * work); a field you both changed to different values is a clash, and keeps
 * yours in the form for you to look at before saving again.
 */

/** A form's values by field name; `null` is an empty field. */
export type FieldValues = Record<string, string | null>;

export interface FieldLabel {
  name: string;
  label: string;
}

export type FieldOutcome = 'unchanged' | 'yours' | 'theirs' | 'same' | 'clash';

export interface FieldDifference {
  name: string;
  label: string;
  base: string | null;
  theirs: string | null;
  yours: string | null;
  /** unchanged: nobody changed it; yours / theirs: only one side did; same: both made the same change; clash: both changed it differently. */
  outcome: FieldOutcome;
  /** The value kept in the form after the comparison. */
  merged: string | null;
}

export interface EditComparison {
  /** Every field, in the order given. */
  fields: FieldDifference[];
  /** Only the fields someone changed (outcome not 'unchanged'). */
  changed: FieldDifference[];
  /** Fields both people changed to different values. */
  clashes: number;
  /** Values for the form after the comparison: yours, plus their changes to fields you did not touch. */
  merged: FieldValues;
}

function clean(value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** Compares the value each field had when the form was opened with what was saved since and what was typed. */
export function compareEdits(
  fields: readonly FieldLabel[],
  base: FieldValues,
  theirs: FieldValues,
  yours: FieldValues,
): EditComparison {
  const differences = fields.map(({ name, label }): FieldDifference => {
    const b = clean(base[name]);
    const t = clean(theirs[name]);
    const y = clean(yours[name]);
    const theyChanged = t !== b;
    const youChanged = y !== b;
    let outcome: FieldOutcome = 'unchanged';
    if (theyChanged && youChanged) outcome = t === y ? 'same' : 'clash';
    else if (theyChanged) outcome = 'theirs';
    else if (youChanged) outcome = 'yours';
    const merged = outcome === 'theirs' ? t : y;
    return { name, label, base: b, theirs: t, yours: y, outcome, merged };
  });
  return {
    fields: differences,
    changed: differences.filter((d) => d.outcome !== 'unchanged'),
    clashes: differences.filter((d) => d.outcome === 'clash').length,
    merged: Object.fromEntries(differences.map((d) => [d.name, d.merged])),
  };
}
