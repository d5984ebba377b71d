import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { contact, contactMember } from '../../db/schema.ts';
import { writesTogether } from '../../db/statementParts.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { auditInsert } from '../../platform/audit/auditLog.ts';
import type { FieldErrors } from '../../platform/http/forms.ts';
import { addAutomaticEntry } from '../chronology/automaticEntries.ts';
import { changedFields, historyInsert } from '../families/recordHistory.ts';
import { MemberRepository } from '../members/memberRepository.ts';
import { type ContactInput, contactRules } from './contactForm.ts';
import { ContactRepository } from './contactRepository.ts';
import { ukDateAndTime } from './contactTime.ts';
import {
  contactChannelNames,
  contactKindNames,
  contactOutcomeNames,
  contactTopics,
} from './contactTopics.ts';
import { attendedContactUpdate } from './lastContact.ts';

export type RecordOutcome = { ok: true; id: string } | { ok: false; errors: FieldErrors } | undefined;

/**
 * The chronology's words for a significant contact: plain and factual, no
 * names (the entry may be read by anyone who sees the family), and the
 * topics only when the notes are not confidential.
 */
export function chronologyWords(input: ContactInput): string {
  const kind = contactKindNames[input.kind].toLowerCase();
  const channel = contactChannelNames[input.channel].toLowerCase();
  const outcome = contactOutcomeNames[input.outcome].toLowerCase();
  const sentence = `${kind.charAt(0).toUpperCase()}${kind.slice(1)} contact (${channel}): ${outcome}.`;
  if (input.confidential || input.topics.length === 0) return sentence;
  return `${sentence} Covered: ${input.topics.map((t) => contactTopics[t].toLowerCase()).join('; ')}.`;
}

/** Recording contacts: the rules, and one transaction for the contact, its chronology entry, history and audit. */
export class ContactService {
  constructor(
    private readonly db: Db,
    private readonly access: AccessContext,
  ) {}

  /**
   * Records a contact held by `workerId` (by default the signed-in user; an
   * API token must name a worker of its organisation). Undefined (audited as
   * denied) when the family is not visible; the rule's errors when the input
   * names members, agencies, enrolments or a worker this user may not choose.
   */
  async record(familyId: string, input: ContactInput, now: Date, workerId?: string): Promise<RecordOutcome> {
    const organisationId = this.access.organisationId;
    if (!organisationId) return undefined;
    return this.db.transaction(async (tx): Promise<RecordOutcome> => {
      const choices = await new ContactRepository(tx, this.access).choices(familyId, 'contact.add');
      if (!choices) return undefined;
      const errors = contactRules(input, {
        memberIds: choices.members.map((m) => m.personId),
        agencyIds: choices.agencies.map((a) => a.id),
        enrolments: choices.enrolments,
        now,
      });
      const worker = workerId ?? this.access.userId;
      if (!worker) errors.workerId = 'Give the id of the worker who held the contact';
      else if (worker !== this.access.userId) {
        const workers = await new MemberRepository(tx, this.access).workersOfOwnOrganisation(tx);
        if (!workers.some((w) => w.id === worker))
          errors.workerId = 'The worker must be an active worker of your organisation';
      }
      if (Object.keys(errors).length || !worker) return { ok: false, errors };
      const id = randomUUID();
      const occurredOn = ukDateAndTime(input.occurredAt).date;
      const personId = input.memberIds.length === 1 ? (input.memberIds[0] ?? null) : null;
      // A significant contact's chronology entry first, so the contact can name it.
      const entry = input.significant
        ? await addAutomaticEntry(tx, this.access, {
            familyId,
            personId,
            occurredOn,
            what: chronologyWords(input),
            organisationOnly:
              input.confidential ||
              choices.members.some((m) => input.memberIds.includes(m.personId) && m.confidentialSupport),
          })
        : undefined;
      // The contact, its members, their last contact, its history and the audit event: one statement.
      await tx.execute(
        writesTogether([
          tx.insert(contact).values({
            id,
            familyId,
            organisationId,
            workerId: worker,
            occurredAt: input.occurredAt,
            kind: input.kind,
            jointOrganisationId: input.jointOrganisationId,
            channel: input.channel,
            durationMinutes: input.durationMinutes,
            outcome: input.outcome,
            topics: input.topics,
            notes: input.notes,
            followUp: input.followUp,
            confidential: input.confidential,
            significant: input.significant,
            enrolmentId: input.enrolmentId,
            chronologyEntryId: entry?.id ?? null,
            recordedBy: this.access.userId ?? null,
          }),
          input.memberIds.length > 0
            ? tx
                .insert(contactMember)
                .values(input.memberIds.map((member) => ({ contactId: id, personId: member, familyId })))
            : undefined,
          input.outcome === 'attended'
            ? attendedContactUpdate({ familyId, organisationId, personIds: input.memberIds, occurredOn })
            : undefined,
          historyInsert(tx, this.access, {
            familyId,
            recordType: 'contact',
            recordId: id,
            personId,
            action: 'created',
            changes: changedFields(
              {},
              {
                occurredAt: input.occurredAt,
                kind: input.kind,
                channel: input.channel,
                outcome: input.outcome,
                members: input.memberIds,
                confidential: input.confidential,
                significant: input.significant,
              },
            ),
          }),
          auditInsert(tx, this.access, {
            action: 'contact.add',
            recordType: 'contact',
            recordId: id,
            familyId,
            detail: {
              members: input.memberIds.length,
              significant: input.significant,
              confidential: input.confidential,
              enrolment: input.enrolmentId !== null,
            },
          }),
        ]),
      );
      return { ok: true, id };
    });
  }
}
