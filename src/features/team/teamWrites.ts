import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  family,
  familyMembership,
  familyTeamMember,
  leadProfessional,
  memberSupport,
  organisation,
  teamWorker,
} from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { type AuditEntry, recordAudit } from '../../platform/audit/auditLog.ts';
import { addAutomaticEntry } from '../chronology/automaticEntries.ts';
import { ConsentRepository } from '../consent/consentRepository.ts';
import { familyVisible, memberVisible } from '../families/familyVisibility.ts';
import { changedFields, recordHistory } from '../families/recordHistory.ts';
import { eligibleWorker } from './teamChecks.ts';

export type TeamWriteResult =
  | { ok: true; id: string }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'invalid'; field: string; message: string };

const notFound = { ok: false, reason: 'not_found' } as const;

function invalid(field: string, message: string): TeamWriteResult {
  return { ok: false, reason: 'invalid', field, message };
}

export interface JoinInput {
  organisationId: string;
  role: string | null;
  contact: string | null;
  /** The members the organisation will work with: each gets a support record with it. */
  memberIds: string[];
  joinedOn: string;
  /** Members who agreed, on the same occasion, to share their information with the organisation. */
  consent?: { memberIds: string[]; method: 'verbal' | 'written' | null; scope: string } | null;
}

export interface WorkerInput {
  userId: string;
  personId: string | null;
  role: string;
  contact: string | null;
  joinedOn: string;
}

/**
 * Changes to the team around a family. Each runs in one transaction that
 * checks in SQL that the user may see the family (and the members it names),
 * and writes the history, the chronology entry and the audit event with the
 * change.
 */
export class TeamWrites {
  constructor(
    private readonly db: Db,
    private readonly access: AccessContext,
  ) {}

  private async visibleFamily(tx: Db, familyId: string, action: string) {
    const [row] = await tx
      .select({ id: family.id, partnershipAreaId: family.partnershipAreaId })
      .from(family)
      .where(and(eq(family.id, familyId), familyVisible(this.access, family.id)));
    if (!row) {
      await recordAudit(tx, this.access, { action, outcome: 'denied', recordType: 'family', familyId });
    }
    return row;
  }

  /** Those of the given people who are current members of the family that this user may see. */
  private async visibleCurrentMembers(tx: Db, familyId: string, personIds: string[]) {
    if (personIds.length === 0) return [];
    return tx
      .select({ personId: familyMembership.personId })
      .from(familyMembership)
      .where(
        and(
          eq(familyMembership.familyId, familyId),
          inArray(familyMembership.personId, personIds),
          isNull(familyMembership.endedOn),
          memberVisible(this.access, familyMembership.familyId, familyMembership.personId),
        ),
      );
  }

  /**
   * What every change to the team ends with, in its transaction: the
   * chronology entry (when the change is a key event), the family marked as
   * changed, and the audit event.
   */
  private async recorded(
    tx: Db,
    familyId: string,
    change: {
      entry?: Omit<Parameters<typeof addAutomaticEntry>[2], 'familyId'>;
      audit: Omit<AuditEntry, 'familyId'>;
    },
  ) {
    if (change.entry) await addAutomaticEntry(tx, this.access, { ...change.entry, familyId });
    await tx.update(family).set({ updatedAt: new Date() }).where(eq(family.id, familyId));
    await recordAudit(tx, this.access, { ...change.audit, familyId });
  }

  /** Invites an organisation of the family's partnership area onto the team, to work with the members chosen. */
  async join(familyId: string, input: JoinInput): Promise<TeamWriteResult> {
    return this.db.transaction(async (tx) => {
      const target = await this.visibleFamily(tx, familyId, 'team.join');
      if (!target) return notFound;
      const [org] = await tx
        .select({ id: organisation.id, name: organisation.name })
        .from(organisation)
        .where(
          and(
            eq(organisation.id, input.organisationId),
            eq(organisation.partnershipAreaId, target.partnershipAreaId),
          ),
        );
      if (!org) return invalid('organisation', 'Choose an organisation in this partnership area');
      const [open] = await tx
        .select({ id: familyTeamMember.id })
        .from(familyTeamMember)
        .where(
          and(
            eq(familyTeamMember.familyId, familyId),
            eq(familyTeamMember.organisationId, org.id),
            isNull(familyTeamMember.leftOn),
          ),
        );
      if (open) return invalid('organisation', `${org.name} is already on the team`);
      const members = await this.visibleCurrentMembers(tx, familyId, input.memberIds);
      if (members.length === 0 || members.length !== new Set(input.memberIds).size) {
        return invalid('members', 'Choose at least one member the organisation will work with');
      }
      const sharing = [...new Set(input.consent?.memberIds ?? [])];
      if ((await this.visibleCurrentMembers(tx, familyId, sharing)).length !== sharing.length) {
        return invalid('sharing', 'Choose only members of this family you can see');
      }
      const [spell] = await tx
        .insert(familyTeamMember)
        .values({
          familyId,
          organisationId: org.id,
          role: input.role,
          contact: input.contact,
          joinedOn: input.joinedOn,
        })
        .returning({ id: familyTeamMember.id });
      const id = (spell as { id: string }).id;
      await recordHistory(tx, this.access, {
        familyId,
        recordType: 'family_team_member',
        recordId: id,
        action: 'created',
        changes: changedFields(
          {},
          { organisationId: org.id, role: input.role, contact: input.contact, joinedOn: input.joinedOn },
        ),
      });
      const supports = await tx
        .insert(memberSupport)
        .values(members.map((m) => ({ familyId, personId: m.personId, organisationId: org.id })))
        .onConflictDoNothing()
        .returning({ id: memberSupport.id, personId: memberSupport.personId });
      for (const support of supports) {
        await recordHistory(tx, this.access, {
          familyId,
          recordType: 'member_support',
          recordId: support.id,
          personId: support.personId,
          action: 'created',
          changes: changedFields({}, { organisationId: org.id, status: 'not_started' }),
        });
      }
      // Consent, each with its own history, chronology entry and audit (a savepoint within this transaction).
      const consents = new ConsentRepository(tx, this.access);
      for (const personId of sharing) {
        const given = await consents.record(familyId, {
          personId,
          organisationId: org.id,
          status: 'given',
          scope: input.consent?.scope ?? '',
          method: input.consent?.method ?? null,
          ownView: null,
          reviewOn: null,
        });
        if (!given.ok) throw new Error('consent could not be recorded for a member checked just before');
      }
      await this.recorded(tx, familyId, {
        entry: {
          what: `${org.name} joined the team around the family.`,
          occurredOn: input.joinedOn,
        },
        audit: {
          action: 'team.join',
          recordType: 'family_team_member',
          recordId: id,
          detail: { organisationId: org.id, members: members.length, consents: sharing.length },
        },
      });
      return { ok: true, id };
    });
  }

  /** Records that an organisation left the team; its access ends at once, and its named workers leave with it. */
  async leave(familyId: string, spellId: string, leftOn: string): Promise<TeamWriteResult> {
    return this.db.transaction(async (tx) => {
      if (!(await this.visibleFamily(tx, familyId, 'team.leave'))) return notFound;
      const [spell] = await tx
        .select({
          id: familyTeamMember.id,
          organisationId: familyTeamMember.organisationId,
          name: organisation.name,
          joinedOn: familyTeamMember.joinedOn,
        })
        .from(familyTeamMember)
        .innerJoin(organisation, eq(organisation.id, familyTeamMember.organisationId))
        .where(
          and(
            eq(familyTeamMember.id, spellId),
            eq(familyTeamMember.familyId, familyId),
            isNull(familyTeamMember.leftOn),
          ),
        );
      if (!spell) return notFound;
      if (leftOn < spell.joinedOn)
        return invalid('leftOn', 'The date they left must be on or after they joined');
      const [lead] = await tx
        .select({ id: leadProfessional.id })
        .from(leadProfessional)
        .where(
          and(
            eq(leadProfessional.familyId, familyId),
            eq(leadProfessional.organisationId, spell.organisationId),
            isNull(leadProfessional.endedOn),
          ),
        );
      if (lead) {
        return invalid('leftOn', `Hand over the lead professional role before ${spell.name} leaves the team`);
      }
      await tx.update(familyTeamMember).set({ leftOn }).where(eq(familyTeamMember.id, spell.id));
      await recordHistory(tx, this.access, {
        familyId,
        recordType: 'family_team_member',
        recordId: spell.id,
        action: 'ended',
        changes: { leftOn: { from: null, to: leftOn } },
      });
      const workers = await tx
        .update(teamWorker)
        .set({ leftOn: sql`greatest(${teamWorker.joinedOn}, ${leftOn}::date)` })
        .where(
          and(
            eq(teamWorker.familyId, familyId),
            eq(teamWorker.organisationId, spell.organisationId),
            isNull(teamWorker.leftOn),
          ),
        )
        .returning({ id: teamWorker.id, personId: teamWorker.personId });
      for (const worker of workers) {
        await recordHistory(tx, this.access, {
          familyId,
          recordType: 'team_worker',
          recordId: worker.id,
          personId: worker.personId,
          action: 'ended',
          changes: { leftOn: { from: null, to: leftOn } },
        });
      }
      await this.recorded(tx, familyId, {
        entry: {
          what: `${spell.name} left the team around the family.`,
          occurredOn: leftOn,
        },
        audit: {
          action: 'team.leave',
          recordType: 'family_team_member',
          recordId: spell.id,
          detail: { organisationId: spell.organisationId, workers: workers.length },
        },
      });
      return { ok: true, id: spell.id };
    });
  }

  /** Names a worker of an organisation on the team, for the whole family or for one member. */
  async addWorker(familyId: string, input: WorkerInput): Promise<TeamWriteResult> {
    return this.db.transaction(async (tx) => {
      if (!(await this.visibleFamily(tx, familyId, 'team.worker_join'))) return notFound;
      const worker = await eligibleWorker(tx, familyId, input.userId);
      if (!worker) return invalid('user', 'Choose a worker from an organisation on the team');
      if (input.personId) {
        const [member] = await tx
          .select({ personId: familyMembership.personId })
          .from(familyMembership)
          .where(
            and(
              eq(familyMembership.familyId, familyId),
              eq(familyMembership.personId, input.personId),
              isNull(familyMembership.endedOn),
              memberVisible(this.access, familyMembership.familyId, familyMembership.personId),
            ),
          );
        if (!member) return invalid('person', 'Choose a member of this family');
      }
      const [created] = await tx
        .insert(teamWorker)
        .values({
          familyId,
          organisationId: worker.organisationId,
          userId: worker.userId,
          personId: input.personId,
          role: input.role,
          contact: input.contact,
          joinedOn: input.joinedOn,
        })
        .returning({ id: teamWorker.id });
      const id = (created as { id: string }).id;
      await recordHistory(tx, this.access, {
        familyId,
        recordType: 'team_worker',
        recordId: id,
        personId: input.personId,
        action: 'created',
        changes: changedFields({}, { ...input }),
      });
      await this.recorded(tx, familyId, {
        entry: {
          personId: input.personId,
          what: `${worker.name} of ${worker.organisationName} joined the team as ${input.role}.`,
          occurredOn: input.joinedOn,
        },
        audit: {
          action: 'team.worker_join',
          recordType: 'team_worker',
          recordId: id,
          detail: { userId: worker.userId, personId: input.personId },
        },
      });
      return { ok: true, id };
    });
  }

  /** Records that a named worker left the team. */
  async workerLeaves(familyId: string, workerId: string, leftOn: string): Promise<TeamWriteResult> {
    return this.db.transaction(async (tx) => {
      if (!(await this.visibleFamily(tx, familyId, 'team.worker_leave'))) return notFound;
      const [worker] = await tx
        .select({ id: teamWorker.id, joinedOn: teamWorker.joinedOn, personId: teamWorker.personId })
        .from(teamWorker)
        .where(
          and(eq(teamWorker.id, workerId), eq(teamWorker.familyId, familyId), isNull(teamWorker.leftOn)),
        );
      if (!worker) return notFound;
      if (leftOn < worker.joinedOn)
        return invalid('leftOn', 'The date they left must be on or after they joined');
      await tx.update(teamWorker).set({ leftOn }).where(eq(teamWorker.id, worker.id));
      await recordHistory(tx, this.access, {
        familyId,
        recordType: 'team_worker',
        recordId: worker.id,
        personId: worker.personId,
        action: 'ended',
        changes: { leftOn: { from: null, to: leftOn } },
      });
      await this.recorded(tx, familyId, {
        audit: {
          action: 'team.worker_leave',
          recordType: 'team_worker',
          recordId: worker.id,
        },
      });
      return { ok: true, id: worker.id };
    });
  }
}
