import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import {
  chronologyEntry,
  consent,
  contact,
  contactMember,
  familyTeamMember,
  recordChange,
} from '../../db/schema.ts';
import { createOrganisation, createUser } from '../../testing/fixtures.ts';
import { testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { auditActions } from '../consent/consentTeamTesting.ts';
import { planScenario } from '../plan/planTesting.ts';
import { changeSupport, contactFields, recordContact } from './contactTesting.ts';

/** A third organisation on the team, seeing both members by consent, with a practitioner signed in. */
async function thirdOrganisation(database: Database, s: Awaited<ReturnType<typeof planScenario>>) {
  const org = await createOrganisation(database.db, s.area.id);
  const worker = await createUser(database.db, org.id, ['practitioner']);
  await database.db.insert(familyTeamMember).values({ familyId: s.family.id, organisationId: org.id });
  await database.db.insert(consent).values(
    [s.agnes, s.callum].map((p) => ({
      familyId: s.family.id,
      personId: p.id,
      organisationId: org.id,
      status: 'given' as const,
      scope: 'Share with the team around the family',
      method: 'verbal' as const,
    })),
  );
  return s.signIn(worker.email);
}

describe('contacts', () => {
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

  it('records a whole-family contact from the overview; the list and the last contact date show it', async () => {
    const s = await planScenario(database, app);
    const overview = await s.asHome.get(`/practice/families/${s.family.id}`);
    expect(overview.body).toContain(`href="/practice/families/${s.family.id}/contacts/new"`);
    expect(overview.body).toContain('none attended yet');
    const form = await s.asHome.get(`/practice/families/${s.family.id}/contacts/new`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toMatch(/value="in_person" checked/);
    expect(form.body).toMatch(/value="attended" checked/);
    expect(form.body).toMatch(/value="one_to_one" checked/);
    const response = await recordContact(
      s.asHome,
      s.family.id,
      contactFields([s.agnes.id, s.callum.id], {
        kind: 'whole_family',
        channel: 'home_visit',
        durationMinutes: '50',
        topics: ['communication', 'safety'],
        notes: 'Agnes and Callum talked about the weekends.',
        followUp: 'Book the next visit',
      }),
    );
    expect(response.statusCode, response.body.slice(0, 2000)).toBe(303);
    expect(response.headers.location).toBe(`/practice/families/${s.family.id}/contacts?added=1`);
    const [row] = await database.db.select().from(contact).where(eq(contact.familyId, s.family.id));
    expect(row).toMatchObject({
      kind: 'whole_family',
      channel: 'home_visit',
      durationMinutes: 50,
      outcome: 'attended',
      workerId: s.homeWorker.id,
      organisationId: s.home.id,
      topics: ['communication', 'safety'],
      significant: false,
      chronologyEntryId: null,
    });
    const members = await database.db
      .select()
      .from(contactMember)
      .where(eq(contactMember.contactId, row?.id as string));
    expect(members.map((m) => m.personId).sort()).toEqual([s.agnes.id, s.callum.id].sort());
    expect(
      await database.db
        .select()
        .from(recordChange)
        .where(eq(recordChange.recordId, row?.id as string)),
    ).toHaveLength(1);

    const list = await s.asPartner.get(response.headers.location as string);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Whole-family, home visit');
    expect(list.body).toContain('Agnes Testfamily, Callum Testfamily');
    expect(list.body).toContain('Agnes and Callum talked about the weekends.');
    expect(list.body).toContain('Talking with the person who uses substances; Safety and safety planning');
    const again = await s.asPartner.get(`/practice/families/${s.family.id}`);
    expect(again.body).not.toContain('none attended yet');
    expect(again.body).toMatch(/<strong>Last contact:<\/strong> \d{1,2} [A-Z][a-z]{2} \d{4}/);

    const audit = await auditActions(database, s.family.id, s.homeWorker.id);
    expect(audit).toContainEqual(
      expect.objectContaining({
        action: 'contact.add',
        outcome: 'success',
        detail: { members: 2, significant: false, confidential: false, enrolment: false },
      }),
    );
    const partnerAudit = await auditActions(database, s.family.id, s.partnerWorker.id);
    expect(partnerAudit).toContainEqual(
      expect.objectContaining({ action: 'contact.read', detail: { shown: 1, filtered: false } }),
    );
  });

  it('counts only attended contacts as the last contact, and filters the list by member', async () => {
    const s = await planScenario(database, app);
    const missed = await recordContact(
      s.asHome,
      s.family.id,
      contactFields([s.callum.id], { outcome: 'did_not_attend', channel: 'phone' }),
    );
    expect(missed.statusCode).toBe(303);
    const overview = await s.asHome.get(`/practice/families/${s.family.id}`);
    expect(overview.body).toContain('none attended yet');
    await recordContact(s.asHome, s.family.id, contactFields([s.agnes.id], { channel: 'video' }));
    const agnes = await s.asHome.get(`/practice/families/${s.family.id}/contacts?personId=${s.agnes.id}`);
    expect(agnes.body).toContain('One-to-one, video call');
    expect(agnes.body).not.toContain('One-to-one, phone');
    const all = await s.asHome.get(`/practice/families/${s.family.id}/contacts`);
    expect(all.body.indexOf('One-to-one, video call')).toBeLessThan(all.body.indexOf('One-to-one, phone'));
    expect(all.body).toContain('Did not attend');
  });

  it('shows the latest 100 contacts, saying so when there are more', async () => {
    const s = await planScenario(database, app);
    const rows = await database.db
      .insert(contact)
      .values(
        Array.from({ length: 101 }, (_, i) => ({
          familyId: s.family.id,
          organisationId: s.home.id,
          workerId: s.homeWorker.id,
          occurredAt: new Date(Date.now() - (i + 1) * 86_400_000),
          kind: 'one_to_one' as const,
          channel: 'phone' as const,
          outcome: 'attended' as const,
        })),
      )
      .returning({ id: contact.id });
    await database.db
      .insert(contactMember)
      .values(rows.map((r) => ({ contactId: r.id, personId: s.agnes.id, familyId: s.family.id })));
    const page = (await s.asHome.get(`/practice/families/${s.family.id}/contacts`)).body;
    expect(page).toContain('Showing the latest 100 contacts.');
    expect(page.match(/<h2 class="govuk-summary-card__title">/g)).toHaveLength(100);
  });

  it('refuses bad input with messages by the fields, saving nothing', async () => {
    const s = await planScenario(database, app);
    const future = await recordContact(
      s.asHome,
      s.family.id,
      contactFields([], { kind: 'joint_agency', durationMinutes: '900' }, new Date(Date.now() + 86_400_000)),
    );
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain('govuk-error-summary');
    expect(future.body).toContain('href="#members">Select who the contact was with');
    expect(future.body).toContain('href="#jointOrganisationId">Select the other agency for a joint contact');
    expect(future.body).toContain(
      'href="#durationMinutes">The length must be a whole number of minutes, from 1 to 600',
    );
    expect(future.body).toContain('href="#outcome">A contact in the future cannot be marked attended');
    const impossible = await recordContact(
      s.asHome,
      s.family.id,
      contactFields([s.agnes.id], { 'occurredOn-day': '31', 'occurredOn-month': '6', time: '24:30' }),
    );
    expect(impossible.statusCode).toBe(400);
    expect(impossible.body).toContain('href="#occurredOn-day">The date of the contact must be a real date');
    expect(impossible.body).toContain('href="#time">Enter a real time, like 14:30 or 2:30pm');
    expect(await database.db.select().from(contact).where(eq(contact.familyId, s.family.id))).toEqual([]);
  });

  it('writes a chronology entry for a significant contact, in the same transaction', async () => {
    const s = await planScenario(database, app);
    const response = await recordContact(
      s.asHome,
      s.family.id,
      contactFields([s.agnes.id], { significant: 'yes', topics: ['overdose_naloxone'], channel: 'phone' }),
    );
    expect(response.statusCode).toBe(303);
    const [row] = await database.db.select().from(contact).where(eq(contact.familyId, s.family.id));
    const [entry] = await database.db
      .select()
      .from(chronologyEntry)
      .where(eq(chronologyEntry.familyId, s.family.id));
    expect(row?.chronologyEntryId).toBe(entry?.id);
    expect(entry).toMatchObject({
      personId: s.agnes.id,
      automatic: true,
      organisationOnly: false,
      what: 'One-to-one contact (phone): attended. Covered: overdose awareness and naloxone.',
    });
    const chronology = await s.asPartner.get(`/practice/families/${s.family.id}/chronology`);
    expect(chronology.body).toContain('One-to-one contact (phone): attended.');
  });

  it('keeps confidential notes to the member’s own worker; others see the contact took place', async () => {
    const s = await planScenario(database, app);
    await changeSupport(database, s.family.id, s.agnes.id, { workerId: s.homeLead.id });
    const response = await recordContact(
      s.asHome,
      s.family.id,
      contactFields([s.agnes.id], {
        confidential: 'yes',
        significant: 'yes',
        topics: ['safety'],
        notes: 'Agnes spoke about what happens when Callum drinks.',
      }),
    );
    expect(response.statusCode).toBe(303);
    const url = `/practice/families/${s.family.id}/contacts`;
    const own = await s.asHome.get(url);
    expect(own.body).toContain('Agnes spoke about what happens when Callum drinks.');
    const lead = await s.signIn(s.homeLead.email);
    expect((await lead.get(url)).body).toContain('Agnes spoke about what happens when Callum drinks.');
    const colleague = await s.signIn((await createUser(database.db, s.home.id, ['practitioner'])).email);
    const partner = await s.asPartner.get(url);
    for (const page of [(await colleague.get(url)).body, partner.body]) {
      expect(page).toContain('One-to-one, in person');
      expect(page).toContain('Attended');
      expect(page).toContain('The notes are confidential to the member’s own worker.');
      expect(page).not.toContain('Agnes spoke about');
      expect(page).not.toContain('Safety and safety planning');
    }
    const [entry] = await database.db
      .select()
      .from(chronologyEntry)
      .where(eq(chronologyEntry.familyId, s.family.id));
    expect(entry).toMatchObject({
      organisationOnly: true,
      what: 'One-to-one contact (in person): attended.',
    });
  });

  it('hides a member’s confidential support contacts from other organisations, as the assessment does', async () => {
    const s = await planScenario(database, app);
    await recordContact(
      s.asHome,
      s.family.id,
      contactFields([s.agnes.id], { notes: 'About her own support.' }),
    );
    await recordContact(
      s.asPartner,
      s.family.id,
      contactFields([s.agnes.id, s.callum.id], { kind: 'whole_family', notes: 'Partner visit notes.' }),
    );
    await changeSupport(database, s.family.id, s.agnes.id, { confidential: true });
    const url = `/practice/families/${s.family.id}/contacts`;
    const partner = (await s.asPartner.get(url)).body;
    expect(partner).not.toContain('About her own support.');
    expect(partner).not.toContain('One-to-one, in person');
    expect(partner).toContain('Partner visit notes.');
    const third = await thirdOrganisation(database, s);
    const thirdPage = (await third.get(url)).body;
    expect(thirdPage).toContain('Whole-family, in person');
    expect(thirdPage).toContain('What was covered is not shared with your organisation.');
    expect(thirdPage).not.toContain('Partner visit notes.');
    expect(thirdPage).not.toContain('One-to-one, in person');
    const home = (await s.asHome.get(url)).body;
    expect(home).toContain('About her own support.');
    expect(home).toContain('Whole-family, in person');
    expect(home).toContain('Partner visit notes.');
  });

  it('hides what was said with a member at once when they withdraw consent, even from the organisation that held it', async () => {
    const s = await planScenario(database, app);
    await recordContact(
      s.asPartner,
      s.family.id,
      contactFields([s.agnes.id, s.callum.id], { kind: 'whole_family', notes: 'Said at the family visit.' }),
    );
    const url = `/practice/families/${s.family.id}/contacts`;
    expect((await s.asPartner.get(url)).body).toContain('Said at the family visit.');
    await database.db
      .update(consent)
      .set({ status: 'withdrawn' })
      .where(and(eq(consent.personId, s.callum.id), eq(consent.organisationId, s.partner.id)));
    const page = (await s.asPartner.get(url)).body;
    expect(page).toContain('Whole-family, in person');
    expect(page).not.toContain('Said at the family visit.');
    expect(page).not.toContain('Callum');
    expect((await s.asHome.get(url)).body).toContain('Said at the family visit.');
  });

  it('is not found, and audited as denied, for an organisation off the team', async () => {
    const s = await planScenario(database, app);
    await recordContact(s.asHome, s.family.id, contactFields([s.agnes.id]));
    const url = `/practice/families/${s.family.id}/contacts`;
    expect((await s.asOutsider.get(url)).statusCode).toBe(404);
    expect((await s.asOutsider.get(`${url}/new`)).statusCode).toBe(404);
    await s.asOutsider.get('/practice');
    const post = await s.asOutsider.post(`${url}/new`, contactFields([s.agnes.id]));
    expect(post.statusCode).toBe(404);
    const audit = await auditActions(database, s.family.id, s.outsiderWorker.id);
    expect(
      audit
        .filter((a) => a.outcome === 'denied')
        .map((a) => a.action)
        .sort(),
    ).toEqual(['contact.add', 'contact.add', 'contact.read']);
    expect(await database.db.select().from(contact).where(eq(contact.familyId, s.family.id))).toHaveLength(1);
  });
});
