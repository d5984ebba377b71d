import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { memberSupport } from '../../db/schema.ts';
import type { TestBrowser } from '../../testing/testApp.ts';
import { ukDateAndTime } from './contactTime.ts';

/** The contact form's fields for a contact an hour ago with Agnes, one-to-one, in person, attended. */
export function contactFields(
  personIds: string[],
  extra: Record<string, string | string[]> = {},
  at = new Date(Date.now() - 3_600_000),
): Record<string, string | string[]> {
  const { date, time } = ukDateAndTime(at);
  const [year, month, day] = date.split('-') as [string, string, string];
  return {
    'occurredOn-day': String(Number(day)),
    'occurredOn-month': String(Number(month)),
    'occurredOn-year': year,
    time,
    members: personIds,
    kind: 'one_to_one',
    channel: 'in_person',
    outcome: 'attended',
    ...extra,
  };
}

/** Records a contact through the form, as a worker would. */
export async function recordContact(
  browser: TestBrowser,
  familyId: string,
  fields: Record<string, string | string[]>,
) {
  await browser.get(`/practice/families/${familyId}/contacts/new`);
  return browser.post(`/practice/families/${familyId}/contacts/new`, fields);
}

/** Sets a member's support (with any organisation) confidential, or names its worker. */
export async function changeSupport(
  database: Database,
  familyId: string,
  personId: string,
  change: { confidential?: boolean; workerId?: string },
) {
  await database.db
    .update(memberSupport)
    .set(change)
    .where(and(eq(memberSupport.familyId, familyId), eq(memberSupport.personId, personId)));
}
