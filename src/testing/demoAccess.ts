import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.ts';
import type { AccessContext } from '../platform/access/accessContext.ts';

/** The access context of a demo user, as a request of theirs would have it (a new request id each time). */
export async function demoAccess(db: Db, email: string): Promise<AccessContext> {
  const [user] = await queryRows<{
    id: string;
    organisationId: string;
    partnershipAreaId: string;
    roles: string[];
  }>(
    db,
    sql`select u.id, u.organisation_id as "organisationId", o.partnership_area_id as "partnershipAreaId", u.roles
      from app_user u join organisation o on o.id = u.organisation_id where u.email = ${email}`,
  );
  if (!user) throw new Error(`no demo user ${email}`);
  return {
    userId: user.id,
    tokenId: undefined,
    organisationId: user.organisationId,
    partnershipAreaId: user.partnershipAreaId,
    roles: user.roles as AccessContext['roles'],
    ip: '127.0.0.1',
    requestId: randomUUID(),
  };
}
