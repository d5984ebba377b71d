import { describe, expect, it } from 'vitest';
import type { Role } from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { describeRoles, presentInviteForm, presentUser } from './userAdminPresenter.ts';

function access(roles: Role[]): AccessContext {
  return {
    userId: 'me',
    tokenId: undefined,
    organisationId: 'org',
    partnershipAreaId: undefined,
    roles,
    ip: '127.0.0.1',
    requestId: 'r',
  };
}

const user = {
  id: 'them',
  organisationId: 'org',
  organisationName: 'Carse Family Support Service',
  displayName: 'Euan Cairns',
  email: 'euan@test.example',
  roles: ['team_lead', 'practitioner'] as Role[],
  status: 'active' as const,
  lastSignInAt: null,
  createdAt: new Date(),
  deactivatedAt: null,
  invitationExpiresAt: null,
};

describe('the users pages', () => {
  it('puts roles in plain words, in a steady order', () => {
    expect(describeRoles(['team_lead', 'practitioner'])).toBe('Practitioner, Team lead');
    expect(describeRoles(['volunteer'])).toBe('Volunteer or peer worker');
  });

  it('says what just happened to the user', () => {
    expect(presentUser(access(['org_admin']), user, 'deactivated').notice).toBe(
      'Euan Cairns has been deactivated and signed out everywhere.',
    );
    expect(presentUser(access(['org_admin']), user, 'anything else').notice).toBeUndefined();
  });

  it('offers the system admin role and an organisation choice only to a system admin', () => {
    const form = { name: '', email: '', roles: ['practitioner'], organisation: '' };
    const orgAdmin = presentInviteForm(access(['org_admin']), [], form);
    const systemAdmin = presentInviteForm(access(['system_admin']), [{ id: 'o1', name: 'One' }], form);
    expect(orgAdmin.roleItems.map((i) => i.value)).not.toContain('system_admin');
    expect(orgAdmin.organisationItems).toBeUndefined();
    expect(orgAdmin.roleItems.find((i) => i.value === 'practitioner')?.checked).toBe(true);
    expect(systemAdmin.roleItems.map((i) => i.value)).toContain('system_admin');
    expect(systemAdmin.organisationItems?.map((i) => i.value)).toEqual(['', 'o1']);
  });
});
