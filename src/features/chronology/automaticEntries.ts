import type { Db } from '../../db/client.ts';
import { chronologyEntry, type Impact } from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';

/**
 * Adds a chronology entry written by Hearth itself (a member added, consent
 * changed, an organisation joined the team). Call it inside the transaction
 * that makes the change it records; it returns the entry's id. `what` is plain, factual and may be read
 * by the family: say what happened, not what anyone thinks of it.
 */
export async function addAutomaticEntry(
  tx: Db,
  access: AccessContext,
  entry: {
    familyId: string;
    personId?: string | null;
    what: string;
    impact?: Impact;
    /** Seen only by the organisation that wrote it (a member's confidential support). */
    organisationOnly?: boolean;
    occurredOn?: string;
  },
): Promise<{ id: string }> {
  const [created] = await tx
    .insert(chronologyEntry)
    .values({
      familyId: entry.familyId,
      personId: entry.personId ?? null,
      occurredOn: entry.occurredOn ?? new Date().toISOString().slice(0, 10),
      kind: 'event',
      what: entry.what,
      source: 'Hearth',
      impact: entry.impact ?? 'neutral',
      automatic: true,
      organisationOnly: entry.organisationOnly ?? false,
      recordedBy: access.userId ?? null,
      organisationId: access.organisationId ?? null,
    })
    .returning({ id: chronologyEntry.id });
  if (!created) throw new Error('chronology entry not created');
  return created;
}
