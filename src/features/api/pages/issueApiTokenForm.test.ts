import { describe, expect, it } from 'vitest';
import { parseIssueApiTokenForm } from './issueApiTokenForm.ts';

describe('the issue-a-token form', () => {
  it('accepts a name and the practice roles', () => {
    const result = parseIssueApiTokenForm({ name: '  Case system ', roles: ['practitioner', 'team_lead'] });
    expect(result.errors).toEqual({});
    expect(result.input).toEqual({ name: 'Case system', roles: ['practitioner', 'team_lead'] });
  });

  it('accepts one role sent as a single value', () => {
    expect(parseIssueApiTokenForm({ name: 'Case system', roles: 'team_lead' }).input?.roles).toEqual([
      'team_lead',
    ]);
  });

  it('asks for a name and a role when both are missing', () => {
    const result = parseIssueApiTokenForm({});
    expect(result.input).toBeUndefined();
    expect(result.errors.name).toMatch(/^Enter a name/);
    expect(result.errors.roles).toBe('Select what the token can do');
  });

  it('refuses a name over 100 characters, keeping what was typed', () => {
    const result = parseIssueApiTokenForm({ name: 'x'.repeat(101), roles: 'practitioner' });
    expect(result.errors).toEqual({ name: 'Name must be 100 characters or fewer' });
    expect(result.values.name).toHaveLength(101);
    expect(parseIssueApiTokenForm({ name: 'x'.repeat(100), roles: 'practitioner' }).input).toBeDefined();
  });

  it('refuses a role a token may not have, such as admin', () => {
    const result = parseIssueApiTokenForm({ name: 'Case system', roles: ['practitioner', 'org_admin'] });
    expect(result.input).toBeUndefined();
    expect(result.errors.roles).toBe('Select practitioner, team lead or partnership lead');
  });
});
