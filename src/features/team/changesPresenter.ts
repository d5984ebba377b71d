import type { Db } from '../../db/client.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { type ChangeEntry, familyChanges } from './familyChanges.ts';

/** The records whose history the team page shows. */
export const teamRecordTypes = ['family_team_member', 'team_worker', 'lead_professional'];

const fieldNames: Record<string, string> = {
  status: 'Consent',
  scope: 'What was agreed',
  method: 'How they told us',
  ownView: 'Their own view',
  reviewOn: 'Review date',
  withdrawnAt: 'Withdrawn',
  organisationId: 'Organisation',
  role: 'Role',
  contact: 'How to contact them',
  joinedOn: 'Joined',
  leftOn: 'Left',
  userId: 'Worker',
  personId: 'Working with',
  startedOn: 'From',
  endedOn: 'Until',
};

const valueNames: Record<string, string> = {
  given: 'agreed to share',
  refused: 'refused',
  withdrawn: 'withdrawn',
  not_started: 'not started',
  verbal: 'verbally',
  written: 'in writing',
};

const titles: Record<string, string> = {
  'consent/created': 'Consent recorded',
  'consent/amended': 'Consent changed',
  'family_team_member/created': 'Organisation joined the team',
  'family_team_member/ended': 'Organisation left the team',
  'team_worker/created': 'Worker named on the team',
  'team_worker/ended': 'Worker left the team',
  'lead_professional/created': 'Lead professional started',
  'lead_professional/ended': 'Lead professional handed over',
  'member_support/created': 'Support record started',
};

function formatValue(field: string, value: unknown, names: Map<string, string>): string {
  if (value === null || value === undefined || value === '') return 'nothing';
  if (typeof value !== 'string') return String(value);
  if (names.has(value)) return names.get(value) as string;
  if (field === 'personId') return 'a member';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value))
    return new Date(`${value}T00:00:00Z`).toLocaleDateString('en-GB', {
      dateStyle: 'medium',
      timeZone: 'UTC',
    });
  if (/^\d{4}-\d{2}-\d{2}T/.test(value))
    return new Date(value).toLocaleString('en-GB', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'Europe/London',
    });
  return valueNames[value] ?? value;
}

/** The history list: what changed, from what to what, who and when, in plain words. */
export function presentChanges(entries: ChangeEntry[], names: Map<string, string>) {
  return entries.map((e) => ({
    title: [titles[`${e.recordType}/${e.action}`] ?? 'Record changed', e.personName]
      .filter(Boolean)
      .join(': '),
    at: e.at,
    by: [e.changedBy ?? 'Hearth', e.organisationName].filter(Boolean).join(', '),
    changes: Object.entries(e.changes).map(([field, change]) => {
      const label = fieldNames[field] ?? field;
      const to = formatValue(field, change.to, names);
      return e.action === 'amended'
        ? `${label}: ${formatValue(field, change.from, names)} → ${to}`
        : `${label}: ${to}`;
    }),
  }));
}

/** The template context for the history partial on a page. */
export async function changesContext(
  db: Db,
  access: AccessContext,
  familyId: string,
  recordTypes: string[],
  changesTitle: string,
) {
  const { entries, names } = await familyChanges(db, access, familyId, recordTypes);
  return { changes: presentChanges(entries, names), changesTitle };
}
