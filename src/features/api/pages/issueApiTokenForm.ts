import { type FieldErrors, field, fields } from '../../../platform/http/forms.ts';
import { type ApiTokenRole, isApiTokenRole } from '../apiTokenService.ts';

export const tokenNameMaxLength = 100;
export const issueApiTokenFields = ['name', 'roles'] as const;

export interface IssueApiTokenInput {
  name: string;
  roles: ApiTokenRole[];
}

/** Reads and checks the issue-a-token form; errors say how to put each field right. */
export function parseIssueApiTokenForm(
  body: unknown,
  options: { partnershipLead: boolean } = { partnershipLead: false },
): {
  values: { name: string; roles: string[] };
  input?: IssueApiTokenInput;
  errors: FieldErrors;
} {
  const name = field(body, 'name');
  const roles = [...new Set(fields(body, 'roles'))];
  const errors: FieldErrors = {};
  if (!name) errors.name = 'Enter a name for the token, like the name of the system that will use it';
  else if (name.length > tokenNameMaxLength)
    errors.name = `Name must be ${tokenNameMaxLength} characters or fewer`;
  if (roles.length === 0) errors.roles = 'Select what the token can do';
  else if (!roles.every(isApiTokenRole)) errors.roles = 'Select practitioner, team lead or partnership lead';
  else if (roles.includes('partnership_lead') && !options.partnershipLead)
    errors.roles =
      'Only an organisation with a partnership lead in Hearth can issue a partnership lead token';
  const values = { name, roles };
  if (Object.keys(errors).length > 0) return { values, errors };
  return { values, input: { name, roles: roles.filter(isApiTokenRole) }, errors };
}
