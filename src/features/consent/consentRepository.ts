import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  type ConsentStatus,
  consent,
  family,
  familyMembership,
  familyTeamMember,
  memberSupport,
  organisation,
  person,
} from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { addAutomaticEntry } from '../chronology/automaticEntries.ts';
import { familyVisible, memberVisible } from '../families/familyVisibility.ts';
import type { PartRead } from '../families/partRead.ts';
import { amendConsent, createConsent } from './consentHistory.ts';

/** Days ahead in which a consent review counts as due soon. */
export const reviewDueDays = 28;

export type ConsentState = ConsentStatus | 'not_asked';

/** One member's consent to share with one organisation on the team. */
export interface ConsentCell {
  organisationId: string;
  organisationName: string;
  state: ConsentState;
  /** The organisation supports this member itself, so sees them whatever the consent. */
  supports: boolean;
  scope: string | null;
  method: 'verbal' | 'written' | null;
  ownView: string | null;
  recordedByName: string | null;
  recordedAt: Date | null;
  reviewOn: string | null;
  /** A review date today or within `reviewDueDays`, or already past, for consent given. */
  reviewDue: boolean;
  withdrawnAt: Date | null;
}

export interface MemberConsentSummary {
  personId: string;
  givenName: string;
  familyName: string | null;
  preferredName: string | null;
  dateOfBirth: string | null;
  roles: string[];
  consents: ConsentCell[];
  /** Any of this member's consents is due for review. */
  reviewDue: boolean;
}

export interface ConsentInput {
  personId: string;
  organisationId: string;
  status: ConsentStatus;
  scope: string;
  method: 'verbal' | 'written' | null;
  ownView: string | null;
  reviewOn: string | null;
}

/** Why a consent could not be recorded: the member or organisation is not one this user may act on. */
export type ConsentWriteResult =
  | { ok: true; consentId: string; action: 'created' | 'amended' }
  | { ok: false; reason: 'not_found' };

function isReviewDue(status: ConsentState, reviewOn: string | null, today: Date): boolean {
  if (status !== 'given' || !reviewOn) return false;
  const limit = new Date(today.getTime() + reviewDueDays * 86_400_000).toISOString().slice(0, 10);
  return reviewOn <= limit;
}

/**
 * Each member's consent to share their information with each organisation on
 * the family's team. Reads and writes are limited in SQL to families and
 * members the user may see, and audited; every change keeps its history and
 * a chronology entry in the same transaction.
 */
export class ConsentRepository {
  constructor(
    private readonly db: Db,
    private readonly access: AccessContext,
  ) {}

  /**
   * Per visible member, the state of consent with each organisation now on
   * the team; undefined when the family is not one this user may see.
   */
  async summaryForFamily(
    familyId: string,
    today = new Date(),
    options: PartRead = {},
  ): Promise<MemberConsentSummary[] | undefined> {
    const db = this.db;
    const [visible] = options.familyChecked
      ? [{ id: familyId }]
      : await db
          .select({ id: family.id })
          .from(family)
          .where(and(eq(family.id, familyId), familyVisible(this.access, family.id)));
    if (!visible) {
      await recordAudit(db, this.access, {
        action: 'consent.read',
        outcome: 'denied',
        recordType: 'consent',
        familyId,
      });
      return undefined;
    }
    const q = this.summaryQueries(familyId);
    const [members, organisations, consents, supports] = await Promise.all([
      q.members,
      q.organisations,
      q.consents,
      q.supports,
    ]);
    const summary = consentSummary(members, organisations, consents, supports, today);
    if (options.audit !== false)
      await recordAudit(db, this.access, {
        action: 'consent.read',
        recordType: 'consent',
        familyId,
        detail: { members: summary.length, organisations: organisations.length },
      });
    return summary;
  }

  /** The selects behind `summaryForFamily`: members, team organisations, consents and support. */
  summaryQueries(familyId: string) {
    return {
      members: this.db
        .select({
          personId: person.id,
          givenName: person.givenName,
          familyName: person.familyName,
          preferredName: person.preferredName,
          dateOfBirth: person.dateOfBirth,
          roles: familyMembership.roles,
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
        .orderBy(asc(person.dateOfBirth), asc(person.givenName)),
      organisations: this.db
        .select({ organisationId: organisation.id, organisationName: organisation.name })
        .from(familyTeamMember)
        .innerJoin(organisation, eq(organisation.id, familyTeamMember.organisationId))
        .where(and(eq(familyTeamMember.familyId, familyId), isNull(familyTeamMember.leftOn)))
        .orderBy(asc(organisation.name)),
      consents: this.db
        .select({
          personId: consent.personId,
          organisationId: consent.organisationId,
          status: consent.status,
          scope: consent.scope,
          method: consent.method,
          ownView: consent.ownView,
          recordedByName: sql<
            string | null
          >`(select u.display_name from app_user u where u.id = ${consent.recordedBy})`,
          recordedAt: consent.recordedAt,
          reviewOn: consent.reviewOn,
          withdrawnAt: consent.withdrawnAt,
        })
        .from(consent)
        .where(
          and(eq(consent.familyId, familyId), memberVisible(this.access, consent.familyId, consent.personId)),
        ),
      supports: this.db
        .select({ personId: memberSupport.personId, organisationId: memberSupport.organisationId })
        .from(memberSupport)
        .where(
          and(
            eq(memberSupport.familyId, familyId),
            memberVisible(this.access, memberSupport.familyId, memberSupport.personId),
          ),
        ),
    };
  }

  /** The member's name, when this user may see them in this family; for forms. */
  async visibleMember(
    familyId: string,
    personId: string,
  ): Promise<{ personId: string; name: string; dateOfBirth: string | null; roles: string[] } | undefined> {
    const [row] = await this.db
      .select({
        personId: person.id,
        givenName: person.givenName,
        preferredName: person.preferredName,
        familyName: person.familyName,
        dateOfBirth: person.dateOfBirth,
        roles: familyMembership.roles,
      })
      .from(familyMembership)
      .innerJoin(person, eq(person.id, familyMembership.personId))
      .where(
        and(
          eq(familyMembership.familyId, familyId),
          eq(familyMembership.personId, personId),
          isNull(familyMembership.endedOn),
          familyVisible(this.access, familyMembership.familyId),
          memberVisible(this.access, familyMembership.familyId, familyMembership.personId),
        ),
      );
    if (!row) return undefined;
    const name = [row.preferredName ?? row.givenName, row.familyName].filter(Boolean).join(' ');
    return { personId: row.personId, name, dateOfBirth: row.dateOfBirth, roles: row.roles };
  }

  /**
   * Records or updates a member's consent to share with an organisation on
   * the team. Withdrawal takes effect as the transaction commits: the access
   * rule reads this table. Not found when the member or organisation is not
   * one this user may act on.
   */
  async record(familyId: string, input: ConsentInput): Promise<ConsentWriteResult> {
    return this.db.transaction(async (tx) => {
      const target = await this.writableTarget(tx, familyId, input.personId, input.organisationId);
      if (!target) {
        await recordAudit(tx, this.access, {
          action: 'consent.record',
          outcome: 'denied',
          recordType: 'consent',
          familyId,
        });
        return { ok: false, reason: 'not_found' } as const;
      }
      const [existing] = await tx
        .select({
          id: consent.id,
          personId: consent.personId,
          organisationId: consent.organisationId,
          status: consent.status,
          scope: consent.scope,
          method: consent.method,
          ownView: consent.ownView,
          reviewOn: consent.reviewOn,
          withdrawnAt: consent.withdrawnAt,
          version: consent.version,
        })
        .from(consent)
        .where(
          and(
            eq(consent.familyId, familyId),
            eq(consent.personId, input.personId),
            eq(consent.organisationId, input.organisationId),
          ),
        )
        .for('update');
      const values = {
        status: input.status,
        scope: input.scope,
        method: input.method,
        ownView: input.ownView,
        reviewOn: input.status === 'given' ? input.reviewOn : null,
        withdrawnAt: input.status === 'withdrawn' ? new Date() : null,
      };
      const id = existing
        ? await amendConsent(tx, this.access, familyId, existing, values)
        : await createConsent(tx, this.access, familyId, input, values);
      const verb = { given: 'recorded', refused: 'refused', withdrawn: 'withdrawn' }[input.status];
      const unchanged = existing && existing.status === input.status;
      if (!unchanged) {
        await addAutomaticEntry(tx, this.access, {
          familyId,
          personId: input.personId,
          what: `Consent to share with ${target.organisationName} ${verb} for ${target.memberName}.`,
        });
      }
      await tx.update(family).set({ updatedAt: new Date() }).where(eq(family.id, familyId));
      await recordAudit(tx, this.access, {
        action: input.status === 'withdrawn' ? 'consent.withdraw' : 'consent.record',
        recordType: 'consent',
        recordId: id,
        familyId,
        detail: { personId: input.personId, organisationId: input.organisationId, status: input.status },
      });
      return { ok: true, consentId: id, action: existing ? 'amended' : 'created' } as const;
    });
  }

  /** Withdraws a member's consent to share with an organisation, keeping what was agreed for the history. */
  async withdraw(familyId: string, personId: string, organisationId: string): Promise<ConsentWriteResult> {
    const [existing] = await this.db
      .select({ scope: consent.scope, method: consent.method, ownView: consent.ownView })
      .from(consent)
      .where(
        and(
          eq(consent.familyId, familyId),
          eq(consent.personId, personId),
          eq(consent.organisationId, organisationId),
          memberVisible(this.access, consent.familyId, consent.personId),
        ),
      );
    if (!existing) {
      await recordAudit(this.db, this.access, {
        action: 'consent.withdraw',
        outcome: 'denied',
        recordType: 'consent',
        familyId,
      });
      return { ok: false, reason: 'not_found' };
    }
    return this.record(familyId, {
      personId,
      organisationId,
      status: 'withdrawn',
      scope: existing.scope,
      method: existing.method,
      ownView: existing.ownView,
      reviewOn: null,
    });
  }

  /** The member and organisation, when the user sees the member and the organisation is on the team now. */
  private async writableTarget(tx: Db, familyId: string, personId: string, organisationId: string) {
    const [row] = await tx
      .select({
        givenName: person.givenName,
        preferredName: person.preferredName,
        familyName: person.familyName,
        organisationName: organisation.name,
      })
      .from(familyMembership)
      .innerJoin(person, eq(person.id, familyMembership.personId))
      .innerJoin(
        familyTeamMember,
        and(
          eq(familyTeamMember.familyId, familyMembership.familyId),
          eq(familyTeamMember.organisationId, organisationId),
          isNull(familyTeamMember.leftOn),
        ),
      )
      .innerJoin(organisation, eq(organisation.id, familyTeamMember.organisationId))
      .where(
        and(
          eq(familyMembership.familyId, familyId),
          eq(familyMembership.personId, personId),
          isNull(familyMembership.endedOn),
          familyVisible(this.access, familyMembership.familyId),
          memberVisible(this.access, familyMembership.familyId, familyMembership.personId),
        ),
      );
    if (!row) return undefined;
    const memberName = [row.preferredName ?? row.givenName, row.familyName].filter(Boolean).join(' ');
    return { memberName, organisationName: row.organisationName };
  }
}

type SummaryRows = {
  [K in keyof ReturnType<ConsentRepository['summaryQueries']>]: Awaited<
    ReturnType<ConsentRepository['summaryQueries']>[K]
  >;
};

/** Each member's consent with each organisation now on the team, from the summary's four selects. */
export function consentSummary(
  members: SummaryRows['members'],
  organisations: SummaryRows['organisations'],
  consents: SummaryRows['consents'],
  supports: SummaryRows['supports'],
  today: Date,
): MemberConsentSummary[] {
  const supported = new Set(supports.map((s) => `${s.personId}/${s.organisationId}`));
  const byKey = new Map(consents.map((c) => [`${c.personId}/${c.organisationId}`, c]));
  return members.map((m) => {
    const cells: ConsentCell[] = organisations.map((o) => {
      const c = byKey.get(`${m.personId}/${o.organisationId}`);
      const state: ConsentState = c?.status ?? 'not_asked';
      return {
        organisationId: o.organisationId,
        organisationName: o.organisationName,
        state,
        supports: supported.has(`${m.personId}/${o.organisationId}`),
        scope: c?.scope ?? null,
        method: c?.method ?? null,
        ownView: c?.ownView ?? null,
        recordedByName: c?.recordedByName ?? null,
        recordedAt: c?.recordedAt ?? null,
        reviewOn: c?.reviewOn ?? null,
        reviewDue: isReviewDue(state, c?.reviewOn ?? null, today),
        withdrawnAt: c?.withdrawnAt ?? null,
      };
    });
    return { ...m, consents: cells, reviewDue: cells.some((c) => c.reviewDue) };
  });
}
