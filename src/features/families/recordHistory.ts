import type { Db } from '../../db/client.ts';
import { type ChangeAction, recordChange } from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';

export type Changes = Record<string, { from: unknown; to: unknown }>;

/**
 * The fields that differ between a record before and after an amendment,
 * each with its old and new value. Dates compare by their ISO text; fields
 * missing from `after` are left out (they were not part of the amendment).
 */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): Changes {
  const changes: Changes = {};
  for (const [field, to] of Object.entries(after)) {
    if (to === undefined) continue;
    const from = before[field] ?? null;
    if (JSON.stringify(normalise(from)) !== JSON.stringify(normalise(to))) {
      changes[field] = { from: normalise(from), to: normalise(to) };
    }
  }
  return changes;
}

function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return [...value].sort();
  return value ?? null;
}

/**
 * Keeps the history of a record of the family: who changed it, when, and the
 * old and new values. Call it inside the transaction that makes the change.
 * Nothing is written for an amendment that changed nothing.
 */
export interface HistoryEntry {
  familyId: string | null;
  recordType: string;
  recordId: string;
  personId?: string | null;
  action: ChangeAction;
  changes: Changes;
}

export async function recordHistory(tx: Db, access: AccessContext, entry: HistoryEntry): Promise<void> {
  await historyInsert(tx, access, entry);
}

/**
 * The insert `recordHistory` runs, not yet run (undefined when there is
 * nothing to write): to write it with others in one statement (`writesTogether`).
 */
export function historyInsert(tx: Db, access: AccessContext, entry: HistoryEntry) {
  if (entry.action === 'amended' && Object.keys(entry.changes).length === 0) return undefined;
  return tx.insert(recordChange).values({
    familyId: entry.familyId,
    recordType: entry.recordType,
    recordId: entry.recordId,
    personId: entry.personId ?? null,
    action: entry.action,
    changes: entry.changes,
    changedBy: access.userId ?? null,
    changedByToken: access.tokenId ?? null,
    organisationId: access.organisationId ?? null,
  });
}
