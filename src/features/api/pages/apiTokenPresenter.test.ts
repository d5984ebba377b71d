import { describe, expect, it } from 'vitest';
import type { ApiTokenRow } from '../apiTokenService.ts';
import { presentApiTokenList, presentIssueApiTokenForm } from './apiTokenPresenter.ts';

const base: ApiTokenRow = {
  id: 'a1',
  name: 'Case system',
  prefix: 'hearth_AbC123',
  roles: ['practitioner', 'team_lead'],
  createdByName: 'Iain Ferguson',
  createdAt: new Date('2026-01-05T10:00:00Z'),
  lastUsedAt: null,
  revokedAt: null,
  revokedByName: null,
};

describe('the API tokens page', () => {
  it('shows an active token with its roles in words and a link to revoke it', () => {
    const [row] = presentApiTokenList([base]).tokens;
    expect(row).toMatchObject({
      prefix: 'hearth_AbC123…',
      roles: 'Practitioner, Team lead',
      status: { text: 'Active' },
      revokeHref: '/admin/api-tokens/a1/revoke',
      revoked: undefined,
    });
  });

  it('marks a revoked token, says who revoked it, and offers no revoke link', () => {
    const revoked = { ...base, revokedAt: new Date('2026-02-01T09:00:00Z'), revokedByName: 'Shona Baird' };
    const page = presentApiTokenList([revoked], 'a1');
    expect(page.tokens[0]).toMatchObject({
      status: { text: 'Revoked' },
      revokeHref: undefined,
      revoked: { by: 'Shona Baird' },
    });
    expect(page.revokedName).toBe('Case system');
    expect(page.activeCount).toBe(0);
  });

  it('says so when the person who made a token is not recorded', () => {
    expect(presentApiTokenList([{ ...base, createdByName: null }]).tokens[0]?.createdBy).toBe('Not recorded');
  });
});

describe('the issue-a-token form', () => {
  it('starts with practitioner ticked', () => {
    const form = presentIssueApiTokenForm();
    expect(form.roleItems.map((item) => [item.value, item.checked])).toEqual([
      ['practitioner', true],
      ['team_lead', false],
    ]);
    expect(form.errorList).toEqual([]);
  });

  it('lists errors in the order of the fields, linking to each', () => {
    const form = presentIssueApiTokenForm(
      { name: '', roles: [] },
      { roles: 'Select what the token can do', name: 'Enter a name' },
    );
    expect(form.errorList).toEqual([
      { text: 'Enter a name', href: '#name' },
      { text: 'Select what the token can do', href: '#roles' },
    ]);
    expect(form.roleItems.every((item) => !item.checked)).toBe(true);
  });
});
