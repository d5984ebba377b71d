import { and, eq, isNull, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { appUser, contact, contactMember, programmeEnrolment } from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { type EditToken, requireUpdated } from '../../platform/concurrency/optimisticLock.ts';
import { addAutomaticEntry } from '../chronology/automaticEntries.ts';
import { familyVisible } from '../families/familyVisibility.ts';
import { changedFields, recordHistory } from '../families/recordHistory.ts';
import { markRecordInError } from '../families/recordInError.ts';
import { contactValues } from './contactCorrectionForm.ts';
import { type ContactInput, contactRules } from './contactForm.ts';
import { ContactRepository } from './contactRepository.ts';
import { chronologyWords, type RecordOutcome } from './contactService.ts';
import { ukDateAndTime } from './contactTime.ts';
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

  /** The stored contact as a ContactInput, with all its members. */
  private async stored(tx: Db, contactId: string) {
    const [row] = await tx
      .select({ row: contact, savedBy: appUser.displayName })
      .from(contact)
      .leftJoin(appUser, eq(appUser.id, contact.updatedBy))
      .where(eq(contact.id, contactId));
    if (!row) return undefined;
    const members = await tx
      .select({ personId: contactMember.personId })
      .from(contactMember)
      .where(eq(contactMember.contactId, contactId));
    const c = row.row;
    const input: ContactInput = {
      occurredAt: c.occurredAt,
      memberIds: members.map((m) => m.personId),
      kind: c.kind,
      jointOrganisationId: c.jointOrganisationId,
      channel: c.channel,
      durationMinutes: c.durationMinutes,
      topics: c.topics as ContactInput['topics'],
      notes: c.notes,
      followUp: c.followUp,
      outcome: c.outcome,
      confidential: c.confidential,
      significant: c.significant,
      enrolmentId: c.enrolmentId,
    };
    return { row: c, input, savedBy: row.savedBy };
  }

  /** The stored values for the edit form, and the enrolment it counts toward now (choosable again). */
  async values(tx: Db, contactId: string) {
    const now = await this.stored(tx, contactId);
    if (!now) return undefined;
    const kept = await this.keptEnrolment(tx, now.row.enrolmentId);
    return { version: now.row.version, values: contactValues(now.input), kept };
  }

  private async keptEnrolment(tx: Db, enrolmentId: string | null) {
    return enrolmentId
      ? tx
          .select({ id: programmeEnrolment.id, personId: programmeEnrolment.personId })
          .from(programmeEnrolment)
          .where(eq(programmeEnrolment.id, enrolmentId))
      : [];
  }

  private async current(tx: Db, contactId: string) {
    const now = await this.stored(tx, contactId);
    return (
      now && {
        version: now.row.version,
        values: contactValues(now.input),
        savedBy: now.savedBy,
        savedAt: now.row.updatedAt,
      }
    );
  }

  /**
   * Saves a correction made on a form opened at `token.version`, under the
   * same rules as recording one. Undefined when this user may not correct
   * it; the rule's errors when the input does not pass; throws
   * StaleEditError when someone else saved first. Members' last contact is
   * worked out again; turning significance on adds the chronology entry,
   * turning it off leaves the entry (the chronology is a record).
   */
  async correct(
    familyId: string,
    contactId: string,
    token: Pick<EditToken, 'version'>,
    input: ContactInput,
    now: Date,
  ): Promise<RecordOutcome> {
    return this.db.transaction(async (tx): Promise<RecordOutcome> => {
      const found = await this.editable(tx, familyId, contactId, 'contact.edit');
      if (!found) return undefined;
      const choices = await new ContactRepository(tx, this.access).choices(familyId, 'contact.edit');
      const before = await this.stored(tx, contactId);
      if (!choices || !before) return undefined;
      // The programme it already counts toward may be chosen again, even when that enrolment has ended.
      const kept = await this.keptEnrolment(tx, before.row.enrolmentId);
      const errors = contactRules(input, {
        memberIds: choices.members.map((m) => m.personId),
        agencyIds: choices.agencies.map((a) => a.id),
        enrolments: [...choices.enrolments, ...kept],
        now,
      });
      if (Object.keys(errors).length) return { ok: false, errors };
      const { memberIds, ...fields } = input;
      const updated = await tx
        .update(contact)
        .set({
          ...fields,
          updatedAt: now,
          updatedBy: this.access.userId ?? null,
          version: sql`${contact.version} + 1`,
        })
        .where(and(eq(contact.id, contactId), eq(contact.version, token.version), isNull(contact.inErrorAt)))
        .returning({ id: contact.id });
      await requireUpdated(updated, () => this.current(tx, contactId));
      await tx.delete(contactMember).where(eq(contactMember.contactId, contactId));
      await tx.insert(contactMember).values(memberIds.map((personId) => ({ contactId, personId, familyId })));
      await refreshLastContacts(tx, sql`select ${familyId}::uuid`, { clearMissing: true });
      if (input.significant && !before.row.chronologyEntryId) {
        const confidentialSupport = choices.members.some(
          (m) => memberIds.includes(m.personId) && m.confidentialSupport,
        );
        const entry = await addAutomaticEntry(tx, this.access, {
          familyId,
          personId: memberIds.length === 1 ? memberIds[0] : null,
          occurredOn: ukDateAndTime(input.occurredAt).date,
          what: chronologyWords(input),
          organisationOnly: input.confidential || confidentialSupport,
        });
        await tx.update(contact).set({ chronologyEntryId: entry.id }).where(eq(contact.id, contactId));
      }
      // Old and new values, except what was said: the history notes only that notes changed.
      const history = (v: Record<string, string | null>) => ({
        ...v,
        notes: null,
        followUp: null,
        members: v.members ? v.members.split(',') : [],
      });
      const oldValues = contactValues(before.input);
      const newValues = contactValues(input);
      const changes = changedFields(history(oldValues), history(newValues));
      for (const name of ['notes', 'followUp'] as const)
        if (oldValues[name] !== newValues[name]) changes[name] = { from: null, to: 'changed' };
      await recordHistory(tx, this.access, {
        familyId,
        recordType: 'contact',
        recordId: contactId,
        personId: memberIds.length === 1 ? memberIds[0] : null,
        action: 'amended',
        changes,
      });
      await recordAudit(tx, this.access, {
        action: 'contact.edit',
        recordType: 'contact',
        recordId: contactId,
        familyId,
        detail: { fields: Object.keys(changes).length },
      });
      return { ok: true, id: contactId };
    });
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
      await markRecordInError(tx, this.access, {
        table: contact,
        recordType: 'contact',
        recordId: contactId,
        familyId,
        version,
        reason,
        current: () => this.current(tx, contactId),
        alongside: async () => {
          await refreshLastContacts(tx, sql`select ${familyId}::uuid`, { clearMissing: true });
          if (found.hasEntry)
            await addAutomaticEntry(tx, this.access, {
              familyId,
              what: `The record of the contact on ${longDate(found.occurredAt)} was marked as recorded in error. It is kept in the record.`,
              personId: found.personId,
              organisationOnly: found.entryOrganisationOnly ?? true,
            });
        },
        audit: { action: 'contact.in_error', familyId },
      });
      return { id: contactId };
    });
  }
}
