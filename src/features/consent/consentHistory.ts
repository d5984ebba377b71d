import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type ConsentStatus, consent } from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { changedFields, recordHistory } from '../families/recordHistory.ts';
import type { ConsentInput } from './consentRepository.ts';

export interface ConsentRow {
  id: string;
  personId: string;
  organisationId: string;
  status: ConsentStatus;
  scope: string;
  method: 'verbal' | 'written' | null;
  ownView: string | null;
  reviewOn: string | null;
  withdrawnAt: Date | null;
  version: number;
}

type ConsentValues = Omit<ConsentRow, 'id' | 'personId' | 'organisationId' | 'version'>;

/** Inserts a member's first consent with an organisation and keeps its history. Inside the caller's transaction. */
export async function createConsent(
  tx: Db,
  access: AccessContext,
  familyId: string,
  input: ConsentInput,
  values: ConsentValues,
): Promise<string> {
  const [created] = await tx
    .insert(consent)
    .values({
      familyId,
      personId: input.personId,
      organisationId: input.organisationId,
      ...values,
      recordedBy: access.userId ?? null,
    })
    .returning({ id: consent.id });
  const id = (created as { id: string }).id;
  await recordHistory(tx, access, {
    familyId,
    recordType: 'consent',
    recordId: id,
    personId: input.personId,
    action: 'created',
    changes: changedFields({}, { organisationId: input.organisationId, ...values }),
  });
  return id;
}

/** Amends a consent, keeping the old and new values; returns its id. Inside the caller's transaction. */
export async function amendConsent(
  tx: Db,
  access: AccessContext,
  familyId: string,
  existing: ConsentRow,
  values: ConsentValues,
): Promise<string> {
  // Keep the moment of withdrawal when a withdrawn consent is saved again unchanged.
  const after =
    existing.status === 'withdrawn' && values.status === 'withdrawn'
      ? { ...values, withdrawnAt: existing.withdrawnAt }
      : values;
  const changes = changedFields({ ...existing }, after);
  if (Object.keys(changes).length === 0) return existing.id;
  await tx
    .update(consent)
    .set({
      ...after,
      recordedBy: access.userId ?? null,
      recordedAt: new Date(),
      updatedAt: new Date(),
      version: existing.version + 1,
    })
    .where(eq(consent.id, existing.id));
  await recordHistory(tx, access, {
    familyId,
    recordType: 'consent',
    recordId: existing.id,
    personId: existing.personId,
    action: 'amended',
    changes,
  });
  return existing.id;
}
