import { randomUUID } from 'node:crypto';
import type { Db } from '../db/client.ts';
import {
  appUser,
  consent,
  family,
  familyMembership,
  familyTeamMember,
  locality,
  memberSupport,
  type OrganisationKind,
  organisation,
  partnershipArea,
  person,
  type Role,
} from '../db/schema.ts';
import { hashPassword } from '../platform/auth/passwords.ts';

export const testPassword = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;

function unique(label: string): string {
  return `${label} ${randomUUID().slice(0, 8)}`;
}

export async function createArea(db: Db) {
  const [area] = await db
    .insert(partnershipArea)
    .values({ name: unique('Test ADP'), councilArea: 'Test Council' })
    .returning();
  if (!area) throw new Error('no area');
  const [place] = await db
    .insert(locality)
    .values({ partnershipAreaId: area.id, name: 'Test Locality' })
    .returning();
  return { ...area, localityId: place?.id as string };
}

export async function createOrganisation(db: Db, areaId: string, kind: OrganisationKind = 'third_sector') {
  const [org] = await db
    .insert(organisation)
    .values({ name: unique('Test Org'), kind, partnershipAreaId: areaId })
    .returning();
  if (!org) throw new Error('no organisation');
  return org;
}

/** An active user with the test password, unless another status is asked for. */
export async function createUser(
  db: Db,
  organisationId: string,
  roles: Role[],
  options: { status?: 'active' | 'invited' | 'deactivated' } = {},
) {
  passwordHash ??= hashPassword(testPassword);
  const [user] = await db
    .insert(appUser)
    .values({
      organisationId,
      email: `user-${randomUUID()}@test.example`,
      displayName: unique('Test User'),
      roles,
      passwordHash: await passwordHash,
      status: options.status ?? 'active',
    })
    .returning();
  if (!user) throw new Error('no user');
  return user;
}

/** A family with two members, on the team of the given organisations. */
export async function createFamily(db: Db, areaId: string, teamOrganisationIds: string[]) {
  const [created] = await db
    .insert(family)
    .values({ reference: unique('T').replace(' ', '-'), name: 'Test family', partnershipAreaId: areaId })
    .returning();
  if (!created) throw new Error('no family');
  const people = await db
    .insert(person)
    .values([
      { givenName: 'Agnes', familyName: 'Testfamily', dateOfBirth: '1960-04-02' },
      { givenName: 'Callum', familyName: 'Testfamily', dateOfBirth: '1995-09-30' },
    ])
    .returning();
  await db.insert(familyMembership).values(
    people.map((p, i) => ({
      familyId: created.id,
      personId: p.id,
      relationshipLabel: i === 0 ? 'Mother' : 'Son',
      roles: [i === 0 ? 'affected_family_member' : 'using_substances'],
    })),
  );
  if (teamOrganisationIds.length) {
    await db
      .insert(familyTeamMember)
      .values(teamOrganisationIds.map((organisationId) => ({ familyId: created.id, organisationId })));
    // The first organisation supports both members; both agree to share with every organisation on the team.
    await db.insert(memberSupport).values(
      people.map((p) => ({
        familyId: created.id,
        personId: p.id,
        organisationId: teamOrganisationIds[0] as string,
        status: 'being_supported' as const,
      })),
    );
    await db.insert(consent).values(
      teamOrganisationIds.flatMap((organisationId) =>
        people.map((p) => ({
          familyId: created.id,
          personId: p.id,
          organisationId,
          status: 'given' as const,
          scope: 'Share with the team around the family',
          method: 'verbal' as const,
        })),
      ),
    );
  }
  return { ...created, people };
}

/** An area with an organisation and a practitioner in it: the usual starting point. */
export async function createPractice(db: Db, roles: Role[] = ['practitioner']) {
  const area = await createArea(db);
  const org = await createOrganisation(db, area.id);
  const user = await createUser(db, org.id, roles);
  return { area, org, user };
}
