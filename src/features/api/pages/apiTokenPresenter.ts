import type { FieldErrors } from '../../../platform/http/forms.ts';
import { errorList } from '../../../platform/http/forms.ts';
import type { ApiTokenRow } from '../apiTokenService.ts';
import { issueApiTokenFields } from './issueApiTokenForm.ts';

const roleNames: Record<string, string> = {
  practitioner: 'Practitioner',
  team_lead: 'Team lead',
  partnership_lead: 'Partnership lead',
};
const roleHints: Record<string, string> = {
  practitioner: 'Read the records of the families your organisation works with',
  team_lead: 'Also act as a team lead, where the API allows it',
  partnership_lead: 'Read the partnership’s provision audit: counts for the whole area, never names',
};

/** Roles in words, like "Practitioner, Team lead". */
export function roleList(roles: readonly string[]): string {
  return roles.map((role) => roleNames[role] ?? role).join(', ');
}

/** The tokens table: one row per token, revoked ones marked and without a revoke link. */
export function presentApiTokenList(tokens: ApiTokenRow[], revokedId?: string) {
  return {
    revokedName: tokens.find((token) => token.id === revokedId && token.revokedAt)?.name,
    activeCount: tokens.filter((token) => !token.revokedAt).length,
    tokens: tokens.map((token) => ({
      id: token.id,
      name: token.name,
      prefix: `${token.prefix}…`,
      roles: roleList(token.roles),
      createdBy: token.createdByName ?? 'Not recorded',
      createdAt: token.createdAt,
      lastUsedAt: token.lastUsedAt,
      revoked: token.revokedAt
        ? { at: token.revokedAt, by: token.revokedByName ?? 'Not recorded' }
        : undefined,
      status: token.revokedAt
        ? { text: 'Revoked', classes: 'govuk-tag--grey' }
        : { text: 'Active', classes: 'govuk-tag--green' },
      revokeHref: token.revokedAt ? undefined : `/admin/api-tokens/${token.id}/revoke`,
    })),
  };
}

/** The issue-a-token form: what was typed, the role checkboxes and any errors. */
export function presentIssueApiTokenForm(
  values: { name: string; roles: readonly string[] } = { name: '', roles: ['practitioner'] },
  errors: FieldErrors = {},
  options: { partnershipLead: boolean } = { partnershipLead: false },
) {
  return {
    name: values.name,
    roleItems: Object.keys(roleNames)
      .filter((role) => role !== 'partnership_lead' || options.partnershipLead)
      .map((role) => ({
        value: role,
        text: roleNames[role],
        hint: { text: roleHints[role] },
        checked: values.roles.includes(role),
      })),
    errors,
    errorList: errorList(errors, issueApiTokenFields),
  };
}
