// The gap page's filters from its address, and the gaps found for them.
import type { Db } from '../../db/client.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import type { AuditFilters } from '../audit/auditView.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { gapFigures } from './gapFigures.ts';
import { gapList } from './gapList.ts';
import { gapPeriod } from './gapPeriods.ts';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The filters of the gap page's address: a period choice and a locality. */
export function gapFilters(query: unknown, localityIds: readonly string[], today: string) {
  const { period, locality } = (query ?? {}) as Record<string, unknown>;
  const chosen = gapPeriod(period, today);
  const localityId =
    typeof locality === 'string' && uuid.test(locality) && localityIds.includes(locality)
      ? locality
      : undefined;
  const filters: AuditFilters = { from: chosen.from, to: chosen.to, ...(localityId ? { localityId } : {}) };
  return { period: chosen, filters, localityId };
}

/** The gaps for the filters, audited with counts only. */
export async function findGaps(db: Db, access: AccessContext, filters: AuditFilters, threshold: number) {
  const found = gapList(await gapFigures(db, access, filters, todayInUk(new Date())), threshold);
  await recordAudit(db, access, {
    action: 'audit.gaps.read',
    detail: { gaps: found.gaps.length, localityId: filters.localityId ?? null },
  });
  return found;
}
