import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { consent, familyTeamMember, person, teamWorker } from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { createFamily, createOrganisation, createPractice, createUser } from '../../testing/fixtures.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { searchPeople } from './personSearch.ts';

function accessOf(user: { id: string; organisationId: string; roles: string[] }): AccessContext {
  return {
    userId: user.id,
    tokenId: undefined,
    organisationId: user.organisationId,
    partnershipAreaId: undefined,
    roles: user.roles as AccessContext['roles'],
    ip: '127.0.0.1',
    requestId: randomUUID(),
  };
}

describe('finding people', () => {
  let database: Database;
  beforeAll(async () => {
    database = await testDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  /** A family of the practice whose first member has a surname no other test uses. */
  async function familyWithSurname(surname: string) {
    const practice = await createPractice(database.db);
    const family = await createFamily(database.db, practice.area.id, [practice.org.id]);
    const [agnes, callum] = family.people as [(typeof family.people)[0], (typeof family.people)[0]];
    await database.db
      .update(person)
      .set({ familyName: surname, postcode: 'KY12 7AB' })
      .where(eq(person.id, agnes.id));
    return { ...practice, family, agnes, callum };
  }

  it('finds a name spelt differently, with the families the person is in', async () => {
    const surname = `McAllister${randomUUID().slice(0, 4)}`;
    const { user, family, agnes } = await familyWithSurname(surname);
    const misspelt = surname.replace('McAllister', 'Mcalister');

    const found = await searchPeople(database.db, accessOf(user), { name: misspelt });

    expect(found.map((p) => p.personId)).toEqual([agnes.id]);
    expect(found[0]?.score).toBeGreaterThan(0.6);
    expect(found[0]?.families).toEqual([
      { familyId: family.id, reference: family.reference, name: family.name, current: true },
    ]);
  });

  it('never finds or shows a withheld address by its postcode, except to a named worker', async () => {
    const surname = `Withheld${randomUUID().slice(0, 4)}`;
    const { user, family, agnes } = await familyWithSurname(surname);
    await database.db.update(person).set({ addressWithheld: true }).where(eq(person.id, agnes.id));

    const byPostcode = await searchPeople(database.db, accessOf(user), {
      postcode: 'KY12 7AB',
      name: surname,
    });
    const byName = await searchPeople(database.db, accessOf(user), { name: surname });
    expect(byPostcode).toEqual([]);
    expect(byName.map((p) => [p.personId, p.postcode])).toEqual([[agnes.id, null]]);

    await database.db.insert(teamWorker).values({
      familyId: family.id,
      organisationId: user.organisationId,
      userId: user.id,
      personId: agnes.id,
      role: 'Family support worker',
    });
    const named = await searchPeople(database.db, accessOf(user), { postcode: 'KY12 7AB', name: surname });
    expect(named.map((p) => [p.personId, p.postcode])).toEqual([[agnes.id, 'KY12 7AB']]);
  });

  it('finds by postcode without its space and by date of birth, all terms together', async () => {
    const surname = `Postcodeson${randomUUID().slice(0, 4)}`;
    const { user, agnes } = await familyWithSurname(surname);
    const access = accessOf(user);

    const byPostcodeAndName = await searchPeople(database.db, access, { postcode: 'ky127ab', name: surname });
    const byBirthAndName = await searchPeople(database.db, access, {
      dateOfBirth: '1960-04-02',
      name: surname,
    });
    const wrongBirth = await searchPeople(database.db, access, { dateOfBirth: '1961-04-02', name: surname });

    expect(byPostcodeAndName.map((p) => p.personId)).toEqual([agnes.id]);
    expect(byBirthAndName.map((p) => p.personId)).toEqual([agnes.id]);
    expect(wrongBirth).toEqual([]);
  });

  it('never finds a person the user may not see, whatever they type', async () => {
    const surname = `Hiddenfamily${randomUUID().slice(0, 4)}`;
    const { area, family, agnes } = await familyWithSurname(surname);
    const outsider = await createUser(database.db, (await createOrganisation(database.db, area.id)).id, [
      'practitioner',
    ]);

    const found = await searchPeople(database.db, accessOf(outsider), {
      name: surname,
      postcode: 'KY12 7AB',
    });

    expect(found).toEqual([]);
    // Consent withdrawn hides the member from an organisation that relied on it.
    const second = await createOrganisation(database.db, area.id);
    const secondWorker = await createUser(database.db, second.id, ['practitioner']);
    await database.db.insert(familyTeamMember).values({ familyId: family.id, organisationId: second.id });
    await database.db.insert(consent).values({
      familyId: family.id,
      personId: agnes.id,
      organisationId: second.id,
      status: 'given',
      scope: 'All',
      method: 'verbal',
    });
    expect((await searchPeople(database.db, accessOf(secondWorker), { name: surname })).length).toBe(1);
    await database.db
      .update(consent)
      .set({ status: 'withdrawn' })
      .where(eq(consent.organisationId, second.id));
    expect(await searchPeople(database.db, accessOf(secondWorker), { name: surname })).toEqual([]);
  });

  it('looks for nothing when given nothing to look for', async () => {
    const { user } = await createPractice(database.db);
    expect(await searchPeople(database.db, accessOf(user), { name: ' a ' })).toEqual([]);
  });
});
