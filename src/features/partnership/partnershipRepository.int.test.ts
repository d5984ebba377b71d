import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { createArea, createOrganisation, createUser } from '../../testing/fixtures.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { PartnershipRepository } from './partnershipRepository.ts';

describe('partnership figures', () => {
  let database: Database;
  beforeAll(async () => {
    database = await testDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it('counts each organisation’s active Hearth users, not invited or deactivated ones', async () => {
    const area = await createArea(database.db);
    const busy = await createOrganisation(database.db, area.id, 'nhs');
    const quiet = await createOrganisation(database.db, area.id, 'community');
    await createUser(database.db, busy.id, ['practitioner']);
    await createUser(database.db, busy.id, ['team_lead']);
    await createUser(database.db, busy.id, ['practitioner'], { status: 'invited' });
    await createUser(database.db, busy.id, ['practitioner'], { status: 'deactivated' });
    await createUser(database.db, quiet.id, ['volunteer']);

    const repository = new PartnershipRepository(database.db, {
      userId: undefined,
      tokenId: undefined,
      organisationId: undefined,
      partnershipAreaId: area.id,
      roles: ['partnership_lead'],
      ip: '127.0.0.1',
      requestId: 'test',
    });
    const organisations = await repository.organisations();

    const users = new Map(organisations.map((o) => [o.id, o.activeUsers]));
    expect(users.get(busy.id)).toBe(2);
    expect(users.get(quiet.id)).toBe(1);
    expect(organisations).toHaveLength(2);
  });
});
