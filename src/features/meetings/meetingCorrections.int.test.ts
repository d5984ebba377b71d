import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { auditEvent, chronologyEntry, consent, recordChange, teamMeeting } from '../../db/schema.ts';
import type { TestBrowser } from '../../testing/testApp.ts';
import { testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { editFieldsOf as versionFields } from '../assessment/assessmentTesting.ts';
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

describe('correcting team meetings, and marking one as recorded in error', () => {
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

  async function meetingOf(s: Awaited<ReturnType<typeof planScenario>>) {
    const today = todayInUk(new Date());
    const url = `/practice/families/${s.family.id}/meetings`;
    await s.asHome.get(`${url}/new`);
    const response = await s.asHome.post(`${url}/new`, {
      ...dateFields('heldOn', addDays(today, -3)),
      familyPresent: 'yes',
      membersPresent: [s.agnes.id, s.callum.id],
      organisationsPresent: [s.home.id],
      workersPresent: s.homeWorker.id,
      discussed: 'How the school holidays went.',
      decisions: 'Agnes will try the carers group.',
    });
    expect(response.statusCode, /govuk-error-summary__list[\s\S]{0,600}/.exec(response.body)?.[0]).toBe(303);
    const href = (response.headers.location as string).replace(/\?.*$/, '');
    const id = href.split('/').pop() as string;
    return { url, href, id, today };
  }

  const correction = (s: Awaited<ReturnType<typeof planScenario>>, heldOn: string, discussed: string) => ({
    ...dateFields('heldOn', heldOn),
    familyPresent: 'yes',
    membersPresent: [s.agnes.id],
    organisationsPresent: [s.home.id, s.partner.id],
    workersPresent: s.partnerWorker.id,
    discussed,
    decisions: 'Agnes will try the carers group.',
  });

  async function openEdit(browser: TestBrowser, href: string) {
    const page = await browser.get(`${href}/edit`);
    expect(page.statusCode).toBe(200);
    return versionFields(page.body);
  }

  it('saves a correction with the old and new values in the history, shown on the meeting, noted and audited', async () => {
    const s = await planScenario(database, app);
    const m = await meetingOf(s);
    const token = await openEdit(s.asPartner, m.href);
    const response = await s.asPartner.post(`${m.href}/edit`, {
      ...token,
      ...correction(s, addDays(m.today, -4), 'How the summer holidays went, and the school run.'),
    });
    expect(response.statusCode, /govuk-error-summary__list[\s\S]{0,600}/.exec(response.body)?.[0]).toBe(303);

    const [row] = await database.db.select().from(teamMeeting).where(eq(teamMeeting.id, m.id));
    expect(row).toMatchObject({
      version: 2,
      heldOn: addDays(m.today, -4),
      membersPresent: [s.agnes.id],
      discussed: 'How the summer holidays went, and the school run.',
      updatedBy: s.partnerWorker.id,
    });
    // Home's worker is not on the partner's list of workers to choose, so stays recorded as there.
    expect([...(row?.workersPresent ?? [])].sort()).toEqual([s.homeWorker.id, s.partnerWorker.id].sort());
    const history = await database.db
      .select()
      .from(recordChange)
      .where(and(eq(recordChange.recordId, m.id), eq(recordChange.action, 'amended')));
    expect(history).toHaveLength(1);
    expect(history[0]?.changes).toMatchObject({
      heldOn: { from: addDays(m.today, -3), to: addDays(m.today, -4) },
      discussed: {
        from: 'How the school holidays went.',
        to: 'How the summer holidays went, and the school run.',
      },
      membersPresent: { from: [s.agnes.id, s.callum.id].sort(), to: [s.agnes.id] },
    });
    const audit = await database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'meeting.edit'), eq(auditEvent.recordId, m.id)));
    expect(audit.map((a) => a.outcome)).toEqual(['success']);
    const entries = await database.db
      .select()
      .from(chronologyEntry)
      .where(eq(chronologyEntry.familyId, s.family.id));
    expect(entries.some((e) => e.what.startsWith('The record of the team meeting on'))).toBe(true);

    const page = await s.asHome.get(`${m.href}?saved=corrected`);
    expect(page.body).toContain('Correction saved');
    expect(page.body).toContain('Meeting record corrected');
    expect(page.body).toContain(
      'What was discussed: How the school holidays went. → How the summer holidays went, and the school run.',
    );
    expect(page.body).toContain(
      'Family members there: Agnes Testfamily, Callum Testfamily → Agnes Testfamily',
    );
  });

  it('shows the second of two people saving at once what changed, keeps what they typed and saves nothing of theirs', async () => {
    const s = await planScenario(database, app);
    const m = await meetingOf(s);
    const homeToken = await openEdit(s.asHome, m.href);
    const partnerToken = await openEdit(s.asPartner, m.href);
    const first = await s.asHome.post(`${m.href}/edit`, {
      ...homeToken,
      ...correction(s, addDays(m.today, -3), 'Home’s wording of the discussion.'),
      workersPresent: s.homeWorker.id,
    });
    expect(first.statusCode).toBe(303);
    const second = await s.asPartner.post(`${m.href}/edit`, {
      ...partnerToken,
      ...correction(s, addDays(m.today, -3), 'Partner’s wording of the discussion.'),
    });
    expect(second.statusCode).toBe(409);
    expect(second.body).toContain('Someone else saved this while you were editing');
    expect(second.body).toContain('What was discussed: you and they both changed this');
    expect(second.body).toContain('Partner’s wording of the discussion.</textarea>');
    expect(second.body).toContain('Home’s wording of the discussion.');
    const [row] = await database.db.select().from(teamMeeting).where(eq(teamMeeting.id, m.id));
    expect(row?.discussed).toBe('Home’s wording of the discussion.');
    expect(row?.version).toBe(2);

    // Saving again from the conflict page saves against the version now current.
    const again = await s.asPartner.post(`${m.href}/edit`, {
      ...versionFields(second.body),
      ...correction(s, addDays(m.today, -3), 'Partner’s wording of the discussion.'),
    });
    expect(again.statusCode).toBe(303);
  });

  it('refuses bad input with the error summary, saving nothing', async () => {
    const s = await planScenario(database, app);
    const m = await meetingOf(s);
    const token = await openEdit(s.asHome, m.href);
    const response = await s.asHome.post(`${m.href}/edit`, {
      ...token,
      ...correction(s, addDays(m.today, 5), ''),
      workersPresent: s.homeWorker.id,
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('govuk-error-summary');
    expect(response.body).toContain(
      'href="#heldOn-day">The date of the meeting must be today or in the past',
    );
    expect(response.body).toContain('href="#discussed">Enter what was discussed');
    const [row] = await database.db.select().from(teamMeeting).where(eq(teamMeeting.id, m.id));
    expect(row?.version).toBe(1);
  });

  it('keeps a member the worker may not see in the meeting when they correct it, and refuses naming them', async () => {
    const s = await planScenario(database, app);
    const m = await meetingOf(s);
    // The partner sees Agnes only by her consent; once she refuses it they no longer see her.
    await database.db
      .update(consent)
      .set({ status: 'refused' })
      .where(and(eq(consent.personId, s.agnes.id), eq(consent.organisationId, s.partner.id)));
    const edit = await s.asPartner.get(`${m.href}/edit`);
    expect(edit.body).not.toContain(s.agnes.id);
    expect(edit.body).not.toContain('Agnes Testfamily');
    const response = await s.asPartner.post(`${m.href}/edit`, {
      ...versionFields(edit.body),
      ...correction(s, addDays(m.today, -3), 'Corrected by the partner.'),
      membersPresent: [s.callum.id],
    });
    expect(response.statusCode, /govuk-error-summary__list[\s\S]{0,600}/.exec(response.body)?.[0]).toBe(303);
    const [row] = await database.db.select().from(teamMeeting).where(eq(teamMeeting.id, m.id));
    expect([...(row?.membersPresent ?? [])].sort()).toEqual([s.agnes.id, s.callum.id].sort());
    const refused = await s.asPartner.post(`${m.href}/edit`, {
      ...versionFields((await s.asPartner.get(`${m.href}/edit`)).body),
      ...correction(s, addDays(m.today, -3), 'Naming a member they cannot see.'),
      membersPresent: [s.agnes.id],
    });
    expect(refused.statusCode).toBe(400);
  });

  it('marks a meeting as recorded in error with a reason: kept, hidden from the list unless asked, no longer editable', async () => {
    const s = await planScenario(database, app);
    const m = await meetingOf(s);
    const form = await s.asHome.get(`${m.href}/in-error`);
    expect(form.statusCode).toBe(200);
    const token = versionFields(form.body);
    const blank = await s.asHome.post(`${m.href}/in-error`, { ...token, reason: '' });
    expect(blank.statusCode).toBe(400);
    expect(blank.body).toContain('href="#reason">Enter why this meeting was recorded in error');
    const marked = await s.asHome.post(`${m.href}/in-error`, {
      ...token,
      reason: 'Recorded on the wrong family.',
    });
    expect(marked.statusCode).toBe(303);

    const [row] = await database.db.select().from(teamMeeting).where(eq(teamMeeting.id, m.id));
    expect(row).toMatchObject({ inErrorReason: 'Recorded on the wrong family.', inErrorBy: s.homeWorker.id });
    const list = await s.asPartner.get(m.url);
    expect(list.body).not.toContain(m.href);
    expect(list.body).toContain('Show 1 meeting marked as recorded in error');
    const all = await s.asPartner.get(`${m.url}?show=in-error`);
    expect(all.body).toContain(m.href);
    expect(all.body).toContain('Recorded in error');
    const one = await s.asPartner.get(m.href);
    expect(one.statusCode).toBe(200);
    expect(one.body).toContain('Recorded on the wrong family.');
    expect(one.body).not.toContain(`${m.href}/edit`);
    expect((await s.asPartner.get(`${m.href}/edit`)).statusCode).toBe(404);
    const history = await database.db
      .select()
      .from(recordChange)
      .where(and(eq(recordChange.recordId, m.id), eq(recordChange.action, 'ended')));
    expect(history).toHaveLength(1);
    const audit = await database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'meeting.in_error'), eq(auditEvent.recordId, m.id)));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]?.detail ?? {})).not.toContain('wrong family');
  });

  it('refuses to mark a meeting changed since the page was opened (409), writing nothing, and marks it on confirming again', async () => {
    const s = await planScenario(database, app);
    const m = await meetingOf(s);
    const stale = versionFields((await s.asHome.get(`${m.href}/in-error`)).body);
    const token = await openEdit(s.asPartner, m.href);
    const saved = await s.asPartner.post(`${m.href}/edit`, {
      ...token,
      ...correction(s, addDays(m.today, -3), 'How the school holidays went, corrected.'),
    });
    expect(saved.statusCode).toBe(303);
    const refused = await s.asHome.post(`${m.href}/in-error`, { ...stale, reason: 'Recorded twice.' });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('Someone changed this meeting after you opened this page');
    expect(refused.body).toContain('Recorded twice.');
    const [row] = await database.db.select().from(teamMeeting).where(eq(teamMeeting.id, m.id));
    expect(row).toMatchObject({ version: 2, inErrorAt: null });
    const ended = await database.db
      .select()
      .from(recordChange)
      .where(and(eq(recordChange.recordId, m.id), eq(recordChange.action, 'ended')));
    expect(ended).toHaveLength(0);
    const again = await s.asHome.post(`${m.href}/in-error`, {
      ...versionFields(refused.body),
      reason: 'Recorded twice.',
    });
    expect(again.statusCode).toBe(303);
    const [marked] = await database.db.select().from(teamMeeting).where(eq(teamMeeting.id, m.id));
    expect(marked).toMatchObject({ version: 3, inErrorReason: 'Recorded twice.' });
  });

  it('gives a user outside the family’s team 404 on the correction and in-error pages and saves nothing', async () => {
    const s = await planScenario(database, app);
    const m = await meetingOf(s);
    const token = await openEdit(s.asHome, m.href);
    await s.asOutsider.get('/practice');
    expect((await s.asOutsider.get(`${m.href}/edit`)).statusCode).toBe(404);
    expect((await s.asOutsider.get(`${m.href}/in-error`)).statusCode).toBe(404);
    const edit = await s.asOutsider.post(`${m.href}/edit`, {
      ...token,
      ...correction(s, addDays(m.today, -3), 'Not theirs to change.'),
    });
    expect(edit.statusCode).toBe(404);
    const marked = await s.asOutsider.post(`${m.href}/in-error`, { ...token, reason: 'Not theirs.' });
    expect(marked.statusCode).toBe(404);
    const [row] = await database.db.select().from(teamMeeting).where(eq(teamMeeting.id, m.id));
    expect(row).toMatchObject({ version: 1, inErrorAt: null });
  });
});
