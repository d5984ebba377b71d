import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { chronologyEntry, memberSupport } from '../../db/schema.ts';
import { TestBrowser, testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { ConsentRepository } from './consentRepository.ts';
import { accessOf, teamScenario, tokenFor } from './consentTeamTesting.ts';

/**
 * A member's own support can be kept confidential: the other organisations'
 * workers see the person is a member, not their support or the entries
 * about it.
 */
describe('confidential support', () => {
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

  async function confidentialScenario() {
    const s = await teamScenario(database);
    await database.db
      .update(memberSupport)
      .set({ confidential: true, workerId: s.homeLead.id, startedOn: '2026-09-01' })
      .where(and(eq(memberSupport.personId, s.agnes.id), eq(memberSupport.organisationId, s.home.id)));
    await database.db.insert(chronologyEntry).values({
      familyId: s.family.id,
      personId: s.agnes.id,
      occurredOn: '2026-10-02',
      what: 'Agnes spoke about feeling unsafe with her ex-partner',
      impact: 'negative',
      organisationOnly: true,
      organisationId: s.home.id,
      recordedBy: s.homeLead.id,
    });
    return s;
  }

  async function signedIn(email: string) {
    const browser = new TestBrowser(app);
    await browser.signIn(email);
    return browser;
  }

  it('shows another organisation’s worker that she is a member, not her confidential support or its entries', async () => {
    const s = await confidentialScenario();
    const partner = await signedIn(s.partnerWorker.email);
    const member = await partner.get(`/practice/families/${s.family.id}/members/${s.agnes.id}`);
    expect(member.statusCode).toBe(200);
    expect(member.body).toContain('Agnes');
    expect(member.body).not.toContain(s.homeLead.displayName);
    const overview = await partner.get(`/practice/families/${s.family.id}`);
    expect(overview.body).toContain('Agnes');
    expect(overview.body).not.toContain(s.homeLead.displayName);
    const chronology = await partner.get(`/practice/families/${s.family.id}/chronology`);
    expect(chronology.statusCode).toBe(200);
    expect(chronology.body).not.toContain('feeling unsafe');

    const api = await tokenFor(database, s.partner);
    const apiMember = await app.inject({
      url: `/api/v1/families/${s.family.id}/members/${s.agnes.id}`,
      headers: api,
    });
    expect(apiMember.statusCode).toBe(200);
    expect(apiMember.body).toContain('Agnes');
    expect(apiMember.body).not.toContain(s.homeLead.id);
    expect(apiMember.body).not.toContain(s.homeLead.displayName);
  });

  it('shows the supporting organisation its own confidential support and entries', async () => {
    const s = await confidentialScenario();
    const home = await signedIn(s.homeWorker.email);
    const member = await home.get(`/practice/families/${s.family.id}/members/${s.agnes.id}`);
    expect(member.body).toContain(s.homeLead.displayName);
    const chronology = await home.get(`/practice/families/${s.family.id}/chronology`);
    expect(chronology.body).toContain('feeling unsafe');
  });

  it('still shows the other organisation the member’s consent, since consent is about sharing, not support', async () => {
    const s = await confidentialScenario();
    const summary = await new ConsentRepository(
      database.db,
      accessOf(s.partnerWorker, s.area.id),
    ).summaryForFamily(s.family.id);
    expect(summary?.map((m) => m.givenName).sort()).toEqual(['Agnes', 'Callum']);
  });
});
