import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { caseloadLimit, memberSupport } from '../../db/schema.ts';
import { type AccessContext, hasRole } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { changedFields, recordHistory } from '../families/recordHistory.ts';
import { CaseloadRepository, type WorkerCaseload } from './caseloadRepository.ts';

export interface Allocation {
  workerId: string;
  weight: number;
  /** The team lead saw the warning that this takes the worker over their limit, and went ahead. */
  overLimitConfirmed: boolean;
  /** The support's version when the form was opened: someone else allocating meanwhile is not overwritten. */
  version: number;
}

export type AllocationResult =
  | { outcome: 'allocated' }
  | { outcome: 'not-found' }
  | { outcome: 'bad-worker' }
  | { outcome: 'changed-meanwhile' }
  | { outcome: 'over-limit'; worker: WorkerCaseload; after: number };

/** The load a worker would carry after taking on `weight` more (nothing more if it is already theirs). */
export function loadAfter(
  worker: WorkerCaseload,
  weight: number,
  currentWorkerId: string | null,
  currentWeight: number,
) {
  return currentWorkerId === worker.userId
    ? worker.weighted - currentWeight + weight
    : worker.weighted + weight;
}

/** Allocating work to workers and setting their caseload limits: team leads only, each one transaction. */
export class CaseloadService {
  constructor(private readonly db: Db) {}

  /**
   * Gives a member's support to a worker with a complexity weight. When that
   * takes the worker over the limit their team lead set, nothing is saved
   * until the lead confirms, having been told by how much.
   */
  async allocate(access: AccessContext, supportId: string, input: Allocation): Promise<AllocationResult> {
    if (!hasRole(access, 'team_lead')) return { outcome: 'not-found' };
    return this.db.transaction(async (tx) => {
      const caseloads = new CaseloadRepository(tx, access);
      const support = await caseloads.support(supportId, tx);
      if (!support) {
        await recordAudit(tx, access, {
          action: 'caseload.allocate',
          outcome: 'denied',
          recordType: 'member_support',
          recordId: supportId,
        });
        return { outcome: 'not-found' };
      }
      const worker = await caseloads.worker(input.workerId, tx);
      if (!worker) return { outcome: 'bad-worker' };
      if (support.version !== input.version) return { outcome: 'changed-meanwhile' };
      const after = loadAfter(worker, input.weight, support.workerId, support.weight);
      if (worker.limit !== null && after > worker.limit && !input.overLimitConfirmed)
        return { outcome: 'over-limit', worker, after };
      const changes = changedFields(
        { workerId: support.workerId, weight: support.weight },
        { workerId: input.workerId, weight: input.weight },
      );
      if (Object.keys(changes).length > 0) {
        await tx
          .update(memberSupport)
          .set({
            workerId: input.workerId,
            weight: input.weight,
            updatedAt: new Date(),
            version: sql`${memberSupport.version} + 1`,
          })
          .where(and(eq(memberSupport.id, supportId), eq(memberSupport.version, input.version)));
        await recordHistory(tx, access, {
          familyId: support.familyId,
          recordType: 'member_support',
          recordId: supportId,
          personId: support.personId,
          action: 'amended',
          changes,
        });
      }
      await recordAudit(tx, access, {
        action: 'caseload.allocate',
        recordType: 'member_support',
        recordId: supportId,
        familyId: support.familyId,
        detail: {
          workerId: input.workerId,
          weight: input.weight,
          overLimit: worker.limit !== null && after > worker.limit,
        },
      });
      return { outcome: 'allocated' };
    });
  }

  /** Sets (or clears, with null) a worker's caseload limit. Returns false when the worker is not the lead's to manage. */
  async setLimit(access: AccessContext, workerId: string, maxWeight: number | null): Promise<boolean> {
    const organisationId = access.organisationId;
    if (!organisationId || !hasRole(access, 'team_lead')) return false;
    return this.db.transaction(async (tx) => {
      const worker = await new CaseloadRepository(tx, access).worker(workerId, tx);
      if (!worker) return false;
      if (maxWeight === null) await tx.delete(caseloadLimit).where(eq(caseloadLimit.userId, workerId));
      else
        await tx
          .insert(caseloadLimit)
          .values({ userId: workerId, organisationId, maxWeight, setBy: access.userId ?? null })
          .onConflictDoUpdate({
            target: caseloadLimit.userId,
            set: { maxWeight, setBy: access.userId ?? null, updatedAt: new Date() },
          });
      await recordAudit(tx, access, {
        action: 'caseload.limit.set',
        recordType: 'app_user',
        recordId: workerId,
        detail: { from: worker.limit, to: maxWeight },
      });
      return true;
    });
  }
}
