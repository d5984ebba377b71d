/**
 * The write of "recorded in error" for any versioned record that allows it
 * (team meetings, contacts, group sessions), in the feature's transaction:
 * the version-checked update, the reason in the record's history and the
 * audit event. The page that asks for the reason is
 * src/platform/concurrency/inError.ts.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { type AuditEntry, recordAudit } from '../../platform/audit/auditLog.ts';
import { type CurrentEdit, requireUpdated } from '../../platform/concurrency/optimisticLock.ts';
import { recordHistory } from './recordHistory.ts';

/** A table whose rows may be marked in error: versioned, with who changed it last and the in-error columns. */
export type InErrorTable = PgTable & {
  id: PgColumn;
  version: PgColumn;
  updatedAt: PgColumn;
  updatedBy: PgColumn;
  inErrorAt: PgColumn;
  inErrorBy: PgColumn;
  inErrorReason: PgColumn;
};

export interface MarkInError {
  table: InErrorTable;
  /** For the history and the audit event: 'team_meeting', 'contact', 'group_session'. */
  recordType: string;
  recordId: string;
  /** The family the history belongs to; null for a record of no one family (a group session). */
  familyId: string | null;
  /** The version the confirm page was opened at. */
  version: number;
  reason: string;
  /** The record as it is now, for the conflict when someone saved first (see requireUpdated). */
  current: () => Promise<CurrentEdit | undefined>;
  /** The feature's own writes after the history and before the audit event (a chronology entry, members' histories). */
  alongside?: () => Promise<void>;
  /** The audit event: its action, and the family or counts it names. */
  audit: Pick<AuditEntry, 'action' | 'familyId' | 'detail'>;
}

/**
 * Inside the caller's transaction: stamps the record in error at `version`
 * (and only if it is not already), throws StaleEditError when it was changed
 * since (NotFoundError when it is gone), keeps the reason in its history,
 * runs the feature's own writes and audits it.
 */
export async function markRecordInError(tx: Db, access: AccessContext, m: MarkInError): Promise<void> {
  const t = m.table;
  const now = new Date();
  const by = access.userId ?? null;
  const updated = await tx
    .update(t)
    .set({
      inErrorAt: now,
      inErrorBy: by,
      inErrorReason: m.reason,
      updatedAt: now,
      updatedBy: by,
      version: sql`${t.version} + 1`,
    })
    .where(and(eq(t.id, m.recordId), eq(t.version, m.version), isNull(t.inErrorAt)))
    .returning({ id: t.id });
  await requireUpdated(updated, m.current);
  await recordHistory(tx, access, {
    familyId: m.familyId,
    recordType: m.recordType,
    recordId: m.recordId,
    action: 'ended',
    changes: { inErrorReason: { from: null, to: m.reason } },
  });
  await m.alongside?.();
  await recordAudit(tx, access, { ...m.audit, recordType: m.recordType, recordId: m.recordId });
}
