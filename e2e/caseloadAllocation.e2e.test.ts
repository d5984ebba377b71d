import { describe, expect, it } from 'vitest';
import { AllocatePage, CaseloadLimitPage, OverLimitPage, TeamCaseloadPage } from './pages/myWorkPages.ts';
import { useBrowser } from './support/browser.ts';
import { demoAccounts } from './support/demoAccounts.ts';
import { signInAs } from './support/signIn.ts';

const shona = demoAccounts.teamLead;
const euan = 'Euan Cairns';

describe('a team lead manages caseloads, without JavaScript', () => {
  const browser = useBrowser();

  it('sets a limit after a mistake, and is warned before allocating waiting work takes a worker over it', async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });
    await signInAs(page, shona, 'team-lead-caseloads');
    let caseloads = await TeamCaseloadPage.goto(page, 'team');
    expect(await caseloads.overLimitWarning()).toBe('Warning Morven Blair is over their caseload limit.');

    await caseloads.setLimitFor(euan);
    let limit = await CaseloadLimitPage.verifyOnPage(page, euan, 'form');
    const carries = await limit.carries();
    await limit.save('0');
    limit = await CaseloadLimitPage.verifyOnPage(page, euan, 'error');
    expect(await limit.errorSummary()).toEqual({
      title: 'There is a problem',
      errors: [{ text: 'Enter a limit between 1 and 200', href: '#limit' }],
    });
    expect(await limit.fieldError('limit')).toBe('Enter a limit between 1 and 200');
    // A limit of what Euan carries now: any more work takes him over it.
    await limit.save(String(carries));
    caseloads = await TeamCaseloadPage.verifyOnPage(page, 'limit-saved');
    expect(await caseloads.successMessage()).toBe('Caseload limit saved.');
    expect(await caseloads.load(euan)).toEqual({ load: `${carries} of ${carries}`, tag: 'At limit' });

    const member = await caseloads.allocateFirstWaiting();
    const allocate = await AllocatePage.verifyOnPage(page, member, 'form');
    expect(await allocate.hintFor(euan)).toMatch(
      new RegExp(`Now ${carries} of ${carries}; ${carries + 1} after this`),
    );
    await allocate.allocate(euan, 'Standard');
    const warned = await OverLimitPage.verifyOnPage(page, euan);
    expect(await warned.warning()).toContain(`it would be ${carries + 1}, 1 over`);
    await warned.allocateAnyway();
    caseloads = await TeamCaseloadPage.verifyOnPage(page, 'allocated');
    expect(await caseloads.successMessage()).toBe('Work allocated.');
    expect(await caseloads.load(euan)).toEqual({ load: `${carries + 1} of ${carries}`, tag: 'Over limit' });
    expect(await caseloads.overLimitWarning()).toBe(
      'Warning Euan Cairns, Morven Blair are over their caseload limit.',
    );
  });
});
