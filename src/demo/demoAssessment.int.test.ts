import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, queryRows } from '../db/client.ts';
import { appUser } from '../db/schema.ts';
import { readAssessment } from '../features/assessment/assessmentView.ts';
import { openConcernsForOverview } from '../features/assessment/concernRepository.ts';
import type { AccessContext } from '../platform/access/accessContext.ts';
import { demoDatabase } from '../testing/demoDatabase.ts';

describe('the demo assessments', () => {
  let handle: { database: Database };
  beforeAll(async () => {
    handle = { database: await demoDatabase() };
  }, 120_000);
  afterAll(async () => {
    await handle.database.close();
  });

  async function accessOf(email: string): Promise<AccessContext> {
    const [user] = await handle.database.db.select().from(appUser).where(eq(appUser.email, email));
    if (!user) throw new Error(`no demo user ${email}`);
    return {
      userId: user.id,
      tokenId: undefined,
      organisationId: user.organisationId,
      partnershipAreaId: undefined,
      roles: user.roles,
      ip: '127.0.0.1',
      requestId: 'test',
    };
  }

  async function familyId(reference: string): Promise<string> {
    const [row] = await queryRows<{ id: string }>(
      handle.database.db,
      sql`select id from family where reference = ${reference}`,
    );
    return row?.id as string;
  }

  it('has a completed assessment with a superseded version, two organisations side by side and a child’s own words', async () => {
    const morven = await accessOf('morven.blair@carse-family-support.example');
    const read = await readAssessment(handle.database.db, morven, await familyId('GC-0002'));
    expect(read?.versions.map((v) => [v.edition, v.status])).toEqual([
      [2, 'completed'],
      [1, 'superseded'],
    ]);
    expect(new Set(read?.contributions.map((c) => c.organisationName)).size).toBe(2);
    expect(read?.contributions.some((c) => c.answers.ownViews?.startsWith('I like going to my gran’s'))).toBe(
      true,
    );
    expect(read?.carerOffers.map((o) => o.outcome)).toEqual(['accepted', 'offered']);
  });

  it('shows an open concern on the overview and keeps one draft in progress', async () => {
    const morven = await accessOf('morven.blair@carse-family-support.example');
    const concerns = await openConcernsForOverview(handle.database.db, morven, await familyId('GC-0002'));
    expect(concerns).toEqual([expect.objectContaining({ kindName: 'Child protection' })]);
    const draft = await readAssessment(handle.database.db, morven, await familyId('GC-0022'));
    expect(draft?.shown?.status).toBe('draft');
    expect(draft?.carerOffers.map((o) => o.kind)).toEqual(['young_carer_statement']);
  });

  it('keeps a confidential member’s section and concern from other organisations', async () => {
    const morven = await accessOf('morven.blair@carse-family-support.example');
    const lorna = await accessOf('lorna.paterson@safe-harbour.example');
    const id = await familyId('GC-0010');
    const theirs = await readAssessment(handle.database.db, lorna, id);
    const ours = await readAssessment(handle.database.db, morven, id);
    expect((theirs?.sections.length ?? 0) - (ours?.sections.length ?? 0)).toBe(1);
    expect(await openConcernsForOverview(handle.database.db, lorna, id)).toHaveLength(1);
    expect(await openConcernsForOverview(handle.database.db, morven, id)).toEqual([]);
  });
});
