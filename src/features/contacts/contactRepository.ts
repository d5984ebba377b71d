import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { type ActorValues, actorValues, placeholderAccess, preparedQuery } from '../../db/preparedQuery.ts';
import type { ContactChannel, ContactKind, ContactOutcome } from '../../db/schema.ts';
import { decodeParts, partExists, partsStatement, rowsPart } from '../../db/statementParts.ts';
import { type AccessContext, canSeePersonalData } from '../../platform/access/accessContext.ts';
import { auditEventInsert, recordAudit } from '../../platform/audit/auditLog.ts';
import { familyVisible, memberVisible } from '../families/familyVisibility.ts';
import { contactDetailsVisible, contactVisible, lastAttendedContact } from './contactVisibility.ts';

export interface ContactFamily {
  id: string;
  reference: string;
  name: string;
}

export interface ContactMemberChoice {
  personId: string;
  name: string;
  /** The member's own support (with any organisation) is confidential. */
  confidentialSupport: boolean;
}

export interface EnrolmentChoice {
  id: string;
  personId: string;
  programmeName: string;
  enrolledOn: string;
}

/** The family, and what a new contact may name: visible members, other agencies, open enrolments. */
export interface ContactChoicesRead {
  family: ContactFamily;
  members: ContactMemberChoice[];
  agencies: { id: string; name: string }[];
  enrolments: EnrolmentChoice[];
}

export interface ContactRow {
  id: string;
  occurredAt: Date | string;
  kind: ContactKind;
  channel: ContactChannel;
  durationMinutes: number | null;
  outcome: ContactOutcome;
  confidential: boolean;
  significant: boolean;
  organisationId: string;
  organisationName: string;
  workerName: string;
  jointOrganisationName: string | null;
  programmeName: string | null;
  enrolmentId: string | null;
  /** The members this user can see, by name. */
  members: { personId: string; name: string }[];
  detailsVisible: boolean;
  /** Null when the details are hidden from this user. */
  topics: string[] | null;
  notes: string | null;
  followUp: string | null;
  version: number;
  /** Set when the contact was marked as recorded in error; the reason is shown only with the details. */
  inErrorAt: Date | string | null;
  inErrorReason: string | null;
}

const memberNameSql = (p: string) =>
  sql.raw(`coalesce(${p}.preferred_name, ${p}.given_name) || coalesce(' ' || ${p}.family_name, '')`);

/** The family when this user may see it. */
function visibleFamilySql(access: AccessContext, familyId: string): SQL {
  return sql`select f.id, f.reference, f.name from family f
    where f.id = ${familyId}::uuid and ${familyVisible(access, sql`f.id`)}`;
}

/** Current members this user may see, eldest first, for a family already checked. */
function membersSql(access: AccessContext, familyId: string): SQL {
  return sql`select p.id as "personId", ${memberNameSql('p')} as name,
      exists (select 1 from member_support s where s.family_id = m.family_id and s.person_id = p.id
        and s.confidential) as "confidentialSupport"
    from family_membership m join person p on p.id = m.person_id
    where m.family_id = ${familyId}::uuid and m.ended_on is null
      and ${memberVisible(access, sql`m.family_id`, sql`m.person_id`)}
    order by p.date_of_birth nulls last, p.given_name`;
}

type ChoicesValues = ActorValues & {
  familyId: string;
  action: string;
};

/** What a contact form offers, as parts of one statement: the family (when visible) and its choices. */
function contactChoiceParts(familyId: string, organisationId: string) {
  const access = placeholderAccess(['practitioner']);
  return {
    family: rowsPart<ContactFamily>(visibleFamilySql(access, familyId)),
    members: rowsPart<ContactMemberChoice>(membersSql(access, familyId)),
    agencies: rowsPart<{ id: string; name: string }>(sql`select o.id, o.name from organisation o
      join family f on f.partnership_area_id = o.partnership_area_id
      where f.id = ${familyId}::uuid and o.id is distinct from ${organisationId}::uuid order by o.name`),
    enrolments:
      rowsPart<EnrolmentChoice>(sql`select e.id, e.person_id as "personId", pr.name as "programmeName",
        e.enrolled_on::text as "enrolledOn"
      from programme_enrolment e join programme pr on pr.id = e.programme_id
      where e.family_id = ${familyId}::uuid and e.status = 'active' and e.organisation_id = ${organisationId}::uuid
        and ${memberVisible(access, sql`e.family_id`, sql`e.person_id`)}
      order by e.enrolled_on, pr.name`),
  };
}

const choiceParts = contactChoiceParts('', '');

/**
 * The family and a contact form's choices in one statement, built once; a
 * refusal (the family is not visible) is audited as denied under the given
 * action in the same statement, in the shape `recordAudit` writes.
 */
const choicesStatement = preparedQuery<ChoicesValues, Record<string, unknown>>((values) =>
  partsStatement(
    contactChoiceParts(values.familyId as unknown as string, values.organisationId as unknown as string),
    'family',
    auditEventInsert(
      values,
      {
        action: sql`${values.action}::text`,
        outcome: sql`'denied'`,
        recordType: sql`'family'`,
        recordId: sql`${values.familyId}::text`,
      },
      sql`where not ${partExists('family')}`,
    ),
  ),
);

/** Contacts with a family's members, read and written through the family access rule. */
export class ContactRepository {
  constructor(
    private readonly db: Db,
    private readonly access: AccessContext,
  ) {}

  /** The family when this user may see it; a refusal is audited as denied under `action`. */
  async visibleFamily(familyId: string, action: string): Promise<ContactFamily | undefined> {
    const [row] = await queryRows<ContactFamily>(this.db, visibleFamilySql(this.access, familyId));
    if (!row)
      await recordAudit(this.db, this.access, {
        action,
        outcome: 'denied',
        recordType: 'family',
        recordId: familyId,
      });
    return row;
  }

  /** Current members this user may see, eldest first. Call after the family is checked. */
  async members(familyId: string): Promise<ContactMemberChoice[]> {
    return queryRows<ContactMemberChoice>(this.db, membersSql(this.access, familyId));
  }

  /**
   * The family, its visible members, the agencies a joint contact may be
   * with (the area's other organisations) and the open programme enrolments
   * of those members with this user's organisation. Undefined (audited as
   * denied) when the family is not visible.
   */
  async choices(familyId: string, action: string): Promise<ContactChoicesRead | undefined> {
    const access = this.access;
    if (!canSeePersonalData(access)) {
      await recordAudit(this.db, access, {
        action,
        outcome: 'denied',
        recordType: 'family',
        recordId: familyId,
      });
      return undefined;
    }
    const [row] = await choicesStatement(this.db, {
      ...actorValues(access),
      familyId,
      action,
    });
    if (!row) return undefined;
    const { family, ...rest } = decodeParts(choiceParts, row);
    const [found] = family;
    return found && { family: found, ...rest };
  }

  /** When the family's last attended contact this user may see took place. Call after the family is checked. */
  async lastAttended(familyId: string): Promise<Date | string | null> {
    const [row] = await queryRows<{ at: Date | string | null }>(
      this.db,
      sql`select ${lastAttendedContact(this.access, sql`${familyId}::uuid`)} as at`,
    );
    return row?.at ?? null;
  }

  /** How many of the family's contacts this user may see are marked as recorded in error. */
  async countInError(familyId: string, personId?: string): Promise<number> {
    const [row] = await queryRows<{ n: number }>(
      this.db,
      sql`select count(*)::int as n from contact c where c.family_id = ${familyId}
        and c.in_error_at is not null and ${contactVisible(this.access, { familyChecked: true })}
        ${personId ? sql`and exists (select 1 from contact_member fm where fm.contact_id = c.id and fm.person_id = ${personId})` : sql``}`,
    );
    return row?.n ?? 0;
  }

  /**
   * The family's contacts this user may see, newest first, optionally only
   * those with one member; details are left out where the rule hides them.
   * Contacts recorded in error are left out unless `inError` is true; one
   * contact asked for by id is always returned. Not audited: callers audit
   * the page or the API read.
   */
  async list(
    familyId: string,
    filter: { personId?: string; contactId?: string; limit?: number; inError?: boolean } = {},
  ) {
    return queryRows<ContactRow>(
      this.db,
      sql`select c.id, c.occurred_at as "occurredAt", c.kind, c.channel, c.duration_minutes as "durationMinutes",
          c.outcome, c.confidential, c.significant, c.organisation_id as "organisationId",
          o.name as "organisationName", w.display_name as "workerName", jo.name as "jointOrganisationName",
          pr.name as "programmeName", c.enrolment_id as "enrolmentId",
          coalesce((select json_agg(json_build_object('personId', p.id, 'name', ${memberNameSql('p')})
              order by p.date_of_birth nulls last, p.given_name)
            from contact_member cm join person p on p.id = cm.person_id where cm.contact_id = c.id
              and ${memberVisible(this.access, sql`cm.family_id`, sql`cm.person_id`)}), '[]'::json) as members,
          d.visible as "detailsVisible",
          case when d.visible then array_to_json(c.topics) end as topics,
          case when d.visible then c.notes end as notes,
          case when d.visible then c.follow_up end as "followUp",
          c.version, c.in_error_at as "inErrorAt", case when d.visible then c.in_error_reason end as "inErrorReason"
        from contact c
        cross join lateral (select ${contactDetailsVisible(this.access)} as visible) d
        join organisation o on o.id = c.organisation_id
        join app_user w on w.id = c.worker_id
        left join organisation jo on jo.id = c.joint_organisation_id
        left join programme_enrolment e on e.id = c.enrolment_id
        left join programme pr on pr.id = e.programme_id
        where c.family_id = ${familyId} and ${contactVisible(this.access)}
          ${filter.personId ? sql`and exists (select 1 from contact_member fm where fm.contact_id = c.id and fm.person_id = ${filter.personId})` : sql``}
          ${filter.contactId ? sql`and c.id = ${filter.contactId}` : filter.inError ? sql`` : sql`and c.in_error_at is null`}
        order by c.occurred_at desc, c.created_at desc
        ${filter.limit ? sql`limit ${filter.limit}` : sql``}`,
    );
  }
}
