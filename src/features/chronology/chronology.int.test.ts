import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { auditEvent, chronologyEntry, consent, familyTeamMember } from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { createFamily, createOrganisation, createPractice, createUser } from '../../testing/fixtures.ts';
import { TestBrowser, testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { addAutomaticEntry } from './automaticEntries.ts';
import { ChronologyRepository } from './chronologyRepository.ts';

function accessOf(user: { id: string; organisationId: string }): AccessContext {
  return {
    userId: user.id,
    tokenId: undefined,
    organisationId: user.organisationId,
    partnershipAreaId: undefined,
    roles: ['practitioner'],
    ip: '127.0.0.1',
    requestId: randomUUID(),
  };
}

describe('the family chronology', () => {
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

  /** A family with a second organisation on its team, and entries of every sort. */
  async function setUp() {
    const { area, org, user } = await createPractice(database.db);
    const other = await createOrganisation(database.db, area.id);
    const otherUser = await createUser(database.db, other.id, ['practitioner']);
    const family = await createFamily(database.db, area.id, [org.id, other.id]);
    const agnes = family.people[0] as { id: string };
    const callum = family.people[1] as { id: string };
    const entry = (values: Partial<typeof chronologyEntry.$inferInsert>) => ({
      familyId: family.id,
      occurredOn: '2025-01-10',
      what: 'Something happened',
      recordedBy: user.id,
      organisationId: org.id,
      ...values,
    });
    await database.db.insert(chronologyEntry).values([
      entry({
        occurredOn: '2025-03-01',
        what: 'Callum completed detox at Glenmuir Recovery Service',
        personId: callum.id,
        kind: 'turning_point',
        impact: 'positive',
      }),
      entry({
        occurredOn: '2025-02-01',
        what: 'Police attended after an argument at home; no charges',
        kind: 'concern',
        impact: 'negative',
      }),
      entry({
        occurredOn: '2025-01-15',
        what: 'Agnes started attending the family support group',
        personId: agnes.id,
        kind: 'strength',
        impact: 'positive',
      }),
      entry({
        occurredOn: '2025-01-20',
        what: 'Callum talked about his support plan',
        personId: callum.id,
        organisationOnly: true,
      }),
    ]);
    await database.db.transaction(async (tx) => {
      await addAutomaticEntry(tx, accessOf(user), {
        familyId: family.id,
        what: 'Agnes was added to the family record',
        personId: agnes.id,
        occurredOn: '2025-01-01',
      });
    });
    const browser = new TestBrowser(app);
    await browser.signIn(user.email);
    return { area, org, user, other, otherUser, family, agnes, callum, browser };
  }

  it('lists entries newest first, marks those recorded by Hearth, and audits the read', async () => {
    const { family, browser, user } = await setUp();

    const page = await browser.get(`/practice/families/${family.id}/chronology`);

    expect(page.statusCode).toBe(200);
    const order = [
      'completed detox',
      'Police attended',
      'talked about his support plan',
      'started attending',
      'was added',
    ].map((text) => page.body.indexOf(text));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(page.body).toContain('Recorded by Hearth');
    expect(page.body).toContain('5 entries');
    const events = await database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.actorUserId, user.id), eq(auditEvent.action, 'chronology.read')));
    expect(events).toEqual([
      expect.objectContaining({ familyId: family.id, detail: { shown: 5, filtered: false } }),
    ]);
  });

  it('filters by member and by impact', async () => {
    const { family, callum, browser } = await setUp();

    const callumOnly = await browser.get(`/practice/families/${family.id}/chronology?member=${callum.id}`);
    const negative = await browser.get(`/practice/families/${family.id}/chronology?impact=negative`);

    expect(callumOnly.body).toContain('completed detox');
    expect(callumOnly.body).not.toContain('Police attended');
    expect(callumOnly.body).not.toContain('started attending');
    expect(negative.body).toContain('Police attended');
    expect(negative.body).not.toContain('completed detox');
    expect(negative.body).toContain('1 entry impact negative');
  });

  it('keeps organisation-only entries to that organisation and hides entries about members others may not see', async () => {
    const { family, callum, otherUser, other } = await setUp();
    const repository = new ChronologyRepository(database.db, accessOf(otherUser));

    const before = await repository.list(family.id, {});
    expect(before?.entries.map((e) => e.what)).not.toContain('Callum talked about his support plan');
    expect(before?.entries.map((e) => e.what)).toContain(
      'Callum completed detox at Glenmuir Recovery Service',
    );

    // Callum withdraws consent to share with the other organisation: entries about him go at once.
    await database.db
      .update(consent)
      .set({ status: 'withdrawn', withdrawnAt: new Date() })
      .where(and(eq(consent.personId, callum.id), eq(consent.organisationId, other.id)));
    const after = await repository.list(family.id, {});
    expect(after?.entries.map((e) => e.what)).not.toContain(
      'Callum completed detox at Glenmuir Recovery Service',
    );
    expect(after?.entries.map((e) => e.what)).toContain(
      'Police attended after an argument at home; no charges',
    );
    expect((await repository.latest(family.id, 10)).map((e) => e.personId)).not.toContain(callum.id);
  });

  it('gives the latest entries for the overview, newest first', async () => {
    const { family, user } = await setUp();
    const latest = await new ChronologyRepository(database.db, accessOf(user)).latest(family.id, 2);
    expect(latest.map((e) => e.occurredOn)).toEqual(['2025-03-01', '2025-02-01']);
  });

  it('is not found, and audited as denied, for an organisation not on the team or after it leaves', async () => {
    const { area, family, other, otherUser } = await setUp();
    const outsider = await createUser(database.db, (await createOrganisation(database.db, area.id)).id, [
      'practitioner',
    ]);
    const browser = new TestBrowser(app);
    await browser.signIn(outsider.email);

    for (const url of ['', '/print', '/add']) {
      const page = await browser.get(`/practice/families/${family.id}/chronology${url}`);
      expect(page.statusCode).toBe(404);
      expect(page.body).not.toContain('Police attended');
    }
    const denied = await database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.actorUserId, outsider.id), eq(auditEvent.outcome, 'denied')));
    expect(denied.length).toBe(3);

    await database.db
      .update(familyTeamMember)
      .set({ leftOn: '2030-01-01' })
      .where(and(eq(familyTeamMember.familyId, family.id), eq(familyTeamMember.organisationId, other.id)));
    expect(await new ChronologyRepository(database.db, accessOf(otherUser)).latest(family.id, 5)).toEqual([]);
  });

  it('adds an entry from the form, audited, and shows it', async () => {
    const { family, agnes, browser, user } = await setUp();
    await browser.get(`/practice/families/${family.id}/chronology/add`);

    const response = await browser.post(`/practice/families/${family.id}/chronology/add`, {
      personId: agnes.id,
      kind: 'strength',
      'occurredOn-day': '',
      'occurredOn-month': '4',
      'occurredOn-year': '2025',
      what: 'Agnes’s grandson’s school reports better attendance this term',
      source: 'Glenmuir Primary School',
      impact: 'positive',
      actionTaken: '',
    });

    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/practice/families/${family.id}/chronology?added=1`);
    const page = await browser.get(response.headers.location as string);
    expect(page.body).toContain('Entry added to the chronology');
    expect(page.body).toContain('April 2025');
    expect(page.body).toContain('better attendance this term');
    const [saved] = await database.db
      .select()
      .from(chronologyEntry)
      .where(
        and(eq(chronologyEntry.familyId, family.id), eq(chronologyEntry.source, 'Glenmuir Primary School')),
      );
    expect(saved).toMatchObject({
      datePrecision: 'month',
      occurredOn: '2025-04-01',
      recordedBy: user.id,
      automatic: false,
    });
    const audited = await database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.recordId, saved?.id as string), eq(auditEvent.action, 'chronology.add')));
    expect(audited.length).toBe(1);
  });

  it('explains bad input, keeps what was typed and saves nothing', async () => {
    const { family, browser } = await setUp();
    await browser.get(`/practice/families/${family.id}/chronology/add`);
    const count = async () =>
      (await database.db.select().from(chronologyEntry).where(eq(chronologyEntry.familyId, family.id)))
        .length;
    const before = await count();

    const response = await browser.post(`/practice/families/${family.id}/chronology/add`, {
      personId: '',
      kind: 'event',
      'occurredOn-day': '31',
      'occurredOn-month': '6',
      'occurredOn-year': '2025',
      'occurredUntil-day': '1',
      'occurredUntil-month': '1',
      'occurredUntil-year': '2025',
      what: '',
      source: 'Health visitor',
      impact: '',
    });

    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('There is a problem');
    expect(response.body).toContain('The date it happened must be a real date');
    expect(response.body).toContain('Enter what happened');
    expect(response.body).toContain('Select the impact on the family');
    expect(response.body).toContain('value="Health visitor"');
    expect(await count()).toBe(before);
  });

  it('prints without the navigation, keeping the filter', async () => {
    const { family, browser } = await setUp();
    const page = await browser.get(`/practice/families/${family.id}/chronology/print?impact=positive`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('govuk-service-navigation');
    expect(page.body).not.toContain('Sign out');
    expect(page.body).toContain('showing entries impact positive');
    expect(page.body).toContain('completed detox');
    expect(page.body).not.toContain('Police attended');
  });
});
