// Reading referrals: the receiving organisation's inbox (one statement for
// the list, read in referral_inbox_idx's order; its counts from
// referral_status_count, kept by triggers: migration 0025), the referrals an
// organisation made, a family's referrals, and one referral's page with its
// members, history and self-referral. Only the two sides' practice roles see
// a referral; every read of one is audited.
import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import type { ReferralStatus } from '../../db/schema.ts';
import { type AccessContext, canSeePersonalData } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { memberVisible } from '../families/familyVisibility.ts';
import { displayName } from '../members/memberAge.ts';
import type {
  InboxFilter,
  MemberOutcomeRow,
  ReferralDetail,
  ReferralEventRow,
  ReferralListRow,
  ReferralPageQuery,
  ReferralPageRow,
  SelfReferralRow,
} from './referralRows.ts';
import { sideOf } from './referralService.ts';
import type { Side } from './referralStatus.ts';

export type {
  InboxFilter,
  MemberOutcomeRow,
  ReferralDetail,
  ReferralEventRow,
  ReferralListRow,
  ReferralPageQuery,
  ReferralPageRow,
  SelfReferralRow,
} from './referralRows.ts';

const listColumns = sql`r.id, r.reference, r.status, r.origin, r.urgency, s.name as "serviceName",
  (r.sent_at at time zone 'Europe/London')::date::text as "receivedOn", r.first_support_on::text as "firstSupportOn",
  r.updated_at as "updatedAt"`;

/** Most referrals the inbox lists on one tab. */
export const inboxLimit = 200;

/** The receiving organisation's referrals in one status, oldest first, filtered by service and urgency. */
export function inboxSql(organisationId: string, filter: InboxFilter, limit: number): SQL {
  return sql`select ${listColumns}, ro.name as "organisationName"
    from referral r join directory_service s on s.id = r.service_id
      left join organisation ro on ro.id = r.referring_organisation_id
    where r.organisation_id = ${organisationId}::uuid and r.status = ${filter.status}::text
      and (${filter.serviceId}::text = '' or r.service_id::text = ${filter.serviceId}::text)
      and (${filter.urgency}::text = '' or r.urgency::text = ${filter.urgency}::text)
    order by r.sent_at, r.id limit ${limit}::int`;
}

export type StatusCount = { status: ReferralStatus; count: number };

/** How many of the receiving organisation's sent referrals are in each status, with the same filters. */
export function inboxCountsSql(organisationId: string, filter: Omit<InboxFilter, 'status'>): SQL {
  return sql`select c.status, sum(c.n)::int as count from referral_status_count c
    where c.organisation_id = ${organisationId}::uuid
      and (${filter.serviceId}::text = '' or c.service_id::text = ${filter.serviceId}::text)
      and (${filter.urgency}::text = '' or c.urgency::text = ${filter.urgency}::text)
    group by c.status`;
}

export function statusCounts(rows: StatusCount[]): Partial<Record<ReferralStatus, number>> {
  return Object.fromEntries(rows.map((r) => [r.status, r.count]));
}

/** The organisation's own services that have had referrals sent to them, for the inbox's filter. */
export function ownServicesSql(organisationId: string): SQL {
  return sql`select s.id, s.name from directory_service s
    where s.organisation_id = ${organisationId}::uuid and s.id in (
      select c.service_id from referral_status_count c where c.organisation_id = ${organisationId}::uuid and c.n > 0)
    order by s.name, s.id`;
}

export class ReferralRepository {
  constructor(
    private readonly db: Db,
    private readonly access: AccessContext,
  ) {}

  private organisation(): string | undefined {
    return canSeePersonalData(this.access) ? this.access.organisationId : undefined;
  }

  /** How many of the receiving organisation's sent referrals are in each status, with the same filters. */
  async inboxCounts(filter: Omit<InboxFilter, 'status'>): Promise<Partial<Record<ReferralStatus, number>>> {
    const organisationId = this.organisation();
    if (!organisationId) return {};
    const rows = await queryRows<StatusCount>(this.db, inboxCountsSql(organisationId, filter));
    return statusCounts(rows);
  }

  /** The referrals this organisation made, newest first, drafts included. */
  async made(limit = 200): Promise<ReferralListRow[]> {
    const organisationId = this.organisation();
    if (!organisationId) return [];
    return queryRows<ReferralListRow>(
      this.db,
      sql`select ${listColumns}, o.name as "organisationName", rf.reference as "redirectedFromReference",
          coalesce(d."passedOn", 0) as "passedOn", coalesce(d."declinedFor", 0) as "declinedFor"
        from referral r join directory_service s on s.id = r.service_id join organisation o on o.id = r.organisation_id
          left join referral rf on rf.id = r.redirected_from_id
          left join lateral (select count(*) filter (where x.outcome = 'passed_on')::int as "passedOn",
              count(*) filter (where x.outcome = 'declined')::int as "declinedFor"
            from referral_member_outcome x where x.referral_id = r.id) d on true
        where r.referring_organisation_id = ${organisationId}
        order by r.sent_at desc nulls first, r.created_at desc limit ${limit}`,
    );
  }

  /**
   * A page of the referrals the organisation made (newest first) or received
   * (no drafts, oldest sent first), for the API: no personal data, so it is
   * audited as a list, like the inbox.
   */
  async page(query: ReferralPageQuery): Promise<{ total: number; rows: ReferralPageRow[] }> {
    const organisationId = this.organisation();
    if (!organisationId) return { total: 0, rows: [] };
    const received = query.side === 'received';
    const conditions: SQL[] = [
      received
        ? sql`r.organisation_id = ${organisationId} and r.status <> 'draft'`
        : sql`r.referring_organisation_id = ${organisationId}`,
    ];
    if (query.statuses.length)
      conditions.push(
        sql`r.status in (${sql.join(
          query.statuses.map((s) => sql`${s}`),
          sql`, `,
        )})`,
      );
    if (query.serviceId) conditions.push(sql`r.service_id = ${query.serviceId}`);
    if (query.changedSince) conditions.push(sql`r.updated_at > ${query.changedSince.toISOString()}`);
    const where = sql.join(conditions, sql` and `);
    const [count] = await queryRows<{ total: number }>(
      this.db,
      sql`select count(*)::int as total from referral r where ${where}`,
    );
    const rows = await queryRows<ReferralPageRow>(
      this.db,
      sql`select ${listColumns}, r.version, r.service_id as "serviceId", o.name as "organisationName"
        from referral r join directory_service s on s.id = r.service_id
          left join organisation o on o.id = ${received ? sql`r.referring_organisation_id` : sql`r.organisation_id`}
        where ${where}
        order by ${received ? sql`r.sent_at, r.id` : sql`r.sent_at desc nulls first, r.created_at desc, r.id`}
        limit ${query.limit} offset ${query.offset}`,
    );
    return { total: count?.total ?? 0, rows };
  }

  /** A family's referrals made or received by this organisation (the family overview's part; the caller checked the family). */
  async forFamily(familyId: string): Promise<ReferralListRow[]> {
    const statement = this.forFamilySql(familyId);
    return statement ? queryRows<ReferralListRow>(this.db, statement) : [];
  }

  /** The statement behind `forFamily`; undefined for someone who sees no personal data. */
  forFamilySql(familyId: string): SQL | undefined {
    const organisationId = this.organisation();
    if (!organisationId) return undefined;
    return sql`select ${listColumns}, o.name as "organisationName"
        from referral r join directory_service s on s.id = r.service_id join organisation o on o.id = r.organisation_id
        where r.family_id = ${familyId}
          and (r.referring_organisation_id = ${organisationId} or r.organisation_id = ${organisationId})
        order by r.created_at desc limit 50`;
  }

  /**
   * One referral for either side, with the side the user acts for. Audited
   * (`referral.read`); anyone else gets nothing and a denied audit event.
   */
  async get(
    id: string,
    options: { audit?: boolean } = {},
  ): Promise<{ row: ReferralDetail; side: Side } | undefined> {
    const organisationId = this.organisation();
    const [row] = organisationId
      ? await queryRows<ReferralDetail>(
          this.db,
          sql`select r.id, r.reference, r.status, r.origin, r.urgency, r.version, r.service_id as "serviceId",
              s.name as "serviceName", r.organisation_id as "organisationId", o.name as "organisationName",
              r.referring_organisation_id as "referringOrganisationId", ro.name as "referringOrganisationName",
              coalesce(u.display_name, bt.name) as "referredByName", r.family_id as "familyId", r.receiving_family_id as "receivingFamilyId",
              r.self_referral_id as "selfReferralId", r.redirected_from_id as "redirectedFromId",
              rf.reference as "redirectedFromReference", rt.id as "redirectedToId", rt.reference as "redirectedToReference",
              r.reason, r.wishes, r.sharing_basis as "sharingBasis", r.consent_person_id as "consentPersonId",
              r.consent_method as "consentMethod", r.consent_on::text as "consentOn", r.concern_id as "concernId",
              r.decline_reason as "declineReason", r.suggestion,
              (r.sent_at at time zone 'Europe/London')::date::text as "receivedOn",
              r.first_support_on::text as "firstSupportOn", r.created_at as "createdAt", r.updated_at as "updatedAt",
              s.referral_takes as "referralTakes", s.referral_needs as "referralNeeds",
              s.referral_excludes as "referralExcludes"
            from referral r join directory_service s on s.id = r.service_id
              join organisation o on o.id = r.organisation_id
              left join organisation ro on ro.id = r.referring_organisation_id
              left join app_user u on u.id = r.referred_by left join api_token bt on bt.id = r.referred_by_token
              left join referral rf on rf.id = r.redirected_from_id
              left join lateral (select x.id, x.reference from referral x where x.redirected_from_id = r.id
                  and not exists (select 1 from referral_member_outcome mo where mo.passed_to_id = x.id)
                order by x.created_at limit 1) rt on true
            where r.id = ${id}
              and (r.referring_organisation_id = ${organisationId} or (r.organisation_id = ${organisationId} and r.status <> 'draft'))`,
        )
      : [];
    const side = row ? sideOf(this.access, row) : undefined;
    if (!row || !side) {
      await recordAudit(this.db, this.access, {
        action: 'referral.read',
        outcome: 'denied',
        recordType: 'referral',
        recordId: id,
      });
      return undefined;
    }
    if (options.audit !== false)
      await recordAudit(this.db, this.access, {
        action: 'referral.read',
        recordType: 'referral',
        recordId: id,
        familyId: row.familyId ?? undefined,
        detail: { side },
      });
    return { row, side };
  }

  /**
   * The referred members: the receiving organisation sees their names (that
   * is what was shared with it); the referring side only those it may see.
   */
  async members(row: ReferralDetail, side: Side): Promise<{ personId: string; name: string | null }[]> {
    const shown: SQL =
      side === 'receiver'
        ? sql`true`
        : row.familyId
          ? memberVisible(this.access, sql`${row.familyId}::uuid`, sql`p.id`)
          : sql`false`;
    const rows = await queryRows<{
      personId: string;
      shown: boolean;
      givenName: string;
      preferredName: string | null;
      familyName: string | null;
    }>(
      this.db,
      sql`select p.id as "personId", ${shown} as shown, p.given_name as "givenName",
          p.preferred_name as "preferredName", p.family_name as "familyName"
        from referral_member m join person p on p.id = m.person_id
        where m.referral_id = ${row.id} order by p.date_of_birth nulls last, p.given_name`,
    );
    return rows.map((r) => ({ personId: r.personId, name: r.shown ? displayName(r) : null }));
  }

  /**
   * The members decided apart from the rest of the referral: passed on (with
   * the new referral, its service and status) or declined, with why. Names
   * as for `members`: the referring side sees only those it may see.
   */
  async outcomes(row: ReferralDetail, side: Side): Promise<MemberOutcomeRow[]> {
    const shown: SQL =
      side === 'receiver'
        ? sql`true`
        : row.familyId
          ? memberVisible(this.access, sql`${row.familyId}::uuid`, sql`p.id`)
          : sql`false`;
    const rows = await queryRows<
      MemberOutcomeRow & {
        shown: boolean;
        givenName: string;
        preferredName: string | null;
        familyName: string | null;
      }
    >(
      this.db,
      sql`select ${shown} as shown, p.given_name as "givenName", p.preferred_name as "preferredName",
          p.family_name as "familyName", x.outcome, x.reason, x.suggestion, x.decided_at as "decidedAt",
          t.id as "passedToId", t.reference as "passedToReference", t.status as "passedToStatus",
          ts.name as "passedToService"
        from referral_member_outcome x join person p on p.id = x.person_id
          left join referral t on t.id = x.passed_to_id
          left join directory_service ts on ts.id = t.service_id
        where x.referral_id = ${row.id} order by x.decided_at, p.date_of_birth nulls last, p.given_name`,
    );
    return rows.map(({ shown: visible, givenName, preferredName, familyName, ...rest }) => ({
      ...rest,
      name: visible ? displayName({ givenName, preferredName, familyName }) : null,
    }));
  }

  /** The referral's history, oldest first, with who made each change. */
  async events(referralId: string): Promise<ReferralEventRow[]> {
    return queryRows<ReferralEventRow>(
      this.db,
      sql`select e.at, e.from_status as "fromStatus", e.to_status as "toStatus", e.note,
          coalesce(u.display_name, t.name) as "actorName", coalesce(o.name, tor.name) as "actorOrganisation",
          e.actor_link_id is not null as "byLink"
        from referral_event e left join app_user u on u.id = e.actor_user_id
          left join organisation o on o.id = u.organisation_id
          left join api_token t on t.id = e.actor_token_id left join organisation tor on tor.id = t.organisation_id
          join (with recursive chain(id, from_id, created, until) as (
                select r.id, r.redirected_from_id, r.created_at, null::timestamptz from referral r where r.id = ${referralId}
                union all select r.id, r.redirected_from_id, r.created_at, c.created from referral r join chain c on r.id = c.from_id)
              select id, until from chain) c on c.id = e.referral_id
        -- An earlier referral's history up to the moment this one was passed on from it (it may go on, for the members it kept).
        where c.until is null or e.at <= c.until
        order by e.at, e.id`,
    );
  }

  /** The self-referral's own words and how it is safe to contact them: for the receiving side only. */
  async selfReferral(row: ReferralDetail, side: Side): Promise<SelfReferralRow | undefined> {
    if (side !== 'receiver' || !row.selfReferralId) return undefined;
    const [found] = await queryRows<SelfReferralRow>(
      this.db,
      sql`select name, audience, contact_method as "contactMethod", phone, email, safe_times as "safeTimes",
          leave_message as "leaveMessage", help_with as "helpWith", received_at as "receivedAt"
        from self_referral where id = ${row.selfReferralId} and organisation_id = ${row.organisationId}`,
    );
    return found;
  }
}
