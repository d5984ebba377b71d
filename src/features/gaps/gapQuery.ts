// The gaps found for the audit's filters, for the gap page and a proposal's form.
import type { Db } from '../../db/client.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import type { AuditResults } from '../audit/auditResults.ts';
import type { AuditFilters } from '../audit/auditView.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { gapFigures } from './gapFigures.ts';
import { gapList } from './gapList.ts';

/** The gaps for the filters, audited with counts only. */
export async function findGaps(
  db: Db,
  access: AccessContext,
  filters: AuditFilters,
  threshold: number,
  results: AuditResults,
) {
  // The gaps themselves are kept with the figures: working them out (the small-number rule over
  // every table) costs as much as drawing the page.
  const found = await results.get(
    `gaps-${threshold}`,
    async (d, a, f) => gapList(await gapFigures(d, a, f, todayInUk(new Date())), threshold),
    db,
    access,
    filters,
  );
  await recordAudit(db, access, {
    action: 'audit.gaps.read',
    detail: { gaps: found.gaps.length, localityId: filters.localityId ?? null },
  });
  return found;
}
