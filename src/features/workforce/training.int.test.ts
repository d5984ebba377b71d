import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { auditEvent, workerTraining } from '../../db/schema.ts';
import { createArea, createOrganisation, createUser } from '../../testing/fixtures.ts';
import { TestBrowser, testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { addDays } from '../plan/planSchedule.ts';
import { dateFields } from '../programmes/programmeTesting.ts';
import { TrainingRepository } from './trainingRepository.ts';

describe('workers’ training', () => {
  let database: Database;
  let app: Awaited<ReturnType<typeof testApp>>;
  const today = todayInUk(new Date());
  let s: Awaited<ReturnType<typeof scenario>>;

  async function scenario() {
    const db = database.db;
    const area = await createArea(db);
    const home = await createOrganisation(db, area.id);
    const other = await createOrganisation(db, area.id);
    const lead = await createUser(db, home.id, ['team_lead']);
    const worker = await createUser(db, home.id, ['practitioner']);
    const colleague = await createUser(db, home.id, ['volunteer']);
    const admin = await createUser(db, home.id, ['org_admin']);
    const otherLead = await createUser(db, other.id, ['team_lead']);
    const signIn = async (email: string) => {
      const browser = new TestBrowser(app);
      await browser.signIn(email);
      return browser;
    };
    return {
      home,
      lead,
      worker,
      colleague,
      admin,
      otherLead,
      asLead: await signIn(lead.email),
      asWorker: await signIn(worker.email),
      asOtherLead: await signIn(otherLead.email),
      asAdmin: await signIn(admin.email),
    };
  }

  beforeAll(async () => {
    database = await testDatabase();
    app = await testApp(database);
    s = await scenario();
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  /** Home's training records: on PostgreSQL the database is shared with other test files. */
  const records = (topic?: 'family_inclusive_practice') =>
    database.db
      .select()
      .from(workerTraining)
      .where(
        and(
          eq(workerTraining.organisationId, s.home.id),
          topic ? eq(workerTraining.topic, topic) : undefined,
        ),
      );
  const workerUrl = (id: string) => `/practice/training/workers/${id}`;
  const events = (action: string, recordId?: string) =>
    database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, action), recordId ? eq(auditEvent.recordId, recordId) : undefined));

  it('lets a team lead record a worker’s training, with an error by each wrong field and nothing saved', async () => {
    await s.asLead.get(`${workerUrl(s.worker.id)}/new`);
    const bad = await s.asLead.post(`${workerUrl(s.worker.id)}/new`, {
      topic: 'trauma_practice',
      course: '',
      provider: '',
      ...dateFields('completedOn', addDays(today, 3)),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('There is a problem');
    expect(bad.body).toContain('href="#traumaLevel"');
    expect(bad.body).toContain('Choose the level of trauma training');
    expect(bad.body).toContain('Enter the name of the course');
    expect(bad.body).toContain('The date they finished must be today or in the past');
    expect(await records()).toHaveLength(0);

    const saved = await s.asLead.post(`${workerUrl(s.worker.id)}/new`, {
      topic: 'family_inclusive_practice',
      course: 'Family Inclusive Practice <foundation>',
      provider: 'Scottish Families Affected by Alcohol and Drugs',
      ...dateFields('completedOn', addDays(today, -30)),
      ...dateFields('renewBy', addDays(today, 40)),
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`${workerUrl(s.worker.id)}?recorded=1`);
    await s.asLead.post(`${workerUrl(s.worker.id)}/new`, {
      topic: 'trauma_practice',
      traumaLevel: 'skilled',
      course: 'Trauma Skilled Practice',
      provider: '',
      ...dateFields('completedOn', addDays(today, -10)),
    });
    const [row] = await records('family_inclusive_practice');
    expect(row).toMatchObject({ userId: s.worker.id, organisationId: s.home.id, recordedBy: s.lead.id });
    expect(await events('training.record', row?.id)).toHaveLength(1);

    const page = await s.asLead.get(`${workerUrl(s.worker.id)}?recorded=1`);
    expect(page.body).toContain('Training recorded.');
    expect(page.body).toContain('Family Inclusive Practice &lt;foundation&gt;');
    expect(page.body).toContain('Trauma skilled');
    expect(page.body).toContain('Refresh by');
  });

  it('lists the team for the lead, each worker in brief, and audits the read', async () => {
    const list = await s.asLead.get('/practice/training');
    expect(list.statusCode).toBe(200);
    for (const name of [s.lead.displayName, s.worker.displayName, s.colleague.displayName])
      expect(list.body).toContain(name);
    expect(list.body).not.toContain(s.admin.displayName);
    expect(list.body).toContain('1 of 3 workers have family-inclusive practice');
    expect((await events('training.list')).some((e) => e.actorUserId === s.lead.id)).toBe(true);
  });

  it('shows a worker their own training only, and never lets them record it', async () => {
    const own = await s.asWorker.get('/practice/training');
    expect(own.statusCode).toBe(303);
    expect(own.headers.location).toBe(workerUrl(s.worker.id));
    const page = await s.asWorker.get(workerUrl(s.worker.id));
    expect(page.body).toContain('Your training');
    expect(page.body).not.toContain('Record training');
    expect(page.body).not.toContain('Withdraw');
    expect((await s.asWorker.get(workerUrl(s.colleague.id))).statusCode).toBe(404);
    expect((await s.asWorker.get(`${workerUrl(s.worker.id)}/new`)).statusCode).toBe(403);
    const denied = await events('training.read', s.colleague.id);
    expect(denied.map((e) => [e.outcome, e.actorUserId])).toContainEqual(['denied', s.worker.id]);
    // The repository refuses on its own too, whatever the page asked.
    const asWorker = new TrainingRepository(database.db, {
      userId: s.worker.id,
      tokenId: undefined,
      organisationId: s.home.id,
      partnershipAreaId: undefined,
      roles: ['practitioner'],
      ip: '127.0.0.1',
      requestId: 'training-test',
    });
    expect(await asWorker.records(s.colleague.id)).toEqual([]);
    expect(
      (await events('training.read', s.colleague.id)).filter((e) => e.requestId === 'training-test'),
    ).toEqual([expect.objectContaining({ outcome: 'denied' })]);
  });

  it('refuses a lead of another organisation, and audits the refusal', async () => {
    expect((await s.asOtherLead.get(workerUrl(s.worker.id))).statusCode).toBe(404);
    await s.asOtherLead.get('/practice/training');
    const post = await s.asOtherLead.post(`${workerUrl(s.worker.id)}/new`, {
      topic: 'other',
      course: 'Kinship care',
      ...dateFields('completedOn', today),
    });
    expect(post.statusCode).toBe(404);
    const [record] = await records();
    const withdraw = `/practice/training/records/${record?.id}/withdraw`;
    expect((await s.asOtherLead.get(withdraw)).statusCode).toBe(404);
    const denied = await events('training.read');
    expect(denied.filter((e) => e.outcome === 'denied' && e.actorUserId === s.otherLead.id)).toHaveLength(3);
    expect(await records()).toHaveLength(2);
    // An organisation admin who is not a practice worker is not given the pages.
    expect((await s.asAdmin.get('/practice/training')).statusCode).toBe(403);
  });

  it('withdraws a record made in error, with its reason; it stops counting and stays in the history', async () => {
    const [record] = await records('family_inclusive_practice');
    const url = `/practice/training/records/${record?.id}/withdraw`;
    await s.asLead.get(url);
    const empty = await s.asLead.post(url, { reason: ' ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Enter why this record is being withdrawn');
    const done = await s.asLead.post(url, { reason: 'Recorded for the wrong worker' });
    expect(done.statusCode).toBe(303);
    const again = await s.asLead.post(url, { reason: 'Twice' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('already been withdrawn');
    const [after] = await database.db
      .select()
      .from(workerTraining)
      .where(eq(workerTraining.id, record?.id ?? ''));
    expect(after).toMatchObject({ withdrawnBy: s.lead.id, withdrawnReason: 'Recorded for the wrong worker' });
    expect(await events('training.withdraw', record?.id)).toHaveLength(1);
    const page = await s.asLead.get(workerUrl(s.worker.id));
    expect(page.body).toContain('Withdrawn records');
    expect(page.body).toContain('Recorded for the wrong worker');
    const list = await s.asLead.get('/practice/training');
    expect(list.body).toContain('0 of 3 workers have family-inclusive practice');
  });

  it('counts a lapsed topic as out of date until it is refreshed', async () => {
    const url = `${workerUrl(s.colleague.id)}/new`;
    const fields = {
      topic: 'whole_family_approach',
      course: 'Whole Family Approach',
      provider: '',
    };
    await s.asLead.get(url);
    await s.asLead.post(url, {
      ...fields,
      ...dateFields('completedOn', addDays(today, -400)),
      ...dateFields('renewBy', addDays(today, -10)),
    });
    const lapsed = await s.asLead.get('/practice/training');
    expect(lapsed.body).toContain('1 out of date');
    expect(lapsed.body).toContain('0 of 3 workers have family-inclusive practice');
    await s.asLead.post(url, { ...fields, ...dateFields('completedOn', today) });
    const refreshed = await s.asLead.get('/practice/training');
    expect(refreshed.body).not.toContain('out of date');
    expect(refreshed.body).toContain('1 of 3 workers have family-inclusive practice');
  });
});
