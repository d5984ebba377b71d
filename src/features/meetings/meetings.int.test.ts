import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { chronologyEntry, planAction, recordChange, teamMeeting } from '../../db/schema.ts';
import { testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { addDays } from '../plan/planSchedule.ts';
import { planScenario } from '../plan/planTesting.ts';

function dateFields(prefix: string, iso: string): Record<string, string> {
  const [year, month, day] = iso.split('-') as [string, string, string];
  return {
    [`${prefix}-day`]: String(Number(day)),
    [`${prefix}-month`]: String(Number(month)),
    [`${prefix}-year`]: year,
  };
}

describe('team meetings', () => {
  let database: Database;
  let app: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    database = await testDatabase();
    app = await testApp(database);
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('records a meeting with the family there; its actions join the plan and the chronology notes it', async () => {
    const s = await planScenario(database, app);
    const today = todayInUk(new Date());
    const url = `/practice/families/${s.family.id}/meetings`;
    const form = await s.asHome.get(`${url}/new`);
    expect(form.statusCode).toBe(200);
    const response = await s.asHome.post(`${url}/new`, {
      ...dateFields('heldOn', addDays(today, -1)),
      familyPresent: 'yes',
      membersPresent: [s.agnes.id, s.callum.id],
      organisationsPresent: [s.home.id, s.partner.id],
      workersPresent: s.homeWorker.id,
      othersPresent: 'Guidance teacher, Carse Academy',
      discussed: 'How the summer holidays went and what help Agnes needs with the school run.',
      decisions: 'Agnes will try the carers group.',
      'action-1-what': 'Phone the carers centre about the Tuesday group',
      'action-1-owner': `member:${s.agnes.id}`,
      ...dateFields('action-1-dueOn', addDays(today, 14)),
      'action-2-what': 'Send Callum the recovery café times',
      'action-2-owner': `organisation:${s.partner.id}`,
      ...dateFields('action-2-dueOn', addDays(today, 7)),
    });
    expect(response.statusCode, response.body.slice(0, 1500)).toBe(303);
    const [meeting] = await database.db
      .select()
      .from(teamMeeting)
      .where(eq(teamMeeting.familyId, s.family.id));
    expect(meeting).toMatchObject({
      familyPresent: true,
      membersPresent: expect.arrayContaining([s.agnes.id, s.callum.id]),
    });
    const actions = await database.db.select().from(planAction).where(eq(planAction.familyId, s.family.id));
    expect(actions.map((a) => [a.what, a.meetingId])).toEqual(
      expect.arrayContaining([
        ['Phone the carers centre about the Tuesday group', meeting?.id],
        ['Send Callum the recovery café times', meeting?.id],
      ]),
    );
    const entries = await database.db
      .select()
      .from(chronologyEntry)
      .where(eq(chronologyEntry.familyId, s.family.id));
    expect(entries.map((e) => e.what)).toContain(
      'Meeting of the team around the family, with the family there (2 members). 2 actions were added to the family plan.',
    );
    const history = await database.db
      .select()
      .from(recordChange)
      .where(eq(recordChange.recordId, meeting?.id as string));
    expect(history).toHaveLength(1);

    const page = await s.asPartner.get(response.headers.location as string);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Yes: Agnes Testfamily, Callum Testfamily');
    expect(page.body).toContain('Guidance teacher, Carse Academy');
    const plan = await s.asPartner.get(`/practice/families/${s.family.id}/plan`);
    expect(plan.body).toContain('Send Callum the recovery café times');
    expect(plan.body).toContain('Agreed at a team meeting');
    const list = await s.asOutsider.get(url);
    expect(list.statusCode).toBe(404);
    const one = await s.asOutsider.get(response.headers.location as string);
    expect(one.statusCode).toBe(404);
  });

  it('refuses a part-filled action, an impossible date and a family present with nobody named, saving nothing', async () => {
    const s = await planScenario(database, app);
    const url = `/practice/families/${s.family.id}/meetings`;
    await s.asHome.get(`${url}/new`);
    const response = await s.asHome.post(`${url}/new`, {
      'heldOn-day': '30',
      'heldOn-month': '2',
      'heldOn-year': '2025',
      familyPresent: 'yes',
      organisationsPresent: s.home.id,
      discussed: '',
      'action-1-what': 'Something with no owner or date',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('govuk-error-summary');
    expect(response.body).toContain('href="#heldOn-day">The date of the meeting must be a real date');
    expect(response.body).toContain('href="#membersPresent">Select the family members who were there');
    expect(response.body).toContain('href="#discussed">Enter what was discussed');
    expect(response.body).toContain('href="#action-1-owner">Select who will do action 1');
    expect(response.body).toContain('href="#action-1-dueOn-day">Enter the date action 1 should be done by');
    expect(await database.db.select().from(teamMeeting).where(eq(teamMeeting.familyId, s.family.id))).toEqual(
      [],
    );
    expect(await database.db.select().from(planAction).where(eq(planAction.familyId, s.family.id))).toEqual(
      [],
    );
  });
});
