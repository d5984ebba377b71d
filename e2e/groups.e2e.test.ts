import { describe, expect, it } from 'vitest';
import {
  FamilyGroupsPage,
  GroupFormPage,
  GroupPage,
  GroupsPage,
  RecordSessionPage,
  SessionPage,
} from './pages/groupPages.ts';
import { useBrowser } from './support/browser.ts';
import { demoAccounts } from './support/demoAccounts.ts';
import { signInAs } from './support/signIn.ts';

const morven = demoAccounts.practitioner;
const group = 'Carse family support group';

function isoDaysFrom(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

describe('groups and registers', () => {
  const browser = useBrowser();

  it('records a group session with a register over capacity, warned and counted, shown on a family record', async () => {
    const page = await browser.newPage();
    await signInAs(page, morven, 'groups');
    const groups = await GroupsPage.goto(page, 'list');
    expect(await groups.names()).toEqual(expect.arrayContaining([group, 'Monday coffee and chat']));
    await groups.addGroup();
    await GroupFormPage.verifyOnPage(page, 'Add a group', 'new');
    await page.goBack();

    await (await GroupsPage.goto(page, 'again')).open(group);
    const groupPage = await GroupPage.verifyOnPage(page, group, 'demo');
    await groupPage.recordSession();
    const form = await RecordSessionPage.verifyOnPage(page, group, 'new');
    await form.fillDate(isoDaysFrom(3));
    await form.save();
    const refused = await RecordSessionPage.verifyOnPage(page, group, 'error-future');
    expect(await refused.errorSummary()).toMatchObject({
      errors: [expect.objectContaining({ href: '#heldOn-day' })],
    });
    expect(await refused.fieldError('heldOn')).toMatch(/today or in the past/);

    await refused.fillDate(isoDaysFrom(-1));
    const named = await refused.tickEveryMember();
    await refused.fill({ topic: 'Getting through the winter', firstNames: 'Sandra\nBill\nIrene' });
    await refused.save();
    const heldOn = new Intl.DateTimeFormat('en-GB', {
      dateStyle: 'medium',
      timeZone: 'Europe/London',
    }).format(new Date(`${isoDaysFrom(-1)}T12:00:00Z`));
    const session = await SessionPage.verifyOnPage(page, group, `Session on ${heldOn}`, 'over-capacity');
    expect(named + 3).toBeGreaterThanOrEqual(8);
    expect(await session.warning()).toBe(
      `This session was over capacity: ${named + 3} people came and the group is for at most 7.`,
    );
    expect(await session.detail('People who came')).toBe(
      `${named + 3} (${named} members linked to family records, 3 first names)`,
    );

    const member = await session.openFirstMember();
    await page.waitForURL(/\/practice\/families\/[0-9a-f-]{36}$/);
    const familyId = /families\/([0-9a-f-]{36})/.exec(page.url())?.[1] as string;
    const familyName = ((await page.locator('h1').textContent()) ?? '').trim();
    const attended = await FamilyGroupsPage.goto(page, familyId, familyName, 'after-session');
    expect(await page.locator('main h2', { hasText: member }).count()).toBe(1);
    expect((await attended.lines()).join('\n')).toContain(`${group}, Carse Family Support Service`);
  });
});
