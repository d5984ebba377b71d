import type { ConflictView } from '../../platform/concurrency/optimisticLock.ts';
import { memberName } from '../plan/planPresenter.ts';
import type { PlanRecord } from '../plan/planRepository.ts';
import type { ChangeEntry } from '../team/familyChanges.ts';
import { meetingEditLabels } from './meetingForm.ts';

const labels: Record<string, string> = {
  ...Object.fromEntries(meetingEditLabels.map((l) => [l.name, l.label])),
  inErrorReason: 'Recorded in error, because',
  actions: 'Actions added to the plan',
};

const titles: Record<string, string> = {
  created: 'Meeting recorded',
  amended: 'Meeting record corrected',
  ended: 'Marked as recorded in error',
};

const listFields = new Set(['membersPresent', 'organisationsPresent', 'workersPresent']);

/** The names this user may see for the ids a meeting holds: members they may see, the team's organisations and workers. */
export function meetingNames(record: PlanRecord): Map<string, string> {
  return new Map([
    ...record.members.map((m) => [m.personId, memberName(m)] as const),
    ...record.choices.organisations.map((o) => [o.id, o.name] as const),
    ...record.choices.workers.map((w) => [w.id, `${w.name}, ${w.organisationName}`] as const),
  ]);
}

const longDate = (iso: string) =>
  new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { dateStyle: 'long', timeZone: 'UTC' });

/** One field's value in plain words; an id this user may not see the name of is not named. */
export function meetingValueText(name: string, value: unknown, names: Map<string, string>): string {
  if (value === null || value === undefined || value === '' || value === '(empty)') return 'nothing';
  if (listFields.has(name)) {
    const ids = Array.isArray(value) ? (value as string[]) : String(value).split(',');
    if (ids.length === 0) return 'nobody';
    // In alphabetical order: the stored lists are in id order, which means nothing to a reader.
    const named = ids
      .map((id) => names.get(id))
      .filter((n): n is string => Boolean(n))
      .sort((a, b) => a.localeCompare(b, 'en-GB'));
    const others = ids.length - named.length;
    return [...named, ...(others ? [`${others} not shown`] : [])].join(', ');
  }
  if (name === 'familyPresent') return value === true || value === 'yes' ? 'Yes' : 'No';
  if (name === 'heldOn' && typeof value === 'string') return longDate(value);
  return String(value);
}

/** A meeting's history for the history partial: what changed, from what to what, who and when. */
export function presentMeetingHistory(entries: ChangeEntry[], names: Map<string, string>) {
  return entries.map((e) => ({
    title: titles[e.action] ?? 'Record changed',
    at: e.at,
    by: [e.changedBy ?? 'Hearth', e.organisationName].filter(Boolean).join(', '),
    changes: Object.entries(e.changes).map(([field, change]) => {
      const label = labels[field] ?? field;
      const to = meetingValueText(field, change.to, names);
      return e.action === 'amended'
        ? `${label}: ${meetingValueText(field, change.from, names)} → ${to}`
        : `${label}: ${to}`;
    }),
  }));
}

/** The conflict panel with ids and dates in plain words. */
export function readableConflict(conflict: ConflictView, names: Map<string, string>): ConflictView {
  return {
    ...conflict,
    rows: conflict.rows.map((r) => ({
      ...r,
      base: meetingValueText(r.name, r.base, names),
      theirs: meetingValueText(r.name, r.theirs, names),
      yours: meetingValueText(r.name, r.yours, names),
    })),
  };
}
