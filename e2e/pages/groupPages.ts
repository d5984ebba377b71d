import type { Page } from 'playwright-core';
import { BasePage, readText, verifyPage } from './basePage.ts';

/** Presses a button or link with the keyboard, as someone without a mouse would. */
async function press(page: Page, role: 'button' | 'link', name: string | RegExp): Promise<void> {
  await page.getByRole(role, { name }).first().focus();
  await page.keyboard.press('Enter');
}

/** Practice: the groups the organisation runs. */
export class GroupsPage extends BasePage {
  static async goto(page: Page, state: string): Promise<GroupsPage> {
    await page.goto('/practice/groups');
    await verifyPage(page, { title: 'Groups', heading: 'Groups', screenshot: `groups-${state}` });
    return new GroupsPage(page);
  }

  async names(): Promise<string[]> {
    return (await this.page.locator('main tbody tr td:first-child a').allTextContents()).map((t) => t.trim());
  }

  async open(name: string): Promise<void> {
    await press(this.page, 'link', name);
  }

  async addGroup(): Promise<void> {
    await press(this.page, 'button', 'Add a group');
  }
}

/** Practice: adding or changing a group. */
export class GroupFormPage extends BasePage {
  static async verifyOnPage(page: Page, heading: string, state: string): Promise<GroupFormPage> {
    await verifyPage(page, { title: heading, heading, screenshot: `group-form-${state}` });
    return new GroupFormPage(page);
  }
}

/** Practice: one group, its details and sessions. */
export class GroupPage extends BasePage {
  static async verifyOnPage(page: Page, name: string, state: string): Promise<GroupPage> {
    await verifyPage(page, { title: name, heading: name, screenshot: `group-${state}` });
    return new GroupPage(page);
  }

  async recordSession(): Promise<void> {
    await press(this.page, 'button', 'Record a session');
  }
}

/** Practice: recording a session and its register. */
export class RecordSessionPage extends BasePage {
  static async verifyOnPage(page: Page, group: string, state: string): Promise<RecordSessionPage> {
    await verifyPage(page, {
      title: `Record a session: ${group}`,
      heading: 'Record a session',
      screenshot: `record-session-${state}`,
    });
    return new RecordSessionPage(page);
  }

  async fillDate(iso: string): Promise<void> {
    const [year, month, day] = iso.split('-') as [string, string, string];
    await this.page.locator('#heldOn-day').fill(String(Number(day)));
    await this.page.locator('#heldOn-month').fill(String(Number(month)));
    await this.page.locator('#heldOn-year').fill(year);
  }

  /** Ticks up to `most` members listed, with the keyboard's space bar; returns how many. */
  async tickMembers(most: number): Promise<number> {
    const boxes = (await this.page.locator('input[name="attendees"]').all()).slice(0, most);
    for (const box of boxes) {
      if (await box.isChecked()) continue;
      await box.focus();
      await this.page.keyboard.press('Space');
    }
    return boxes.length;
  }

  async fill(fields: { topic?: string; firstNames?: string }): Promise<void> {
    if (fields.topic !== undefined) await this.page.locator('#topic').fill(fields.topic);
    if (fields.firstNames !== undefined) await this.page.locator('#firstNames').fill(fields.firstNames);
  }

  async save(): Promise<void> {
    await press(this.page, 'button', 'Save the session');
  }
}

/** Practice: one session and its register. */
export class SessionPage extends BasePage {
  static async verifyOnPage(page: Page, group: string, heading: string, state: string): Promise<SessionPage> {
    await verifyPage(page, {
      title: `${heading}: ${group}`,
      heading,
      screenshot: `session-${state}`,
    });
    return new SessionPage(page);
  }

  async warning(): Promise<string | undefined> {
    const warning = this.page.locator('.govuk-warning-text__text');
    return (await warning.count()) ? (await readText(warning)).replace(/^Warning\s*/, '') : undefined;
  }

  async detail(key: string): Promise<string> {
    return readText(this.page.locator('.govuk-summary-list__row', { hasText: key }).locator('dd'));
  }

  async openFirstMember(): Promise<string> {
    const link = this.page.locator('main ul.govuk-list a').first();
    const name = await readText(link);
    await link.focus();
    await this.page.keyboard.press('Enter');
    return name;
  }
}

/** Practice: the groups a family's members attended. */
export class FamilyGroupsPage extends BasePage {
  static async goto(
    page: Page,
    familyId: string,
    familyName: string,
    state: string,
  ): Promise<FamilyGroupsPage> {
    await page.goto(`/practice/families/${familyId}/groups`);
    await verifyPage(page, {
      title: `Groups attended: ${familyName}`,
      heading: 'Groups attended',
      screenshot: `family-groups-${state}`,
    });
    return new FamilyGroupsPage(page);
  }

  async lines(): Promise<string[]> {
    return (await this.page.locator('main li').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
  }
}
