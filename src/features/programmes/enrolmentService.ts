import { and, eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { programmeEnrolment } from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import type { FieldErrors } from '../../platform/http/forms.ts';
import { addAutomaticEntry } from '../chronology/automaticEntries.ts';
import { memberVisible } from '../families/familyVisibility.ts';
import { changedFields, recordHistory } from '../families/recordHistory.ts';
import { displayName } from '../members/memberAge.ts';
import { checkAge, type EndInput, type EnrolInput } from './enrolmentForm.ts';
import { EnrolmentRepository } from './enrolmentRepository.ts';
import { ProgrammeRepository } from './programmeRepository.ts';

export interface EnrolMember {
  personId: string;
  name: string;
  dateOfBirth: string | null;
  approximateAge: number | null;
  approximateAgeOn: string | null;
  /** True when the member's support is confidential with an organisation: their programme entries stay with that organisation. */
  confidential: boolean;
}

export type EnrolOutcome =
  | { kind: 'not_found' }
  | { kind: 'invalid'; errors: FieldErrors }
  | { kind: 'confirm_untrained'; workerName: string }
  | { kind: 'enrolled'; id: string; untrainedWorker: boolean };

export type EndOutcome = { kind: 'not_found' } | { kind: 'not_active' } | { kind: 'ended' };

/** Enrolling members in programmes, and completing or ending their enrolments: each in one transaction, with history, chronology and audit. */
export class EnrolmentService {
  constructor(
    private readonly db: Db,
    private readonly access: AccessContext,
  ) {}

  /**
   * The current members of the family this user may see, with what the age
   * check needs. Audited (`enrolment.form`) unless `audit` is false, when the caller audits.
   */
  async members(familyId: string, options: { audit?: boolean; db?: Db } = {}): Promise<EnrolMember[]> {
    const db = options.db ?? this.db;
    const rows = await queryRows<
      EnrolMember & { givenName: string; preferredName: string | null; familyName: string | null }
    >(
      db,
      sql`select p.id as "personId", p.given_name as "givenName", p.preferred_name as "preferredName",
          p.family_name as "familyName", p.date_of_birth::text as "dateOfBirth", p.approximate_age as "approximateAge",
          p.approximate_age_on::text as "approximateAgeOn",
          exists (select 1 from member_support s where s.family_id = m.family_id and s.person_id = m.person_id
            and s.confidential) as confidential
        from family_membership m join person p on p.id = m.person_id
        where m.family_id = ${familyId} and m.ended_on is null
          and ${memberVisible(this.access, sql`m.family_id`, sql`m.person_id`)}
        order by p.date_of_birth nulls last, p.given_name`,
    );
    if (options.audit !== false)
      await recordAudit(db, this.access, {
        action: 'enrolment.form',
        recordType: 'family',
        recordId: familyId,
        familyId,
        detail: { members: rows.length },
      });
    return rows.map(({ givenName, preferredName, familyName, ...rest }) => ({
      ...rest,
      name: displayName({ givenName, preferredName, familyName }),
    }));
  }

  async enrol(familyId: string, input: EnrolInput): Promise<EnrolOutcome> {
    const organisationId = this.access.organisationId;
    if (!organisationId) return { kind: 'not_found' };
    return this.db.transaction(async (tx) => {
      const member = (await this.members(familyId, { db: tx, audit: false })).find(
        (m) => m.personId === input.personId,
      );
      if (!member) {
        await recordAudit(tx, this.access, {
          action: 'enrolment.add',
          outcome: 'denied',
          recordType: 'family',
          recordId: familyId,
          familyId,
        });
        return { kind: 'not_found' as const };
      }
      const programmes = new ProgrammeRepository(tx, this.access);
      const programme = await programmes.get(input.programmeId, tx);
      if (!programme) return { kind: 'invalid' as const, errors: { programmeId: 'Select a programme' } };
      const errors: FieldErrors = {};
      const age = checkAge(member, programme, input.enrolledOn);
      if (age.kind === 'outside') errors.enrolledOn = age.message;
      // One after another: inside the transaction they share one connection.
      const worker = (await programmes.workers(programme.id, tx)).find((w) => w.id === input.workerId);
      const groups = await programmes.groups(programme.id, tx);
      const already = await tx
        .select({ id: programmeEnrolment.id })
        .from(programmeEnrolment)
        .where(
          and(
            eq(programmeEnrolment.familyId, familyId),
            eq(programmeEnrolment.personId, member.personId),
            eq(programmeEnrolment.programmeId, programme.id),
            eq(programmeEnrolment.status, 'active'),
          ),
        );
      if (!worker) errors.workerId = 'Select a worker of your organisation';
      if (input.groupId && !groups.some((g) => g.id === input.groupId))
        errors.groupId = 'Select one of your groups that runs this programme';
      if (already.length) errors.enrolledOn = `${member.name} is already enrolled in ${programme.name}`;
      if (Object.keys(errors).length || !worker) return { kind: 'invalid' as const, errors };
      if (!worker.trained && !input.confirmUntrained)
        return { kind: 'confirm_untrained' as const, workerName: worker.name };

      const [created] = await tx
        .insert(programmeEnrolment)
        .values({
          programmeId: programme.id,
          familyId,
          personId: member.personId,
          organisationId,
          workerId: worker.id,
          groupId: input.groupId,
          enrolledOn: input.enrolledOn,
          createdBy: this.access.userId ?? null,
        })
        .returning({ id: programmeEnrolment.id });
      if (!created) throw new Error('enrolment not created');
      await recordHistory(tx, this.access, {
        familyId,
        personId: member.personId,
        recordType: 'programme_enrolment',
        recordId: created.id,
        action: 'created',
        changes: changedFields(
          {},
          {
            programmeId: programme.id,
            workerId: worker.id,
            groupId: input.groupId,
            enrolledOn: input.enrolledOn,
            status: 'active',
          },
        ),
      });
      await addAutomaticEntry(tx, this.access, {
        familyId,
        personId: member.personId,
        occurredOn: input.enrolledOn,
        what: `Started ${programme.name}.`,
        organisationOnly: member.confidential,
      });
      await recordAudit(tx, this.access, {
        action: 'enrolment.add',
        recordType: 'programme_enrolment',
        recordId: created.id,
        familyId,
        detail: { programmeId: programme.id, untrainedWorker: !worker.trained },
      });
      return { kind: 'enrolled' as const, id: created.id, untrainedWorker: !worker.trained };
    });
  }

  /**
   * Completes an active enrolment, or ends it early with a reason. Only the
   * enrolling organisation may; for anyone else the enrolment is not found.
   */
  async end(familyId: string, enrolmentId: string, input: EndInput): Promise<EndOutcome> {
    const action = input.status === 'completed' ? 'enrolment.complete' : 'enrolment.end_early';
    return this.db.transaction(async (tx) => {
      const enrolment = await new EnrolmentRepository(tx, this.access).get(
        familyId,
        enrolmentId,
        { audit: false, action },
        tx,
      );
      if (!enrolment || enrolment.organisationId !== this.access.organisationId) {
        if (enrolment)
          await recordAudit(tx, this.access, {
            action,
            outcome: 'denied',
            recordType: 'programme_enrolment',
            recordId: enrolmentId,
            familyId,
          });
        return { kind: 'not_found' as const };
      }
      if (enrolment.status !== 'active') return { kind: 'not_active' as const };
      const updated = await tx
        .update(programmeEnrolment)
        .set({
          status: input.status,
          endedOn: input.endedOn,
          endReason: input.reason,
          updatedAt: new Date(),
          version: sql`${programmeEnrolment.version} + 1`,
        })
        .where(and(eq(programmeEnrolment.id, enrolmentId), eq(programmeEnrolment.status, 'active')))
        .returning({ id: programmeEnrolment.id });
      if (updated.length === 0) return { kind: 'not_active' as const };
      await recordHistory(tx, this.access, {
        familyId,
        personId: enrolment.personId,
        recordType: 'programme_enrolment',
        recordId: enrolmentId,
        action: 'amended',
        changes: changedFields(
          { status: enrolment.status, endedOn: null, endReason: null },
          { status: input.status, endedOn: input.endedOn, endReason: input.reason },
        ),
      });
      const confidential = (await this.members(familyId, { db: tx, audit: false })).find(
        (m) => m.personId === enrolment.personId,
      )?.confidential;
      await addAutomaticEntry(tx, this.access, {
        familyId,
        personId: enrolment.personId,
        occurredOn: input.endedOn,
        what:
          input.status === 'completed'
            ? `Completed ${enrolment.programmeName}.`
            : `Stopped ${enrolment.programmeName} before the end.`,
        organisationOnly: confidential ?? true,
      });
      await recordAudit(tx, this.access, {
        action,
        recordType: 'programme_enrolment',
        recordId: enrolmentId,
        familyId,
        detail: { sessions: enrolment.contactSessions + enrolment.groupSessions },
      });
      return { kind: 'ended' as const };
    });
  }
}
