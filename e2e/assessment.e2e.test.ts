import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  AddConcernPage,
  AssessmentPage,
  AssessmentSectionPage,
  AssessmentVersionsPage,
  CompleteAssessmentPage,
  ContributionPage,
  openFamilyByReference,
} from './pages/assessmentPages.ts';
import { FamilyOverviewPage } from './pages/familyOverviewPage.ts';
import { useBrowser } from './support/browser.ts';
import { demoAccounts } from './support/demoAccounts.ts';
import { signInAs } from './support/signIn.ts';

const morven = demoAccounts.practitioner;
/** Dunmore Housing Support's practitioner, on the team of GC-0020 with Carse Family Support (src/demo). */
const moira = {
  email: 'moira.sinclair@dunmore-housing.example',
  name: 'Moira Sinclair',
  organisation: 'Dunmore Housing Support',
};

/** What an organisation writes for a section, by the section's kind. */
function answersFor(kind: string, organisation: string): Record<string, string> {
  if (kind.startsWith('Child'))
    return {
      strengths: `Kind and funny; loves drawing (${organisation})`,
      safeRating: 'some_concerns',
      safeConcerns: 'Sometimes at home alone in the evening',
      healthyRating: 'doing_well',
      ownViews: 'I like it when we all have tea together. I don’t like the shouting.',
    };
  if (kind.startsWith('Adult'))
    return { strengths: `Holds the family together (${organisation})`, housing: 'Rent arrears of £400' };
  return { strengths: `Sunday dinners together (${organisation})`, wants: 'A calmer home' };
}

async function contribute(
  page: Page,
  familyName: string,
  section: { name: string; kind: string },
  organisation: string,
) {
  const assessment = await AssessmentPage.verifyOnPage(
    page,
    familyName,
    `draft-${organisation.split(' ')[0]}`,
  );
  await assessment.contributeTo(section.name);
  const form = await ContributionPage.verifyOnPage(
    page,
    section.name,
    section.kind.split(' ')[0]?.toLowerCase() ?? 'x',
  );
  await form.fill(answersFor(section.kind, organisation));
  await form.save();
  await AssessmentSectionPage.verifyOnPage(page, section.name, `saved-${organisation.split(' ')[0]}`);
  await page.getByRole('link', { name: 'Back to the assessment' }).click();
}

describe('the whole-family assessment', () => {
  const browser = useBrowser();

  it('is filled in by two organisations for a family of four, completed and read side by side', {
    timeout: 300_000,
  }, async () => {
    const page = await browser.newPage();
    await signInAs(page, morven, 'assessment');
    const family = await openFamilyByReference(page, 'GC-0020');
    await FamilyOverviewPage.verifyOnPage(page, family.name, 'assessment');
    await page
      .getByRole('navigation', { name: 'Family record' })
      .getByRole('link', { name: 'Assessment' })
      .click();
    const empty = await AssessmentPage.verifyOnPage(page, family.name, 'none');
    await empty.press('Start the assessment');
    const started = await AssessmentPage.verifyOnPage(page, family.name, 'started');
    expect(await started.successMessage()).toContain('Assessment started');
    const sections = await started.sectionCards();
    expect(sections[0]?.name).toBe('The whole family');
    expect(sections.length).toBeGreaterThanOrEqual(3);

    // Nothing typed: an error summary, nothing saved.
    await started.contributeTo('The whole family');
    const blank = await ContributionPage.verifyOnPage(page, 'The whole family', 'blank');
    await blank.save();
    const refused = await ContributionPage.verifyOnPage(page, 'The whole family', 'refused');
    expect((await refused.errorSummary()).errors).toEqual([
      { text: 'Write at least one part of your organisation’s contribution', href: '#strengths' },
    ]);
    await page.getByRole('link', { name: 'Back to The whole family' }).click();
    await AssessmentSectionPage.verifyOnPage(page, 'The whole family', 'empty');
    await page.getByRole('link', { name: 'Back to the assessment' }).click();

    for (const section of sections)
      await contribute(page, family.name, section, 'Carse Family Support Service');

    const draft = await AssessmentPage.verifyOnPage(page, family.name, 'morven-done');
    await draft.follow('Record a risk or protection concern');
    const concern = await AddConcernPage.verifyOnPage(page, family.name, 'new');
    const child = sections.find((s) => s.kind.startsWith('Child'));
    if (!child) throw new Error('no child in the family');
    const details = {
      kind: 'Child protection',
      about: child.name,
      description: 'Said she was left alone overnight',
      actionTaken: 'Child protection referral made',
    };
    await concern.record({ ...details, on: ['30', '2', '2026'] });
    const impossible = await AddConcernPage.verifyOnPage(page, family.name, 'impossible-date');
    expect(await impossible.fieldError('actionOn')).toBe('The date it was done must be a real date');
    await impossible.record({ ...details, on: ['2', '3', '2026'] });
    const recorded = await AssessmentPage.verifyOnPage(page, family.name, 'concern-recorded');
    expect((await recorded.concerns())[0]).toContain('Child protection referral made');

    // A second organisation adds its part, signed in on its own.
    const second = await browser.newPage();
    await signInAs(second, moira as never, 'assessment-moira');
    await second.goto(`/practice/families/${family.id}/assessment`);
    const theirs = await AssessmentPage.verifyOnPage(second, family.name, 'moira');
    const visibleToMoira = await theirs.sectionCards();
    for (const section of visibleToMoira.slice(0, 2))
      await contribute(second, family.name, section, 'Dunmore Housing Support');

    await page.reload();
    const both = await AssessmentPage.verifyOnPage(page, family.name, 'both');
    await both.openComplete();
    const confirm = await CompleteAssessmentPage.verifyOnPage(page, family.name, 'confirm');
    await confirm.complete();
    const completed = await AssessmentPage.verifyOnPage(page, family.name, 'completed');
    expect(await completed.successMessage()).toContain('Assessment completed');
    expect(await completed.versionLine()).toMatch(/^Completed Version 1/);

    await completed.readSection('The whole family');
    const sideBySide = await AssessmentSectionPage.verifyOnPage(page, 'The whole family', 'side-by-side');
    expect(await sideBySide.organisations()).toEqual([
      'Carse Family Support Service',
      'Dunmore Housing Support',
    ]);
    expect(await sideBySide.text()).toContain('Sunday dinners together (Dunmore Housing Support)');
  });

  it('works without JavaScript: start, contribute, complete, start a new version and compare', {
    timeout: 180_000,
  }, async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });
    await signInAs(page, morven, 'assessment-no-js');
    const family = await openFamilyByReference(page, 'GC-0005');
    const empty = await AssessmentPage.goto(page, family.id, family.name, 'no-js-none');
    await empty.press('Start the assessment');
    const started = await AssessmentPage.verifyOnPage(page, family.name, 'no-js-started');
    await started.contributeTo('The whole family');
    const form = await ContributionPage.verifyOnPage(page, 'The whole family', 'no-js');
    await form.fill({ strengths: 'Everyone helps with the dog', wants: 'Fewer arguments' });
    await form.save();
    await AssessmentSectionPage.verifyOnPage(page, 'The whole family', 'no-js-saved');
    await (await AssessmentPage.goto(page, family.id, family.name, 'no-js-draft')).openComplete();
    await (await CompleteAssessmentPage.verifyOnPage(page, family.name, 'no-js')).complete();
    const completed = await AssessmentPage.verifyOnPage(page, family.name, 'no-js-completed');
    await completed.press('Start version 2');
    const second = await AssessmentPage.verifyOnPage(page, family.name, 'no-js-version-2');
    expect(await second.versionLine()).toMatch(/^Draft Version 2/);
    expect((await second.sectionCards())[0]?.text).toContain('Everyone helps with the dog');
    await second.contributeTo('The whole family');
    const change = await ContributionPage.verifyOnPage(page, 'The whole family', 'no-js-version-2');
    await change.fill({ wants: 'A holiday together' });
    await change.save();
    await AssessmentPage.goto(page, family.id, family.name, 'no-js-version-2-saved');
    await page
      .getByRole('link', { name: /versions/i })
      .first()
      .click();
    const versions = await AssessmentVersionsPage.verifyOnPage(page, 'no-js');
    expect(await versions.rows()).toEqual([
      expect.stringMatching(/^Version 2 Draft/),
      expect.stringMatching(/^Version 1 Completed/),
    ]);
    await versions.compare();
    await page.getByRole('heading', { level: 1, name: 'What changed from version 1 to version 2' }).waitFor();
    const text = await page.getByRole('main').textContent();
    expect(text).toContain('Fewer arguments');
    expect(text).toContain('A holiday together');
  });
});
