import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { auditEvent, familyPlan, memberSupport, planAction, teamWorker } from '../../db/schema.ts';
import { createUser } from '../../testing/fixtures.ts';
import { TestBrowser, testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { accessOf, teamScenario } from '../consent/consentTeamTesting.ts';
import { findOverdue } from './overdueRepository.ts';
import { addDays } from './planSchedule.ts';

describe('overdue plan actions and reviews', () => {
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

  async function setUp() {
    const s = await teamScenario(database);
    const db = database.db;
    const today = todayInUk(new Date());
    const partnerLead = await createUser(db, s.partner.id, ['team_lead']);
    const [plan] = await db
      .insert(familyPlan)
      .values({ familyId: s.family.id, agreedOn: addDays(today, -100), nextReviewOn: addDays(today, -16) })
      .returning();
    const planId = plan?.id as string;
    const action = (what: string, values: Partial<typeof planAction.$inferInsert>) => ({
      planId,
      familyId: s.family.id,
      what,
      ownerKind: 'worker' as const,
      ownerUserId: s.homeWorker.id,
      dueOn: addDays(today, -3),
      ...values,
    });
    await db.insert(planAction).values([
      action('Home worker: phone the school', {}),
      action('Home worker: already done', { status: 'done' }),
      action('Home worker: not due yet', { dueOn: addDays(today, 5) }),
      action('Partner worker: book the housing visit', {
        ownerUserId: s.partnerWorker.id,
        dueOn: addDays(today, -1),
      }),
      action('Agnes: go to the carers group', {
        ownerKind: 'member',
        ownerUserId: null,
        ownerPersonId: s.agnes.id,
        dueOn: addDays(today, -2),
      }),
    ]);
    await db.insert(teamWorker).values({
      familyId: s.family.id,
      organisationId: s.home.id,
      userId: s.homeWorker.id,
      role: 'Family support worker',
    });
    return { ...s, partnerLead, today };
  }

  const whats = (items: { what: string | null; kind: string }[]) =>
    items.map((i) => (i.kind === 'review' ? 'review' : i.what)).sort();

  it('lists a worker’s own overdue actions and the overdue reviews of families they work with, on the home page', async () => {
    const s = await setUp();
    const items = await findOverdue(database.db, accessOf(s.homeWorker, s.area.id), s.today);
    expect(whats(items)).toEqual(['Home worker: phone the school', 'review']);
    expect(items.find((i) => i.kind === 'review')?.dueOn).toBe(addDays(s.today, -16));

    const partnerItems = await findOverdue(database.db, accessOf(s.partnerWorker, s.area.id), s.today);
    expect(whats(partnerItems)).toEqual(['Partner worker: book the housing visit']);

    const browser = new TestBrowser(app);
    await browser.signIn(s.homeWorker.email);
    const home = await browser.get('/');
    expect(home.body).toContain('<h2 class="govuk-heading-m" id="overdue">Overdue</h2>');
    expect(home.body).toContain('Home worker: phone the school');
    expect(home.body).toContain('2 weeks overdue');
    expect(home.body).not.toContain('already done');
    const audit = await database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.actorUserId, s.homeWorker.id), eq(auditEvent.action, 'plan.overdue.read')));
    expect(audit.map((a) => a.detail)).toContainEqual({ shown: 2, families: [s.family.id] });
  });

  it('gives a team lead every overdue item of their organisation’s families, within the confidentiality rule', async () => {
    const s = await setUp();
    const homeLead = await findOverdue(database.db, accessOf(s.homeLead, s.area.id, ['team_lead']), s.today);
    expect(whats(homeLead)).toEqual([
      'Agnes: go to the carers group',
      'Home worker: phone the school',
      'Partner worker: book the housing visit',
      'review',
    ]);
    expect(homeLead.find((i) => i.what?.startsWith('Partner'))?.owner).toBe(s.partnerWorker.displayName);

    await database.db
      .update(memberSupport)
      .set({ confidential: true })
      .where(and(eq(memberSupport.familyId, s.family.id), eq(memberSupport.personId, s.agnes.id)));
    const partnerLead = await findOverdue(
      database.db,
      accessOf(s.partnerLead, s.area.id, ['team_lead']),
      s.today,
    );
    expect(whats(partnerLead)).not.toContain('Agnes: go to the carers group');
    expect(whats(partnerLead)).toContain('Partner worker: book the housing visit');

    const outsider = await findOverdue(
      database.db,
      accessOf(s.outsiderLead, s.area.id, ['team_lead']),
      s.today,
    );
    expect(outsider).toEqual([]);
  });
});
