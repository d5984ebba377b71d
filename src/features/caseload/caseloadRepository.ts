import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { type AccessContext, canSeePersonalData, hasRole } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { familyVisible, memberVisible } from '../families/familyVisibility.ts';

/** One worker's caseload: counts only, never who the members are. */
export interface WorkerCaseload {
  userId: string;
  name: string;
  roles: string[];
  families: number;
  members: number;
  /** Open members, each counted by its complexity weight (1 to 3). */
  weighted: number;
  /** The limit the team lead set, in weighted members; null when none is set. */
  limit: number | null;
}

/** A member's support with the user's organisation that no worker holds yet. */
export interface UnallocatedSupport {
  supportId: string;
  familyId: string;
  personId: string;
  reference: string;
  familyName: string;
  givenName: string;
  preferredName: string | null;
  memberFamilyName: string | null;
  status: string;
  weight: number;
  since: string;
}

/** The most unallocated pieces of work listed at once. */
export const unallocatedShown = 50;

/**
 * Caseloads of an organisation's workers, and the work no worker holds yet.
 * Caseload figures are counts; the unallocated list names members, so it is
 * access-checked in SQL and audited like any read of the record.
 */
export class CaseloadRepository {
  constructor(
    private readonly db: Db,
    private readonly access: AccessContext,
  ) {}

  /**
   * Every active practice worker of the organisation with their open members,
   * families and weighted load, in one statement. A worker who is not a team
   * lead is given their own row only.
   */
  async workers(db: Db = this.db): Promise<WorkerCaseload[]> {
    const { userId } = this.access;
    if (!userId) return [];
    return this.caseloads(db, hasRole(this.access, 'team_lead') ? sql`true` : sql`u.id = ${userId}`);
  }

  /** One worker's caseload, when they are an active practice worker of the user's organisation. */
  async worker(workerId: string, db: Db = this.db): Promise<WorkerCaseload | undefined> {
    const [row] = await this.caseloads(db, sql`u.id = ${workerId}`);
    return row;
  }

  /** The caseloads of the organisation's active practice workers whom `which` picks (a condition on `u`). */
  private async caseloads(db: Db, which: SQL): Promise<WorkerCaseload[]> {
    const { organisationId } = this.access;
    if (!organisationId || !canSeePersonalData(this.access)) return [];
    return queryRows<WorkerCaseload>(
      db,
      sql`select u.id as "userId", u.display_name as name, u.roles,
          count(distinct s.family_id)::int as families, count(s.id)::int as members,
          coalesce(sum(s.weight), 0)::int as weighted, l.max_weight as "limit"
        from app_user u
        left join member_support s on s.worker_id = u.id and s.organisation_id = u.organisation_id
          and s.status <> 'closed'
        left join caseload_limit l on l.user_id = u.id
        where u.organisation_id = ${organisationId} and u.status = 'active'
          and u.roles && array['practitioner', 'volunteer', 'team_lead']::text[] and ${which}
        group by u.id, u.display_name, u.roles, l.max_weight
        order by u.display_name, u.id`,
    );
  }

  /**
   * Support of the organisation that no worker holds, oldest first, for
   * members the user may see; the read is audited with the families shown.
   */
  async unallocated(): Promise<UnallocatedSupport[]> {
    const { organisationId } = this.access;
    if (!organisationId || !canSeePersonalData(this.access)) return [];
    const rows = await queryRows<UnallocatedSupport>(
      this.db,
      sql`select s.id as "supportId", s.family_id as "familyId", s.person_id as "personId", f.reference,
          f.name as "familyName", p.given_name as "givenName", p.preferred_name as "preferredName",
          p.family_name as "memberFamilyName", s.status, s.weight, s.created_at::date::text as since
        from member_support s
        join family f on f.id = s.family_id
        join person p on p.id = s.person_id
        join family_membership m on m.family_id = s.family_id and m.person_id = s.person_id and m.ended_on is null
        where s.organisation_id = ${organisationId} and s.worker_id is null and s.status <> 'closed'
          and ${familyVisible(this.access, sql`s.family_id`)}
          and ${memberVisible(this.access, sql`s.family_id`, sql`s.person_id`)}
        order by s.created_at, s.id
        limit ${unallocatedShown + 1}`,
    );
    if (rows.length > 0)
      await recordAudit(this.db, this.access, {
        action: 'caseload.unallocated.read',
        detail: {
          shown: Math.min(rows.length, unallocatedShown),
          families: [...new Set(rows.map((r) => r.familyId))],
        },
      });
    return rows;
  }

  /** One piece of support of the user's organisation, if the user may see its member (any worker). */
  async support(supportId: string, db: Db = this.db) {
    const [row] = await queryRows<UnallocatedSupport & { workerId: string | null; version: number }>(
      db,
      sql`select s.id as "supportId", s.family_id as "familyId", s.person_id as "personId", f.reference,
          f.name as "familyName", p.given_name as "givenName", p.preferred_name as "preferredName",
          p.family_name as "memberFamilyName", s.status, s.weight, s.created_at::date::text as since,
          s.worker_id as "workerId", s.version
        from member_support s
        join family f on f.id = s.family_id
        join person p on p.id = s.person_id
        join family_membership m on m.family_id = s.family_id and m.person_id = s.person_id and m.ended_on is null
        where s.id = ${supportId} and s.organisation_id = ${this.access.organisationId ?? null}
          and s.status <> 'closed'
          and ${memberVisible(this.access, sql`s.family_id`, sql`s.person_id`)}`,
    );
    return row;
  }
}
