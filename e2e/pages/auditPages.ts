import type { Download, Locator, Page } from 'playwright-core';
import { BasePage, readText, verifyPage } from './basePage.ts';

/** Follows a link with the keyboard: focus it, press Enter, and wait for the page it leads to. */
export async function followLink(page: Page, link: Locator): Promise<void> {
  await link.focus();
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
}

/** Presses a form's button with the keyboard and waits for the page it leads to. */
export async function pressButton(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name, exact: true }).focus();
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
}

/** Starts a download from a link with the keyboard, and waits for the file. */
export async function download(page: Page, link: Locator): Promise<Download> {
  await link.focus();
  const [file] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  return file;
}

/** What the audit's pages share: the "Figures for …" line and the filter form. */
abstract class FilteredAuditPage extends BasePage {
  /** "1 April 2025 to 31 March 2026, Ardmore Coast". */
  async figuresFor(): Promise<string> {
    return readText(this.page.locator('main p', { hasText: 'Figures for' }).locator('strong'));
  }

  /** Chooses a locality in the filter form and shows the figures, by keyboard. */
  async chooseLocality(name: string): Promise<void> {
    await this.page.getByLabel('Locality', { exact: true }).selectOption({ label: name });
    await pressButton(this.page, 'Show figures');
  }

  /** Types a period into the form's date fields and shows the figures, by keyboard. */
  async typePeriod(from: [string, string, string], to: [string, string, string]): Promise<void> {
    for (const [prefix, parts] of [
      ['from', from],
      ['to', to],
    ] as const) {
      for (const [i, part] of (['day', 'month', 'year'] as const).entries()) {
        await this.page.locator(`#${prefix}-${part}`).focus();
        await this.page.keyboard.press('ControlOrMeta+A');
        await this.page.keyboard.type(parts[i] ?? '');
      }
    }
    await pressButton(this.page, 'Show figures');
  }

  /** Follows one of the form's period links ("Financial year 2025 to 2026"). */
  async choosePeriod(label: string): Promise<void> {
    await followLink(this.page, this.page.getByRole('link', { name: label, exact: true }));
  }

  /** The error summary's messages and where each leads. */
  async errors(): Promise<{ text: string; href: string | null }[]> {
    const links = this.page.locator('.govuk-error-summary a');
    return Promise.all(
      (await links.all()).map(async (link) => ({
        text: await readText(link),
        href: await link.getAttribute('href'),
      })),
    );
  }
}

/** The provision audit's contents: key figures and the views. */
export class AuditContentsPage extends FilteredAuditPage {
  static async verifyOnPage(page: Page, state: string, audit = true): Promise<AuditContentsPage> {
    await verifyPage(page, {
      title: 'Provision audit',
      heading: 'Provision audit',
      screenshot: `audit-contents-${state}`,
      audit,
    });
    return new AuditContentsPage(page);
  }

  async openView(title: string): Promise<void> {
    await followLink(this.page, this.page.getByRole('main').getByRole('link', { name: title, exact: true }));
  }
}

/** One view of the audit: its tables, each with its definition. */
export class AuditViewPage extends FilteredAuditPage {
  static async verifyOnPage(page: Page, title: string, state: string): Promise<AuditViewPage> {
    await verifyPage(page, {
      title: `${title} – Provision audit`,
      heading: title,
      screenshot: `audit-view-${state}`,
    });
    return new AuditViewPage(page);
  }

  /** Each table's accessible name (its title) and definition. */
  async tables(): Promise<{ title: string; definition: string }[]> {
    const headings = this.page.locator('main h2.govuk-heading-m[id]:not(#filters)');
    return Promise.all(
      (await headings.all()).map(async (h) => ({
        title: await readText(h),
        definition: await readText(h.locator('xpath=following-sibling::p[1]')),
      })),
    );
  }
}

/** The gap page: each gap found with its rule and proposals, and the figures behind them. */
export class GapsPage extends FilteredAuditPage {
  static async verifyOnPage(page: Page, state: string): Promise<GapsPage> {
    await verifyPage(page, {
      title: 'Gaps in family support',
      heading: 'Gaps in family support',
      screenshot: `gaps-${state}`,
    });
    return new GapsPage(page);
  }

  /** The card of the gap in `subject`. */
  gap(subject: string): Locator {
    return this.page.locator('.govuk-summary-card', {
      has: this.page.getByRole('heading', { level: 3, name: subject, exact: true }),
    });
  }

  async found(subject: string): Promise<string[]> {
    const rows = this.gap(subject).locator('.govuk-summary-list__row', { hasText: 'Found' });
    return Promise.all((await rows.locator('dd').all()).map((dd) => readText(dd)));
  }

  async proposals(subject: string): Promise<string> {
    return readText(
      this.gap(subject).locator('.govuk-summary-list__row', { hasText: 'Proposals' }).locator('dd'),
    );
  }

  async recordProposal(subject: string): Promise<void> {
    await followLink(
      this.page,
      this.gap(subject).getByRole('link', { name: `Record a proposal for ${subject}`, exact: true }),
    );
  }

  /** The captions of the tables of figures behind the gaps. */
  async tableCaptions(): Promise<string[]> {
    return (await this.page.locator('main table caption').allTextContents()).map((t) => t.trim());
  }

  async definitions(): Promise<string[]> {
    return (await this.page.locator('main table + p.govuk-body-s').allTextContents()).map((t) => t.trim());
  }
}

/** Recording a proposal to fill a gap. */
export class ProposalFormPage extends BasePage {
  static async verifyOnPage(page: Page, state: string): Promise<ProposalFormPage> {
    await verifyPage(page, {
      title: 'Record a proposal',
      heading: 'Record a proposal',
      screenshot: `proposal-form-${state}`,
    });
    return new ProposalFormPage(page);
  }

  async title(): Promise<string> {
    return this.page.getByLabel('Title', { exact: true }).inputValue();
  }

  /** Fills the form as a keyboard user does, and saves it with Enter on the button. */
  async record(answers: { proposal: string; owner: string; due: [string, string, string]; status: string }) {
    await this.page.getByLabel('What is proposed', { exact: true }).focus();
    await this.page.keyboard.type(answers.proposal);
    await this.page.getByLabel('Owner', { exact: true }).selectOption({ label: answers.owner });
    for (const [i, part] of (['day', 'month', 'year'] as const).entries()) {
      await this.page.locator(`#dueOn-${part}`).focus();
      await this.page.keyboard.type(answers.due[i] ?? '');
    }
    await this.page.getByLabel(answers.status, { exact: true }).focus();
    await this.page.keyboard.press('Space');
    await pressButton(this.page, 'Save the proposal');
  }
}

/** One proposal, as recorded. */
export class ProposalPage extends BasePage {
  static async verifyOnPage(page: Page, title: string, state: string): Promise<ProposalPage> {
    await verifyPage(page, { title, heading: title, screenshot: `proposal-${state}` });
    return new ProposalPage(page);
  }

  async banner(): Promise<string> {
    return readText(this.page.locator('.govuk-notification-banner__content'));
  }

  /** Each row of the summary: key → value. */
  async facts(): Promise<Map<string, string>> {
    const facts = new Map<string, string>();
    for (const row of await this.page.locator('main .govuk-summary-list__row').all())
      facts.set(await readText(row.locator('dt')), await readText(row.locator('dd')));
    return facts;
  }
}

/** The printable baseline report, with charts, their tables and the downloads. */
export class AuditReportPage extends BasePage {
  static async verifyOnPage(page: Page, state: string): Promise<AuditReportPage> {
    await verifyPage(page, {
      title: 'Provision audit: baseline report',
      heading: 'Provision audit: baseline report',
      screenshot: `audit-report-${state}`,
    });
    return new AuditReportPage(page);
  }

  /** The facts at the top: Period, each Filter, … */
  async facts(): Promise<[string, string][]> {
    const rows = await this.page.locator('.hearth-report__facts .govuk-summary-list__row').all();
    return Promise.all(
      rows.map(
        async (row) =>
          [await readText(row.locator('dt')), await readText(row.locator('dd'))] as [string, string],
      ),
    );
  }

  /** Each chart's picture name, and whether its figure holds a table with rows. */
  async charts(): Promise<{ name: string; tableRows: number }[]> {
    const figures = await this.page.locator('figure.hearth-chart').all();
    return Promise.all(
      figures.map(async (figure) => ({
        name: await readText(figure.locator('svg[role="img"] > title')),
        tableRows: await figure.locator('table tbody tr').count(),
      })),
    );
  }
}
