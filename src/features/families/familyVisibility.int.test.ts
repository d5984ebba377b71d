import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, queryRows } from '../../db/client.ts';
import { breakGlass, consent, familyTeamMember, memberSupport } from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { createFamily, createPractice } from '../../testing/fixtures.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { familyVisible, memberVisible, ownSupportVisible } from './familyVisibility.ts';

describe('the access rule for an organisation’s own member support', () => {
  let database: Database;
  beforeAll(async () => {
    database = await testDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it('gives the same answer as the family and member rules together, row by row', async () => {
    const db = database.db;
    const { area, org, user } = await createPractice(db);
    const access: AccessContext = {
      userId: user.id,
      tokenId: undefined,
      organisationId: org.id,
      partnershipAreaId: area.id,
      roles: ['practitioner'],
      ip: '127.0.0.1',
      requestId: 'test',
    };
    // On the team; on the team with consent withdrawn; left the team; left it, glass broken;
    // left it, glass broken but expired.
    const onTeam = await createFamily(db, area.id, [org.id]);
    const withdrawn = await createFamily(db, area.id, [org.id]);
    await db.update(consent).set({ status: 'withdrawn' }).where(eq(consent.familyId, withdrawn.id));
    const left = await createFamily(db, area.id, [org.id]);
    const glass = await createFamily(db, area.id, [org.id]);
    const expired = await createFamily(db, area.id, [org.id]);
    for (const f of [left, glass, expired])
      await db
        .update(familyTeamMember)
        .set({ leftOn: '2026-01-01' })
        .where(eq(familyTeamMember.familyId, f.id));
    const hour = 3_600_000;
    await db.insert(breakGlass).values([
      {
        familyId: glass.id,
        userId: user.id,
        organisationId: org.id,
        reason: 'Child at risk',
        expiresAt: new Date(Date.now() + hour),
      },
      {
        familyId: expired.id,
        userId: user.id,
        organisationId: org.id,
        reason: 'Child at risk',
        startedAt: new Date(Date.now() - 3 * hour),
        expiresAt: new Date(Date.now() - hour),
      },
    ]);
    const rows = await queryRows<{ familyId: string; full: boolean; own: boolean }>(
      db,
      sql`select s.family_id as "familyId",
          (${familyVisible(access, sql`s.family_id`)} and ${memberVisible(access, sql`s.family_id`, sql`s.person_id`)}) as full,
          ${ownSupportVisible(access, sql`s.family_id`)} as own
        from ${memberSupport} s where s.organisation_id = ${org.id}`,
    );
    expect(rows.length).toBe(10);
    for (const row of rows) expect(row.own, row.familyId).toBe(row.full);
    const seen = (id: string) => rows.filter((r) => r.familyId === id).every((r) => r.own);
    expect([onTeam, withdrawn, left, glass, expired].map((f) => seen(f.id))).toEqual([
      true,
      true,
      false,
      true,
      false,
    ]);
  });
});
