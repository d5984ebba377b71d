import type { Page } from 'playwright-core';
import { BasePage, readText, verifyPage } from './basePage.ts';

/** A member row of "Due a contact" (home) or "Your members" (caseload). */
export interface MyMemberRow {
  member: string;
  family: string;
  href: string;
  lastContact: string;
  due: boolean;
}

/** Reads the table in one step: the caseload lists up to 300 members, and a round trip a cell is slow. */
async function memberRows(page: Page, caption: string): Promise<MyMemberRow[]> {
  const table = page.locator('main table', { has: page.locator('caption', { hasText: caption }) });
  const rows = await table.evaluate((element) =>
    Array.from(element.querySelectorAll('tbody tr'), (row) => {
      const [member, family, last] = Array.from(row.querySelectorAll('td'));
      const text = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
      return {
        // The member's name is the cell's first text; their support status follows it.
        member: text(member?.firstChild),
        family: text(family?.querySelector('a')),
        href: family?.querySelector('a')?.getAttribute('href') ?? '',
        lastContact: text(last),
      };
    }),
  );
  return rows.map((row) => ({
    ...row,
    lastContact: row.lastContact.replace(/\s*Contact due$/, ''),
    due: /Contact due$/.test(row.lastContact) || caption.startsWith('Due'),
  }));
}

/** The home page's "My work" and "Today's groups", for a practitioner. */
export class MyWork extends BasePage {
  constructor(page: Page) {
    super(page);
  }

  /** "You support 95 members in 43 families. 89 are due a contact: …" as numbers. */
  async totals(): Promise<{ members: number; families: number; due: number }> {
    const text = await readText(this.page.locator('main h2#my-work + p'));
    const [, members, families] = /You support (\d+) members? in (\d+) famil/.exec(text) ?? [];
    const due = /(\d+) (?:is|are) due a contact/.exec(text)?.[1] ?? '0';
    return { members: Number(members), families: Number(families), due: Number(due) };
  }

  /** The members due a contact the home page lists, longest waiting first. */
  async due(): Promise<MyMemberRow[]> {
    return memberRows(this.page, 'Due a contact');
  }

  /** Today's groups, as the lines listed, or the sentence shown when none meet. */
  async todaysGroups(): Promise<string[]> {
    const section = this.page.locator('main h2#todays-groups').locator('xpath=..');
    const items = await section.locator('li').all();
    if (items.length) return Promise.all(items.map((item) => readText(item)));
    return [await readText(section.locator('p'))];
  }
}

/** Practice: the signed-in worker's caseload, against their limit, and their members. */
export class CaseloadPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async goto(page: Page, state: string, audit = true): Promise<CaseloadPage> {
    await page.goto('/practice/caseload');
    await verifyPage(page, {
      title: 'Your caseload',
      heading: 'Your caseload',
      screenshot: `caseload-${state}`,
      audit,
    });
    return new CaseloadPage(page);
  }

  /** A worker's row in the caseload table, by name: families, members, weighted load, and the tag. */
  async worker(name: string): Promise<{ families: number; members: number; load: number; against: string }> {
    const row = this.page.locator('main tbody tr', { has: this.page.locator('th', { hasText: name }) });
    const cells = await Promise.all((await row.locator('td').all()).map((cell) => readText(cell)));
    return {
      families: Number(cells[0]),
      members: Number(cells[1]),
      load: Number(cells[2]),
      against: cells[3] ?? '',
    };
  }

  /** "Your members": every open member, longest without a contact first. */
  async members(): Promise<MyMemberRow[]> {
    return memberRows(this.page, 'Your members');
  }
}

/** Practice: a team lead's view of every worker's caseload and the work waiting for a worker. */
export class TeamCaseloadPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page, state: string): Promise<TeamCaseloadPage> {
    await verifyPage(page, { title: 'Caseloads', heading: 'Caseloads', screenshot: `caseloads-${state}` });
    return new TeamCaseloadPage(page);
  }

  static async goto(page: Page, state: string): Promise<TeamCaseloadPage> {
    await page.goto('/practice/caseload');
    return TeamCaseloadPage.verifyOnPage(page, state);
  }

  /** The warning naming the workers over their limit, if there is one. */
  async overLimitWarning(): Promise<string | undefined> {
    const warning = this.page.locator('main .govuk-warning-text__text');
    return (await warning.count()) ? readText(warning.first()) : undefined;
  }

  /** A worker's weighted load ("10 of 18") and tag ("Within limit"). */
  async load(name: string): Promise<{ load: string; tag: string }> {
    const row = this.page.locator('main tbody tr', { has: this.page.locator('th', { hasText: name }) });
    const cells = await row.locator('td').all();
    return { load: await readText(cells[2] ?? row), tag: await readText(cells[3] ?? row) };
  }

  async setLimitFor(name: string): Promise<void> {
    await this.page.getByRole('link', { name: `Set limit for ${name}` }).click();
  }

  /** Follows the first "Allocate" link of the work waiting; returns the member's name. */
  async allocateFirstWaiting(): Promise<string> {
    const link = this.page
      .locator('main table[aria-labelledby="to-allocate"] a', { hasText: 'Allocate' })
      .first();
    const name = (await readText(link.locator('.govuk-visually-hidden'))).trim();
    await link.click();
    return name;
  }
}

/** Setting one worker's caseload limit. */
export class CaseloadLimitPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page, worker: string, state: string): Promise<CaseloadLimitPage> {
    await verifyPage(page, {
      title: `Caseload limit for ${worker}`,
      heading: `Caseload limit for ${worker}`,
      screenshot: `caseload-limit-${state}`,
    });
    return new CaseloadLimitPage(page);
  }

  /** The weighted members the worker carries now, as the page says. */
  async carries(): Promise<number> {
    const text = await readText(this.page.locator('main p.govuk-body').first());
    return Number(/carries (\d+) weighted/.exec(text)?.[1]);
  }

  /** Enters a limit and saves with the keyboard. */
  async save(limit: string): Promise<void> {
    await this.page.getByLabel('Limit, in weighted members').fill(limit);
    await this.page.getByRole('button', { name: 'Save limit' }).focus();
    await this.page.keyboard.press('Enter');
  }
}

/** Allocating a member's support to a worker, with a complexity weighting. */
export class AllocatePage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page, member: string, state: string): Promise<AllocatePage> {
    await verifyPage(page, {
      title: `Allocate ${member}`,
      heading: `Allocate ${member}`,
      screenshot: `allocate-${state}`,
    });
    return new AllocatePage(page);
  }

  /** The hint beside a worker: their load now and after this member. */
  async hintFor(worker: string): Promise<string> {
    const id = await this.page.getByLabel(worker, { exact: true }).getAttribute('aria-describedby');
    return readText(this.page.locator(`[id="${id}"]`));
  }

  async allocate(worker: string, weighting: string): Promise<void> {
    await this.page.getByLabel(weighting, { exact: true }).check();
    await this.page.getByLabel(worker, { exact: true }).check();
    await this.page.getByRole('button', { name: 'Allocate' }).click();
  }
}

/** The warning before an allocation takes a worker over their limit. */
export class OverLimitPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page, worker: string): Promise<OverLimitPage> {
    await verifyPage(page, {
      title: `This takes ${worker} over their limit`,
      heading: `This takes ${worker} over their caseload limit`,
      screenshot: 'allocate-over-limit',
    });
    return new OverLimitPage(page);
  }

  async warning(): Promise<string> {
    return readText(this.page.locator('main .govuk-warning-text__text'));
  }

  async allocateAnyway(): Promise<void> {
    await this.page.getByRole('button', { name: 'Allocate anyway' }).click();
  }
}
