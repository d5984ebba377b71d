import { and, asc, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  appUser,
  family,
  familyMembership,
  familyTeamMember,
  leadProfessional,
  organisation,
  person,
  teamWorker,
} from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { familyVisible, memberVisible } from '../families/familyVisibility.ts';
import type { PartRead } from '../families/partRead.ts';

export interface TeamOrganisation {
  /** The team spell's id (an organisation that left and rejoined has two). */
  id: string;
  organisationId: string;
  organisationName: string;
  role: string | null;
  contact: string | null;
  joinedOn: string;
  leftOn: string | null;
}

export interface TeamWorkerView {
  id: string;
  userId: string;
  name: string;
  organisationId: string;
  organisationName: string;
  /** The member this worker is named for, or null for the whole family. */
  personId: string | null;
  /** That member's name, when this user may see them; otherwise null. */
  personName: string | null;
  role: string;
  contact: string | null;
  joinedOn: string;
  leftOn: string | null;
}

export interface LeadSpell {
  id: string;
  userId: string;
  name: string;
  organisationId: string;
  organisationName: string;
  startedOn: string;
  endedOn: string | null;
  handoverNote: string | null;
  handedOverByName: string | null;
}

export interface TeamView {
  /** Current organisations first, then those that have left, each by name. */
  organisations: TeamOrganisation[];
  workers: TeamWorkerView[];
  /** The lead professional now, if any. */
  lead: LeadSpell | null;
  /** Every lead professional spell, newest first, with hand-over notes. */
  leadHistory: LeadSpell[];
}

/** A worker who may be named on the team or made lead: an active practice user of an organisation on the team. */
export interface EligibleWorker {
  userId: string;
  name: string;
  organisationId: string;
  organisationName: string;
}

/**
 * The team around a family: organisations, named workers and the lead
 * professional. Reads are limited in SQL to families this user may see and
 * audited. Writes are in `teamWrites.ts`.
 */
export class TeamRepository {
  constructor(
    private readonly db: Db,
    private readonly access: AccessContext,
  ) {}

  /** Whether this user may see the family now (audits a refusal). */
  async canSee(familyId: string, action = 'team.read'): Promise<boolean> {
    const [row] = await this.db
      .select({ id: family.id })
      .from(family)
      .where(and(eq(family.id, familyId), familyVisible(this.access, family.id)));
    if (!row) {
      await recordAudit(this.db, this.access, {
        action,
        outcome: 'denied',
        recordType: 'family',
        familyId,
      });
    }
    return row !== undefined;
  }

  /** The team around the family, or undefined when this user may not see the family. */
  async forFamily(familyId: string, options: PartRead = {}): Promise<TeamView | undefined> {
    if (!options.familyChecked && !(await this.canSee(familyId))) return undefined;
    const q = this.forFamilyQueries(familyId);
    const [organisations, workers, leads] = await Promise.all([q.organisations, q.workers, q.leads]);
    if (options.audit !== false)
      await recordAudit(this.db, this.access, {
        action: 'team.read',
        recordType: 'family',
        familyId,
        detail: { organisations: organisations.length, workers: workers.length },
      });
    return teamView(organisations, workers, leads);
  }

  /** The selects behind `forFamily`: the organisations, the workers and the lead professionals. */
  forFamilyQueries(familyId: string) {
    return {
      organisations: this.db
        .select({
          id: familyTeamMember.id,
          organisationId: familyTeamMember.organisationId,
          organisationName: organisation.name,
          role: familyTeamMember.role,
          contact: familyTeamMember.contact,
          joinedOn: familyTeamMember.joinedOn,
          leftOn: familyTeamMember.leftOn,
        })
        .from(familyTeamMember)
        .innerJoin(organisation, eq(organisation.id, familyTeamMember.organisationId))
        .where(eq(familyTeamMember.familyId, familyId))
        .orderBy(
          sql`${familyTeamMember.leftOn} is not null`,
          asc(organisation.name),
          desc(familyTeamMember.joinedOn),
        ),
      workers: this.db
        .select({
          id: teamWorker.id,
          userId: teamWorker.userId,
          name: appUser.displayName,
          organisationId: teamWorker.organisationId,
          organisationName: organisation.name,
          personId: teamWorker.personId,
          personName: sql<
            string | null
          >`case when ${teamWorker.personId} is not null and ${memberVisible(this.access, teamWorker.familyId, teamWorker.personId)}
            then (select coalesce(p.preferred_name, p.given_name) || coalesce(' ' || p.family_name, '') from person p where p.id = ${teamWorker.personId}) end`,
          role: teamWorker.role,
          contact: teamWorker.contact,
          joinedOn: teamWorker.joinedOn,
          leftOn: teamWorker.leftOn,
        })
        .from(teamWorker)
        .innerJoin(appUser, eq(appUser.id, teamWorker.userId))
        .innerJoin(organisation, eq(organisation.id, teamWorker.organisationId))
        .where(eq(teamWorker.familyId, familyId))
        .orderBy(sql`${teamWorker.leftOn} is not null`, asc(organisation.name), asc(appUser.displayName)),
      leads: this.db
        .select({
          id: leadProfessional.id,
          userId: leadProfessional.userId,
          name: appUser.displayName,
          organisationId: leadProfessional.organisationId,
          organisationName: organisation.name,
          startedOn: leadProfessional.startedOn,
          endedOn: leadProfessional.endedOn,
          handoverNote: leadProfessional.handoverNote,
          handedOverByName: sql<
            string | null
          >`(select u.display_name from app_user u where u.id = ${leadProfessional.handedOverBy})`,
        })
        .from(leadProfessional)
        .innerJoin(appUser, eq(appUser.id, leadProfessional.userId))
        .innerJoin(organisation, eq(organisation.id, leadProfessional.organisationId))
        .where(eq(leadProfessional.familyId, familyId))
        .orderBy(
          sql`${leadProfessional.endedOn} is null desc`,
          desc(leadProfessional.startedOn),
          desc(leadProfessional.createdAt),
        ),
    };
  }

  /**
   * Organisations of the family's partnership area not on its team now: the
   * ones a team member may invite. Empty when the family is not visible.
   */
  async invitableOrganisations(familyId: string): Promise<{ id: string; name: string }[]> {
    return this.db
      .select({ id: organisation.id, name: organisation.name })
      .from(organisation)
      .innerJoin(family, eq(family.partnershipAreaId, organisation.partnershipAreaId))
      .where(
        and(
          eq(family.id, familyId),
          familyVisible(this.access, family.id),
          sql`not exists (select 1 from family_team_member t where t.family_id = ${family.id}
            and t.organisation_id = ${organisation.id} and t.left_on is null)`,
        ),
      )
      .orderBy(asc(organisation.name));
  }

  /** Active practice users of organisations on the team now, who may be named workers or lead. */
  async eligibleWorkers(familyId: string, exceptUserId?: string): Promise<EligibleWorker[]> {
    return this.db
      .select({
        userId: appUser.id,
        name: appUser.displayName,
        organisationId: organisation.id,
        organisationName: organisation.name,
      })
      .from(familyTeamMember)
      .innerJoin(organisation, eq(organisation.id, familyTeamMember.organisationId))
      .innerJoin(appUser, eq(appUser.organisationId, familyTeamMember.organisationId))
      .where(
        and(
          eq(familyTeamMember.familyId, familyId),
          isNull(familyTeamMember.leftOn),
          familyVisible(this.access, familyTeamMember.familyId),
          eq(appUser.status, 'active'),
          sql`${appUser.roles} && array['practitioner', 'volunteer', 'team_lead']::text[]`,
          exceptUserId ? ne(appUser.id, exceptUserId) : undefined,
        ),
      )
      .orderBy(asc(organisation.name), asc(appUser.displayName));
  }
  /** Current members this user may see, for choosing whom a worker or organisation works with. */
  async visibleMembers(familyId: string): Promise<{ personId: string; name: string }[]> {
    return this.db
      .select({
        personId: person.id,
        name: sql<string>`coalesce(${person.preferredName}, ${person.givenName}) || coalesce(' ' || ${person.familyName}, '')`,
      })
      .from(familyMembership)
      .innerJoin(person, eq(person.id, familyMembership.personId))
      .where(
        and(
          eq(familyMembership.familyId, familyId),
          isNull(familyMembership.endedOn),
          memberVisible(this.access, familyMembership.familyId, familyMembership.personId),
        ),
      )
      .orderBy(asc(person.dateOfBirth), asc(person.givenName));
  }
}

type TeamQueries = ReturnType<TeamRepository['forFamilyQueries']>;

/** The team around the family from its three selects; the current lead professional is the one not ended. */
export function teamView(
  organisations: Awaited<TeamQueries['organisations']>,
  workers: Awaited<TeamQueries['workers']>,
  leads: Awaited<TeamQueries['leads']>,
): TeamView {
  return { organisations, workers, lead: leads.find((l) => l.endedOn === null) ?? null, leadHistory: leads };
}
