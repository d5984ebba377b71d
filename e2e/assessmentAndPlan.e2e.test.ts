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
import {
  ActionPage,
  AgreePage,
  CorrectMeetingPage,
  GoalPage,
  homeOverdue,
  MeetingInErrorPage,
  MeetingPage,
  MeetingsPage,
  PlanPage,
  PlanPrintPage,
  RecordMeetingPage,
  ReviewPage,
} from './pages/planPages.ts';
import { useBrowser } from './support/browser.ts';
import { type DemoAccount, demoAccounts } from './support/demoAccounts.ts';
import { signInAs } from './support/signIn.ts';

const morven = demoAccounts.practitioner;
/** Dunmore Housing Support's practitioner, on the team of GC-0020 with Carse Family Support (src/demo). */
const moira = {
  email: 'moira.sinclair@dunmore-housing.example',
  name: 'Moira Sinclair',
  organisation: 'Dunmore Housing Support',
} as never as DemoAccount;

function isoDaysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

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

/**
 * Writes an organisation's part of one section, from the assessment page and
 * back to it. Each page type (and each kind of section's form) is checked with
 * axe the first time this page sees it; later visits are only identified.
 */
function contributor(page: Page, familyName: string, organisation: string) {
  const audited = new Set<string>();
  const first = (key: string) => !audited.has(key) && Boolean(audited.add(key));
  const who = organisation.split(' ')[0] as string;
  return async (section: { name: string; kind: string }) => {
    const kind = section.kind.split(' ')[0]?.toLowerCase() ?? 'family';
    const assessment = await AssessmentPage.verifyOnPage(page, familyName, `draft-${who}`, first('list'));
    await assessment.contributeTo(section.name);
    const form = await ContributionPage.verifyOnPage(page, section.name, `${who}-${kind}`, first(kind));
    await form.fill(answersFor(section.kind, organisation));
    await form.save();
    await AssessmentSectionPage.verifyOnPage(page, section.name, `saved-${who}`, first('section'));
    await page.getByRole('link', { name: 'Back to the assessment' }).click();
  };
}

describe('a family’s assessment and plan, from first contribution to progress at review', () => {
  const browser = useBrowser();

  it('two organisations assess a family of four, the family agrees three goals, a review weeks later shows progress; the key forms work without JavaScript', {
    timeout: 420_000,
  }, async () => {
    const page = await browser.newPage();
    const home = await signInAs(page, morven, 'journey');
    const overdue = await homeOverdue(home.page);
    expect(overdue.map((o) => o.detail).join(' ')).toMatch(/overdue/);

    // The assessment: one for the whole family, a section for each of the four members.
    const family = await openFamilyByReference(page, 'GC-0020');
    await FamilyOverviewPage.verifyOnPage(page, family.name, 'journey');
    await page
      .getByRole('navigation', { name: 'Family record' })
      .getByRole('link', { name: 'Assessment' })
      .click();
    const empty = await AssessmentPage.verifyOnPage(page, family.name, 'none');
    await empty.press('Start the assessment');
    const started = await AssessmentPage.verifyOnPage(page, family.name, 'started');
    expect(await started.successMessage()).toContain('Assessment started');
    const sections = await started.sectionCards();
    expect(sections.map((s) => s.name)[0]).toBe('The whole family');
    expect(sections).toHaveLength(5);

    // Nothing typed: an error summary, nothing saved.
    await started.contributeTo('The whole family');
    const blank = await ContributionPage.verifyOnPage(page, 'The whole family', 'blank', false);
    await blank.save();
    const refused = await ContributionPage.verifyOnPage(page, 'The whole family', 'refused');
    expect((await refused.errorSummary()).errors).toEqual([
      { text: 'Write at least one part of your organisation’s contribution', href: '#strengths' },
    ]);
    await page.getByRole('link', { name: 'Back to The whole family' }).click();
    await AssessmentSectionPage.verifyOnPage(page, 'The whole family', 'empty');
    await page.getByRole('link', { name: 'Back to the assessment' }).click();

    const carse = contributor(page, family.name, morven.organisation);
    for (const section of sections) await carse(section);

    const draft = await AssessmentPage.verifyOnPage(page, family.name, 'carse-done', false);
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
    const recorded = await AssessmentPage.verifyOnPage(page, family.name, 'concern-recorded', false);
    expect((await recorded.concerns())[0]).toContain('Child protection referral made');

    // A second organisation adds its part, signed in on its own, with JavaScript off.
    const second = await browser.newPage({ javaScriptEnabled: false });
    await signInAs(second, moira, 'journey-moira-no-js');
    await second.goto(`/practice/families/${family.id}/assessment`);
    const housing = contributor(second, family.name, moira.organisation);
    for (const section of (
      await AssessmentPage.verifyOnPage(second, family.name, 'moira', false).then((p) => p.sectionCards())
    ).slice(0, 2))
      await housing(section);

    // Completed without JavaScript; then read side by side.
    const noJs = await browser.newPage({ javaScriptEnabled: false });
    await signInAs(noJs, morven, 'journey-no-js');
    await (await AssessmentPage.goto(noJs, family.id, family.name, 'no-js-both', false)).openComplete();
    await (await CompleteAssessmentPage.verifyOnPage(noJs, family.name, 'no-js-confirm')).complete();
    const completed = await AssessmentPage.verifyOnPage(noJs, family.name, 'no-js-completed');
    expect(await completed.successMessage()).toContain('Assessment completed');
    expect(await completed.versionLine()).toMatch(/^Completed Version 1/);
    await page.reload();
    await (await AssessmentPage.verifyOnPage(page, family.name, 'completed', false)).readSection(
      'The whole family',
    );
    const sideBySide = await AssessmentSectionPage.verifyOnPage(
      page,
      'The whole family',
      'side-by-side',
      false,
    );
    expect(await sideBySide.organisations()).toEqual([morven.organisation, moira.organisation]);
    expect(await sideBySide.text()).toContain('Sunday dinners together (Dunmore Housing Support)');

    // Without JavaScript: a second version copies the first; one answer changes; the two compare.
    await completed.press('Start version 2');
    const v2 = await AssessmentPage.verifyOnPage(noJs, family.name, 'no-js-version-2');
    expect(await v2.versionLine()).toMatch(/^Draft Version 2/);
    expect((await v2.sectionCards())[0]?.text).toContain('Sunday dinners together (Carse');
    await v2.contributeTo('The whole family');
    const change = await ContributionPage.verifyOnPage(noJs, 'The whole family', 'no-js-version-2');
    await change.fill({ wants: 'A holiday together' });
    await change.save();
    await AssessmentPage.goto(noJs, family.id, family.name, 'no-js-version-2-saved', false);
    await noJs
      .getByRole('link', { name: /versions/i })
      .first()
      .click();
    const versions = await AssessmentVersionsPage.verifyOnPage(noJs, 'no-js');
    expect(await versions.rows()).toEqual([
      expect.stringMatching(/^Version 2 Draft/),
      expect.stringMatching(/^Version 1 Completed/),
    ]);
    await versions.compare();
    await noJs.getByRole('heading', { level: 1, name: 'What changed from version 1 to version 2' }).waitFor();
    const compared = await noJs.getByRole('main').textContent();
    expect(compared).toContain('A calmer home');
    expect(compared).toContain('A holiday together');

    // The plan: three goals in the family's words, the third added without JavaScript.
    let plan = await PlanPage.goto(page, family.id, family.name, 'empty');
    expect(await plan.agreed()).toBeUndefined();
    await plan.addGoal();
    let goal = await GoalPage.verifyOnPage(page, family.name, 'new');
    const members = (await page.getByLabel('Whose goal is it?').locator('option').allTextContents()).slice(1);
    expect(members).toHaveLength(4);
    await page.getByLabel('The goal, in the family’s own words').fill('   ');
    await page.getByRole('button', { name: 'Save goal' }).click();
    goal = await GoalPage.verifyOnPage(page, family.name, 'empty-error');
    expect((await goal.errorSummary()).errors.map((e) => e.text)).toEqual([
      'Enter the goal in the family’s own words',
    ]);
    const goals = [
      { whose: 'The whole family', words: 'We want to go to the beach at Ardmore together this summer' },
      { whose: members[0] as string, words: 'Have one evening a week that is just for me' },
      { whose: members[1] as string, words: 'Feel less worried when I come home from school' },
    ];
    await goal.add(goals[0]?.whose as string, goals[0]?.words as string, 'Shared family time');
    plan = await PlanPage.verifyOnPage(page, family.name, 'goal-1');
    expect(await plan.successMessage()).toBe('Goal saved');
    await plan.addGoal();
    await (await GoalPage.verifyOnPage(page, family.name, 'new-2', false)).add(
      goals[1]?.whose as string,
      goals[1]?.words as string,
    );
    await PlanPage.goto(noJs, family.id, family.name, 'no-js', false).then((p) => p.addGoal());
    await (await GoalPage.verifyOnPage(noJs, family.name, 'no-js')).add(
      goals[2]?.whose as string,
      goals[2]?.words as string,
    );
    await PlanPage.verifyOnPage(noJs, family.name, 'no-js-goal-3');

    plan = await PlanPage.goto(page, family.id, family.name, 'three-goals', false);
    expect((await plan.goals()).map((g) => g.familyWords)).toEqual(
      expect.arrayContaining(goals.map((g) => g.words)),
    );
    await plan.recordAgreement();
    const agree = await AgreePage.verifyOnPage(page, family.name, 'form');
    const agreeing = (await page.locator('main .govuk-checkboxes__label').allTextContents())
      .map((t) => t.trim())
      .slice(0, 2);
    await agree.agree(agreeing, isoDaysAgo(42), 4);
    plan = await PlanPage.verifyOnPage(page, family.name, 'agreed', false);
    expect(await plan.agreed()).toContain(agreeing[0] as string);

    // A review a few weeks after the agreement (a score out of range refused first), then one today without JavaScript.
    await plan.holdReview();
    let review = await ReviewPage.verifyOnPage(page, family.name, 'first');
    await review.review(isoDaysAgo(14), ['11', '2', '1'], '');
    review = await ReviewPage.verifyOnPage(page, family.name, 'out-of-range');
    expect((await review.errorSummary()).errors.map((e) => e.text)).toEqual([
      'Progress on goal 1 must be a whole number from 0 to 10',
    ]);
    await review.review(isoDaysAgo(14), ['2', '3', '1'], 'Keep going with the family sessions');
    await PlanPage.verifyOnPage(page, family.name, 'reviewed-once', false);
    await PlanPage.goto(noJs, family.id, family.name, 'no-js-review', false).then((p) => p.holdReview());
    await (await ReviewPage.verifyOnPage(noJs, family.name, 'no-js')).review(
      isoDaysAgo(0),
      ['6', '5', '4'],
      'Beach trip booked for July',
    );
    await PlanPage.verifyOnPage(noJs, family.name, 'no-js-reviewed', false);

    plan = await PlanPage.goto(page, family.id, family.name, 'reviewed-twice');
    const beach = (await plan.goals()).find((g) => g.familyWords.startsWith('We want to go to the beach'));
    expect(beach?.progress.map((p) => p.score)).toEqual(['2', '6']);
    expect(beach?.chart).toMatch(/^From 2 out of 10 on .* to 6 out of 10 on .*, over 2 reviews\.$/);
    const [before, after] = (beach?.points ?? []).map((p) => p.split(',').map(Number)) as [
      number[],
      number[],
    ];
    expect(after[0]).toBeGreaterThan(before[0] as number);
    expect(after[1]).toBeLessThan(before[1] as number);

    await page.goto(`/practice/families/${family.id}/plan/print`);
    const print = await (await PlanPrintPage.verifyOnPage(page, family.name, 'family')).text();
    expect(print).toContain('We want to go to the beach at Ardmore together this summer');
    expect(print).not.toContain('Shared family time');

    // Without JavaScript: an action already late shows as overdue.
    await PlanPage.goto(noJs, family.id, family.name, 'no-js-action', false).then((p) => p.addAction());
    const action = await ActionPage.verifyOnPage(noJs, family.name, 'no-js');
    const who = (await noJs.getByLabel('Who will do it?').locator('option').allTextContents()).find((t) =>
      t.includes(morven.name),
    ) as string;
    await action.add('Check the youth club has a place on Thursdays', who, isoDaysAgo(3));
    plan = await PlanPage.verifyOnPage(noJs, family.name, 'no-js-action-added', false);
    expect(await plan.successMessage()).toBe('Action saved');
    expect((await plan.actionRows()).find((r) => r.includes('youth club'))).toContain('Overdue');

    // Without JavaScript: a team meeting whose action joins the plan, then corrected, then marked as recorded in error.
    await (await MeetingsPage.goto(noJs, family.id, family.name, 'no-js')).recordMeeting();
    await (await RecordMeetingPage.verifyOnPage(noJs, family.name, 'no-js')).record(
      'How the first weeks of the plan went, and the school holidays.',
      { what: 'Ask the school about the breakfast club', who, dueOn: isoDaysAgo(-14) },
    );
    let meeting = await MeetingPage.verifyOnPage(noJs, family.name, 'no-js');
    expect(await meeting.successMessage()).toBe('Meeting recorded. Its actions are in the family plan.');
    expect(await meeting.details()).toContain('Ask the school about the breakfast club');
    await meeting.correct();
    await (await CorrectMeetingPage.verifyOnPage(noJs, family.name, 'no-js')).correct(
      'How the first weeks of the plan went.',
    );
    meeting = await MeetingPage.verifyOnPage(noJs, family.name, 'no-js-corrected');
    expect(await meeting.successMessage()).toBe(
      'Correction saved. The old values are in the meeting’s history.',
    );
    expect(await meeting.history()).toContain(
      'What was discussed: How the first weeks of the plan went, and the school holidays. → How the first weeks of the plan went.',
    );
    await meeting.markInError();
    await (await MeetingInErrorPage.verifyOnPage(noJs, family.name, 'no-js')).mark(
      'Recorded twice by mistake.',
    );
    await MeetingPage.verifyOnPage(noJs, family.name, 'no-js-in-error');
    const meetings = await MeetingsPage.goto(noJs, family.id, family.name, 'no-js-after');
    expect(await meetings.meetings()).toEqual([]);
    plan = await PlanPage.goto(noJs, family.id, family.name, 'no-js-meeting', false);
    expect((await plan.actionRows()).join(' ')).toContain('Ask the school about the breakfast club');
  });
});
