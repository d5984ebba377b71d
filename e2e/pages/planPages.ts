import type { Page } from 'playwright-core';
import { BasePage, readText, verifyPage } from './basePage.ts';

/** Presses a button or link with the keyboard, as someone without a mouse would. */
async function press(page: Page, role: 'button' | 'link', name: string | RegExp): Promise<void> {
  await page.getByRole(role, { name }).first().focus();
  await page.keyboard.press('Enter');
}

/** Fills a GOV.UK date input from an ISO date. */
async function fillDate(page: Page, id: string, iso: string): Promise<void> {
  const [year, month, day] = iso.split('-') as [string, string, string];
  await page.locator(`#${id}-day`).fill(String(Number(day)));
  await page.locator(`#${id}-month`).fill(String(Number(month)));
  await page.locator(`#${id}-year`).fill(year);
}

/** The home page's overdue list: each item's text and the line under it. */
export async function homeOverdue(page: Page): Promise<{ text: string; detail: string }[]> {
  const items = await page.locator('main .hearth-overdue-list li').all();
  return Promise.all(
    items.map(async (item) => ({
      text: await readText(item.locator('a')),
      detail: await readText(item.locator('span')),
    })),
  );
}

export interface GoalCard {
  number: string;
  familyWords: string;
  /** The chart's accessible description, when there is a chart. */
  chart: string | undefined;
  /** The points on the chart, as "x,y". */
  points: string[];
  /** The progress table's rows: review date and score. */
  progress: { review: string; score: string }[];
}

/** Practice: a family's plan, with its goals, progress charts, actions and reviews. */
export class PlanPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async goto(
    page: Page,
    familyId: string,
    familyName: string,
    state: string,
    audit = true,
  ): Promise<PlanPage> {
    await page.goto(`/practice/families/${familyId}/plan`);
    return PlanPage.verifyOnPage(page, familyName, state, audit);
  }

  static async verifyOnPage(page: Page, familyName: string, state: string, audit = true): Promise<PlanPage> {
    await verifyPage(page, {
      title: `Family plan: ${familyName}`,
      heading: 'Family plan',
      screenshot: `plan-${state}`,
      audit,
    });
    return new PlanPage(page);
  }

  async agreed(): Promise<string | undefined> {
    const row = this.page.locator('#agreement ~ dl .govuk-summary-list__row', { hasText: 'Agreed' });
    return (await row.count()) ? readText(row.locator('dd')) : undefined;
  }

  async goals(): Promise<GoalCard[]> {
    const cards = await this.page.locator('main .govuk-summary-card').all();
    return Promise.all(
      cards.map(async (card) => {
        const chart = card.locator('svg.hearth-progress-chart');
        const hasChart = (await chart.count()) === 1;
        const rows = await card.locator('table').first().locator('tbody tr').all();
        return {
          number: await readText(card.locator('.govuk-summary-card__title')),
          familyWords: (await readText(card.locator('.govuk-body-l'))).replace(/^“|”$/g, ''),
          chart: hasChart ? await readText(chart.locator('desc')) : undefined,
          points: hasChart
            ? await chart
                .locator('circle')
                .evaluateAll((circles) =>
                  circles.map((c) => `${c.getAttribute('cx')},${c.getAttribute('cy')}`),
                )
            : [],
          progress: hasChart
            ? await Promise.all(
                rows.map(async (row) => ({
                  review: await readText(row.locator('td').nth(0)),
                  score: await readText(row.locator('td').nth(1)),
                })),
              )
            : [],
        };
      }),
    );
  }

  async addGoal(): Promise<void> {
    await press(this.page, 'button', 'Add a goal');
  }

  async addAction(): Promise<void> {
    await press(this.page, 'button', 'Add an action');
  }

  async recordAgreement(): Promise<void> {
    await press(this.page, 'button', /^Record (the family’s|a new) agreement$/);
  }

  async holdReview(): Promise<void> {
    await press(this.page, 'button', 'Hold a review');
  }

  async actionRows(): Promise<string[]> {
    return Promise.all(
      (await this.page.locator('main table tbody tr', { has: this.page.locator('td') }).all()).map((r) =>
        readText(r),
      ),
    );
  }
}

/** Practice: add or change a goal. */
export class GoalPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page, familyName: string, state: string, audit = true): Promise<GoalPage> {
    await verifyPage(page, {
      title: `Add a goal: ${familyName}`,
      heading: 'Add a goal',
      screenshot: `plan-goal-${state}`,
      audit,
    });
    return new GoalPage(page);
  }

  async add(whose: string, familyWords: string, workerWords = ''): Promise<void> {
    await this.page.getByLabel('Whose goal is it?').selectOption({ label: whose });
    await this.page.getByLabel('The goal, in the family’s own words').fill(familyWords);
    await this.page.getByLabel('The worker’s wording (optional)').fill(workerWords);
    await press(this.page, 'button', 'Save goal');
  }
}

/** Practice: record who in the family agreed the plan, and when. */
export class AgreePage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page, familyName: string, state: string): Promise<AgreePage> {
    await verifyPage(page, {
      title: `Record the family’s agreement: ${familyName}`,
      heading: 'Record the family’s agreement',
      screenshot: `plan-agree-${state}`,
    });
    return new AgreePage(page);
  }

  async agree(members: string[], agreedOn: string, everyWeeks: number): Promise<void> {
    for (const member of members) await this.page.getByLabel(member, { exact: true }).check();
    await fillDate(this.page, 'agreedOn', agreedOn);
    await this.page.getByLabel('How often will the team review the plan?').fill(String(everyWeeks));
    await press(this.page, 'button', 'Record agreement');
  }
}

/** Practice: hold a review, scoring each goal from 0 to 10. */
export class ReviewPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(
    page: Page,
    familyName: string,
    state: string,
    audit = true,
  ): Promise<ReviewPage> {
    await verifyPage(page, {
      title: `Hold a review: ${familyName}`,
      heading: 'Hold a review',
      screenshot: `plan-review-${state}`,
      audit,
    });
    return new ReviewPage(page);
  }

  /** Scores goals in the order the form shows them, with an optional comment each. */
  async review(heldOn: string, scores: string[], decisions: string): Promise<void> {
    await fillDate(this.page, 'heldOn', heldOn);
    const inputs = await this.page.getByLabel('Progress, from 0 to 10').all();
    const comments = await this.page.getByLabel('Comment (optional)').all();
    for (const [i, score] of scores.entries()) {
      await inputs[i]?.fill(score);
      await comments[i]?.fill(`Said at the review: ${score} feels right`);
    }
    await this.page.getByLabel('Decisions (optional)').fill(decisions);
    await press(this.page, 'button', 'Record review');
  }
}

/** Practice: add or change a plan action. */
export class ActionPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page, familyName: string, state: string): Promise<ActionPage> {
    await verifyPage(page, {
      title: `Add an action: ${familyName}`,
      heading: 'Add an action',
      screenshot: `plan-action-${state}`,
    });
    return new ActionPage(page);
  }

  async add(what: string, who: string, dueOn: string): Promise<void> {
    await this.page.getByLabel('What will be done?').fill(what);
    await this.page.getByLabel('Who will do it?').selectOption({ label: who });
    await fillDate(this.page, 'dueOn', dueOn);
    await press(this.page, 'button', 'Save action');
  }
}

/** The family's printed copy of the plan. */
export class PlanPrintPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page, familyName: string, state: string): Promise<PlanPrintPage> {
    await verifyPage(page, {
      title: `Our family plan (print): ${familyName}`,
      heading: 'Our family plan',
      screenshot: `plan-print-${state}`,
    });
    return new PlanPrintPage(page);
  }

  async text(): Promise<string> {
    return readText(this.page.locator('main'));
  }
}

/** Practice: the team meetings of a family. */
export class MeetingsPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async goto(page: Page, familyId: string, familyName: string, state: string): Promise<MeetingsPage> {
    await page.goto(`/practice/families/${familyId}/meetings`);
    await verifyPage(page, {
      title: `Team meetings: ${familyName}`,
      heading: 'Team meetings',
      screenshot: `meetings-${state}`,
    });
    return new MeetingsPage(page);
  }

  /** The meetings' headings, newest first, like "Meeting on 3 Nov 2026". */
  async meetings(): Promise<string[]> {
    return (await this.page.locator('main h2').allTextContents()).map((t) => t.trim());
  }

  async recordMeeting(): Promise<void> {
    await press(this.page, 'button', 'Record a meeting');
  }
}

/** Practice: record a meeting of the team around the family, whose actions join the plan. */
export class RecordMeetingPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page, familyName: string, state: string): Promise<RecordMeetingPage> {
    await verifyPage(page, {
      title: `Record a team meeting: ${familyName}`,
      heading: 'Record a team meeting',
      screenshot: `meeting-record-${state}`,
    });
    return new RecordMeetingPage(page);
  }

  /** Records a meeting with the first family member there and one action for the plan. */
  async record(discussed: string, action: { what: string; who: string; dueOn: string }): Promise<void> {
    await this.page.getByLabel('Yes', { exact: true }).check();
    await this.page.locator('input[name="membersPresent"]').first().check();
    await this.page.getByLabel('What was discussed?').fill(discussed);
    await this.page.locator('#action-1-what').fill(action.what);
    await this.page.locator('#action-1-owner').selectOption({ label: action.who });
    await fillDate(this.page, 'action-1-dueOn', action.dueOn);
    await press(this.page, 'button', 'Record meeting');
  }
}

/** Practice: one team meeting. */
export class MeetingPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page, familyName: string, state: string): Promise<MeetingPage> {
    await verifyPage(page, {
      title: `Team meeting: ${familyName}`,
      heading: /^Team meeting on /,
      screenshot: `meeting-${state}`,
    });
    return new MeetingPage(page);
  }

  async details(): Promise<string> {
    return readText(this.page.locator('main dl'));
  }

  async correct(): Promise<void> {
    await press(this.page, 'button', 'Correct this meeting');
  }

  async markInError(): Promise<void> {
    await press(this.page, 'link', 'Mark as recorded in error');
  }

  /** The meeting's history, opened: each change's lines. */
  async history(): Promise<string> {
    await this.page.locator('main details summary').click();
    return readText(this.page.locator('main details'));
  }
}

/** Practice: correcting the record of a team meeting (the record form, without its action rows). */
export class CorrectMeetingPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page, familyName: string, state: string): Promise<CorrectMeetingPage> {
    await verifyPage(page, {
      title: `Correct the record of a team meeting: ${familyName}`,
      heading: 'Correct the record of a team meeting',
      screenshot: `meeting-correct-${state}`,
    });
    return new CorrectMeetingPage(page);
  }

  async correct(discussed: string, heldOn?: string): Promise<void> {
    if (heldOn) await fillDate(this.page, 'heldOn', heldOn);
    await this.page.getByLabel('What was discussed?').fill(discussed);
    await press(this.page, 'button', 'Save correction');
  }
}

/** Practice: marking a team meeting as recorded in error, with the reason. */
export class MeetingInErrorPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page, familyName: string, state: string): Promise<MeetingInErrorPage> {
    await verifyPage(page, {
      title: `Mark a meeting as recorded in error: ${familyName}`,
      heading: /^Mark the meeting on .* as recorded in error$/,
      screenshot: `meeting-in-error-${state}`,
    });
    return new MeetingInErrorPage(page);
  }

  async mark(reason: string): Promise<void> {
    await this.page.getByLabel('Why was it recorded in error?').fill(reason);
    await press(this.page, 'button', 'Mark as recorded in error');
  }
}
