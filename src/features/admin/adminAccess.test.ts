import { describe, expect, it } from 'vitest';
import type { Role } from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { allowedActions, grantableRoles, organisationFor } from './adminAccess.ts';

const ownOrg = '00000000-0000-4000-8000-000000000001';
const otherOrg = '00000000-0000-4000-8000-000000000002';

function access(roles: Role[]): AccessContext {
  return {
    userId: 'me',
    tokenId: undefined,
    organisationId: ownOrg,
    partnershipAreaId: undefined,
    roles,
    ip: '127.0.0.1',
    requestId: 'r',
  };
}

describe('what an admin may do', () => {
  it('keeps an organisation admin in their own organisation', () => {
    expect(organisationFor(access(['org_admin']), otherOrg)).toBe(ownOrg);
    expect(organisationFor(access(['system_admin']), otherOrg)).toBe(otherOrg);
    expect(organisationFor(access(['system_admin']), 'not-an-id')).toBe(ownOrg);
    expect(organisationFor(access(['system_admin']), undefined)).toBe(ownOrg);
  });

  it('lets only a system admin make another', () => {
    expect(grantableRoles(access(['org_admin']))).not.toContain('system_admin');
    expect(grantableRoles(access(['system_admin']))).toContain('system_admin');
  });

  it('offers the actions that fit the user’s status', () => {
    const admin = access(['org_admin']);
    expect(allowedActions(admin, { id: 'them', roles: ['practitioner'], status: 'active' })).toEqual({
      newInvitation: true,
      deactivate: true,
      reactivate: false,
    });
    expect(allowedActions(admin, { id: 'them', roles: ['practitioner'], status: 'deactivated' })).toEqual({
      newInvitation: false,
      deactivate: false,
      reactivate: true,
    });
  });

  it('never lets an admin deactivate themselves', () => {
    expect(
      allowedActions(access(['org_admin']), { id: 'me', roles: ['org_admin'], status: 'active' }).deactivate,
    ).toBe(false);
  });

  it('keeps a system admin’s account from an organisation admin', () => {
    const target = { id: 'them', roles: ['system_admin', 'org_admin'] as Role[], status: 'active' as const };
    expect(allowedActions(access(['org_admin']), target)).toEqual({
      newInvitation: false,
      deactivate: false,
      reactivate: false,
    });
    expect(allowedActions(access(['system_admin']), target).deactivate).toBe(true);
  });
});
