import { and, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Database } from '../../db/client.ts';
import { memberSupport } from '../../db/schema.ts';
import { TestBrowser, type testApp } from '../../testing/testApp.ts';
import { teamScenario } from '../consent/consentTeamTesting.ts';

/**
 * The team scenario (home and partner on the team, outsider not) with each
 * practitioner signed in, and a way to add goals through the form.
 */
export async function planScenario(database: Database, app: Awaited<ReturnType<typeof testApp>>) {
  const scenario = await teamScenario(database);
  const signIn = async (email: string) => {
    const browser = new TestBrowser(app);
    await browser.signIn(email);
    return browser;
  };
  const asHome = await signIn(scenario.homeWorker.email);
  const asPartner = await signIn(scenario.partnerWorker.email);
  const asOutsider = await signIn(scenario.outsiderWorker.email);
  const planUrl = `/practice/families/${scenario.family.id}/plan`;

  async function addGoal(browser: TestBrowser, form: Record<string, string>) {
    await browser.get(`${planUrl}/goals/new`);
    const response = await browser.post(`${planUrl}/goals/new`, { personId: '', workerWords: '', ...form });
    expect(response.statusCode, response.body.slice(0, 2000)).toBe(303);
  }

  /** Makes Agnes's support with home confidential, so her own goals are home's alone. */
  async function agnesConfidential() {
    await database.db
      .update(memberSupport)
      .set({ confidential: true })
      .where(
        and(eq(memberSupport.personId, scenario.agnes.id), eq(memberSupport.familyId, scenario.family.id)),
      );
  }

  return { ...scenario, asHome, asPartner, asOutsider, planUrl, addGoal, agnesConfidential, signIn };
}
