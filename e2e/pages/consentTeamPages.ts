import type { Page } from 'playwright-core';
import { BasePage, readText, verifyPage } from './basePage.ts';

/** Presses a button or link with the keyboard, as someone without a mouse would. */
async function press(page: Page, role: 'button' | 'link', name: string | RegExp): Promise<void> {
  await page.getByRole(role, { name }).first().focus();
  await page.keyboard.press('Enter');
}

/** Practice: the grid of each member's consent to share with each organisation on the team. */
export class ConsentGridPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async goto(page: Page, familyId: string, state: string): Promise<ConsentGridPage> {
    await page.goto(`/practice/families/${familyId}/consent`);
    return ConsentGridPage.verifyOnPage(page, state);
  }

  static async verifyOnPage(page: Page, state: string): Promise<ConsentGridPage> {
    await verifyPage(page, {
      title: 'Consent to share',
      heading: 'Consent to share',
      screenshot: `consent-${state}`,
    });
    return new ConsentGridPage(page);
  }

  /** The organisations across the top of the grid. */
  async organisations(): Promise<string[]> {
    const headers = this.page.locator('main table thead th');
    return (await headers.allTextContents()).slice(1).map((t) => t.trim());
  }

  /** The members down the side. */
  async members(): Promise<string[]> {
    return (await this.page.locator('main table tbody th').allTextContents()).map((t) => t.trim());
  }

  /** The state shown for a member with an organisation, like "Agreed to share". */
  async state(member: string, organisation: string): Promise<string> {
    const column = (await this.organisations()).indexOf(organisation);
    const row = this.page.locator('main table tbody tr', {
      has: this.page.getByRole('rowheader', { name: member }),
    });
    return readText(row.locator('td').nth(column).locator('.govuk-tag'));
  }

  async change(member: string, organisation: string): Promise<void> {
    await press(
      this.page,
      'link',
      new RegExp(`^(Record|Change) consent of ${member} to share with ${organisation}$`),
    );
  }

  async withdraw(member: string, organisation: string): Promise<void> {
    await press(this.page, 'link', `Withdraw consent of ${member} to share with ${organisation}`);
  }

  async ownViews(): Promise<string> {
    return readText(this.page.locator('main'));
  }
}

/** Practice: record or change one member's consent with one organisation. */
export class RecordConsentPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page, member: string, organisation: string, state: string) {
    await verifyPage(page, {
      title: `Consent to share: ${member} with ${organisation}`,
      heading: `Consent to share with ${organisation}`,
      screenshot: `record-consent-${state}`,
    });
    return new RecordConsentPage(page);
  }

  async fill(answer: {
    agrees: boolean;
    scope: string;
    method?: 'Verbally' | 'In writing';
    review?: [string, string, string];
  }) {
    await this.page.getByLabel(answer.agrees ? 'Yes, they agree' : 'No, they refuse').check();
    await this.page.getByLabel('What they agreed to share, or refused').fill(answer.scope);
    if (answer.method) await this.page.getByLabel(answer.method).check();
    if (answer.review) {
      const [day, month, year] = answer.review;
      await this.page.locator('#reviewOn-day').fill(day);
      await this.page.locator('#reviewOn-month').fill(month);
      await this.page.locator('#reviewOn-year').fill(year);
    }
  }

  async save(): Promise<void> {
    await press(this.page, 'button', 'Save consent');
  }
}

/** Practice: confirm withdrawing consent. */
export class WithdrawConsentPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page, member: string, organisation: string) {
    await verifyPage(page, {
      title: `Withdraw consent: ${member} with ${organisation}`,
      heading: `Withdraw ${member}’s consent to share with ${organisation}`,
      screenshot: 'withdraw-consent',
    });
    return new WithdrawConsentPage(page);
  }

  async confirm(): Promise<void> {
    await press(this.page, 'button', 'Withdraw consent');
  }
}

/** Practice: the team around the family. */
export class TeamPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async goto(page: Page, familyId: string, state: string): Promise<TeamPage> {
    await page.goto(`/practice/families/${familyId}/team`);
    return TeamPage.verifyOnPage(page, state);
  }

  static async verifyOnPage(page: Page, state: string): Promise<TeamPage> {
    await verifyPage(page, {
      title: 'Team around the family',
      heading: 'Team around the family',
      screenshot: `team-${state}`,
    });
    return new TeamPage(page);
  }

  async organisations(): Promise<string[]> {
    const cells = this.page.locator('main h2:has-text("Organisations") + table tbody tr td:first-child');
    return (await cells.allTextContents()).map((t) => t.trim());
  }

  async leadProfessional(): Promise<string> {
    return readText(this.page.locator('main .govuk-summary-list__value').first());
  }

  async handovers(): Promise<string[]> {
    const items = this.page.locator('main .hearth-handovers > li');
    return Promise.all((await items.all()).map((item) => readText(item)));
  }

  async startHandover(): Promise<void> {
    await press(this.page, 'button', /^(Hand over|Name a) lead professional$/);
  }

  async bannerText(): Promise<string | undefined> {
    const banner = this.page.locator('.hearth-break-glass-banner');
    return (await banner.count()) ? readText(banner) : undefined;
  }
}

/** Practice: hand over the lead professional role. */
export class HandOverLeadPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page, state: string): Promise<HandOverLeadPage> {
    await verifyPage(page, {
      title: 'Hand over lead professional',
      heading: 'Hand over lead professional',
      screenshot: `hand-over-lead-${state}`,
    });
    return new HandOverLeadPage(page);
  }

  /** The workers offered, as "Name" labels. */
  async choices(): Promise<string[]> {
    return (await this.page.locator('main .govuk-radios__label').allTextContents()).map((t) => t.trim());
  }

  async handOver(to: string, note: string): Promise<void> {
    await this.page.getByLabel(to, { exact: true }).check();
    await this.page.getByLabel('Hand-over note').fill(note);
    await press(this.page, 'button', 'Hand over');
  }
}

/** Practice: emergency access (break glass). */
export class BreakGlassPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async goto(page: Page, state: string): Promise<BreakGlassPage> {
    await page.goto('/practice/break-glass');
    return BreakGlassPage.verifyOnPage(page, state);
  }

  static async verifyOnPage(page: Page, state: string): Promise<BreakGlassPage> {
    await verifyPage(page, {
      title: 'Emergency access to a family',
      heading: 'Emergency access to a family',
      screenshot: `break-glass-${state}`,
    });
    return new BreakGlassPage(page);
  }

  async request(reference: string, reason: string, confirm: boolean): Promise<void> {
    await this.page.getByLabel('Family reference').fill(reference);
    await this.page.getByLabel('Why do you need emergency access?').fill(reason);
    if (confirm) await this.page.getByLabel('I understand this is recorded').check();
    await press(this.page, 'button', 'Record reason and open the family');
  }
}

/** The notices on a lead's home page. */
export async function homeNotices(page: Page): Promise<string[]> {
  const items = page.locator('main .hearth-notice > p:first-child');
  return (await items.allTextContents()).map((t) => t.trim());
}

export async function markFirstNoticeRead(page: Page): Promise<void> {
  await press(page, 'button', /^Mark as read/);
}
