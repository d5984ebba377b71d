import { and, eq, isNull, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { appUser, contact } from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { requireUpdated } from '../../platform/concurrency/optimisticLock.ts';
import { addAutomaticEntry } from '../chronology/automaticEntries.ts';
import { familyVisible } from '../families/familyVisibility.ts';
import { recordHistory } from '../families/recordHistory.ts';
import { contactDetailsVisible } from './contactVisibility.ts';
import { refreshLastContacts } from './lastContact.ts';

const longDate = (at: Date) =>
  at.toLocaleDateString('en-GB', { dateStyle: 'long', timeZone: 'Europe/London' });

/**
 * Marking a contact as recorded in error. Only the organisation that held
 * the contact, and only a user who may read its details, may do it. One
 * transaction re-reads the contact through the access rule, checks the
 * version the page was opened at, keeps the reason in the record's history,
 * works out the members' last contact again, and audits it. A contact is
 * never deleted.
 */
export class ContactCorrectionService {
  constructor(
    private readonly db: Db,
    private readonly access: AccessContext,
  ) {}

  /** The contact when this user may correct it (own organisation, details visible, not in error); audited as denied otherwise. */
  async editable(tx: Db, familyId: string, contactId: string, action: string) {
    const organisationId = this.access.organisationId ?? null;
    const [row] = await queryRows<{
      id: string;
      version: number;
      occurredAt: Date | string;
      hasEntry: boolean;
      entryOrganisationOnly: boolean | null;
      personId: string | null;
    }>(
      tx,
      sql`select c.id, c.version, c.occurred_at as "occurredAt", c.chronology_entry_id is not null as "hasEntry",
          ce.organisation_only as "entryOrganisationOnly", ce.person_id as "personId"
        from contact c left join chronology_entry ce on ce.id = c.chronology_entry_id
        where c.id = ${contactId} and c.family_id = ${familyId} and c.in_error_at is null
          and c.organisation_id = ${organisationId} and ${familyVisible(this.access, sql`c.family_id`)}
          and ${contactDetailsVisible(this.access)}`,
    );
    if (!row)
      await recordAudit(tx, this.access, {
        action,
        outcome: 'denied',
        recordType: 'contact',
        recordId: contactId,
        familyId,
      });
    return row && { ...row, occurredAt: new Date(row.occurredAt) };
  }

  private async current(tx: Db, contactId: string) {
    const [now] = await tx
      .select({ row: contact, savedBy: appUser.displayName })
      .from(contact)
      .leftJoin(appUser, eq(appUser.id, contact.updatedBy))
      .where(eq(contact.id, contactId));
    return now && { version: now.row.version, values: {}, savedBy: now.savedBy, savedAt: now.row.updatedAt };
  }

  /**
   * Marks a contact as recorded in error, with the reason. It stays in the
   * record; the list hides it unless asked, and it no longer counts as a last
   * contact or a programme session. Undefined when not allowed or already
   * marked; throws StaleEditError when it changed since the page was opened.
   */
  async markInError(
    familyId: string,
    contactId: string,
    version: number,
    reason: string,
  ): Promise<{ id: string } | undefined> {
    return this.db.transaction(async (tx) => {
      const found = await this.editable(tx, familyId, contactId, 'contact.in_error');
      if (!found) return undefined;
      const now = new Date();
      const updated = await tx
        .update(contact)
        .set({
          inErrorAt: now,
          inErrorBy: this.access.userId ?? null,
          inErrorReason: reason,
          updatedAt: now,
          updatedBy: this.access.userId ?? null,
          version: sql`${contact.version} + 1`,
        })
        .where(and(eq(contact.id, contactId), eq(contact.version, version), isNull(contact.inErrorAt)))
        .returning({ id: contact.id });
      await requireUpdated(updated, () => this.current(tx, contactId));
      await refreshLastContacts(tx, sql`select ${familyId}::uuid`, { clearMissing: true });
      await recordHistory(tx, this.access, {
        familyId,
        recordType: 'contact',
        recordId: contactId,
        action: 'ended',
        changes: { inErrorReason: { from: null, to: reason } },
      });
      if (found.hasEntry)
        await addAutomaticEntry(tx, this.access, {
          familyId,
          what: `The record of the contact on ${longDate(found.occurredAt)} was marked as recorded in error. It is kept in the record.`,
          personId: found.personId,
          organisationOnly: found.entryOrganisationOnly ?? true,
        });
      await recordAudit(tx, this.access, {
        action: 'contact.in_error',
        recordType: 'contact',
        recordId: contactId,
        familyId,
      });
      return { id: contactId };
    });
  }
}
