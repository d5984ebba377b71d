/**
 * Optimistic locking for edits: two people may open the same form; the
 * second to save is told exactly what changed and loses nothing.
 *
 * How it works. Every editable record has `version integer not null default 1`.
 * The edit form carries, in hidden fields, the version it was opened at and
 * the values it showed then (the "base"). Carrying the base in the form,
 * rather than rebuilding it from `record_change`, keeps the comparison exact
 * for any record (history may hold several amendments in between, or none
 * for a record without history) and costs no extra query; the base is only
 * ever shown back to the same user, never saved, so a tampered base can do no
 * harm. The save is `update … set …, version = version + 1 where id = $1 and
 * version = $2 returning id`; no row back means someone else saved first.
 *
 * Usage (a route and a repository):
 *
 *   // GET: open the form
 *   reply.page(tpl, { form: values, edit: editToken(row.version, values) });
 *   // template: {% from "platform/concurrency/conflict.njk" import hearthEditVersion, hearthConflictPanel %}
 *   //   inside the <form>:            {{ hearthEditVersion(edit) }}
 *   //   above the form, on conflict:  {% if conflict %}{{ hearthConflictPanel(conflict) }}{% endif %}
 *
 *   // repository, inside the write transaction:
 *   const updated = await tx.update(t).set({ ...values, version: sql`${t.version} + 1` })
 *     .where(and(eq(t.id, id), eq(t.version, token.version))).returning({ id: t.id });
 *   await requireUpdated(updated, async () => {
 *     const [row] = await tx.select().from(t).where(and(eq(t.id, id), <access rule>));
 *     return row && { version: row.version, values: toFieldValues(row), savedBy: …, savedAt: row.updatedAt };
 *   }); // throws StaleEditError (or NotFoundError when the record is gone or hidden)
 *
 *   // POST: catch it and show the conflict page (status 409), the form keeping what was typed
 *   const token = readEditToken(request.body);  // undefined → 400 (the form was not Hearth's)
 *   try { … } catch (error) {
 *     if (!(error instanceof StaleEditError)) throw error;
 *     const conflict = conflictView(error, fieldLabels, token.base, typedValues);
 *     return reply.code(409).page(tpl, { form: conflict.formValues, edit: conflict.edit, conflict });
 *   }
 *   // API: return sendProblem(reply, conflictProblem(error)) — 409 with the current version and values.
 *
 * Re-submitting the conflict page saves against the version now current
 * (`conflict.edit`), so it succeeds unless a third save came in between, in
 * which case the same page comes back. "Discard my changes" is a plain link
 * back to the form, which then shows what is saved.
 */
import { NotFoundError } from '../http/errors.ts';
import { type Problem, problem } from '../http/problems.ts';
import { compareEdits, type EditComparison, type FieldLabel, type FieldValues } from './editComparison.ts';

export type { FieldLabel, FieldValues } from './editComparison.ts';

/** The record as saved now, after someone else's save. */
export interface CurrentEdit {
  version: number;
  values: FieldValues;
  /** Display name of whoever saved it last, when known. */
  savedBy?: string | null;
  savedAt?: Date | null;
}

/** Thrown when a versioned update found the record at a newer version than the form was opened at. */
export class StaleEditError extends Error {
  readonly statusCode = 409;
  readonly current: CurrentEdit;
  constructor(current: CurrentEdit) {
    super('Someone else saved this record while it was being edited');
    this.name = 'StaleEditError';
    this.current = current;
  }
}

/** The version a form was opened at and the values it showed then. */
export interface EditToken {
  /** 0 when the record did not exist yet (a form that creates it; a concurrent create is a conflict too). */
  version: number;
  base: FieldValues;
}

/** What `hearthEditVersion` renders as hidden fields. */
export interface EditTokenFields {
  version: number;
  base: string;
}

/** Hidden-field values for a form opened at `version` showing `values`. */
export function editToken(version: number, values: FieldValues): EditTokenFields {
  return { version, base: JSON.stringify(values) };
}

/** Reads the hidden `_version` and `_base` fields of a posted form; undefined when missing or malformed. */
export function readEditToken(body: unknown): EditToken | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const raw = body as Record<string, unknown>;
  const version = Number(raw._version);
  if (typeof raw._version !== 'string' || !/^\d{1,9}$/.test(raw._version)) return undefined;
  if (typeof raw._base !== 'string') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw._base);
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const base: FieldValues = {};
  for (const [name, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (value !== null && typeof value !== 'string') return undefined;
    base[name] = value;
  }
  return { version, base };
}

/**
 * Call after a versioned `update … returning`: when no row was updated,
 * loads the record as it is now and throws StaleEditError with it, or
 * NotFoundError when it is gone or no longer visible to the user.
 */
export async function requireUpdated(
  updated: readonly unknown[],
  loadCurrent: () => Promise<CurrentEdit | undefined>,
): Promise<void> {
  if (updated.length > 0) return;
  const current = await loadCurrent();
  if (!current) throw new NotFoundError();
  throw new StaleEditError(current);
}

const outcomeText: Record<string, string> = {
  yours: 'Only you changed this: your version is kept',
  theirs: 'Only they changed this: their version is kept',
  same: 'You both made the same change',
  clash: 'You both changed this: check your version before saving',
};

export interface ConflictRow {
  name: string;
  label: string;
  base: string;
  theirs: string;
  yours: string;
  outcome: string;
  clash: boolean;
}

/** What the conflict panel template shows, and what the form shows after a conflict. */
export interface ConflictView {
  savedBy: string;
  savedAt: Date | null;
  rows: ConflictRow[];
  clashes: number;
  /** Error summary links to the fields both people changed. */
  clashList: { text: string; href: string }[];
  /** Where "Discard my changes" goes: the form, freshly loaded. */
  discardHref: string | undefined;
  /** The form's values: what you typed, plus their changes to fields you did not touch. */
  formValues: FieldValues;
  /** Hidden fields for re-submitting against the version now saved. */
  edit: EditTokenFields;
  comparison: EditComparison;
}

const empty = '(empty)';

/** Turns a StaleEditError into the conflict panel's view and the form's new values. */
export function conflictView(
  error: StaleEditError,
  fields: readonly FieldLabel[],
  base: FieldValues,
  yours: FieldValues,
  options: { discardHref?: string } = {},
): ConflictView {
  const comparison = compareEdits(fields, base, error.current.values, yours);
  const rows = comparison.changed.map((d) => ({
    name: d.name,
    label: d.label,
    base: d.base ?? empty,
    theirs: d.theirs ?? empty,
    yours: d.yours ?? empty,
    outcome: outcomeText[d.outcome] ?? '',
    clash: d.outcome === 'clash',
  }));
  return {
    savedBy: error.current.savedBy ?? 'Someone else',
    savedAt: error.current.savedAt ?? null,
    rows,
    clashes: comparison.clashes,
    clashList: rows
      .filter((r) => r.clash)
      .map((r) => ({ text: `${r.label}: you and they both changed this`, href: `#${r.name}` })),
    discardHref: options.discardHref,
    formValues: comparison.merged,
    edit: editToken(error.current.version, error.current.values),
    comparison,
  };
}

/** The API's answer to a stale edit: 409 with the version and values saved now. */
export function conflictProblem(
  error: StaleEditError,
): Problem & { currentVersion: number; current: FieldValues } {
  return {
    ...problem(
      409,
      'Someone else saved this record after you read it. Read it again, apply your change and send it with the new version.',
    ),
    currentVersion: error.current.version,
    current: error.current.values,
  };
}
