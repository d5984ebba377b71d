// Whether a service is outside Hearth. A service is outside Hearth when
// nobody in its organisation can work its referrals inbox: no active user in
// a practice role (practitioner, volunteer or peer worker, team lead). Its
// referrals then reach it by email, at the directory's referral address,
// with a secure link (referralLinks.ts), instead of in the inbox. Once one
// of its workers has an active account, new referrals arrive in the inbox.
import { type SQL, sql } from 'drizzle-orm';
import { practiceRoles } from '../../platform/access/accessContext.ts';

const roles = `{${practiceRoles.join(',')}}`;

/** True when the organisation (an SQL expression for its id) has no active user in a practice role. */
export function outsideHearth(organisationId: SQL): SQL<boolean> {
  return sql<boolean>`not exists (select 1 from app_user ou where ou.organisation_id = ${organisationId}
    and ou.status = 'active' and ou.roles && ${roles}::text[])`;
}
