import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';

/**
 * Each member's last attended contact with the organisation supporting them
 * is kept on their support (`member_support.last_contact_on`), so a worker's
 * members due a contact are read from one index. Every way of writing
 * contacts keeps it: recording one notes it at once, and anything that
 * writes contacts in bulk (the demo, seed-bench, merging two records of a
 * person) works it out again from the contacts with `refreshLastContacts`.
 */
export async function noteAttendedContact(
  tx: Db,
  contact: { familyId: string; organisationId: string; personIds: readonly string[]; occurredOn: string },
): Promise<void> {
  const update = attendedContactUpdate(contact);
  if (update) await tx.execute(update);
}

/** The update `noteAttendedContact` runs (undefined when the contact names no one), not yet run. */
export function attendedContactUpdate(contact: {
  familyId: string;
  organisationId: string;
  personIds: readonly string[];
  occurredOn: string;
}): SQL | undefined {
  if (contact.personIds.length === 0) return undefined;
  return sql`update member_support set last_contact_on = ${contact.occurredOn}::date
    where family_id = ${contact.familyId} and organisation_id = ${contact.organisationId}
      and person_id in (${sql.join(
        contact.personIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})
      and (last_contact_on is null or last_contact_on < ${contact.occurredOn}::date)`;
}

/**
 * Works out the last attended contact again, from the contacts, for the
 * supports of the families `familyIds` picks (a subquery of family ids, or
 * every family). Contacts recorded in error do not count. With `clearMissing`
 * (after a contact is corrected or marked in error), a support of those
 * families with no attended contact left is set back to none.
 */
export async function refreshLastContacts(
  tx: Db,
  familyIds: SQL = sql`select id from family`,
  options: { clearMissing?: boolean } = {},
): Promise<void> {
  await tx.execute(sql`update member_support s set last_contact_on = x.last_on
    from (
      select cm.family_id, cm.person_id, c.organisation_id,
        max((c.occurred_at at time zone 'Europe/London')::date) as last_on
      from contact c join contact_member cm on cm.contact_id = c.id
      where c.outcome = 'attended' and c.in_error_at is null and cm.family_id in (${familyIds})
      group by cm.family_id, cm.person_id, c.organisation_id
    ) x
    where x.family_id = s.family_id and x.person_id = s.person_id and x.organisation_id = s.organisation_id
      and s.last_contact_on is distinct from x.last_on`);
  if (!options.clearMissing) return;
  await tx.execute(sql`update member_support s set last_contact_on = null
    where s.family_id in (${familyIds}) and s.last_contact_on is not null
      and not exists (select 1 from contact c join contact_member cm on cm.contact_id = c.id
        where cm.family_id = s.family_id and cm.person_id = s.person_id
          and c.organisation_id = s.organisation_id and c.outcome = 'attended' and c.in_error_at is null)`);
}
