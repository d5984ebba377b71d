import type { ChangeEntry } from '../team/familyChanges.ts';
import { contactChannelNames, contactKindNames, contactOutcomeNames } from './contactTopics.ts';

const labels: Record<string, string> = {
  occurredAt: 'When',
  kind: 'Kind of contact',
  channel: 'How',
  outcome: 'What happened',
  members: 'Members',
  confidential: 'Confidential notes',
  significant: 'In the chronology',
  inErrorReason: 'Recorded in error, because',
};

const titles: Record<string, string> = {
  created: 'Contact recorded',
  amended: 'Contact record corrected',
  ended: 'Marked as recorded in error',
};

const named: Record<string, Record<string, string>> = {
  kind: contactKindNames,
  channel: contactChannelNames,
  outcome: contactOutcomeNames,
};

/** One field's value in plain words; member ids are counted, never named here. */
export function contactValueText(name: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return 'nothing';
  if (name === 'members') return Array.isArray(value) ? `${value.length} member(s)` : String(value);
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (name === 'occurredAt')
    return new Date(String(value)).toLocaleString('en-GB', {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: 'Europe/London',
    });
  return named[name]?.[String(value)] ?? String(value);
}

/** A contact's history for the history partial: what changed, from what to what, who and when. */
export function presentContactHistory(entries: ChangeEntry[]) {
  return entries.map((e) => ({
    title: titles[e.action] ?? 'Record changed',
    at: e.at,
    by: [e.changedBy ?? 'Hearth', e.organisationName].filter(Boolean).join(', '),
    changes: Object.entries(e.changes).map(([field, change]) => {
      const label = labels[field] ?? field;
      const to = contactValueText(field, change.to);
      return e.action === 'amended'
        ? `${label}: ${contactValueText(field, change.from)} → ${to}`
        : `${label}: ${to}`;
    }),
  }));
}
