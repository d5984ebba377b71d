import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { family } from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { familyVisible } from '../families/familyVisibility.ts';

export interface FamilyHeading {
  id: string;
  reference: string;
  name: string;
}

/** The family's reference and name for a page heading, when this user may see the family. */
export async function familyHeading(
  db: Db,
  access: AccessContext,
  familyId: string,
): Promise<FamilyHeading | undefined> {
  const [row] = await db
    .select({ id: family.id, reference: family.reference, name: family.name })
    .from(family)
    .where(and(eq(family.id, familyId), familyVisible(access, family.id)));
  return row;
}
