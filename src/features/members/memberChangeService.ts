import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  appUser,
  family,
  familyMembership,
  memberSupport,
  person,
  type SupportStatus,
} from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { addAutomaticEntry } from '../chronology/automaticEntries.ts';
import { memberVisible } from '../families/familyVisibility.ts';
import { changedFields, recordHistory } from '../families/recordHistory.ts';
import { displayName } from './memberAge.ts';
import { MemberService } from './memberService.ts';

export interface SupportInput {
  status: SupportStatus;
  closedReason: string | null;
  workerId: string | null;
  confidential: boolean;
}

export type ChangeResult = 'done' | 'not-found' | 'bad-worker' | 'same-family';

function isoDay(today: Date): string {
  return today.toISOString().slice(0, 10);
}

/** A member's own support, leaving a family and moving to another: each one transaction with its history. */
export class MemberChangeService {
  private readonly members: MemberService;
  constructor(private readonly db: Db) {
    this.members = new MemberService(db);
  }

  /** The current membership and name of a member the user may see, read with `tx`. */
  private async currentMember(tx: Db, access: AccessContext, familyId: string, personId: string) {
    const [row] = await tx
      .select({ membership: familyMembership, person })
      .from(familyMembership)
      .innerJoin(person, eq(person.id, familyMembership.personId))
      .where(
        and(
          eq(familyMembership.familyId, familyId),
          eq(familyMembership.personId, personId),
          isNull(familyMembership.endedOn),
          memberVisible(access, familyMembership.familyId, familyMembership.personId),
        ),
      );
    return row;
  }

  private async denied(tx: Db, access: AccessContext, action: string, familyId: string, personId: string) {
    await recordAudit(tx, access, {
      action,
      outcome: 'denied',
      recordType: 'person',
      recordId: personId,
      familyId,
    });
    return 'not-found' as const;
  }

  /** Records or updates the user's own organisation's support for a member. */
  async updateSupport(
    access: AccessContext,
    familyId: string,
    personId: string,
    input: SupportInput,
    today: Date = new Date(),
  ): Promise<ChangeResult> {
    const organisationId = access.organisationId;
    if (!organisationId) return 'not-found';
    return this.db.transaction(async (tx) => {
      const member = await this.currentMember(tx, access, familyId, personId);
      if (!member) return this.denied(tx, access, 'support.update', familyId, personId);
      if (input.workerId) {
        const [worker] = await tx
          .select({ id: appUser.id })
          .from(appUser)
          .where(
            and(
              eq(appUser.id, input.workerId),
              eq(appUser.organisationId, organisationId),
              eq(appUser.status, 'active'),
            ),
          );
        if (!worker) return 'bad-worker';
      }
      const [existing] = await tx
        .select()
        .from(memberSupport)
        .where(
          and(
            eq(memberSupport.familyId, familyId),
            eq(memberSupport.personId, personId),
            eq(memberSupport.organisationId, organisationId),
          ),
        );
      const values = {
        ...input,
        closedReason: input.status === 'closed' ? input.closedReason : null,
        startedOn:
          input.status === 'being_supported' && !existing?.startedOn
            ? isoDay(today)
            : (existing?.startedOn ?? null),
        closedOn: input.status === 'closed' ? (existing?.closedOn ?? isoDay(today)) : null,
      };
      let supportId: string;
      let changes: Record<string, { from: unknown; to: unknown }>;
      if (existing) {
        changes = changedFields(existing, values);
        supportId = existing.id;
        if (Object.keys(changes).length > 0)
          await tx
            .update(memberSupport)
            .set({ ...values, updatedAt: new Date(), version: sql`${memberSupport.version} + 1` })
            .where(eq(memberSupport.id, existing.id));
      } else {
        const [created] = await tx
          .insert(memberSupport)
          .values({ familyId, personId, organisationId, ...values })
          .returning({ id: memberSupport.id });
        if (!created) throw new Error('support not created');
        supportId = created.id;
        changes = changedFields({}, values);
      }
      await recordHistory(tx, access, {
        familyId,
        recordType: 'member_support',
        recordId: supportId,
        personId,
        action: existing ? 'amended' : 'created',
        changes,
      });
      if (changes.status) {
        const what =
          input.status === 'being_supported'
            ? `Support started for ${displayName(member.person)}.`
            : input.status === 'closed'
              ? `Support closed for ${displayName(member.person)}.`
              : `Support for ${displayName(member.person)} is not started yet.`;
        // Confidential support stays with the organisation giving it, in the chronology too.
        await addAutomaticEntry(tx, access, {
          familyId,
          personId,
          what,
          organisationOnly: input.confidential,
        });
      }
      await recordAudit(tx, access, {
        action: 'support.update',
        recordType: 'member_support',
        recordId: supportId,
        familyId,
        detail: { personId, fieldsChanged: Object.keys(changes).length },
      });
      return 'done';
    });
  }

  /** Ends a membership on a day, with a reason; the membership stays in the record's history. */
  async leave(
    access: AccessContext,
    familyId: string,
    personId: string,
    input: { endedOn: string; reason: string; movedToFamilyId?: string },
  ): Promise<ChangeResult> {
    return this.db.transaction(async (tx) => this.endMembership(tx, access, familyId, personId, input));
  }

  private async endMembership(
    tx: Db,
    access: AccessContext,
    familyId: string,
    personId: string,
    input: { endedOn: string; reason: string; movedToFamilyId?: string },
  ): Promise<ChangeResult> {
    const member = await this.currentMember(tx, access, familyId, personId);
    if (!member) return this.denied(tx, access, 'member.end', familyId, personId);
    await tx
      .update(familyMembership)
      .set({ endedOn: input.endedOn, endReason: input.reason, version: sql`${familyMembership.version} + 1` })
      .where(eq(familyMembership.id, member.membership.id));
    await recordHistory(tx, access, {
      familyId,
      recordType: 'family_membership',
      recordId: member.membership.id,
      personId,
      action: 'ended',
      changes: changedFields(member.membership, {
        endedOn: input.endedOn,
        endReason: input.reason,
        ...(input.movedToFamilyId ? { movedTo: input.movedToFamilyId } : {}),
      }),
    });
    await addAutomaticEntry(tx, access, {
      familyId,
      personId,
      what: `${displayName(member.person)} left the family record.`,
      occurredOn: input.endedOn,
    });
    await tx.update(family).set({ updatedAt: new Date() }).where(eq(family.id, familyId));
    await recordAudit(tx, access, {
      action: 'member.end',
      recordType: 'family_membership',
      recordId: member.membership.id,
      familyId,
      detail: { personId },
    });
    return 'done';
  }

  /** Moves a member to another family the user may see: ends this membership and starts one there, on one day. */
  async move(
    access: AccessContext,
    familyId: string,
    personId: string,
    input: { toFamilyId: string; movedOn: string; reason: string },
  ): Promise<ChangeResult> {
    if (input.toFamilyId === familyId) return 'same-family';
    return this.db.transaction(async (tx) => {
      const member = await this.currentMember(tx, access, familyId, personId);
      if (!member || !(await this.members.familyIsVisible(tx, access, input.toFamilyId)))
        return this.denied(tx, access, 'member.move', familyId, personId);
      const [already] = await tx
        .select({ id: familyMembership.id })
        .from(familyMembership)
        .where(
          and(
            eq(familyMembership.familyId, input.toFamilyId),
            eq(familyMembership.personId, personId),
            isNull(familyMembership.endedOn),
          ),
        );
      if (already) return 'same-family';
      await this.endMembership(tx, access, familyId, personId, {
        endedOn: input.movedOn,
        reason: input.reason,
        movedToFamilyId: input.toFamilyId,
      });
      const { relationshipLabel, roles, livesInHousehold, inContactWithServices } = member.membership;
      await this.members.insertMember(
        tx,
        access,
        input.toFamilyId,
        personId,
        {
          membership: {
            relationshipLabel,
            roles: roles as never,
            livesInHousehold,
            inContactWithServices,
          },
        },
        new Date(`${input.movedOn}T12:00:00Z`),
      );
      await addAutomaticEntry(tx, access, {
        familyId: input.toFamilyId,
        personId,
        what: `${displayName(member.person)} joined the family record, moving from another family.`,
        occurredOn: input.movedOn,
      });
      return 'done';
    });
  }
}
