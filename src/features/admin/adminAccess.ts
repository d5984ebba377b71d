import type { Role, UserStatus } from '../../db/schema.ts';
import { type AccessContext, hasRole } from '../../platform/access/accessContext.ts';

/** The roles that open the Admin section. */
export const adminRoles: Role[] = ['org_admin', 'system_admin'];

export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isSystemAdmin(access: AccessContext): boolean {
  return hasRole(access, 'system_admin');
}

/**
 * The organisation an admin page is about. An organisation admin only ever
 * gets their own; a system admin may ask for any other by id.
 */
export function organisationFor(access: AccessContext, requested: string | undefined): string | undefined {
  if (isSystemAdmin(access) && requested && uuidPattern.test(requested)) return requested;
  return access.organisationId;
}

/** The roles this admin may give. Only a system admin can make another. */
export function grantableRoles(access: AccessContext): Role[] {
  const roles: Role[] = ['practitioner', 'volunteer', 'team_lead', 'org_admin', 'partnership_lead'];
  return isSystemAdmin(access) ? [...roles, 'system_admin'] : roles;
}

export interface ManagedUser {
  id: string;
  roles: readonly Role[];
  status: UserStatus;
}

/**
 * What an admin may do to a user they can already see. An organisation admin
 * may not touch a system admin: a new invitation link would let them take
 * over that account and its wider powers.
 */
export function allowedActions(access: AccessContext, user: ManagedUser) {
  const mayManage = isSystemAdmin(access) || !user.roles.includes('system_admin');
  const live = user.status !== 'deactivated';
  return {
    newInvitation: mayManage && live,
    deactivate: mayManage && live && user.id !== access.userId,
    reactivate: mayManage && !live,
  };
}
