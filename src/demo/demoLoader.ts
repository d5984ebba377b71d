import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Config } from '../config.ts';
import { type Database, type Db, queryRows } from '../db/client.ts';
import {
  apiToken,
  appUser,
  consent,
  family,
  familyMembership,
  familyTeamMember,
  locality,
  memberSupport,
  organisation,
  partnershipArea,
  person,
} from '../db/schema.ts';
import { newApiToken } from '../features/api/apiTokenService.ts';
import { foldContactCounts, refreshAuditFacts } from '../features/audit/auditFacts.ts';
import { refreshLastContacts } from '../features/contacts/lastContact.ts';
import { hashPassword } from '../platform/auth/passwords.ts';
import { newSecret } from '../platform/auth/tokens.ts';
import { addDemoApiReferrals } from './demoApiReferrals.ts';
import { addDemoAssessments } from './demoAssessment.ts';
import { addDemoAuditHistory } from './demoAuditHistory.ts';
import { addDemoBoundaries } from './demoBoundaries.ts';
import { addDemoCaseload } from './demoCaseload.ts';
import { addDemoChronology } from './demoChronology.ts';
import { addDemoContacts } from './demoContacts.ts';
import { demoArea, demoOrganisations, demoUsers } from './demoDirectory.ts';
import { demoConsent, demoSupport } from './demoFamilyRecord.ts';
import { addDemoGroups } from './demoGroups.ts';
import { addDemoListings } from './demoListings.ts';
import { addDemoMembers } from './demoMembers.ts';
import { addDemoNeeds } from './demoNeeds.ts';
import { addDemoNotifications } from './demoNotifications.ts';
import { addDemoOutside } from './demoOutside.ts';
import { addDemoPlans } from './demoPlan.ts';
import { addDemoProgrammes } from './demoProgrammes.ts';
import { addDemoReferrals } from './demoReferrals.ts';
import { addDemoRelationships } from './demoRelationships.ts';
import { addDemoServices } from './demoServices.ts';
import { addDemoSimd } from './demoSimd.ts';
import { addDemoTeam } from './demoTeam.ts';
import { addDemoWorkforce } from './demoWorkforce.ts';
import { generateFamily, pick, seededRandom } from './familyGenerator.ts';

export interface DemoSignIns {
  signIns: { role: string; email: string }[];
  password: string;
  passwordSource: 'setting' | 'generated';
  passwordFile: string;
}

/** How many open families each locality gets: Ardmore Coast is small, so the partnership view shows suppression. */
const familiesPerLocality = [34, 22, 7];

function demoPassword(config: Pick<Config, 'demoPassword' | 'dataDir'>): Omit<DemoSignIns, 'signIns'> {
  const passwordFile = path.join(config.dataDir, 'demo-password.txt');
  if (config.demoPassword) return { password: config.demoPassword, passwordSource: 'setting', passwordFile };
  if (fs.existsSync(passwordFile)) {
    return {
      password: fs.readFileSync(passwordFile, 'utf8').trim(),
      passwordSource: 'generated',
      passwordFile,
    };
  }
  const password = `demo-${newSecret(9)}`;
  fs.mkdirSync(config.dataDir, { recursive: true });
  fs.writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  return { password, passwordSource: 'generated', passwordFile };
}

export function demoSignIns() {
  return demoUsers.filter((u) => u.signInFor).map((u) => ({ role: u.signInFor as string, email: u.email }));
}

/** Loads the demo partnership into an empty database; on later starts only reports the sign-ins. */
export async function ensureDemo(
  database: Database,
  config: Pick<Config, 'demoPassword' | 'dataDir'>,
): Promise<DemoSignIns | undefined> {
  const [state] = await queryRows<{ empty: boolean; demo: boolean }>(
    database.db,
    sql`select not exists (select 1 from organisation) as empty,
      exists (select 1 from partnership_area where name = ${demoArea.name}) as demo`,
  );
  const empty = state?.empty ?? false;
  if (!empty && !state?.demo) return undefined;
  const password = demoPassword(config);
  if (empty) {
    await loadDemo(database.db, password.password, new Date());
    // The provision audit's pre-aggregates, so its first view has nothing to catch up.
    await refreshAuditFacts(database.db);
    await foldContactCounts(database.db);
  }
  return { ...password, signIns: demoSignIns() };
}

/** Writes the demo partnership in one transaction: area, localities, organisations, users and families. */
export async function loadDemo(db: Db, password: string, today: Date): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const [area] = await tx
      .insert(partnershipArea)
      .values({ name: demoArea.name, councilArea: demoArea.councilArea })
      .returning();
    if (!area) throw new Error('demo area not created');
    const localities = await tx
      .insert(locality)
      .values(demoArea.localities.map((name) => ({ partnershipAreaId: area.id, name })))
      .returning();
    const organisations = await tx
      .insert(organisation)
      .values(demoOrganisations.map((o) => ({ name: o.name, kind: o.kind, partnershipAreaId: area.id })))
      .returning();
    const orgId = new Map(demoOrganisations.map((o, i) => [o.key, organisations[i]?.id as string]));
    const users = await tx
      .insert(appUser)
      .values(
        demoUsers.map((u) => ({
          organisationId: orgId.get(u.organisation) as string,
          email: u.email,
          displayName: u.name,
          roles: u.roles,
          // An invited user has not chosen a password yet.
          passwordHash: u.status === 'invited' ? null : passwordHash,
          status: u.status ?? ('active' as const),
          passwordChangedAt: u.status === 'invited' ? null : today,
          deactivatedAt: u.status === 'deactivated' ? today : null,
        })),
      )
      .returning();
    await tx.insert(apiToken).values(demoApiToken(orgId.get('familysupport') as string, users, today));

    const random = seededRandom(20261123);
    const familyOrgs = demoOrganisations.filter((o) => o.worksWithFamilies).map((o) => o.key);
    let number = 0;
    for (const [localityIndex, howMany] of familiesPerLocality.entries()) {
      for (let i = 0; i < howMany; i++) {
        number += 1;
        const generated = generateFamily(random, today);
        const daysAgo = Math.floor(random() * 400);
        const [created] = await tx
          .insert(family)
          .values({
            reference: `GC-${String(number).padStart(4, '0')}`,
            name: generated.name,
            partnershipAreaId: area.id,
            localityId: localities[localityIndex]?.id,
            createdAt: new Date(today.getTime() - daysAgo * 86_400_000),
            updatedAt: new Date(today.getTime() - Math.floor(daysAgo * random()) * 86_400_000),
          })
          .returning();
        if (!created) throw new Error('demo family not created');
        const people = await tx
          .insert(person)
          .values(
            generated.members.map((m) => ({
              givenName: m.givenName,
              familyName: m.familyName,
              dateOfBirth: m.dateOfBirth,
            })),
          )
          .returning({ id: person.id });
        const joinedOn = new Date(today.getTime() - daysAgo * 86_400_000).toISOString().slice(0, 10);
        // Each member is in the family from the day its record was started, as the support given them is:
        // a membership starting on the day the demo loads would leave every earlier period with nobody in it.
        await tx.insert(familyMembership).values(
          generated.members.map((m, j) => ({
            familyId: created.id,
            personId: people[j]?.id as string,
            relationshipLabel: m.relationshipLabel,
            roles: m.roles,
            startedOn: joinedOn,
          })),
        );
        // Most families start with the family support service; others with recovery, social work or a peer group.
        const team = new Set<string>([number % 3 === 0 ? pick(random, familyOrgs) : 'familysupport']);
        while (team.size < 1 + Math.floor(random() * 3)) team.add(pick(random, familyOrgs));
        const teamRows = [...team].map((key) => {
          const lead = users.find(
            (u) =>
              u.organisationId === orgId.get(key) &&
              u.status === 'active' &&
              u.roles.some((r) => r === 'practitioner' || r === 'volunteer'),
          );
          return {
            familyId: created.id,
            organisationId: orgId.get(key) as string,
            leadWorkerId: lead?.id ?? null,
            joinedOn,
          };
        });
        await tx.insert(familyTeamMember).values(teamRows);
        await tx
          .insert(memberSupport)
          .values(demoSupport(created.id, people, generated.members, teamRows, joinedOn));
        await tx.insert(consent).values(demoConsent(random, created.id, people, teamRows));
      }
    }
    await addDemoRelationships(tx);
    await addDemoBoundaries(tx, area.id);
    await addDemoTeam(tx, area.id, today);
    await addDemoMembers(tx, today);
    await addDemoChronology(tx, today);
    await addDemoAssessments(tx, today);
    await addDemoPlans(tx, today);
    await addDemoCaseload(tx);
    await addDemoGroups(tx, today);
    await addDemoContacts(tx, today);
    await addDemoProgrammes(tx, today);
    await addDemoWorkforce(tx, today);
    await addDemoNotifications(tx, orgId, users, today);
    await addDemoServices(tx, {
      areaId: area.id,
      councilArea: demoArea.councilArea,
      orgId,
      localityIds: localities.map((l) => l.id),
      today,
    });
    await addDemoListings(tx, today);
    await addDemoReferrals(tx, { orgId, today });
    await addDemoOutside(tx, { areaId: area.id, orgId, today });
    await addDemoApiReferrals(tx, { orgId, areaId: area.id, today });
    await addDemoSimd(tx);
    await addDemoNeeds(tx, today);
    await addDemoAuditHistory(tx, { orgId, today });
    // The demo writes contacts directly: each member's last contact is worked out from them once.
    await refreshLastContacts(tx);
  });
}

/** A connected system's token, so the API tokens page has a row. Its secret is thrown away: nobody can use it. */
function demoApiToken(
  organisationId: string,
  users: { id: string; organisationId: string; roles: string[] }[],
  today: Date,
) {
  const { hash, prefix } = newApiToken();
  const admin = users.find((u) => u.organisationId === organisationId && u.roles.includes('org_admin'));
  return {
    organisationId,
    name: 'Case management system (demo)',
    tokenHash: hash,
    tokenPrefix: prefix,
    roles: ['practitioner' as const],
    createdBy: admin?.id ?? null,
    createdAt: new Date(today.getTime() - 90 * 86_400_000),
    lastUsedAt: new Date(today.getTime() - 2 * 3_600_000),
  };
}
