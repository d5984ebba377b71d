import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { planAction, planGoal, recordChange } from '../../db/schema.ts';
import { testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { tokenFor } from '../consent/consentTeamTesting.ts';
import { addDays } from './planSchedule.ts';
import { planScenario } from './planTesting.ts';

describe('changing plan goals and actions through the API', () => {
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
    const s = await planScenario(database, app);
    const home = await tokenFor(database, s.home);
    const partner = await tokenFor(database, s.partner);
    const outsider = await tokenFor(database, s.outsider);
    const base = `/api/v1/families/${s.family.id}/plan`;
    const created = await app.inject({
      method: 'POST',
      url: `${base}/goals`,
      headers: home,
      payload: { familyWords: 'Fewer arguments at teatime' },
    });
    expect(created.statusCode).toBe(201);
    const goalId = created.json().id as string;
    const action = await app.inject({
      method: 'POST',
      url: `${base}/actions`,
      headers: home,
      payload: {
        what: 'Ask about the family group',
        goalId,
        ownerKind: 'organisation',
        ownerId: s.home.id,
        dueOn: addDays(todayInUk(new Date()), 14),
      },
    });
    expect(action.statusCode).toBe(201);
    return { s, home, partner, outsider, base, goalId, actionId: action.json().id as string };
  }

  it('changes a goal at the version read, keeps its history, and answers a stale version with 409 and what is saved', async () => {
    const { home, partner, base, goalId } = await setUp();
    const put = (headers: Record<string, string>, payload: Record<string, unknown>) =>
      app.inject({ method: 'PUT', url: `${base}/goals/${goalId}`, headers, payload });
    const saved = await put(partner, {
      version: 1,
      familyWords: 'Teatimes without shouting',
      status: 'open',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toEqual({ id: goalId, version: 2 });
    const [row] = await database.db.select().from(planGoal).where(eq(planGoal.id, goalId));
    expect(row).toMatchObject({ familyWords: 'Teatimes without shouting', version: 2 });
    const history = await database.db
      .select()
      .from(recordChange)
      .where(and(eq(recordChange.recordId, goalId), eq(recordChange.action, 'amended')));
    expect(history[0]?.changes).toMatchObject({
      familyWords: { from: 'Fewer arguments at teatime', to: 'Teatimes without shouting' },
    });

    const stale = await put(home, { version: 1, familyWords: 'Something else', status: 'achieved' });
    expect(stale.statusCode).toBe(409);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    expect(stale.json()).toMatchObject({
      status: 409,
      currentVersion: 2,
      current: { familyWords: 'Teatimes without shouting', status: 'open' },
    });
    const [after] = await database.db.select().from(planGoal).where(eq(planGoal.id, goalId));
    expect(after?.familyWords).toBe('Teatimes without shouting');

    const blank = await put(home, { version: 2, familyWords: '  ', status: 'open' });
    expect(blank.statusCode).toBe(422);
    expect(blank.json().errors).toEqual([
      { pointer: '#/familyWords', detail: 'Enter the goal in the family’s own words' },
    ]);
    const badStatus = await put(home, { version: 2, familyWords: 'x', status: 'finished' });
    expect(badStatus.statusCode).toBe(400);
  });

  it('changes an action at the version read; a stale version is 409, an owner off the team 422', async () => {
    const { s, home, partner, base, actionId } = await setUp();
    const put = (headers: Record<string, string>, payload: Record<string, unknown>) =>
      app.inject({ method: 'PUT', url: `${base}/actions/${actionId}`, headers, payload });
    const change = {
      what: 'Ask about the family group on Thursdays',
      ownerKind: 'organisation',
      ownerId: s.partner.id,
      dueOn: addDays(todayInUk(new Date()), 21),
      status: 'in_progress',
    };
    const saved = await put(home, { version: 1, ...change });
    expect(saved.statusCode, saved.body).toBe(200);
    const [row] = await database.db.select().from(planAction).where(eq(planAction.id, actionId));
    expect(row).toMatchObject({ status: 'in_progress', ownerOrganisationId: s.partner.id, version: 2 });
    const stale = await put(partner, { version: 1, ...change, status: 'done' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ currentVersion: 2, current: { status: 'in_progress' } });
    const offTeam = await put(home, { version: 2, ...change, ownerId: s.outsider.id });
    expect(offTeam.statusCode).toBe(422);
    const noWhat = await put(home, { version: 2, ...change, what: '' });
    expect(noWhat.statusCode).toBe(422);
    expect(noWhat.json().errors[0].pointer).toBe('#/what');
    const [unchanged] = await database.db.select().from(planAction).where(eq(planAction.id, actionId));
    expect(unchanged?.version).toBe(2);
  });

  it('gives a token of an organisation off the family’s team 404 and changes nothing', async () => {
    const { outsider, base, goalId, actionId, s } = await setUp();
    const goal = await app.inject({
      method: 'PUT',
      url: `${base}/goals/${goalId}`,
      headers: outsider,
      payload: { version: 1, familyWords: 'Not theirs', status: 'open' },
    });
    expect(goal.statusCode).toBe(404);
    expect(goal.headers['content-type']).toContain('application/problem+json');
    const action = await app.inject({
      method: 'PUT',
      url: `${base}/actions/${actionId}`,
      headers: outsider,
      payload: {
        version: 1,
        what: 'Not theirs',
        ownerKind: 'organisation',
        ownerId: s.outsider.id,
        dueOn: todayInUk(new Date()),
        status: 'done',
      },
    });
    expect(action.statusCode).toBe(404);
    const [row] = await database.db.select().from(planGoal).where(eq(planGoal.id, goalId));
    expect(row?.version).toBe(1);
  });

  it('describes the 409 and 422 answers in the OpenAPI document', async () => {
    const spec = (await app.inject('/api/openapi.json')).json();
    for (const path of [
      '/api/v1/families/{familyId}/plan/goals/{goalId}',
      '/api/v1/families/{familyId}/plan/actions/{actionId}',
    ]) {
      const responses = spec.paths[path].put.responses;
      expect(Object.keys(responses)).toEqual(
        expect.arrayContaining(['200', '400', '401', '404', '409', '422']),
      );
      expect(responses['409'].content['application/problem+json'].schema.properties).toHaveProperty(
        'currentVersion',
      );
    }
    const contribution =
      spec.paths['/api/v1/families/{familyId}/assessment/sections/{sectionId}/contribution'].put.responses;
    expect(contribution).toHaveProperty('409');
    expect(
      spec.paths['/api/v1/families/{familyId}/assessment/concerns/{concernId}'].put.responses,
    ).toHaveProperty('409');
  });
});
