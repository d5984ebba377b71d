import { roleNames } from './memberFormPresenter.ts';
import type { HistoryEntry } from './memberHistoryRepository.ts';
import { supportStatusNames } from './memberPresenter.ts';

const fieldNames: Record<string, string> = {
  givenName: 'First name',
  familyName: 'Last name',
  preferredName: 'Preferred name',
  pronouns: 'Pronouns',
  dateOfBirth: 'Date of birth',
  approximateAge: 'Approximate age',
  approximateAgeOn: 'Approximate age given on',
  gender: 'Gender',
  ethnicity: 'Ethnicity',
  firstLanguage: 'First language',
  interpreterNeeded: 'Needs an interpreter',
  phone: 'Phone',
  email: 'Email',
  address: 'Address',
  postcode: 'Postcode',
  addressWithheld: 'Address withheld',
  safeToPhone: 'Safe to phone',
  safeToText: 'Safe to text',
  safeToWrite: 'Safe to write',
  safeToVisit: 'Safe to visit',
  safeTimes: 'Safe times',
  contactSafetyNote: 'Contact note',
  relationshipLabel: 'Who they are in the family',
  roles: 'Part in the family’s story',
  livesInHousehold: 'Lives in the same household',
  inContactWithServices: 'In contact with any service',
  startedOn: 'Started on',
  endedOn: 'Ended on',
  endReason: 'Reason',
  status: 'Support status',
  closedReason: 'Reason support closed',
  workerId: 'Worker',
  confidential: 'Confidential',
  mergedFrom: 'Merged from another record',
  mergedInto: 'Merged into another record',
  endedMemberships: 'Memberships of the other record ended',
  removedSupport: 'Support recorded twice, removed',
  removedConsent: 'Consent recorded twice, removed',
  removedRelationships: 'Relationships recorded twice, removed',
  movedTo: 'Moved to family',
  groupSession: 'Group session',
};

const recordNames: Record<string, string> = {
  person: 'Their details',
  family_membership: 'Membership of this family',
  member_support: 'Support',
  group_attendance: 'Group register',
};

const actionNames: Record<string, string> = {
  created: 'Added',
  amended: 'Changed',
  ended: 'Ended',
  merged: 'Merged',
};

/** Fields a viewer who may not see a withheld address must not see in history either. */
const addressFields = new Set(['address', 'postcode']);

const answerNames: Record<string, string> = { yes: 'Yes', no: 'No', unknown: 'Not known' };
const dateFields = new Set(['dateOfBirth', 'approximateAgeOn', 'startedOn', 'endedOn', 'closedOn']);

function formatDate(iso: string): string {
  const date = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** A stored value as a person reads it: names for codes, dates written out, workers by name. */
function fieldValue(name: string, value: unknown, workers: Map<string, string>): string {
  if (value === null || value === undefined || value === '') return 'Nothing recorded';
  if (name === 'roles' && Array.isArray(value))
    return value.map((r) => roleNames[String(r)] ?? String(r)).join(', ') || 'None';
  if (name === 'status') return supportStatusNames[String(value)] ?? String(value);
  if (name === 'inContactWithServices') return answerNames[String(value)] ?? String(value);
  if (name === 'mergedFrom' || name === 'mergedInto') return 'Another record of the same person';
  if (Array.isArray(value) && value.some((v) => typeof v === 'object'))
    return `${value.length} ${value.length === 1 ? 'record' : 'records'}`;
  if (name === 'workerId') return workers.get(String(value)) ?? 'A worker who has left';
  if (dateFields.has(name) && typeof value === 'string') return formatDate(value);
  return valueText(value);
}

function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return 'Nothing recorded';
  if (value === true) return 'Yes';
  if (value === false) return 'No';
  if (Array.isArray(value)) return value.length ? value.join(', ') : 'None';
  return String(value);
}

/** History entries as rows: when, who, what changed from what to what. */
export function presentHistory(
  entries: HistoryEntry[],
  options: { addressShown: boolean; workers?: Map<string, string> },
) {
  const workers = options.workers ?? new Map<string, string>();
  return entries.map((entry) => ({
    at: entry.at,
    title: `${recordNames[entry.recordType] ?? entry.recordType}: ${actionNames[entry.action] ?? entry.action}`,
    by: [entry.changedBy, entry.organisationName].filter(Boolean).join(', ') || 'Hearth',
    changes: Object.entries(entry.changes).map(([name, change]) => {
      const hidden = addressFields.has(name) && !options.addressShown;
      return {
        field: fieldNames[name] ?? name,
        from: hidden ? 'Withheld' : fieldValue(name, change.from, workers),
        to: hidden ? 'Withheld' : fieldValue(name, change.to, workers),
      };
    }),
  }));
}
