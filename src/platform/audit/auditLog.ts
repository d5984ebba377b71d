import type { Db } from '../../db/client.ts';
import { type AuditOutcome, auditEvent } from '../../db/schema.ts';
import type { AccessContext } from '../access/accessContext.ts';

export interface AuditEntry {
  action: string;
  outcome?: AuditOutcome;
  recordType?: string;
  recordId?: string;
  familyId?: string;
  reason?: string;
  /** Counts and identifiers only: never names, addresses or free text about a person. */
  detail?: Record<string, unknown>;
}

/** Writes audit events for the request's actor. Pass a transaction to write with the change it records. */
export async function recordAudit(db: Db, access: AccessContext, entry: AuditEntry): Promise<void> {
  await auditInsert(db, access, entry);
}

/** The insert `recordAudit` runs, not yet run: to write it with others in one statement (`writesTogether`). */
export function auditInsert(db: Db, access: AccessContext, entry: AuditEntry) {
  return db.insert(auditEvent).values({
    actorUserId: access.userId ?? null,
    actorTokenId: access.tokenId ?? null,
    actorLinkId: access.linkId ?? null,
    organisationId: access.organisationId ?? null,
    action: entry.action,
    outcome: entry.outcome ?? 'success',
    recordType: entry.recordType ?? null,
    recordId: entry.recordId ?? null,
    familyId: entry.familyId ?? null,
    ip: access.ip,
    requestId: access.requestId,
    reason: entry.reason ?? null,
    detail: entry.detail ?? null,
  });
}
