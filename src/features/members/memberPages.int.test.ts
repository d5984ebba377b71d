import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { auditEvent, familyMembership, familyTeamMember, person, recordChange } from '../../db/schema.ts';
import { createFamily, createOrganisation, createPractice, createUser } from '../../testing/fixtures.ts';
import { TestBrowser, testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';

import { agnesForm, memberPageHelpers } from './memberPageTestHelpers.ts';

describe('members pages', () => {
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
  const { signedIn, startFamily } = memberPageHelpers(() => ({ database, app }));

  it('adds a member after checking for duplicates, and can add someone already known to a second family', async () => {
    const { area, browser } = await signedIn();
    const surname = `Reidson${randomUUID().slice(0, 4)}`;
    const mumsFamily = await startFamily(browser, area.localityId, { familyName: surname });
    await browser.get(`/practice/families/${mumsFamily}/members/new`);
    const child = {
      givenName: 'Kayla',
      familyName: surname,
      'dateOfBirth-day': '12',
      'dateOfBirth-month': '6',
      'dateOfBirth-year': '2015',
      relationshipLabel: 'Granddaughter',
      roles: ['child_or_young_person'],
    };
    const added = await browser.post(`/practice/families/${mumsFamily}/members/new`, child);
    expect(added.statusCode).toBe(302);
    const kaylaId = added.headers.location?.split('/').pop()?.split('?')[0] as string;

    // The same child, in her dad's family record.
    const dadsFamily = await startFamily(browser, area.localityId, {
      givenName: 'Darren',
      familyName: 'Moffat',
      relationshipLabel: 'Father',
      roles: ['using_substances'],
      'dateOfBirth-year': '1988',
    });
    await browser.get(`/practice/families/${dadsFamily}/members/new`);
    const check = await browser.post(`/practice/families/${dadsFamily}/members/new`, {
      ...child,
      relationshipLabel: 'Daughter',
    });
    expect(check.statusCode).toBe(200);
    expect(check.body).toContain('Is this someone already on Hearth?');
    expect(check.body).toContain(`Kayla ${surname}`);
    expect(check.body).toContain(`name="personId" value="${kaylaId}"`);

    const existing = await browser.post(`/practice/families/${dadsFamily}/members/add-existing`, {
      ...child,
      relationshipLabel: 'Daughter',
      personId: kaylaId,
    });
    expect(existing.statusCode).toBe(302);
    const memberships = await database.db
      .select()
      .from(familyMembership)
      .where(eq(familyMembership.personId, kaylaId));
    expect(memberships.map((m) => [m.familyId, m.relationshipLabel]).sort()).toEqual(
      [
        [mumsFamily, 'Granddaughter'],
        [dadsFamily, 'Daughter'],
      ].sort(),
    );
    const page = await browser.get(`/practice/families/${dadsFamily}/members/${kaylaId}`);
    expect(page.body).toContain('Other family records');
    expect(page.body).toContain('The Reid family');

    // Or confirm it is someone new.
    const confirmed = await browser.post(`/practice/families/${dadsFamily}/members/new`, {
      ...child,
      givenName: 'Kayla',
      confirmedNew: 'yes',
      'dateOfBirth-day': '13',
    });
    expect(confirmed.statusCode).toBe(302);
  });

  it('says when the person is already in this family, and will not add someone the user cannot see', async () => {
    const { area, browser } = await signedIn();
    const familyId = await startFamily(browser, area.localityId);
    await browser.get(`/practice/families/${familyId}/members/new`);
    const again = await browser.post(`/practice/families/${familyId}/members/new`, {
      givenName: 'Agnes',
      familyName: 'Reid',
    });
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('Already a member of this family.');
    expect(again.body).not.toContain('to this family</button>');

    const other = await createPractice(database.db);
    const hidden = await createFamily(database.db, other.area.id, [other.org.id]);
    const sneaky = await browser.post(`/practice/families/${familyId}/members/add-existing`, {
      personId: hidden.people[0]?.id as string,
      givenName: 'Agnes',
    });
    expect(sneaky.statusCode).toBe(404);
    const memberships = await database.db
      .select()
      .from(familyMembership)
      .where(eq(familyMembership.personId, hidden.people[0]?.id as string));
    expect(memberships).toHaveLength(1);
  });

  it('never suggests a duplicate the user may not see', async () => {
    const other = await createPractice(database.db);
    const hidden = await createFamily(database.db, other.area.id, [other.org.id]);
    const surname = `Hiddenfamily${randomUUID().slice(0, 4)}`;
    await database.db
      .update(person)
      .set({ familyName: surname, postcode: 'KA7 1AA' })
      .where(eq(person.id, hidden.people[0]?.id as string));
    const { area, browser } = await signedIn();
    const familyId = await startFamily(browser, area.localityId);
    await browser.get(`/practice/families/${familyId}/members/new`);
    const response = await browser.post(`/practice/families/${familyId}/members/new`, {
      givenName: 'Agnes',
      familyName: surname,
      'dateOfBirth-day': '2',
      'dateOfBirth-month': '4',
      'dateOfBirth-year': '1960',
      postcode: 'KA7 1AA',
    });
    // Straight through: nothing visible matched, so no "is this someone already on Hearth?" step.
    expect(response.statusCode).toBe(302);
    const searches = await database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'person.search'), eq(auditEvent.familyId, familyId)));
    expect(searches.map((s) => s.detail)).toEqual([{ purpose: 'duplicates', shown: 0 }]);
  });

  it('keeps the old and new values of an amendment, shown as the history', async () => {
    const { area, browser } = await signedIn();
    const familyId = await startFamily(browser, area.localityId);
    const [member] = await database.db
      .select()
      .from(familyMembership)
      .where(eq(familyMembership.familyId, familyId));
    const href = `/practice/families/${familyId}/members/${member?.personId}`;
    await browser.get(`${href}/edit`);
    const saved = await browser.post(`${href}/edit`, {
      ...agnesForm,
      preferredName: 'Nessie',
      phone: '07700 900982',
      safeToPhone: 'no',
      contactSafetyNote: 'Her partner checks her phone. Call the office first.',
      roles: ['affected_family_member'],
    });
    expect(saved.statusCode).toBe(302);
    const changes = await database.db
      .select()
      .from(recordChange)
      .where(and(eq(recordChange.personId, member?.personId as string), eq(recordChange.action, 'amended')));
    const personChange = changes.find((c) => c.recordType === 'person');
    expect(personChange?.changes).toEqual({
      preferredName: { from: null, to: 'Nessie' },
      phone: { from: null, to: '07700 900982' },
      safeToPhone: { from: true, to: false },
      contactSafetyNote: { from: null, to: 'Her partner checks her phone. Call the office first.' },
    });
    expect(changes.find((c) => c.recordType === 'family_membership')?.changes).toEqual({
      roles: { from: ['adult_carer', 'affected_family_member'], to: ['affected_family_member'] },
    });
    const page = await browser.get(href);
    expect(page.body).toContain('It is not safe to phone this person');
    const history = await browser.get(`${href}/history`);
    expect(history.statusCode).toBe(200);
    expect(history.body).toContain('Nessie');
    expect(history.body).toContain('Their details: Changed');
  });

  it('hides a withheld address from workers who are not named, in the page and its history', async () => {
    const { area, org, browser } = await signedIn();
    const familyId = await startFamily(browser, area.localityId, {
      address: '4 Harbour Row, Ardmore',
      postcode: 'KA7 1AA',
      addressWithheld: 'yes',
    });
    const [member] = await database.db
      .select()
      .from(familyMembership)
      .where(eq(familyMembership.familyId, familyId));
    const href = `/practice/families/${familyId}/members/${member?.personId}`;
    expect((await browser.get(href)).body).toContain('4 Harbour Row');

    const colleague = await createUser(database.db, org.id, ['practitioner']);
    const other = new TestBrowser(app);
    await other.signIn(colleague.email);
    const page = await other.get(href);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Harbour Row');
    expect(page.body).not.toContain('KA7');
    expect(page.body).toContain('Withheld: only their named workers can see it');
    expect((await other.get(`${href}/history`)).body).not.toContain('Harbour Row');
    // Saving their other details leaves the address alone.
    await other.get(`${href}/edit`);
    expect((await other.post(`${href}/edit`, { ...agnesForm, pronouns: 'she/her' })).statusCode).toBe(302);
    const [stored] = await database.db
      .select()
      .from(person)
      .where(eq(person.id, member?.personId as string));
    expect(stored).toEqual(
      expect.objectContaining({
        address: '4 Harbour Row, Ardmore',
        addressWithheld: true,
        pronouns: 'she/her',
      }),
    );
    // Nor is she found by the postcode she is hiding at, except by her named workers.
    const stranger = {
      givenName: 'Brian',
      familyName: `Other${randomUUID().slice(0, 4)}`,
      postcode: 'KA7 1AA',
    };
    await other.get(`/practice/families/${familyId}/members/new`);
    const byColleague = await other.post(`/practice/families/${familyId}/members/new`, stranger);
    expect(byColleague.statusCode).toBe(302);
    await browser.get(`/practice/families/${familyId}/members/new`);
    const byWorker = await browser.post(`/practice/families/${familyId}/members/new`, {
      ...stranger,
      givenName: 'Bruce',
    });
    expect(byWorker.statusCode).toBe(200);
    expect(byWorker.body).toContain('Agnes Reid');
  });

  it('keeps confidential support from other organisations, who still see the member', async () => {
    const { area, browser } = await signedIn();
    const familyId = await startFamily(browser, area.localityId);
    const [member] = await database.db
      .select()
      .from(familyMembership)
      .where(eq(familyMembership.familyId, familyId));
    const href = `/practice/families/${familyId}/members/${member?.personId}`;
    await browser.get(`${href}/support`);
    expect((await browser.post(`${href}/support`, { status: 'closed', workerId: '' })).statusCode).toBe(400);
    const saved = await browser.post(`${href}/support`, {
      status: 'being_supported',
      workerId: '',
      confidential: 'yes',
    });
    expect(saved.statusCode).toBe(302);

    // Another organisation joins the team and Agnes agrees to share with it.
    const otherOrg = await createOrganisation(database.db, area.id);
    const otherWorker = await createUser(database.db, otherOrg.id, ['practitioner']);
    await database.db.insert(familyTeamMember).values({ familyId, organisationId: otherOrg.id });
    await database.db.execute(
      `insert into consent (family_id, person_id, organisation_id, status, scope, method) values ('${familyId}', '${member?.personId}', '${otherOrg.id}', 'given', 'Share with the team', 'verbal')` as never,
    );
    const other = new TestBrowser(app);
    await other.signIn(otherWorker.email);
    const page = await other.get(href);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Agnes Reid');
    expect(page.body).not.toContain('Being supported');
    expect(page.body).not.toContain('Confidential');
    expect((await browser.get(href)).body).toContain('Confidential');
  });

  it('gives an organisation not on the team “not found” for the member pages, and audits it', async () => {
    const { area, browser } = await signedIn();
    const familyId = await startFamily(browser, area.localityId);
    const [member] = await database.db
      .select()
      .from(familyMembership)
      .where(eq(familyMembership.familyId, familyId));
    const href = `/practice/families/${familyId}/members/${member?.personId}`;
    const outsider = await createUser(database.db, (await createOrganisation(database.db, area.id)).id, [
      'practitioner',
    ]);
    const other = new TestBrowser(app);
    await other.signIn(outsider.email);
    for (const path of [
      href,
      `${href}/edit`,
      `${href}/history`,
      `${href}/support`,
      `/practice/families/${familyId}/members/new`,
    ]) {
      const page = await other.get(path);
      expect(page.statusCode, path).toBe(404);
      expect(page.body).not.toContain('Agnes');
    }
    const denied = await database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.actorUserId, outsider.id), eq(auditEvent.outcome, 'denied')));
    expect(denied.length).toBe(5);
  });

  it('ends a membership with a reason and keeps it in the history', async () => {
    const { area, browser } = await signedIn();
    const familyId = await startFamily(browser, area.localityId);
    const [member] = await database.db
      .select()
      .from(familyMembership)
      .where(eq(familyMembership.familyId, familyId));
    const href = `/practice/families/${familyId}/members/${member?.personId}`;
    await browser.get(`${href}/leave`);
    const bad = await browser.post(`${href}/leave`, {
      'endedOn-day': '30',
      'endedOn-month': '2',
      'endedOn-year': '2026',
      reason: '',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('must be a real date');
    expect(bad.body).toContain('Enter why they are leaving');
    const today = new Date();
    const left = await browser.post(`${href}/leave`, {
      'endedOn-day': String(today.getUTCDate()),
      'endedOn-month': String(today.getUTCMonth() + 1),
      'endedOn-year': String(today.getUTCFullYear()),
      reason: 'Moved to live with her sister',
    });
    expect(left.statusCode).toBe(302);
    const current = await database.db
      .select()
      .from(familyMembership)
      .where(and(eq(familyMembership.familyId, familyId), isNull(familyMembership.endedOn)));
    expect(current).toEqual([]);
    const ended = await database.db
      .select()
      .from(recordChange)
      .where(and(eq(recordChange.recordId, member?.id as string), eq(recordChange.action, 'ended')));
    expect(ended[0]?.changes).toEqual(
      expect.objectContaining({ endReason: { from: null, to: 'Moved to live with her sister' } }),
    );
    expect((await browser.get(href)).statusCode).toBe(404);
  });
});
