import { aliasedTable, and, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { apiToken, appUser, organisation, type Role } from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { hashSecret, newSecret } from '../../platform/auth/tokens.ts';

/**
 * The roles an API token may carry: the system acts for practitioners or a team lead, never an
 * admin; or for a partnership lead, reading the provision audit's counts (never personal data).
 */
export const apiTokenRoles = [
  'practitioner',
  'team_lead',
  'partnership_lead',
] as const satisfies readonly Role[];
export type ApiTokenRole = (typeof apiTokenRoles)[number];

export function isApiTokenRole(role: string): role is ApiTokenRole {
  return (apiTokenRoles as readonly string[]).includes(role);
}

const tokenPattern = /^hearth_[A-Za-z0-9_-]{43}$/;
// last_used_at is written at most this often, so a busy client does not write on every call.
const touchEverySeconds = 60;

export interface ApiTokenRow {
  id: string;
  name: string;
  prefix: string;
  roles: Role[];
  createdByName: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  revokedByName: string | null;
}

/** Where a request came from, for the access context a token gives. */
export interface RequestOrigin {
  ip: string;
  requestId: string;
}

/**
 * A new token: the secret the client keeps, the hash Hearth stores and the
 * short prefix that lets an admin recognise it in the list. The `hearth_`
 * start lets secret scanners and people spot a leaked token.
 */
export function newApiToken(): { token: string; hash: string; prefix: string } {
  const token = `hearth_${newSecret(32)}`;
  return { token, hash: hashSecret(token), prefix: token.slice(0, 'hearth_'.length + 6) };
}

/** Issues, lists, revokes and resolves API tokens. An admin only ever reaches their own organisation's tokens. */
export class ApiTokenService {
  constructor(private readonly db: Db) {}

  /** Stores a new token and returns its secret, which is never shown again. */
  async issue(
    access: AccessContext,
    input: { name: string; roles: ApiTokenRole[] },
  ): Promise<{ id: string; token: string; prefix: string }> {
    const organisationId = requireOrganisation(access);
    const { token, hash, prefix } = newApiToken();
    const id = await this.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(apiToken)
        .values({
          organisationId,
          name: input.name,
          tokenHash: hash,
          tokenPrefix: prefix,
          roles: input.roles,
          createdBy: access.userId ?? null,
        })
        .returning({ id: apiToken.id });
      if (!row) throw new Error('API token was not stored');
      await recordAudit(tx, access, {
        action: 'api_token.issue',
        recordType: 'api_token',
        recordId: row.id,
        detail: { roles: input.roles },
      });
      return row.id;
    });
    return { id, token, prefix };
  }

  /** Whether the admin's organisation may issue partnership lead tokens: only one with an active partnership lead. */
  async mayIssuePartnershipLead(access: AccessContext): Promise<boolean> {
    const [row] = await this.db
      .select({ id: appUser.id })
      .from(appUser)
      .where(
        and(
          eq(appUser.organisationId, requireOrganisation(access)),
          eq(appUser.status, 'active'),
          sql`'partnership_lead' = any(${appUser.roles})`,
        ),
      )
      .limit(1);
    return row !== undefined;
  }

  /** The organisation's tokens, active first, newest first. */
  async list(access: AccessContext): Promise<ApiTokenRow[]> {
    return this.select(access).orderBy(sql`${apiToken.revokedAt} is not null`, desc(apiToken.createdAt));
  }

  /** One of the organisation's tokens, or undefined when it is another organisation's or does not exist. */
  async find(access: AccessContext, id: string): Promise<ApiTokenRow | undefined> {
    const [row] = await this.select(access, eq(apiToken.id, id));
    return row;
  }

  /** Tokens with who made and revoked them, always limited in SQL to the admin's organisation. */
  private select(access: AccessContext, where?: SQL) {
    const creator = aliasedTable(appUser, 'creator');
    const revoker = aliasedTable(appUser, 'revoker');
    return this.db
      .select({
        id: apiToken.id,
        name: apiToken.name,
        prefix: apiToken.tokenPrefix,
        roles: apiToken.roles,
        createdByName: creator.displayName,
        createdAt: apiToken.createdAt,
        lastUsedAt: apiToken.lastUsedAt,
        revokedAt: apiToken.revokedAt,
        revokedByName: revoker.displayName,
      })
      .from(apiToken)
      .leftJoin(creator, eq(creator.id, apiToken.createdBy))
      .leftJoin(revoker, eq(revoker.id, apiToken.revokedBy))
      .where(and(eq(apiToken.organisationId, requireOrganisation(access)), where))
      .$dynamic();
  }

  /** Revokes one of the organisation's tokens. Another organisation's token counts as not found. */
  async revoke(access: AccessContext, id: string): Promise<'revoked' | 'already_revoked' | 'not_found'> {
    const organisationId = requireOrganisation(access);
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .select({ revokedAt: apiToken.revokedAt })
        .from(apiToken)
        .where(and(eq(apiToken.id, id), eq(apiToken.organisationId, organisationId)))
        .for('update');
      const audit = { action: 'api_token.revoke', recordType: 'api_token', recordId: id } as const;
      if (!row) {
        // Trying another organisation's token ids is worth seeing in the audit trail.
        await recordAudit(tx, access, { ...audit, outcome: 'denied' });
        return 'not_found';
      }
      if (row.revokedAt) return 'already_revoked';
      await tx
        .update(apiToken)
        .set({ revokedAt: sql`now()`, revokedBy: access.userId ?? null })
        .where(eq(apiToken.id, id));
      await recordAudit(tx, access, audit);
      return 'revoked';
    });
  }

  /** The access context a bearer token gives, or undefined when it is malformed, unknown or revoked. */
  async resolve(token: string, origin: RequestOrigin): Promise<AccessContext | undefined> {
    if (!tokenPattern.test(token)) return undefined;
    const [row] = await this.db
      .select({
        id: apiToken.id,
        roles: apiToken.roles,
        lastUsedAt: apiToken.lastUsedAt,
        organisationId: organisation.id,
        partnershipAreaId: organisation.partnershipAreaId,
      })
      .from(apiToken)
      .innerJoin(organisation, eq(organisation.id, apiToken.organisationId))
      .where(and(eq(apiToken.tokenHash, hashSecret(token)), isNull(apiToken.revokedAt)))
      .limit(1);
    if (!row) return undefined;
    // Bookkeeping, not a change anyone acts on, so it is neither audited nor in a transaction.
    if (!row.lastUsedAt || Date.now() - new Date(row.lastUsedAt).getTime() > touchEverySeconds * 1000) {
      await this.db
        .update(apiToken)
        .set({ lastUsedAt: sql`now()` })
        .where(
          and(
            eq(apiToken.id, row.id),
            sql`(${apiToken.lastUsedAt} is null or ${apiToken.lastUsedAt} < now() - make_interval(secs => ${touchEverySeconds}))`,
          ),
        );
    }
    return {
      userId: undefined,
      tokenId: row.id,
      organisationId: row.organisationId,
      partnershipAreaId: row.partnershipAreaId,
      roles: row.roles,
      ip: origin.ip,
      requestId: origin.requestId,
    };
  }

  /** What GET /api/v1/me tells a client about itself. */
  async describe(access: AccessContext) {
    if (!access.tokenId) return undefined;
    const [row] = await this.db
      .select({
        token: { id: apiToken.id, name: apiToken.name },
        organisation: { id: organisation.id, name: organisation.name },
      })
      .from(apiToken)
      .innerJoin(organisation, eq(organisation.id, apiToken.organisationId))
      .where(eq(apiToken.id, access.tokenId));
    return row ? { ...row, roles: access.roles.filter(isApiTokenRole) } : undefined;
  }
}

function requireOrganisation(access: AccessContext): string {
  if (!access.organisationId) throw new Error('API tokens belong to an organisation');
  return access.organisationId;
}
