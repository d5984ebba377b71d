import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import {
  chronologyEntry,
  consent,
  familyTeamMember,
  leadProfessional,
  memberSupport,
  notice,
  recordChange,
} from '../../db/schema.ts';
import { TestBrowser, testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import {
  accessOf,
  auditActions,
  openTeamSpell,
  teamScenario,
  tokenFor,
} from '../consent/consentTeamTesting.ts';
import { TeamRepository } from './teamRepository.ts';

describe('the team around the family', () => {
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

  async function signedIn(email: string) {
    const browser = new TestBrowser(app);
    await browser.signIn(email);
    return browser;
  }

  it('inviting an organisation onto the team gives it access to the members chosen, with history and chronology', async () => {
    const s = await teamScenario(database);
    const outsider = await signedIn(s.outsiderWorker.email);
    expect((await outsider.get(`/practice/families/${s.family.id}`)).statusCode).toBe(404);

    const home = await signedIn(s.homeWorker.email);
    const form = await home.get(`/practice/families/${s.family.id}/team/invite`);
    expect(form.body).toContain(s.outsider.name);
    expect(form.body).not.toContain(`value="${s.partner.id}"`);
    const saved = await home.post(`/practice/families/${s.family.id}/team/invite`, {
      organisation: s.outsider.id,
      members: [s.callum.id],
      role: 'Recovery support for Callum',
      contact: '01234 567890',
    });
    expect(saved.statusCode).toBe(303);

    const overview = await outsider.get(`/practice/families/${s.family.id}`);
    expect(overview.statusCode).toBe(200);
    expect(overview.body).toContain('Callum');
    expect(overview.body).not.toContain('Agnes');
    const support = await database.db
      .select()
      .from(memberSupport)
      .where(and(eq(memberSupport.familyId, s.family.id), eq(memberSupport.organisationId, s.outsider.id)));
    expect(support).toEqual([expect.objectContaining({ personId: s.callum.id, status: 'not_started' })]);
    const spell = await openTeamSpell(database, s.family.id, s.outsider.id);
    const history = await database.db
      .select()
      .from(recordChange)
      .where(eq(recordChange.recordId, spell?.id as string));
    expect(history).toEqual([expect.objectContaining({ action: 'created', changedBy: s.homeWorker.id })]);
    const entries = await database.db
      .select()
      .from(chronologyEntry)
      .where(eq(chronologyEntry.familyId, s.family.id));
    expect(entries.map((e) => e.what)).toContain(`${s.outsider.name} joined the team around the family.`);
    expect(await auditActions(database, s.family.id, s.homeWorker.id)).toContainEqual(
      expect.objectContaining({ action: 'team.join', outcome: 'success' }),
    );
  });

  it('records, on the invite form, the consent of members who agreed to share with the organisation', async () => {
    const s = await teamScenario(database);
    const home = await signedIn(s.homeWorker.email);
    await home.get(`/practice/families/${s.family.id}/team/invite`);
    const unsure = await home.post(`/practice/families/${s.family.id}/team/invite`, {
      organisation: s.outsider.id,
      members: [s.callum.id],
      sharing: [s.agnes.id],
      consentScope: '',
    });
    expect(unsure.statusCode).toBe(400);
    expect(unsure.body).toContain('Select how they agreed');
    expect(unsure.body).toContain('Enter what they agreed to share');
    expect(await openTeamSpell(database, s.family.id, s.outsider.id)).toBeUndefined();

    const saved = await home.post(`/practice/families/${s.family.id}/team/invite`, {
      organisation: s.outsider.id,
      members: [s.callum.id],
      sharing: [s.agnes.id],
      consentMethod: 'written',
      consentScope: 'Her support and the family plan',
    });
    expect(saved.statusCode).toBe(303);
    const [given] = await database.db
      .select()
      .from(consent)
      .where(and(eq(consent.personId, s.agnes.id), eq(consent.organisationId, s.outsider.id)));
    expect(given).toEqual(
      expect.objectContaining({
        status: 'given',
        method: 'written',
        scope: 'Her support and the family plan',
      }),
    );
    const outsider = await signedIn(s.outsiderWorker.email);
    const overview = await outsider.get(`/practice/families/${s.family.id}`);
    expect(overview.body).toContain('Callum');
    expect(overview.body).toContain('Agnes');
    expect(await auditActions(database, s.family.id, s.homeWorker.id)).toContainEqual(
      expect.objectContaining({ action: 'consent.record', outcome: 'success' }),
    );
  });

  it('checks the invite form and saves nothing half-way', async () => {
    const s = await teamScenario(database);
    const home = await signedIn(s.homeWorker.email);
    await home.get(`/practice/families/${s.family.id}/team/invite`);
    const page = await home.post(`/practice/families/${s.family.id}/team/invite`, {
      organisation: s.outsider.id,
      'joinedOn-day': '30',
      'joinedOn-month': '2',
      'joinedOn-year': '2026',
    });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('Choose at least one member');
    expect(page.body).toContain('The date they joined must be a real date');
    expect(await openTeamSpell(database, s.family.id, s.outsider.id)).toBeUndefined();
  });

  it('leaving the team takes access away at once; rejoining starts a new spell', async () => {
    const s = await teamScenario(database);
    const partner = await signedIn(s.partnerWorker.email);
    expect((await partner.get(`/practice/families/${s.family.id}`)).statusCode).toBe(200);
    const spell = await openTeamSpell(database, s.family.id, s.partner.id);
    const home = await signedIn(s.homeWorker.email);
    await home.get(`/practice/families/${s.family.id}/team/${spell?.id}/leave`);
    const left = await home.post(`/practice/families/${s.family.id}/team/${spell?.id}/leave`, {});
    expect(left.statusCode).toBe(303);
    expect((await partner.get(`/practice/families/${s.family.id}`)).statusCode).toBe(404);
    expect((await partner.get(`/practice/families/${s.family.id}/team`)).statusCode).toBe(404);
    const partnerApi = await tokenFor(database, s.partner);
    expect(
      (await app.inject({ url: `/api/v1/families/${s.family.id}`, headers: partnerApi })).statusCode,
    ).toBe(404);
    expect(
      (await app.inject({ url: `/api/v1/families/${s.family.id}/team`, headers: partnerApi })).statusCode,
    ).toBe(404);

    const homeApi = await tokenFor(database, s.home);
    const rejoin = await app.inject({
      method: 'POST',
      url: `/api/v1/families/${s.family.id}/team`,
      headers: homeApi,
      payload: { organisationId: s.partner.id, memberIds: [s.agnes.id], role: 'Family support' },
    });
    expect(rejoin.statusCode).toBe(201);
    const spells = await database.db
      .select()
      .from(familyTeamMember)
      .where(
        and(eq(familyTeamMember.familyId, s.family.id), eq(familyTeamMember.organisationId, s.partner.id)),
      );
    expect(spells).toHaveLength(2);
    expect((await partner.get(`/practice/families/${s.family.id}`)).statusCode).toBe(200);
    const team = await app.inject({ url: `/api/v1/families/${s.family.id}/team`, headers: homeApi });
    expect(
      team.json().organisations.filter((o: { organisationId: string }) => o.organisationId === s.partner.id),
    ).toHaveLength(2);
  });

  it('hands the lead professional role over with a note, keeps the dated list, and tells the new lead’s organisation', async () => {
    const s = await teamScenario(database);
    const home = await signedIn(s.homeWorker.email);
    await home.get(`/practice/families/${s.family.id}/team/lead`);
    const first = await home.post(`/practice/families/${s.family.id}/team/lead`, {
      user: s.homeWorker.id,
      handoverNote: 'Taking the lead at the first meeting',
    });
    expect(first.statusCode).toBe(303);
    await home.get(`/practice/families/${s.family.id}/team/lead`);
    const bad = await home.post(`/practice/families/${s.family.id}/team/lead`, {
      user: s.partnerWorker.id,
      handoverNote: '',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Enter a hand-over note');
    const second = await home.post(`/practice/families/${s.family.id}/team/lead`, {
      user: s.partnerWorker.id,
      handoverNote: 'Dawn is working mostly with Claire now',
    });
    expect(second.statusCode).toBe(303);

    const spells = await database.db
      .select()
      .from(leadProfessional)
      .where(eq(leadProfessional.familyId, s.family.id));
    expect(spells).toHaveLength(2);
    expect(spells.filter((l) => l.endedOn === null)).toEqual([
      expect.objectContaining({ userId: s.partnerWorker.id, handedOverBy: s.homeWorker.id }),
    ]);
    const page = await home.get(`/practice/families/${s.family.id}/team`);
    expect(page.body).toContain('Lead professional hand-overs');
    expect(page.body).toContain('Dawn is working mostly with Claire now');
    expect(page.body).toContain(`Handed over by ${s.homeWorker.displayName}`);
    expect(page.body).toContain('Changes to the team');
    expect(page.body).toContain('Lead professional handed over');
    expect(page.body).toContain(`Worker: ${s.partnerWorker.displayName}`);
    const notices = await database.db.select().from(notice).where(eq(notice.familyId, s.family.id));
    expect(notices).toContainEqual(
      expect.objectContaining({
        organisationId: s.partner.id,
        kind: 'lead_handover',
        aboutUserId: s.partnerWorker.id,
      }),
    );
    const view = await new TeamRepository(database.db, accessOf(s.homeWorker, s.area.id)).forFamily(
      s.family.id,
    );
    expect(view?.lead?.userId).toBe(s.partnerWorker.id);
    expect(view?.leadHistory).toHaveLength(2);

    // The lead's organisation cannot leave until the role is handed over.
    const spell = await openTeamSpell(database, s.family.id, s.partner.id);
    await home.get(`/practice/families/${s.family.id}/team/${spell?.id}/leave`);
    const leave = await home.post(`/practice/families/${s.family.id}/team/${spell?.id}/leave`, {});
    expect(leave.statusCode).toBe(400);
    expect(leave.body).toContain('Hand over the lead professional role');
  });

  it('names workers for the family or one member, and records their leaving', async () => {
    const s = await teamScenario(database);
    const home = await signedIn(s.homeWorker.email);
    await home.get(`/practice/families/${s.family.id}/team/workers/new`);
    const bad = await home.post(`/practice/families/${s.family.id}/team/workers/new`, {
      user: s.outsiderWorker.id,
      person: 'family',
      role: 'Peer worker',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Choose a worker from an organisation on the team');
    const saved = await home.post(`/practice/families/${s.family.id}/team/workers/new`, {
      user: s.partnerWorker.id,
      person: s.agnes.id,
      role: 'Family support worker',
      contact: 'Mondays and Tuesdays',
    });
    expect(saved.statusCode).toBe(303);
    const page = await home.get(`/practice/families/${s.family.id}/team`);
    expect(page.body).toContain('Family support worker');
    expect(page.body).toContain('Agnes Testfamily');
    const view = await new TeamRepository(database.db, accessOf(s.homeWorker, s.area.id)).forFamily(
      s.family.id,
    );
    const worker = view?.workers[0];
    await home.get(`/practice/families/${s.family.id}/team/workers/${worker?.id}/leave`);
    const left = await home.post(`/practice/families/${s.family.id}/team/workers/${worker?.id}/leave`, {});
    expect(left.statusCode).toBe(303);
    const after = await new TeamRepository(database.db, accessOf(s.homeWorker, s.area.id)).forFamily(
      s.family.id,
    );
    expect(after?.workers[0]?.leftOn).not.toBeNull();
  });

  it('answers API problems for bad hand-overs and unknown families', async () => {
    const s = await teamScenario(database);
    const homeApi = await tokenFor(database, s.home);
    const bad = await app.inject({
      method: 'POST',
      url: `/api/v1/families/${s.family.id}/lead-professional`,
      headers: homeApi,
      payload: { userId: s.outsiderWorker.id, handoverNote: 'Over to you' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].pointer).toBe('#/body/userId');
    const outsiderApi = await tokenFor(database, s.outsider);
    const hidden = await app.inject({
      method: 'POST',
      url: `/api/v1/families/${s.family.id}/lead-professional`,
      headers: outsiderApi,
      payload: { userId: s.outsiderWorker.id, handoverNote: 'Over to me' },
    });
    expect(hidden.statusCode).toBe(404);
    const ok = await app.inject({
      method: 'POST',
      url: `/api/v1/families/${s.family.id}/lead-professional`,
      headers: homeApi,
      payload: { userId: s.homeWorker.id, handoverNote: 'First lead' },
    });
    expect(ok.statusCode).toBe(201);
  });
});
