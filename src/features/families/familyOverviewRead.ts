import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type ActorValues, actorValues, placeholderAccess, preparedQuery } from '../../db/preparedQuery.ts';
import { family, locality } from '../../db/schema.ts';
import {
  decodeParts,
  type PartRows,
  partCount,
  partExists,
  partsStatement,
  rowsPart,
  selectPart,
} from '../../db/statementParts.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { auditEventInsert } from '../../platform/audit/auditLog.ts';
import { openConcernsQuery } from '../assessment/concernRepository.ts';
import { BreakGlassRepository } from '../breakGlass/breakGlassRepository.ts';
import { ChronologyRepository } from '../chronology/chronologyRepository.ts';
import { ConsentRepository } from '../consent/consentRepository.ts';
import { lastAttendedContact } from '../contacts/contactVisibility.ts';
import { MemberRepository } from '../members/memberRepository.ts';
import { type PlanDueRow, planDueSql } from '../plan/planDue.ts';
import { EnrolmentRepository, type EnrolmentRow } from '../programmes/enrolmentRepository.ts';
import { ReferralRepository } from '../referrals/referralRepository.ts';
import type { ReferralListRow } from '../referrals/referralRows.ts';
import { RelationshipRepository } from '../relationships/relationshipRepository.ts';
import { TeamRepository } from '../team/teamRepository.ts';
import { familyVisible } from './familyVisibility.ts';

export const latestChronologyEntries = 5;

type OverviewValues = ActorValues & {
  familyId: string;
  today: string;
};

/**
 * The overview's parts, each the same select its own repository runs, with
 * its access rule: built with placeholders for the user and the family.
 */
function overviewParts(db: Db, access: AccessContext, familyId: string, today: string) {
  const members = new MemberRepository(db, access);
  const consent = new ConsentRepository(db, access).summaryQueries(familyId);
  const team = new TeamRepository(db, access).forFamilyQueries(familyId);
  const relationships = new RelationshipRepository(db, access);
  const breakGlass = new BreakGlassRepository(db, access).activeBreakGlassQuery(familyId);
  const referrals = new ReferralRepository(db, access).forFamilySql(familyId);
  if (!breakGlass || !referrals) throw new Error('the overview is built for a practice user');
  const header = db
    .select({
      id: family.id,
      reference: family.reference,
      name: family.name,
      status: family.status,
      locality: locality.name,
      createdAt: family.createdAt,
      lastContactAt: lastAttendedContact(access, family.id),
    })
    .from(family)
    .leftJoin(locality, eq(locality.id, family.localityId))
    .where(and(eq(family.id, familyId), familyVisible(access, family.id)));
  const currentMembers = sql`select m.person_id from family_membership m
    where m.family_id = ${familyId}::uuid and m.ended_on is null`;
  return {
    header: selectPart(header),
    cards: selectPart(members.cardsQuery(familyId)),
    support: selectPart(members.supportQuery(familyId, currentMembers)),
    consentMembers: selectPart(consent.members),
    consentOrganisations: selectPart(consent.organisations),
    consents: selectPart(consent.consents),
    consentSupports: selectPart(consent.supports),
    teamOrganisations: selectPart(team.organisations),
    teamWorkers: selectPart(team.workers),
    teamLeads: selectPart(team.leads),
    chronology: selectPart(
      new ChronologyRepository(db, access).latestQuery(familyId, latestChronologyEntries),
    ),
    mapMembers: selectPart(relationships.membersQuery(familyId)),
    relationships: selectPart(relationships.forFamilyQuery(familyId)),
    breakGlass: selectPart(breakGlass),
    concerns: selectPart(openConcernsQuery(db, access, familyId)),
    plan: rowsPart<PlanDueRow>(planDueSql(access, familyId, today)),
    enrolments: rowsPart<EnrolmentRow>(new EnrolmentRepository(db, access).forFamilySql(familyId)),
    referrals: rowsPart<ReferralListRow>(referrals),
  };
}

type Parts = ReturnType<typeof overviewParts>;
export type OverviewRows = PartRows<Parts>;

let parts: Parts | undefined;

/**
 * The whole overview in one statement, built once: every part as a common
 * table expression, and the audit event of the read in the same statement:
 * `family.read` with what was shown, or a refusal (the family is not
 * visible) as denied, in the shape `recordAudit` writes.
 */
const overviewStatement = preparedQuery<OverviewValues, Record<string, unknown>>((values, db) => {
  const { familyId, today } = values;
  const access = placeholderAccess(['practitioner']);
  parts = overviewParts(db, access, familyId as unknown as string, today as unknown as string);
  const visible = partExists('header');
  return partsStatement(
    parts,
    'header',
    auditEventInsert(values, {
      action: sql`'family.read'`,
      outcome: sql`case when ${visible} then 'success' else 'denied' end`,
      recordType: sql`'family'`,
      recordId: sql`${familyId}::text`,
      familyId: sql`case when ${visible} then ${familyId}::uuid end`,
      detail: sql`case when ${visible} then jsonb_build_object('members', ${partCount('cards')},
        'relationships', ${partCount('relationships')}, 'chronology', ${partCount('chronology')},
        'teamOrganisations', ${partCount('teamOrganisations')}, 'openConcerns', ${partCount('concerns')},
        'enrolments', ${partCount('enrolments')}) end`,
    }),
  );
});

/**
 * Every part of the family overview in one round trip, with its audit
 * event; undefined (audited as denied) when the family is not one this user
 * may see. The caller has checked the user sees personal data at all.
 */
export async function readFamilyOverview(
  db: Db,
  access: AccessContext,
  familyId: string,
  today: string,
): Promise<OverviewRows | undefined> {
  const [row] = await overviewStatement(db, {
    ...actorValues(access),
    familyId,
    today,
  });
  return row && parts ? decodeParts(parts, row) : undefined;
}
