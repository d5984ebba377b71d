import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { auditEvent, planAction, planGoal, recordChange } from '../../db/schema.ts';
import { testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { tokenFor } from '../consent/consentTeamTesting.ts';
import { planScenario } from './planTesting.ts';

describe('family plan access, confidentiality and editing at once', () => {
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

  it('answers 404 to an organisation not on the team, on every page and the API, and audits the refusal', async () => {
    const s = await planScenario(database, app);
    await s.addGoal(s.asHome, { familyWords: 'Get the house back in order' });
    const [goal] = await database.db.select().from(planGoal).where(eq(planGoal.familyId, s.family.id));
    for (const path of [
      '',
      '/print',
      '/agree',
      '/goals/new',
      `/goals/${goal?.id}/edit`,
      '/actions/new',
      '/reviews/new',
    ]) {
      const response = await s.asOutsider.get(`${s.planUrl}${path}`);
      expect(response.statusCode, path).toBe(404);
      expect(response.body).not.toContain('Get the house back in order');
    }
    await s.asOutsider.get('/');
    const post = await s.asOutsider.post(`${s.planUrl}/goals/new`, { familyWords: 'Sneaked in' });
    expect(post.statusCode).toBe(404);
    expect(await database.db.select().from(planGoal).where(eq(planGoal.familyId, s.family.id))).toHaveLength(
      1,
    );
    const denied = await database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.actorUserId, s.outsiderWorker.id), eq(auditEvent.outcome, 'denied')));
    expect(denied.length).toBeGreaterThanOrEqual(7);

    const api = await app.inject({
      method: 'GET',
      url: `/api/v1/families/${s.family.id}/plan`,
      headers: await tokenFor(database, s.outsider),
    });
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toContain('application/problem+json');
    const allowed = await app.inject({
      method: 'GET',
      url: `/api/v1/families/${s.family.id}/plan`,
      headers: await tokenFor(database, s.partner),
    });
    expect(allowed.statusCode).toBe(200);
    expect(allowed.json().goals.map((g: { familyWords: string }) => g.familyWords)).toEqual([
      'Get the house back in order',
    ]);
  });

  it('keeps a member’s own goals and actions from other organisations while their support is confidential', async () => {
    const s = await planScenario(database, app);
    await s.addGoal(s.asHome, { familyWords: 'Family goal everyone sees' });
    await s.addGoal(s.asHome, { personId: s.agnes.id, familyWords: 'Agnes private goal' });
    await s.asHome.get(`${s.planUrl}/actions/new`);
    const added = await s.asHome.post(`${s.planUrl}/actions/new`, {
      what: 'Agnes to phone the carers centre',
      goalId: '',
      owner: `member:${s.agnes.id}`,
      'dueOn-day': '1',
      'dueOn-month': '6',
      'dueOn-year': '2030',
      status: 'not_started',
    });
    expect(added.statusCode).toBe(303);
    await s.agnesConfidential();

    const partnerPage = await s.asPartner.get(s.planUrl);
    expect(partnerPage.statusCode).toBe(200);
    expect(partnerPage.body).toContain('Family goal everyone sees');
    expect(partnerPage.body).not.toContain('Agnes private goal');
    expect(partnerPage.body).not.toContain('Agnes to phone the carers centre');
    const partnerPrint = await s.asPartner.get(`${s.planUrl}/print`);
    expect(partnerPrint.body).not.toContain('Agnes private goal');

    const homePage = await s.asHome.get(s.planUrl);
    expect(homePage.body).toContain('Agnes private goal');
    expect(homePage.body).toContain('Agnes to phone the carers centre');
    // The family's copy leaves a confidential member's goals out, except on her own copy.
    const familyCopy = await s.asHome.get(`${s.planUrl}/print`);
    expect(familyCopy.body).toContain('Family goal everyone sees');
    expect(familyCopy.body).not.toContain('Agnes private goal');
    const agnesCopy = await s.asHome.get(`${s.planUrl}/print?for=${s.agnes.id}`);
    expect(agnesCopy.body).toContain('Agnes private goal');
    expect(agnesCopy.body).toContain('Agnes to phone the carers centre');

    const [hidden] = await database.db
      .select()
      .from(planGoal)
      .where(eq(planGoal.familyWords, 'Agnes private goal'));
    const edit = await s.asPartner.get(`${s.planUrl}/goals/${hidden?.id}/edit`);
    expect(edit.statusCode).toBe(404);
  });

  it('tells the second of two workers saving the same goal exactly what changed, and loses nothing', async () => {
    const s = await planScenario(database, app);
    await s.addGoal(s.asHome, {
      familyWords: 'Talk to each other without shouting',
      workerWords: 'Communication',
    });
    const [goal] = await database.db.select().from(planGoal).where(eq(planGoal.familyId, s.family.id));
    const editUrl = `${s.planUrl}/goals/${goal?.id}/edit`;
    // Both open the form at the same version.
    const homeForm = await s.asHome.get(editUrl);
    const partnerForm = await s.asPartner.get(editUrl);
    expect(homeForm.body).toContain('name="version" value="1"');
    expect(partnerForm.body).toContain('name="version" value="1"');
    const base = {
      version: '1',
      'base-familyWords': 'Talk to each other without shouting',
      'base-workerWords': 'Communication',
      'base-status': 'open',
    };

    const first = await s.asHome.post(editUrl, {
      ...base,
      familyWords: 'Talk to each other without shouting',
      workerWords: 'Calmer communication',
      status: 'open',
    });
    expect(first.statusCode).toBe(303);
    const second = await s.asPartner.post(editUrl, {
      ...base,
      familyWords: 'Talk without shouting, even when tired',
      workerWords: 'Communication',
      status: 'open',
    });
    expect(second.statusCode).toBe(409);
    expect(second.body).toContain('Someone else saved a change while you were editing');
    expect(second.body).toMatch(
      /The worker’s wording<\/th>\s*<td class="govuk-table__cell">Calmer communication<\/td>\s*<td class="govuk-table__cell">Communication<\/td>/,
    );
    expect(second.body).toContain('Their change (you did not change this)');
    expect(second.body).toContain('Your change (they did not change this)');
    // The form keeps the partner's words and the home worker's change, at the new version.
    expect(second.body).toContain('Talk without shouting, even when tired</textarea>');
    expect(second.body).toContain('Calmer communication</textarea>');
    expect(second.body).toContain('name="version" value="2"');
    const [unchanged] = await database.db
      .select()
      .from(planGoal)
      .where(eq(planGoal.id, goal?.id as string));
    expect(unchanged).toMatchObject({
      familyWords: 'Talk to each other without shouting',
      workerWords: 'Calmer communication',
      version: 2,
    });

    const again = await s.asPartner.post(editUrl, {
      version: '2',
      'base-familyWords': 'Talk to each other without shouting',
      'base-workerWords': 'Calmer communication',
      'base-status': 'open',
      familyWords: 'Talk without shouting, even when tired',
      workerWords: 'Calmer communication',
      status: 'open',
    });
    expect(again.statusCode).toBe(303);
    const [saved] = await database.db
      .select()
      .from(planGoal)
      .where(eq(planGoal.id, goal?.id as string));
    expect(saved).toMatchObject({
      familyWords: 'Talk without shouting, even when tired',
      workerWords: 'Calmer communication',
      version: 3,
    });
    const history = await database.db
      .select()
      .from(recordChange)
      .where(eq(recordChange.recordId, goal?.id as string));
    expect(history.map((h) => h.action).sort()).toEqual(['amended', 'amended', 'created']);
  });

  it('detects two saves of the same action, with its date and owner', async () => {
    const s = await planScenario(database, app);
    await s.asHome.get(`${s.planUrl}/actions/new`);
    await s.asHome.post(`${s.planUrl}/actions/new`, {
      what: 'Book the family into the summer trip',
      owner: `worker:${s.homeWorker.id}`,
      'dueOn-day': '10',
      'dueOn-month': '7',
      'dueOn-year': '2030',
      status: 'not_started',
    });
    const [action] = await database.db.select().from(planAction).where(eq(planAction.familyId, s.family.id));
    const editUrl = `${s.planUrl}/actions/${action?.id}/edit`;
    const form = (await s.asPartner.get(editUrl)).body;
    expect(form).toContain(`base-owner" value="worker:${s.homeWorker.id}"`);
    const base = {
      version: '1',
      'base-what': 'Book the family into the summer trip',
      'base-goalId': '',
      'base-owner': `worker:${s.homeWorker.id}`,
      'base-dueOn': '2030-07-10',
      'base-status': 'not_started',
    };
    await s.asHome.get(editUrl);
    const first = await s.asHome.post(editUrl, {
      ...base,
      what: 'Book the family into the summer trip',
      owner: `worker:${s.homeWorker.id}`,
      'dueOn-day': '10',
      'dueOn-month': '7',
      'dueOn-year': '2030',
      status: 'done',
    });
    expect(first.statusCode).toBe(303);
    const second = await s.asPartner.post(editUrl, {
      ...base,
      what: 'Book the family into the summer trip',
      owner: `worker:${s.homeWorker.id}`,
      'dueOn-day': '17',
      'dueOn-month': '7',
      'dueOn-year': '2030',
      status: 'not_started',
    });
    expect(second.statusCode).toBe(409);
    expect(second.body).toContain('By when');
    expect(second.body).toContain('17 Jul 2030');
    expect(second.body).toMatch(/name="dueOn-day" type="text" value="17"|value="17"/);
    expect(second.body).toMatch(/value="done" checked/);
    const [stored] = await database.db
      .select()
      .from(planAction)
      .where(eq(planAction.id, action?.id as string));
    expect(stored).toMatchObject({ status: 'done', dueOn: '2030-07-10', version: 2 });
  });
});
