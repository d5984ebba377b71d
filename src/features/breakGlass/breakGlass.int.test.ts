import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { breakGlass, notice } from '../../db/schema.ts';
import { TestBrowser, testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { accessOf, auditActions, teamScenario } from '../consent/consentTeamTesting.ts';
import { BreakGlassRepository, breakGlassHours } from './breakGlassRepository.ts';

describe('break glass: emergency access for protection', () => {
  let database: Database;
  let app: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    database = await testDatabase();
    app = await testApp(database);
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  async function signedIn(email: string) {
    const browser = new TestBrowser(app);
    await browser.signIn(email);
    return browser;
  }

  const reason = 'School raised a concern about Callum’s safety at home tonight';

  it('opens a family the user could not see, for a limited time, audited with its reason, and tells the organisation’s lead', async () => {
    const s = await teamScenario(database);
    const outsider = await signedIn(s.outsiderWorker.email);
    expect((await outsider.get(`/practice/families/${s.family.id}`)).statusCode).toBe(404);

    const form = await outsider.get('/practice/break-glass');
    expect(form.body).toContain('Your request and your reason are recorded');
    const opened = await outsider.post('/practice/break-glass', {
      reference: s.family.reference.toLowerCase(),
      reason,
      confirm: 'yes',
    });
    expect(opened.statusCode).toBe(303);
    expect(opened.headers.location).toBe(`/practice/families/${s.family.id}`);

    const overview = await outsider.get(`/practice/families/${s.family.id}`);
    expect(overview.statusCode).toBe(200);
    expect(overview.body).toContain('Agnes');
    expect(overview.body).toContain('Callum');
    const team = await outsider.get(`/practice/families/${s.family.id}/team`);
    expect(team.body).toContain('You are viewing this family under emergency access until');

    const [row] = await database.db.select().from(breakGlass).where(eq(breakGlass.familyId, s.family.id));
    expect((row?.expiresAt.getTime() ?? 0) - (row?.startedAt.getTime() ?? 0)).toBe(
      breakGlassHours * 3_600_000,
    );
    const audit = await auditActions(database, s.family.id, s.outsiderWorker.id);
    expect(audit).toContainEqual(
      expect.objectContaining({ action: 'family.break_glass', outcome: 'success', reason }),
    );

    // The organisation's team lead sees the notice on their home page and marks it read.
    const lead = await signedIn(s.outsiderLead.email);
    const home = await lead.get('/');
    expect(home.body).toContain(`used emergency access to family ${s.family.reference}`);
    const [sent] = await database.db.select().from(notice).where(eq(notice.familyId, s.family.id));
    expect(sent).toMatchObject({
      organisationId: s.outsider.id,
      kind: 'break_glass',
      aboutUserId: s.outsiderWorker.id,
    });
    expect(sent?.message).not.toContain('Callum');
    const read = await lead.post(`/notices/${sent?.id}/read`, {});
    expect(read.statusCode).toBe(303);
    expect((await lead.get('/')).body).not.toContain(`used emergency access to family ${s.family.reference}`);
    // A practitioner of the organisation is not shown notices.
    expect((await outsider.get('/')).body).not.toContain('Notices for your organisation');
  });

  it('ends by itself: expired emergency access is not found again', async () => {
    const s = await teamScenario(database);
    const repo = new BreakGlassRepository(database.db, accessOf(s.outsiderWorker, s.area.id));
    const result = await repo.open(
      s.family.reference,
      reason,
      new Date(Date.now() - (breakGlassHours + 1) * 3_600_000),
    );
    expect(result.ok).toBe(true);
    expect(await repo.activeBreakGlass(s.family.id)).toBeUndefined();
    const outsider = await signedIn(s.outsiderWorker.email);
    expect((await outsider.get(`/practice/families/${s.family.id}`)).statusCode).toBe(404);
    const fresh = await repo.open(s.family.reference, reason);
    expect(fresh.ok).toBe(true);
    expect((await repo.activeBreakGlass(s.family.id))?.until).toMatch(/^\d\d:\d\d$/);
    expect((await outsider.get(`/practice/families/${s.family.id}`)).statusCode).toBe(200);
  });

  it('records an attempt on a reference that does not exist before saying so, and checks the reason', async () => {
    const s = await teamScenario(database);
    const outsider = await signedIn(s.outsiderWorker.email);
    await outsider.get('/practice/break-glass');
    const short = await outsider.post('/practice/break-glass', {
      reference: s.family.reference,
      reason: 'worried',
      confirm: 'yes',
    });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('Your reason must be at least');
    const unconfirmed = await outsider.post('/practice/break-glass', {
      reference: s.family.reference,
      reason,
    });
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.body).toContain('Confirm that you understand');
    const none = await database.db
      .select()
      .from(breakGlass)
      .where(eq(breakGlass.userId, s.outsiderWorker.id));
    expect(none).toHaveLength(0);

    const missing = await outsider.post('/practice/break-glass', {
      reference: 'NO-SUCH-REF',
      reason,
      confirm: 'yes',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('There is no family with this reference in your partnership area');
    const denied = await database.db.execute(
      sql`select reason, outcome from audit_event where actor_user_id = ${s.outsiderWorker.id} and action = 'family.break_glass'`,
    );
    const rows = (denied as unknown as { rows: { reason: string; outcome: string }[] }).rows;
    expect(rows).toEqual([{ reason, outcome: 'denied' }]);
  });

  it('does not open a family of another partnership area, and is for practitioners and team leads only', async () => {
    const s = await teamScenario(database);
    const other = await teamScenario(database);
    const repo = new BreakGlassRepository(database.db, accessOf(s.outsiderWorker, s.area.id));
    expect(await repo.open(other.family.reference, reason)).toEqual({ ok: false, reason: 'no_such_family' });
    const lead = await signedIn(s.outsiderLead.email);
    expect((await lead.get('/practice/break-glass')).statusCode).toBe(200);
  });
});
