import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { family, locality } from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { openConcernsForOverview } from '../assessment/concernRepository.ts';
import { BreakGlassRepository } from '../breakGlass/breakGlassRepository.ts';
import { ChronologyRepository } from '../chronology/chronologyRepository.ts';
import { ConsentRepository } from '../consent/consentRepository.ts';
import { lastAttendedContact } from '../contacts/contactVisibility.ts';
import { MemberRepository } from '../members/memberRepository.ts';
import { planDueForOverview } from '../plan/planDue.ts';
import { EnrolmentRepository } from '../programmes/enrolmentRepository.ts';
import { presentListRow } from '../referrals/referralPresenter.ts';
import { ReferralRepository } from '../referrals/referralRepository.ts';
import { RelationshipRepository } from '../relationships/relationshipRepository.ts';
import { TeamRepository } from '../team/teamRepository.ts';
import { familyVisible } from './familyVisibility.ts';
import { partOfCheckedRead } from './partRead.ts';

export const latestChronologyEntries = 5;

/**
 * Everything the family overview shows, read in parallel once the family is
 * known to be visible: each part is filtered in SQL by the access rule in
 * its own repository. The whole read is one audit event (`family.read`,
 * with what was shown); a refused read is audited as denied and not found.
 */
export async function loadFamilyOverview(db: Db, access: AccessContext, familyId: string, today: Date) {
  const [header] = await db
    .select({
      id: family.id,
      reference: family.reference,
      name: family.name,
      status: family.status,
      locality: locality.name,
      createdAt: family.createdAt,
      // In the same statement as the access check: one indexed look-up, no extra round trip.
      lastContactAt: lastAttendedContact(access, family.id),
    })
    .from(family)
    .leftJoin(locality, eq(locality.id, family.localityId))
    .where(and(eq(family.id, familyId), familyVisible(access, family.id)));
  if (!header) {
    await recordAudit(db, access, {
      action: 'family.read',
      outcome: 'denied',
      recordType: 'family',
      recordId: familyId,
    });
    throw new NotFoundError();
  }
  const relationships = new RelationshipRepository(db, access);
  const [
    cards,
    consent,
    team,
    chronology,
    mapMembers,
    links,
    breakGlass,
    concerns,
    plan,
    enrolments,
    referrals,
  ] = await Promise.all([
    new MemberRepository(db, access).cardsForFamily(familyId, today, partOfCheckedRead),
    new ConsentRepository(db, access).summaryForFamily(familyId, today, partOfCheckedRead),
    new TeamRepository(db, access).forFamily(familyId, partOfCheckedRead),
    new ChronologyRepository(db, access).latest(familyId, latestChronologyEntries),
    relationships.members(familyId),
    relationships.forFamily(familyId),
    new BreakGlassRepository(db, access).activeBreakGlass(familyId),
    openConcernsForOverview(db, access, familyId),
    planDueForOverview(db, access, familyId, today.toISOString().slice(0, 10)),
    new EnrolmentRepository(db, access).forFamily(familyId, partOfCheckedRead),
    new ReferralRepository(db, access).forFamily(familyId),
  ]);
  await recordAudit(db, access, {
    action: 'family.read',
    recordType: 'family',
    recordId: familyId,
    familyId,
    detail: {
      members: cards.length,
      relationships: links.length,
      chronology: chronology.length,
      teamOrganisations: team?.organisations.length ?? 0,
      openConcerns: concerns.length,
      enrolments: enrolments?.length ?? 0,
    },
  });
  return {
    family: header,
    cards,
    consent: consent ?? [],
    team,
    chronology,
    mapMembers,
    relationships: links,
    breakGlass,
    concerns,
    plan,
    enrolments: enrolments ?? [],
    referrals: referrals.map((r) => presentListRow(r, today.toISOString().slice(0, 10))),
  };
}

export type FamilyOverviewData = Awaited<ReturnType<typeof loadFamilyOverview>>;
