import type { Role, UserStatus } from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import type { FieldErrors } from '../../platform/http/forms.ts';
import { allowedActions, grantableRoles, isSystemAdmin } from './adminAccess.ts';
import type { InviteForm } from './inviteForm.ts';
import type { UserDetail, UserRow } from './userAdminRepository.ts';

export const roleNames: Record<Role, string> = {
  practitioner: 'Practitioner',
  volunteer: 'Volunteer or peer worker',
  team_lead: 'Team lead',
  org_admin: 'Organisation admin',
  partnership_lead: 'Partnership lead',
  system_admin: 'System admin',
};

const roleHints: Partial<Record<Role, string>> = {
  org_admin: 'Manages this organisation’s users, API tokens and audit trail',
  partnership_lead: 'Sees partnership figures, never names',
  system_admin: 'Manages every organisation in Hearth',
};

export const statusTags: Record<UserStatus, { text: string; classes: string }> = {
  invited: { text: 'Invited', classes: 'govuk-tag--blue' },
  active: { text: 'Active', classes: 'govuk-tag--green' },
  deactivated: { text: 'Deactivated', classes: 'govuk-tag--grey' },
};

/** Roles in plain words, in the order of the roles list. */
export function describeRoles(roles: readonly Role[]): string {
  return (Object.keys(roleNames) as Role[])
    .filter((role) => roles.includes(role))
    .map((role) => roleNames[role])
    .join(', ');
}

export function organisationItems(
  organisations: { id: string; name: string }[],
  selected: string | undefined,
) {
  return organisations.map((o) => ({ value: o.id, text: o.name, selected: o.id === selected }));
}

export function presentUserList(
  access: AccessContext,
  organisation: { id: string; name: string },
  organisations: { id: string; name: string }[],
  users: UserRow[],
) {
  const systemAdmin = isSystemAdmin(access);
  return {
    organisation,
    organisationItems: systemAdmin ? organisationItems(organisations, organisation.id) : undefined,
    inviteHref: systemAdmin ? `/admin/users/invite?organisation=${organisation.id}` : '/admin/users/invite',
    users: users.map((u) => ({
      id: u.id,
      name: u.displayName,
      email: u.email,
      roles: describeRoles(u.roles),
      status: statusTags[u.status],
      lastSignInAt: u.lastSignInAt,
    })),
  };
}

const notices: Record<string, string> = {
  deactivated: 'has been deactivated and signed out everywhere.',
  reactivated: 'has been reactivated.',
};

export function presentUser(access: AccessContext, user: UserDetail, done: string | undefined) {
  const notice = done && notices[done];
  // Not `user`: the layout already uses that name for whoever is signed in.
  return {
    account: {
      id: user.id,
      name: user.displayName,
      email: user.email,
      organisationName: user.organisationName,
      roles: describeRoles(user.roles),
      status: statusTags[user.status],
      createdAt: user.createdAt,
      deactivatedAt: user.deactivatedAt,
      lastSignInAt: user.lastSignInAt,
      invitationExpiresAt: user.invitationExpiresAt,
      invited: user.status === 'invited',
    },
    notice: notice ? `${user.displayName} ${notice}` : undefined,
    actions: allowedActions(access, user),
    isSelf: user.id === access.userId,
    usersHref: isSystemAdmin(access) ? `/admin/users?organisation=${user.organisationId}` : '/admin/users',
  };
}

export function presentInviteForm(
  access: AccessContext,
  organisations: { id: string; name: string }[],
  form: InviteForm,
  errors: FieldErrors = {},
) {
  return {
    form,
    errors,
    organisationItems: isSystemAdmin(access)
      ? [
          { value: '', text: 'Choose an organisation', selected: form.organisation === '' },
          ...organisationItems(organisations, form.organisation),
        ]
      : undefined,
    roleItems: grantableRoles(access).map((role) => ({
      value: role,
      text: roleNames[role],
      hint: roleHints[role] ? { text: roleHints[role] } : undefined,
      checked: form.roles.includes(role),
    })),
  };
}
