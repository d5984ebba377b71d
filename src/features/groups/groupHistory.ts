// A group's or a session's history in plain words, for the history partial. Pure.
import type { ChangeEntry } from '../team/familyChanges.ts';
import { groupFieldLabels } from './groupForm.ts';
import { groupValueText } from './groupPresenter.ts';
import { sessionEditLabels } from './sessionForm.ts';

const labels: Record<string, string> = {
  ...Object.fromEntries(groupFieldLabels.map((l) => [l.name, l.label])),
  ...Object.fromEntries(sessionEditLabels.map((l) => [l.name, l.label])),
  members: 'Members who came',
  overCapacity: 'Over capacity',
  inErrorReason: 'Recorded in error, because',
  facilitators: 'Facilitators',
};

const titles: Record<string, string> = {
  created: 'Record created',
  amended: 'Record corrected',
  ended: 'Marked as recorded in error',
};

const longDate = (iso: string) =>
  new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { dateStyle: 'long', timeZone: 'UTC' });

/** One value in plain words; a member this user may not see is counted, not named. */
export function historyValueText(
  field: string,
  value: unknown,
  names: Map<string, string>,
  programmes: { id: string; name: string }[] = [],
): string {
  if (value === null || value === undefined || value === '') return 'nothing';
  if (field === 'members' && Array.isArray(value)) {
    if (value.length === 0) return 'nobody';
    // In alphabetical order: the stored lists are in id order, which means nothing to a reader.
    const named = value
      .map((id) => names.get(String(id)))
      .filter((n): n is string => Boolean(n))
      .sort((a, b) => a.localeCompare(b, 'en-GB'));
    const others = value.length - named.length;
    return [...named, ...(others ? [`${others} not shown`] : [])].join(', ');
  }
  if (Array.isArray(value)) return value.length ? value.join(', ') : 'none';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (field === 'heldOn' && typeof value === 'string') return longDate(value);
  return groupValueText(field, String(value), programmes);
}

/** The history partial's rows for a group or session: what changed, from what to what, who and when. */
export function presentGroupHistory(
  entries: ChangeEntry[],
  names: Map<string, string> = new Map(),
  programmes: { id: string; name: string }[] = [],
) {
  return entries.map((e) => ({
    title: titles[e.action] ?? 'Record changed',
    at: e.at,
    by: [e.changedBy ?? 'Hearth', e.organisationName].filter(Boolean).join(', '),
    changes: Object.entries(e.changes).map(([field, change]) => {
      const label = labels[field] ?? field;
      const to = historyValueText(field, change.to, names, programmes);
      return e.action === 'amended'
        ? `${label}: ${historyValueText(field, change.from, names, programmes)} → ${to}`
        : `${label}: ${to}`;
    }),
  }));
}
