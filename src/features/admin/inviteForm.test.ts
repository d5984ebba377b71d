import { describe, expect, it } from 'vitest';
import { inviteProblems, parseInviteForm } from './inviteForm.ts';

const grantable = ['practitioner', 'volunteer', 'team_lead', 'org_admin', 'partnership_lead'] as const;
const valid = { name: 'Rhona Reid', email: 'rhona@test.example', roles: ['practitioner'], organisation: '' };

describe('the invite form', () => {
  it('reads one role or several, trimmed, without repeats', () => {
    expect(parseInviteForm({ name: '  Rhona  ', email: ' r@x.org ', roles: 'volunteer' })).toEqual({
      name: 'Rhona',
      email: 'r@x.org',
      roles: ['volunteer'],
      organisation: '',
    });
    expect(parseInviteForm({ roles: ['team_lead', 'team_lead', 'practitioner'] }).roles).toEqual([
      'team_lead',
      'practitioner',
    ]);
    expect(parseInviteForm(undefined).roles).toEqual([]);
  });

  it('accepts a complete form', () => {
    expect(inviteProblems(valid, { grantable, choosesOrganisation: false })).toEqual({});
  });

  it('says what is missing or wrong, field by field', () => {
    expect(
      inviteProblems(
        { name: '', email: 'nope', roles: [], organisation: '' },
        { grantable, choosesOrganisation: true },
      ),
    ).toEqual({
      organisation: 'Select the organisation the person works for',
      name: 'Enter the person’s full name',
      email: 'Enter an email address in the right format, like name@example.org',
      roles: 'Select at least one role',
    });
    expect(inviteProblems({ ...valid, email: '' }, { grantable, choosesOrganisation: false }).email).toBe(
      'Enter their email address',
    );
    expect(
      inviteProblems({ ...valid, name: 'x'.repeat(201) }, { grantable, choosesOrganisation: false }).name,
    ).toBe('Name must be 200 characters or fewer');
  });

  it('refuses roles the admin may not give', () => {
    const problems = inviteProblems(
      { ...valid, roles: ['practitioner', 'system_admin'] },
      { grantable, choosesOrganisation: false },
    );
    expect(problems.roles).toBe('Select only the roles shown');
    expect(
      inviteProblems({ ...valid, roles: ['superuser'] }, { grantable, choosesOrganisation: false }).roles,
    ).toBe('Select only the roles shown');
  });
});
