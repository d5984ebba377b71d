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
