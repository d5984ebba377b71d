import { and, asc, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  appUser,
  assessmentConcern,
  type CarerOfferOutcome,
  type CarerPlanKind,
  type ConcernKind,
  carerSupportOffer,
  organisation,
  person,
} from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { familyVisible } from '../families/familyVisibility.ts';
import { displayName } from '../members/memberAge.ts';
import { aboutVisible } from './assessmentAccess.ts';
import { concernKindNames } from './assessmentQuestions.ts';

export interface ConcernRow {
  id: string;
  kind: ConcernKind;
  personId: string | null;
  givenName: string | null;
  preferredName: string | null;
  familyName: string | null;
  description: string;
  actionTaken: string;
  actionOn: string;
  status: 'open' | 'closed';
  closedOn: string | null;
  organisationName: string | null;
  recordedByName: string | null;
  version: number;
}

export interface CarerOfferRow {
  id: string;
  personId: string;
  givenName: string;
  preferredName: string | null;
  familyName: string | null;
  kind: CarerPlanKind;
  outcome: CarerOfferOutcome;
  decidedOn: string;
  note: string | null;
  organisationName: string | null;
  recordedByName: string | null;
}

/**
 * True in SQL when the user may see a concern: the same rule as the
 * assessment section about the same person, and always for the organisation
 * that recorded it while the family is visible to it.
 */
export function concernVisible(access: AccessContext): SQL {
  const organisationId = access.organisationId ?? null;
  return sql`(${aboutVisible(access, assessmentConcern.familyId, assessmentConcern.personId)}
    or (${assessmentConcern.organisationId} = ${organisationId} and ${familyVisible(access, assessmentConcern.familyId)}))`;
}

function selectConcerns(db: Db, where: SQL) {
  return db
    .select({
      id: assessmentConcern.id,
      kind: assessmentConcern.kind,
      personId: assessmentConcern.personId,
      givenName: person.givenName,
      preferredName: person.preferredName,
      familyName: person.familyName,
      description: assessmentConcern.description,
      actionTaken: assessmentConcern.actionTaken,
      actionOn: assessmentConcern.actionOn,
      status: assessmentConcern.status,
      closedOn: assessmentConcern.closedOn,
      organisationName: organisation.name,
      recordedByName: appUser.displayName,
      version: assessmentConcern.version,
    })
    .from(assessmentConcern)
    .leftJoin(person, eq(person.id, assessmentConcern.personId))
    .leftJoin(organisation, eq(organisation.id, assessmentConcern.organisationId))
    .leftJoin(appUser, eq(appUser.id, assessmentConcern.recordedBy))
    .where(where)
    .orderBy(
      asc(assessmentConcern.status),
      desc(assessmentConcern.actionOn),
      desc(assessmentConcern.createdAt),
    );
}

/** An open concern as the family overview shows it. */
export interface OverviewConcern {
  id: string;
  kindName: string;
  /** The member's name, or "The whole family". */
  about: string;
  actionTaken: string;
  actionOn: string;
}

/**
 * The family's open risks and protection concerns this user may see, for the
 * family overview, newest action first. The access rule is in the SQL. Not
 * audited here: the overview records one audit event for its whole read and
 * should count these in it (for example `detail.openConcerns`). Empty when
 * the family is not visible.
 */
export async function openConcernsForOverview(
  db: Db,
  access: AccessContext,
  familyId: string,
): Promise<OverviewConcern[]> {
  return overviewConcerns(await openConcernsQuery(db, access, familyId));
}

/** The select behind `openConcernsForOverview`. */
export function openConcernsQuery(db: Db, access: AccessContext, familyId: string) {
  return selectConcerns(
    db,
    and(
      eq(assessmentConcern.familyId, familyId),
      eq(assessmentConcern.status, 'open'),
      concernVisible(access),
    ) as SQL,
  );
}

/** Open concerns as the overview shows them. */
export function overviewConcerns(rows: Awaited<ReturnType<typeof openConcernsQuery>>): OverviewConcern[] {
  return rows.map((row) => ({
    id: row.id,
    kindName: concernKindNames[row.kind],
    about:
      row.personId && row.givenName
        ? displayName({
            givenName: row.givenName,
            preferredName: row.preferredName,
            familyName: row.familyName,
          })
        : 'The whole family',
    actionTaken: row.actionTaken,
    actionOn: row.actionOn,
  }));
}

/** Every concern (open first) and carer support offer of a family that this user may see. Not audited. */
export class ConcernRepository {
  constructor(
    private readonly db: Db,
    private readonly access: AccessContext,
  ) {}

  async concerns(familyId: string): Promise<ConcernRow[]> {
    return selectConcerns(
      this.db,
      and(eq(assessmentConcern.familyId, familyId), concernVisible(this.access)) as SQL,
    );
  }

  async concern(familyId: string, concernId: string): Promise<ConcernRow | undefined> {
    const [row] = await selectConcerns(
      this.db,
      and(
        eq(assessmentConcern.familyId, familyId),
        eq(assessmentConcern.id, concernId),
        concernVisible(this.access),
      ) as SQL,
    );
    return row;
  }

  /** Offers of an Adult Carer Support Plan or Young Carer Statement, newest first. */
  async carerOffers(familyId: string): Promise<CarerOfferRow[]> {
    return this.db
      .select({
        id: carerSupportOffer.id,
        personId: carerSupportOffer.personId,
        givenName: person.givenName,
        preferredName: person.preferredName,
        familyName: person.familyName,
        kind: carerSupportOffer.kind,
        outcome: carerSupportOffer.outcome,
        decidedOn: carerSupportOffer.decidedOn,
        note: carerSupportOffer.note,
        organisationName: organisation.name,
        recordedByName: appUser.displayName,
      })
      .from(carerSupportOffer)
      .innerJoin(person, eq(person.id, carerSupportOffer.personId))
      .leftJoin(organisation, eq(organisation.id, carerSupportOffer.organisationId))
      .leftJoin(appUser, eq(appUser.id, carerSupportOffer.recordedBy))
      .where(
        and(
          eq(carerSupportOffer.familyId, familyId),
          aboutVisible(this.access, carerSupportOffer.familyId, carerSupportOffer.personId),
        ),
      )
      .orderBy(desc(carerSupportOffer.decidedOn), desc(carerSupportOffer.createdAt));
  }
}
