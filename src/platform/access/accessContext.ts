import type { Role } from '../../db/schema.ts';

/**
 * Who is asking, built once per request. Repositories take it and filter
 * personal data by it in SQL; audit events record it.
 */
export interface AccessContext {
  /** The signed-in user, or undefined for an API token or a public request. */
  userId: string | undefined;
  /** The API token acting, when the request came through the API. */
  tokenId: string | undefined;
  /** A referral's secure link acting for a service outside Hearth (src/features/referrals/referralLinks.ts). */
  linkId?: string | undefined;
  organisationId: string | undefined;
  partnershipAreaId: string | undefined;
  roles: readonly Role[];
  ip: string;
  requestId: string;
}

/** Roles that work with families directly and so may see personal data. */
export const practiceRoles: readonly Role[] = ['practitioner', 'volunteer', 'team_lead'];

export function hasRole(access: AccessContext, ...wanted: Role[]): boolean {
  return access.roles.some((role) => wanted.includes(role));
}

export function canSeePersonalData(access: AccessContext): boolean {
  return access.organisationId !== undefined && hasRole(access, ...practiceRoles);
}

export function anonymousAccess(ip: string, requestId: string): AccessContext {
  return {
    userId: undefined,
    tokenId: undefined,
    organisationId: undefined,
    partnershipAreaId: undefined,
    roles: [],
    ip,
    requestId,
  };
}
