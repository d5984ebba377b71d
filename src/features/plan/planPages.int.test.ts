import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import {
  auditEvent,
  chronologyEntry,
  familyPlan,
  planGoal,
  planProgress,
  planReview,
  recordChange,
} from '../../db/schema.ts';
import { testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { addDays, addWeeks } from './planSchedule.ts';
import { planScenario } from './planTesting.ts';

function dateFields(prefix: string, iso: string): Record<string, string> {
  const [year, month, day] = iso.split('-') as [string, string, string];
  return {
    [`${prefix}-day`]: String(Number(day)),
    [`${prefix}-month`]: String(Number(month)),
    [`${prefix}-year`]: year,
  };
}

describe('family plan pages', () => {
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

  it('agrees a plan with goals in the family’s words, holds reviews and charts progress', async () => {
    const s = await planScenario(database, app);
    const empty = await s.asHome.get(s.planUrl);
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('Not agreed with the family yet');

    await s.addGoal(s.asHome, {
      familyWords: 'We want Sunday dinners together again',
      workerWords: 'Shared family time',
    });
    await s.addGoal(s.asHome, {
      personId: s.agnes.id,
      familyWords: 'I want a night out with my pals once a month',
    });
    await s.addGoal(s.asHome, {
      personId: s.callum.id,
      familyWords: 'Stay off the drink for my wee girl’s birthday',
    });

    const today = todayInUk(new Date());
    const agreedOn = addWeeks(today, -8);
    await s.asHome.get(`${s.planUrl}/agree`);
    const agreed = await s.asHome.post(`${s.planUrl}/agree`, {
      agreedWith: [s.agnes.id, s.callum.id],
      ...dateFields('agreedOn', agreedOn),
      reviewEveryWeeks: '4',
    });
    expect(agreed.statusCode).toBe(303);
    const [plan] = await database.db.select().from(familyPlan).where(eq(familyPlan.familyId, s.family.id));
    expect(plan).toMatchObject({ agreedOn, nextReviewOn: addWeeks(agreedOn, 4), reviewEveryWeeks: 4 });

    const goals = await database.db.select().from(planGoal).where(eq(planGoal.familyId, s.family.id));
    const review = async (heldOn: string, scores: number[]) => {
      await s.asHome.get(`${s.planUrl}/reviews/new`);
      const form: Record<string, string> = {
        ...dateFields('heldOn', heldOn),
        ...dateFields('nextReviewOn', addWeeks(heldOn, 4)),
        decisions: 'Keep going',
      };
      goals.forEach((g, i) => {
        form[`score-${g.id}`] = String(scores[i]);
        form[`comment-${g.id}`] = `Comment ${i}`;
      });
      const response = await s.asHome.post(`${s.planUrl}/reviews/new`, form);
      expect(response.statusCode, response.body.slice(0, 1500)).toBe(303);
    };
    await review(addWeeks(agreedOn, 4), [2, 3, 1]);
    await review(addWeeks(agreedOn, 8), [6, 5, 4]);

    const page = await s.asHome.get(s.planUrl);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('We want Sunday dinners together again');
    expect(page.body).toContain('Shared family time');
    expect(page.body).toContain('Agnes Testfamily’s own goals');
    expect(page.body).toMatch(/<svg class="hearth-progress-chart" role="img"/);
    expect(page.body).toContain('<polyline points="30,');
    expect(page.body).toContain('From 2 out of 10');
    const reviews = await database.db.select().from(planReview).where(eq(planReview.familyId, s.family.id));
    expect(reviews).toHaveLength(2);
    const progress = await database.db
      .select()
      .from(planProgress)
      .where(eq(planProgress.familyId, s.family.id));
    expect(progress.map((p) => p.score).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    const chronology = await database.db
      .select()
      .from(chronologyEntry)
      .where(eq(chronologyEntry.familyId, s.family.id));
    expect(chronology.map((c) => c.what)).toContain(
      'The family plan was agreed with the family (2 members took part).',
    );
    const history = await database.db
      .select()
      .from(recordChange)
      .where(eq(recordChange.familyId, s.family.id));
    expect(history.filter((h) => h.recordType === 'plan_goal')).toHaveLength(3);
    const reads = await database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.familyId, s.family.id), eq(auditEvent.action, 'plan.read')));
    expect(reads.length).toBeGreaterThan(0);

    // What the family wrote is shown as text, never as markup.
    await s.addGoal(s.asHome, { familyWords: 'No more <script>alert(1)</script> & shouting' });
    const escaped = await s.asHome.get(s.planUrl);
    expect(escaped.body).toContain('“No more &lt;script&gt;alert(1)&lt;/script&gt; &amp; shouting”');
    expect(escaped.body).not.toContain('<script>alert(1)');
  });

  it('refuses bad input with an error summary and saves nothing', async () => {
    const s = await planScenario(database, app);
    await s.asHome.get(`${s.planUrl}/goals/new`);
    const emptyGoal = await s.asHome.post(`${s.planUrl}/goals/new`, {
      personId: '',
      familyWords: '   ',
      workerWords: '',
    });
    expect(emptyGoal.statusCode).toBe(400);
    expect(emptyGoal.body).toContain('govuk-error-summary');
    expect(emptyGoal.body).toContain('href="#familyWords">Enter the goal in the family’s own words');
    expect(await database.db.select().from(planGoal).where(eq(planGoal.familyId, s.family.id))).toEqual([]);

    await s.asHome.get(`${s.planUrl}/agree`);
    const impossible = await s.asHome.post(`${s.planUrl}/agree`, {
      agreedWith: s.agnes.id,
      'agreedOn-day': '31',
      'agreedOn-month': '2',
      'agreedOn-year': '2025',
      reviewEveryWeeks: '12',
    });
    expect(impossible.statusCode).toBe(400);
    expect(impossible.body).toContain('href="#agreedOn-day">The date must be a real date');
    expect(await database.db.select().from(familyPlan).where(eq(familyPlan.familyId, s.family.id))).toEqual(
      [],
    );

    await s.addGoal(s.asHome, { familyWords: 'Less shouting at home' });
    const today = todayInUk(new Date());
    await s.asHome.post(`${s.planUrl}/agree`, {
      agreedWith: s.agnes.id,
      ...dateFields('agreedOn', today),
      reviewEveryWeeks: '12',
    });
    const [goal] = await database.db.select().from(planGoal).where(eq(planGoal.familyId, s.family.id));
    await s.asHome.get(`${s.planUrl}/reviews/new`);
    const outOfRange = await s.asHome.post(`${s.planUrl}/reviews/new`, {
      ...dateFields('heldOn', today),
      ...dateFields('nextReviewOn', addDays(today, 30)),
      [`score-${goal?.id}`]: '11',
      decisions: '',
    });
    expect(outOfRange.statusCode).toBe(400);
    expect(outOfRange.body).toContain(
      `href="#score-${goal?.id}">Progress on goal 1 must be a whole number from 0 to 10`,
    );
    const future = await s.asHome.post(`${s.planUrl}/reviews/new`, {
      ...dateFields('heldOn', addDays(today, 3)),
      ...dateFields('nextReviewOn', addDays(today, 2)),
      [`score-${goal?.id}`]: '-1',
    });
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain('The date of the review must be today or in the past');
    expect(await database.db.select().from(planReview).where(eq(planReview.familyId, s.family.id))).toEqual(
      [],
    );
  });
});
