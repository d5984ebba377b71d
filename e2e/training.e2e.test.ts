import { describe, expect, it } from 'vitest';
import { FamiliesPage } from './pages/familiesPage.ts';
import { RecordTrainingPage, TeamTrainingPage, WorkerTrainingPage } from './pages/trainingPages.ts';
import { useBrowser } from './support/browser.ts';
import { demoAccounts } from './support/demoAccounts.ts';
import { signInAs } from './support/signIn.ts';

const euan = 'Euan Cairns';

describe('workers’ training', () => {
  const browser = useBrowser();

  it('a team lead sees the team’s training, and records a refresher after a mistake', async () => {
    const page = await browser.newPage();
    await signInAs(page, demoAccounts.teamLead, 'team-lead-training');
    await page.goto('/practice');
    await FamiliesPage.verifyOnPage(page, 'training-link');
    await page.getByRole('link', { name: 'Training', exact: true }).click();
    let team = await TeamTrainingPage.verifyOnPage(page, 'team');
    expect(await team.summary()).toBe(
      '2 of 3 workers have family-inclusive practice or whole family approach training in date.',
    );
    expect(await team.row(euan)).toEqual({
      familyInclusive: 'None recorded',
      trauma: 'Trauma informed',
      refresh: '1 out of date',
    });
    expect((await team.row('Morven Blair')).refresh).toMatch(/^Refresh by /);

    await team.open(euan);
    let worker = await WorkerTrainingPage.verifyOnPage(page, euan, 'lapsed');
    expect(await worker.records()).toContainEqual({
      training: 'Family-inclusive practice',
      state: 'Out of date',
    });
    await worker.startRecording();
    const form = await RecordTrainingPage.verifyOnPage(page, euan, 'form');
    await form.chooseTopic('Trauma-informed practice');
    await form.save();
    await RecordTrainingPage.verifyOnPage(page, euan, 'error');
    expect(await form.errorSummary()).toEqual({
      title: 'There is a problem',
      errors: [
        { text: 'Choose the level of trauma training', href: '#traumaLevel' },
        { text: 'Enter the name of the course', href: '#course' },
      ],
    });
    expect(await form.errorSummaryHasFocus()).toBe(true);
    expect(await form.fieldError('course')).toBe('Enter the name of the course');

    await form.chooseTopic('Family-inclusive practice');
    await form.fill(
      'Family Inclusive Practice: refresher',
      'Scottish Families Affected by Alcohol and Drugs',
    );
    await form.save();
    worker = await WorkerTrainingPage.verifyOnPage(page, euan, 'recorded');
    expect(await worker.successMessage()).toBe('Training recorded.');
    expect((await worker.summaryValues())[0]).toMatch(/^Trained \d+ \w+ \d{4}$/);

    await page.goto('/practice/training');
    team = await TeamTrainingPage.verifyOnPage(page, 'after');
    expect(await team.summary()).toBe(
      '3 of 3 workers have family-inclusive practice or whole family approach training in date.',
    );
    // The lapsed foundation course no longer counts as out of date once refreshed.
    expect((await team.row(euan)).refresh).toBe('Nothing due');
  });

  it('a practitioner sees only their own training, without JavaScript', async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });
    await signInAs(page, demoAccounts.practitioner, 'practitioner-training');
    await page.goto('/practice/training');
    const own = await WorkerTrainingPage.verifyOnPage(page, 'Your training', 'own');
    expect(await own.canRecord()).toBe(false);
    expect((await own.summaryValues())[1]).toBe('Trauma skilled');
  });
});
