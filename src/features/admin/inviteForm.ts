import type { Role } from '../../db/schema.ts';
import { emailPattern, type FieldErrors, field, fields } from '../../platform/http/forms.ts';
import { uuidPattern } from './adminAccess.ts';

export interface InviteForm {
  name: string;
  email: string;
  roles: string[];
  /** Only read from a system admin's form; others always invite into their own organisation. */
  organisation: string;
}

/** The fields of the invite form, in page order, for the error summary. */
export const inviteFieldOrder = ['organisation', 'name', 'email', 'roles'] as const;

export function parseInviteForm(body: unknown): InviteForm {
  return {
    name: field(body, 'name'),
    email: field(body, 'email'),
    roles: [...new Set(fields(body, 'roles'))],
    organisation: field(body, 'organisation'),
  };
}

/** Problems with the invite form that need no database; the service adds "email already used". */
export function inviteProblems(
  form: InviteForm,
  options: { grantable: readonly Role[]; choosesOrganisation: boolean },
): FieldErrors {
  const errors: FieldErrors = {};
  if (options.choosesOrganisation && !uuidPattern.test(form.organisation))
    errors.organisation = 'Select the organisation the person works for';
  if (!form.name) errors.name = 'Enter the person’s full name';
  else if (form.name.length > 200) errors.name = 'Name must be 200 characters or fewer';
  if (!form.email) errors.email = 'Enter their email address';
  else if (form.email.length > 254 || !emailPattern.test(form.email))
    errors.email = 'Enter an email address in the right format, like name@example.org';
  if (form.roles.length === 0) errors.roles = 'Select at least one role';
  else if (form.roles.some((role) => !(options.grantable as readonly string[]).includes(role)))
    errors.roles = 'Select only the roles shown';
  return errors;
}
