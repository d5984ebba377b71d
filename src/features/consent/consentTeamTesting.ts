import { and, eq, or } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { auditEvent, familyTeamMember, type Role } from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { createFamily, createOrganisation, createPractice, createUser } from '../../testing/fixtures.ts';
import { ApiTokenService } from '../api/apiTokenService.ts';

/** The access of a user, as a request would build it. */
export function accessOf(
  user: { id: string; organisationId: string },
  areaId: string,
  roles: Role[] = ['practitioner'],
): AccessContext {
  return {
    userId: user.id,
    tokenId: undefined,
    organisationId: user.organisationId,
    partnershipAreaId: areaId,
    roles,
    ip: '127.0.0.1',
    requestId: 'test',
  };
}

/**
 * A family whose first organisation ("home") supports both members, with a
 * second organisation ("partner") on the team seeing them by consent, and a
 * third organisation ("outsider") of the same area not on the team. Each has
 * a practitioner; home also has a team lead.
 */
export async function teamScenario(database: Database) {
  const db = database.db;
  const { area, org: home, user: homeWorker } = await createPractice(db);
  const partner = await createOrganisation(db, area.id);
  const outsider = await createOrganisation(db, area.id);
  const family = await createFamily(db, area.id, [home.id, partner.id]);
  const partnerWorker = await createUser(db, partner.id, ['practitioner']);
  const outsiderWorker = await createUser(db, outsider.id, ['practitioner']);
  const outsiderLead = await createUser(db, outsider.id, ['team_lead']);
  const homeLead = await createUser(db, home.id, ['team_lead']);
  const [agnes, callum] = family.people as [(typeof family.people)[0], (typeof family.people)[0]];
  return {
    area,
    home,
    partner,
    outsider,
    family,
    agnes,
    callum,
    homeWorker,
    partnerWorker,
    outsiderWorker,
    outsiderLead,
    homeLead,
  };
}

/** An API token of the organisation, issued by a new admin of it. */
export async function tokenFor(database: Database, org: { id: string; partnershipAreaId: string }) {
  const admin = await createUser(database.db, org.id, ['org_admin']);
  const issued = await new ApiTokenService(database.db).issue(
    accessOf({ id: admin.id, organisationId: org.id }, org.partnershipAreaId, ['org_admin']),
    {
      name: 'Test system',
      roles: ['practitioner'],
    },
  );
  return { authorization: `Bearer ${issued.token}` };
}

export async function auditActions(database: Database, familyId: string, actorUserId: string) {
  const rows = await database.db
    .select({
      action: auditEvent.action,
      outcome: auditEvent.outcome,
      reason: auditEvent.reason,
      detail: auditEvent.detail,
    })
    .from(auditEvent)
    .where(
      and(
        or(eq(auditEvent.familyId, familyId), eq(auditEvent.recordId, familyId)),
        eq(auditEvent.actorUserId, actorUserId),
      ),
    );
  return rows;
}

export async function openTeamSpell(database: Database, familyId: string, organisationId: string) {
  const [row] = await database.db
    .select()
    .from(familyTeamMember)
    .where(and(eq(familyTeamMember.familyId, familyId), eq(familyTeamMember.organisationId, organisationId)));
  return row;
}
