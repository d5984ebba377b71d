import { type SQL, sql } from 'drizzle-orm';
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

/** The actor of an audit event written in SQL: placeholders or values of a prepared statement. */
export interface AuditActorSql {
  userId: unknown;
  tokenId: unknown;
  linkId: unknown;
  organisationId: unknown;
  ip: unknown;
  requestId: unknown;
}

/**
 * An `insert into audit_event … select` for a statement that writes its own
 * audit event, in the shape `recordAudit` writes: each field is SQL (it may
 * depend on what the statement read), and `rest` (a `from`, a `where`) says
 * when it is written.
 */
export function auditEventInsert(
  actor: AuditActorSql,
  event: { action: SQL; outcome: SQL; recordType: SQL; recordId: SQL; familyId?: SQL; detail?: SQL },
  rest: SQL = sql``,
): SQL {
  return sql`insert into audit_event (actor_user_id, actor_token_id, actor_link_id, organisation_id, action, outcome,
      record_type, record_id, family_id, ip, request_id, detail)
    select ${actor.userId}::uuid, ${actor.tokenId}::uuid, ${actor.linkId}::uuid, ${actor.organisationId}::uuid,
      ${event.action}, ${event.outcome}, ${event.recordType}, ${event.recordId}, ${event.familyId ?? sql`null`},
      ${actor.ip}, ${actor.requestId}, ${event.detail ?? sql`null`} ${rest}`;
}

/**
 * The audit event of a list read in SQL (the common table expression
 * `shown`, with a `"familyId"` column): how many rows it showed and which
 * families, written only when it showed any.
 */
export function shownListAudit(
  actor: Pick<AuditActorSql, 'userId' | 'organisationId' | 'ip' | 'requestId'>,
  action: string,
  shown: string,
): SQL {
  return auditEventInsert(
    { ...actor, tokenId: sql`null`, linkId: sql`null` },
    {
      action: sql`${action}::text`,
      outcome: sql`'success'`,
      recordType: sql`null`,
      recordId: sql`null`,
      detail: sql`jsonb_build_object('shown', count(*), 'families', jsonb_agg(distinct "familyId"))`,
    },
    sql`from ${sql.identifier(shown)} having count(*) > 0`,
  );
}
