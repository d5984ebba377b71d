import type { ChangeEntry } from '../team/familyChanges.ts';
import {
  type ContactTopic,
  contactChannelNames,
  contactKindNames,
  contactOutcomeNames,
  contactTopics,
} from './contactTopics.ts';

const labels: Record<string, string> = {
  occurredAt: 'When',
  occurredOn: 'Date',
  time: 'Time',
  durationMinutes: 'Length in minutes',
  topics: 'What was covered',
  jointOrganisationId: 'The other agency',
  enrolmentId: 'Programme',
  notes: 'Notes',
  followUp: 'Follow-up actions',
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

const idFields = new Set(['jointOrganisationId', 'enrolmentId']);

/** One field's value in plain words; ids are counted or left unnamed, and what was said is never shown here. */
export function contactValueText(name: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return 'nothing';
  if (name === 'members') {
    const count = Array.isArray(value) ? value.length : 1;
    return count === 1 ? '1 member' : `${count} members`;
  }
  if (idFields.has(name)) return 'one chosen';
  if (typeof value === 'boolean' || value === 'yes' || value === 'no')
    return value === true || value === 'yes' ? 'Yes' : 'No';
  if (name === 'topics')
    return String(value)
      .split(',')
      .map((t) => contactTopics[t as ContactTopic] ?? t)
      .join('; ');
  if (name === 'occurredOn')
    return new Date(`${String(value)}T12:00:00Z`).toLocaleDateString('en-GB', {
      dateStyle: 'long',
      timeZone: 'UTC',
    });
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
      if (field === 'notes' || field === 'followUp') return `${label} changed`;
      const to = contactValueText(field, change.to);
      return e.action === 'amended'
        ? `${label}: ${contactValueText(field, change.from)} → ${to}`
        : `${label}: ${to}`;
    }),
  }));
}
