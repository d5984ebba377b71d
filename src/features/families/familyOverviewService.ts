import type { Db } from '../../db/client.ts';
import { type AccessContext, canSeePersonalData } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { overviewConcerns } from '../assessment/concernRepository.ts';
import { activeBreakGlass } from '../breakGlass/breakGlassRepository.ts';
import { consentSummary } from '../consent/consentRepository.ts';
import { memberCards, supportByPerson } from '../members/memberRepository.ts';
import { planDue } from '../plan/planDue.ts';
import { presentListRow } from '../referrals/referralPresenter.ts';
import { teamView } from '../team/teamRepository.ts';
import { readFamilyOverview } from './familyOverviewRead.ts';

export { latestChronologyEntries } from './familyOverviewRead.ts';

/**
 * Everything the family overview shows, in one statement
 * (`readFamilyOverview`): each part is filtered in SQL by the access rule in
 * its own repository, and only read once the family is known to be visible.
 * The whole read is one audit event (`family.read`, with what was shown); a
 * refused read is audited as denied and not found.
 */
export async function loadFamilyOverview(db: Db, access: AccessContext, familyId: string, today: Date) {
  const todayIso = today.toISOString().slice(0, 10);
  const rows = canSeePersonalData(access)
    ? await readFamilyOverview(db, access, familyId, todayIso)
    : undefined;
  const header = rows?.header[0];
  if (!rows || !header) {
    if (!canSeePersonalData(access))
      await recordAudit(db, access, {
        action: 'family.read',
        outcome: 'denied',
        recordType: 'family',
        recordId: familyId,
      });
    throw new NotFoundError();
  }
  const support = supportByPerson(rows.support, access.organisationId);
  return {
    family: header,
    cards: memberCards(rows.cards, support, today),
    consent: consentSummary(
      rows.consentMembers,
      rows.consentOrganisations,
      rows.consents,
      rows.consentSupports,
      today,
    ),
    team: teamView(rows.teamOrganisations, rows.teamWorkers, rows.teamLeads),
    chronology: rows.chronology,
    mapMembers: rows.mapMembers,
    relationships: rows.relationships,
    breakGlass: activeBreakGlass(rows.breakGlass[0]),
    concerns: overviewConcerns(rows.concerns),
    plan: planDue(rows.plan[0]),
    enrolments: rows.enrolments,
    referrals: rows.referrals.map((r) => presentListRow(r, todayIso)),
  };
}

export type FamilyOverviewData = Awaited<ReturnType<typeof loadFamilyOverview>>;
