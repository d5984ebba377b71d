import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { FamiliesPage, type FamilyRow } from './pages/familiesPage.ts';
import {
  ActionPage,
  AgreePage,
  GoalPage,
  homeOverdue,
  MeetingPage,
  MeetingsPage,
  PlanPage,
  PlanPrintPage,
  RecordMeetingPage,
  ReviewPage,
} from './pages/planPages.ts';
import { useBrowser } from './support/browser.ts';
import { demoAccounts } from './support/demoAccounts.ts';
import { signInAs } from './support/signIn.ts';

const morven = demoAccounts.practitioner;
const shots = '/tmp/helper_b-shots';
/** Each journey visits a dozen pages, each checked with axe. */
const journeyTimeout = 180_000;

function isoDaysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

/** The demo families on the practice list, with their ids. */
async function demoFamilies(page: Page): Promise<(FamilyRow & { id: string })[]> {
  await page.goto('/practice');
  const list = await FamiliesPage.verifyOnPage(page, 'family-plan');
  const rows = await list.demoRows();
  return Promise.all(
    rows.map(async (row) => ({
      ...row,
      id: ((await page.getByRole('link', { name: row.reference, exact: true }).getAttribute('href')) ?? '')
        .split('/')
        .pop() as string,
    })),
  );
}

/** The members of a family, as the agreement form lists them. */
async function memberNames(page: Page): Promise<string[]> {
  return (await page.locator('main .govuk-checkboxes__label').allTextContents()).map((t) => t.trim());
}

describe('the family plan', () => {
  const browser = useBrowser();

  it(
    'agrees a plan with three goals, holds reviews weeks apart and shows the progress on a chart',
    async () => {
      const page = await browser.newPage();
      const home = await signInAs(page, morven, 'family-plan');
      const overdue = await homeOverdue(home.page);
      expect(overdue.length).toBeGreaterThan(0);
      expect(overdue.map((o) => o.detail).join(' ')).toMatch(/overdue/);
      await shot(page, 'home-overdue');

      const families = await demoFamilies(page);
      let chosen: (FamilyRow & { id: string }) | undefined;
      // The demo agrees plans for a few families; find one without a plan, from the end of the list.
      for (const family of [...families].reverse()) {
        await page.goto(`/practice/families/${family.id}/plan`);
        if ((await page.locator('main .govuk-summary-card').count()) === 0) {
          chosen = family;
          break;
        }
      }
      if (!chosen) throw new Error('no demo family without a plan');
      let plan = await PlanPage.verifyOnPage(page, chosen.name, 'empty');
      expect(await plan.agreed()).toBeUndefined();

      const goals = [
        {
          whose: 'The whole family',
          words: 'We want to go to the beach at Ardmore together this summer',
          worker: 'Shared family time',
        },
      ];
      await plan.addGoal();
      let goal = await GoalPage.verifyOnPage(page, chosen.name, 'new');
      const members = (await page.getByLabel('Whose goal is it?').locator('option').allTextContents()).slice(
        1,
      );
      expect(members.length).toBeGreaterThan(0);
      goals.push({
        whose: members[0] as string,
        words: 'Have one evening a week that is just for me',
        worker: '',
      });
      goals.push({
        whose: (members[1] ?? members[0]) as string,
        words: 'Feel less worried when I come home from school',
        worker: '',
      });

      // An empty goal is refused with an error summary.
      await page.getByLabel('The goal, in the family’s own words').fill('   ');
      await page.getByRole('button', { name: 'Save goal' }).click();
      goal = await GoalPage.verifyOnPage(page, chosen.name, 'empty-error');
      expect((await goal.errorSummary()).errors.map((e) => e.text)).toEqual([
        'Enter the goal in the family’s own words',
      ]);

      for (const [i, g] of goals.entries()) {
        if (i > 0) {
          await plan.addGoal();
          goal = await GoalPage.verifyOnPage(page, chosen.name, `new-${i}`);
        }
        await goal.add(g.whose, g.words, g.worker);
        plan = await PlanPage.verifyOnPage(page, chosen.name, `goal-${i}`);
        expect(await plan.successMessage()).toBe('Goal saved');
      }
      expect((await plan.goals()).map((g) => g.familyWords)).toEqual(
        expect.arrayContaining(goals.map((g) => g.words)),
      );

      await plan.recordAgreement();
      const agree = await AgreePage.verifyOnPage(page, chosen.name, 'form');
      const agreeing = (await memberNames(page)).slice(0, 2);
      await agree.agree(agreeing, isoDaysAgo(42), 4);
      plan = await PlanPage.verifyOnPage(page, chosen.name, 'agreed');
      expect(await plan.agreed()).toContain(agreeing[0] as string);

      // A review a few weeks after the agreement, then one today.
      await plan.holdReview();
      let review = await ReviewPage.verifyOnPage(page, chosen.name, 'first');
      await review.review(isoDaysAgo(14), ['11', '2', '1'], '');
      review = await ReviewPage.verifyOnPage(page, chosen.name, 'out-of-range');
      expect((await review.errorSummary()).errors.map((e) => e.text)).toEqual([
        'Progress on goal 1 must be a whole number from 0 to 10',
      ]);
      await review.review(isoDaysAgo(14), ['2', '3', '1'], 'Keep going with the family sessions');
      plan = await PlanPage.verifyOnPage(page, chosen.name, 'reviewed-once');
      await plan.holdReview();
      review = await ReviewPage.verifyOnPage(page, chosen.name, 'second');
      await review.review(isoDaysAgo(0), ['6', '5', '4'], 'Beach trip booked for July');
      plan = await PlanPage.verifyOnPage(page, chosen.name, 'reviewed-twice');
      await shot(page, 'plan-reviewed-twice');

      const charted = await plan.goals();
      const beach = charted.find((g) => g.familyWords.startsWith('We want to go to the beach'));
      expect(beach?.progress.map((p) => p.score)).toEqual(['2', '6']);
      expect(beach?.chart).toMatch(/^From 2 out of 10 on .* to 6 out of 10 on .*, over 2 reviews\.$/);
      expect(beach?.points).toHaveLength(2);
      const [first, second] = (beach?.points ?? []).map((p) => p.split(',').map(Number)) as [
        number[],
        number[],
      ];
      expect(second[0]).toBeGreaterThan(first[0] as number);
      expect(second[1]).toBeLessThan(first[1] as number);

      await page.goto(`/practice/families/${chosen.id}/plan/print`);
      const print = await PlanPrintPage.verifyOnPage(page, chosen.name, 'family');
      const text = await print.text();
      expect(text).toContain('We want to go to the beach at Ardmore together this summer');
      expect(text).not.toContain('Shared family time');
      await shot(page, 'plan-print');
    },
    journeyTimeout,
  );

  it(
    'works with JavaScript off: adds an action to a demo plan and shows it overdue',
    async () => {
      const page = await browser.newPage({ javaScriptEnabled: false });
      const home = await signInAs(page, morven, 'family-plan-no-js');
      const [firstOverdue] = await homeOverdue(home.page);
      expect(firstOverdue).toBeDefined();
      await page.locator('main .hearth-overdue-list li a').first().click();
      await page.waitForLoadState('load');
      const familyId = page.url().split('/families/')[1]?.split('/')[0] as string;
      await page.goto(`/practice/families/${familyId}/plan`);
      const name = (await page.title()).replace(/^Family plan: /, '').replace(/ – Hearth$/, '');
      let plan = await PlanPage.verifyOnPage(page, name, 'no-js');
      expect((await plan.goals()).length).toBeGreaterThan(0);
      await plan.addAction();
      const action = await ActionPage.verifyOnPage(page, name, 'no-js');
      const who = (await page.getByLabel('Who will do it?').locator('option').allTextContents()).find((t) =>
        t.includes(morven.name),
      );
      await action.add('Check the youth club has a place on Thursdays', who as string, isoDaysAgo(3));
      plan = await PlanPage.verifyOnPage(page, name, 'no-js-action');
      expect(await plan.successMessage()).toBe('Action saved');
      const rows = await plan.actionRows();
      const added = rows.find((r) => r.includes('Check the youth club has a place on Thursdays'));
      expect(added).toContain('Overdue');
      await shot(page, 'plan-no-js');

      // A team meeting with the family there, recorded without JavaScript: its action joins the plan.
      const meetings = await MeetingsPage.goto(page, familyId, name, 'no-js');
      await meetings.recordMeeting();
      const record = await RecordMeetingPage.verifyOnPage(page, name, 'no-js');
      await record.record('How the first weeks of the plan went, and the school holidays.', {
        what: 'Ask the school about the breakfast club',
        who: who as string,
        dueOn: isoDaysAgo(-14),
      });
      const meeting = await MeetingPage.verifyOnPage(page, name, 'no-js');
      expect(await meeting.successMessage()).toBe('Meeting recorded. Its actions are in the family plan.');
      expect(await meeting.details()).toContain('Ask the school about the breakfast club');
      plan = await PlanPage.goto(page, familyId, name, 'no-js-meeting');
      expect((await plan.actionRows()).join(' ')).toContain('Ask the school about the breakfast club');
    },
    journeyTimeout,
  );
});
