import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, queryRows } from '../db/client.ts';
import { ContactRepository } from '../features/contacts/contactRepository.ts';
import { loadFamilyOverview } from '../features/families/familyOverviewService.ts';
import type { AccessContext } from '../platform/access/accessContext.ts';
import { demoDatabase, demoToday } from '../testing/demoDatabase.ts';
import { demoContactFamilies } from './demoContacts.ts';

/** The demo's contacts, on a fresh in-memory database of its own. */
describe('the demo contacts', () => {
  let database: Database;
  const today = demoToday;
  beforeAll(async () => {
    database = await demoDatabase();
  }, 180_000);
  afterAll(async () => {
    await database.close();
  });

  async function accessOf(email: string): Promise<AccessContext> {
    const [user] = await queryRows<{ id: string; organisationId: string }>(
      database.db,
      sql`select id, organisation_id as "organisationId" from app_user where email = ${email}`,
    );
    return {
      userId: user?.id,
      tokenId: undefined,
      organisationId: user?.organisationId,
      partnershipAreaId: undefined,
      roles: ['practitioner'],
      ip: '127.0.0.1',
      requestId: 'demo-test',
    };
  }

  it('gives Morven Blair’s families months of contacts, with a missed one, a confidential one and significant ones', async () => {
    const families = await queryRows<{
      familyId: string;
      contacts: number;
      missed: number;
      confidential: number;
      significant: number;
      inChronology: number;
      oldestDays: number;
    }>(
      database.db,
      sql`select c.family_id as "familyId", count(*)::int as contacts,
          count(*) filter (where c.outcome = 'did_not_attend')::int as missed,
          count(*) filter (where c.confidential)::int as confidential,
          count(*) filter (where c.significant)::int as significant,
          count(e.id)::int as "inChronology",
          max(extract(day from ${today.toISOString()}::timestamptz - c.occurred_at))::int as "oldestDays"
        from contact c join app_user u on u.id = c.worker_id
        left join chronology_entry e on e.id = c.chronology_entry_id
        where u.email = 'morven.blair@carse-family-support.example'
          -- Programme sessions are the programmes demo's own (demoProgrammes.ts).
          and c.enrolment_id is null
        group by c.family_id`,
    );
    expect(families).toHaveLength(demoContactFamilies);
    expect(families.every((f) => f.contacts >= 4 && f.significant === f.inChronology)).toBe(true);
    expect(families.reduce((n, f) => n + f.confidential, 0)).toBe(1);
    expect(families.some((f) => f.missed > 0)).toBe(true);
    expect(families.some((f) => f.significant >= 2)).toBe(true);
    expect(Math.max(...families.map((f) => f.oldestDays))).toBeGreaterThan(90);
    const [future] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from contact where occurred_at > ${today.toISOString()}::timestamptz`,
    );
    expect(future?.n).toBe(0);
  });

  it('has one session recorded twice, its copy marked in error and hidden from Morven’s list unless asked', async () => {
    const morven = await accessOf('morven.blair@carse-family-support.example');
    const [copy] = await queryRows<{ familyId: string; id: string }>(
      database.db,
      sql`select family_id as "familyId", id from contact where in_error_at is not null`,
    );
    const contacts = new ContactRepository(database.db, morven);
    const familyId = copy?.familyId as string;
    expect((await contacts.list(familyId)).some((c) => c.id === copy?.id)).toBe(false);
    expect((await contacts.list(familyId, { inError: true })).some((c) => c.id === copy?.id)).toBe(true);
    expect(await contacts.countInError(familyId)).toBe(1);
  });

  it('shows Morven the last contact on the overview, and hides the confidential notes from the rest of the team', async () => {
    const morven = await accessOf('morven.blair@carse-family-support.example');
    const [confidential] = await queryRows<{ familyId: string; id: string }>(
      database.db,
      sql`select family_id as "familyId", id from contact where confidential`,
    );
    const familyId = confidential?.familyId as string;
    const overview = await loadFamilyOverview(database.db, morven, familyId, today);
    expect(overview.family.lastContactAt).not.toBeNull();
    const own = await new ContactRepository(database.db, morven).list(familyId);
    expect(own.find((c) => c.id === confidential?.id)?.notes).toContain('spoke privately');
    const [colleague] = await queryRows<{ email: string }>(
      database.db,
      sql`select u.email from app_user u join app_user m on m.organisation_id = u.organisation_id
        where m.email = 'morven.blair@carse-family-support.example' and u.id <> m.id
          and 'practitioner' = any (u.roles) and u.status = 'active' limit 1`,
    );
    const theirs = await new ContactRepository(database.db, await accessOf(colleague?.email as string)).list(
      familyId,
    );
    const seen = theirs.find((c) => c.id === confidential?.id);
    expect(seen).toMatchObject({ detailsVisible: false, notes: null, outcome: 'attended' });
  });

  it('keeps the Women’s Aid worker’s contact with a member in confidence to Women’s Aid', async () => {
    const [row] = await queryRows<{ familyId: string; id: string; organisationId: string }>(
      database.db,
      sql`select c.family_id as "familyId", c.id, c.organisation_id as "organisationId" from contact c
        join organisation o on o.id = c.organisation_id where o.name like 'Safe Harbour%'`,
    );
    expect(row).toBeDefined();
    const [other] = await queryRows<{ email: string }>(
      database.db,
      sql`select u.email from family_team_member t join app_user u on u.organisation_id = t.organisation_id
        where t.family_id = ${row?.familyId} and t.left_on is null and t.organisation_id <> ${row?.organisationId}
          and 'practitioner' = any (u.roles) and u.status = 'active' limit 1`,
    );
    const seen = await new ContactRepository(database.db, await accessOf(other?.email as string)).list(
      row?.familyId as string,
    );
    expect(seen.map((c) => c.id)).not.toContain(row?.id);
  });
});
