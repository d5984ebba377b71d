// The access a benchmark script uses to build audit figures in one process:
// a partnership lead of the bench area, with no user or organisation of its own.
import type { AccessContext } from '../src/platform/access/accessContext.ts';

export function benchLeadAccess(partnershipAreaId: string): AccessContext {
  return {
    userId: undefined,
    tokenId: undefined,
    organisationId: undefined,
    partnershipAreaId,
    roles: ['partnership_lead'],
    ip: '127.0.0.1',
    requestId: 'bench',
  };
}
