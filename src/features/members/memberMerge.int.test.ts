import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import {
  assessmentConcern,
  auditEvent,
  chronologyEntry,
  contact,
  contactMember,
  familyMembership,
  familyPlan,
  memberSupport,
  person,
  planGoal,
  programmeEnrolment,
  programme as programmeTable,
  recordChange,
} from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { createFamily, createPractice, createUser } from '../../testing/fixtures.ts';
import { TestBrowser, testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { MemberChangeService } from './memberChangeService.ts';
import type { MemberDetails } from './memberForm.ts';
import { MemberService } from './memberService.ts';
import { mergePeople } from './mergeService.ts';

function accessOf(
  user: { id: string; organisationId: string; roles: string[] },
  areaId: string,
): AccessContext {
  return {
    userId: user.id,
    tokenId: undefined,
    organisationId: user.organisationId,
    partnershipAreaId: areaId,
    roles: user.roles as AccessContext['roles'],
    ip: '127.0.0.1',
    requestId: randomUUID(),
  };
}

function kayla(overrides: Partial<MemberDetails['person']> = {}): MemberDetails {
  return {
    person: {
      givenName: 'Kayla',
      familyName: 'Moffat',
      preferredName: null,
      pronouns: null,
      dateOfBirth: '2015-06-12',
      approximateAge: null,
      gender: null,
      ethnicity: null,
      firstLanguage: null,
      interpreterNeeded: false,
      phone: null,
      email: null,
      address: null,
      postcode: null,
      addressWithheld: false,
      safeToPhone: null,
      safeToText: null,
      safeToWrite: null,
      safeToVisit: null,
      safeTimes: null,
      contactSafetyNote: null,
      ...overrides,
    },
    membership: {
      relationshipLabel: 'Granddaughter',
      roles: ['child_or_young_person'],
      livesInHousehold: true,
      inContactWithServices: 'unknown',
    },
  };
}

describe('merging and moving members', () => {
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

  it('merges two records of one child, keeping every membership, support, chronology and the history', async () => {
    const { area, org, user } = await createPractice(database.db, ['team_lead', 'practitioner']);
    const access = accessOf(user, area.id);
    const members = new MemberService(database.db);
    const first = await members.startFamily(access, {
      name: 'The Reid family',
      localityId: null,
      details: kayla(),
    });
    const second = await members.startFamily(access, {
      name: 'The Moffat family',
      localityId: null,
      details: kayla({ dateOfBirth: null, approximateAge: 11, phone: '07700 900123' }),
    });
    // The duplicate also got added to the first family: one family, two records of her.
    const inFirst = await members.addExistingPerson(
      access,
      first.familyId,
      second.personId,
      kayla().membership,
    );
    expect(inFirst.outcome).toBe('added');

    const browser = new TestBrowser(app);
    await browser.signIn(user.email);
    const href = `/practice/families/${first.familyId}/members/${first.personId}/merge`;
    const page = await browser.get(href);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`value="${second.personId}"`);
    const merged = await browser.post(href, { otherId: second.personId, keep: 'this' });
    expect(merged.statusCode).toBe(302);

    const [duplicate] = await database.db.select().from(person).where(eq(person.id, second.personId));
    expect(duplicate?.mergedIntoId).toBe(first.personId);
    const [kept] = await database.db.select().from(person).where(eq(person.id, first.personId));
    expect(kept).toEqual(
      expect.objectContaining({ dateOfBirth: '2015-06-12', approximateAge: null, phone: '07700 900123' }),
    );
    const current = await database.db
      .select({ familyId: familyMembership.familyId, personId: familyMembership.personId })
      .from(familyMembership)
      .where(and(eq(familyMembership.personId, first.personId), isNull(familyMembership.endedOn)));
    expect(current.map((m) => m.familyId).sort()).toEqual([first.familyId, second.familyId].sort());
    const support = await database.db
      .select()
      .from(memberSupport)
      .where(eq(memberSupport.organisationId, org.id));
    expect(support.every((s) => s.personId === first.personId)).toBe(true);
    expect(support).toHaveLength(2);
    const entries = await database.db
      .select()
      .from(chronologyEntry)
      .where(eq(chronologyEntry.personId, second.personId));
    expect(entries).toEqual([]);
    const history = await database.db
      .select()
      .from(recordChange)
      .where(and(eq(recordChange.recordId, first.personId), eq(recordChange.action, 'merged')));
    expect(history[0]?.changes).toEqual(
      expect.objectContaining({
        mergedFrom: { from: null, to: second.personId },
        phone: { from: null, to: '07700 900123' },
      }),
    );
    const [event] = await database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'person.merge'), eq(auditEvent.actorUserId, user.id)));
    expect(event?.detail).toEqual(
      expect.objectContaining({ mergedFrom: second.personId, membershipsEnded: 1, supportRemoved: 1 }),
    );
    // The duplicate's history now shows on the kept record's history page.
    const historyPage = await browser.get(
      `/practice/families/${second.familyId}/members/${first.personId}/history`,
    );
    expect(historyPage.body).toContain('Their details: Merged');
    expect(historyPage.body).toContain('Their details: Added');
  });

  it('points the duplicate’s contacts, registers and enrolments at the kept record, with its last contact', async () => {
    const { area, org, user } = await createPractice(database.db, ['team_lead', 'practitioner']);
    const access = accessOf(user, area.id);
    const members = new MemberService(database.db);
    const first = await members.startFamily(access, {
      name: 'The Reid family',
      localityId: null,
      details: kayla(),
    });
    const second = await members.startFamily(access, {
      name: 'The Moffat family',
      localityId: null,
      details: kayla({ dateOfBirth: null, approximateAge: 11 }),
    });
    const [held] = await database.db
      .insert(contact)
      .values({
        familyId: second.familyId,
        organisationId: org.id,
        workerId: user.id,
        occurredAt: new Date('2026-11-20T10:00:00Z'),
        kind: 'one_to_one',
        channel: 'phone',
        outcome: 'attended',
      })
      .returning();
    await database.db
      .insert(contactMember)
      .values({ contactId: held?.id as string, personId: second.personId, familyId: second.familyId });
    const [programme] = await database.db
      .select()
      .from(programmeTable)
      .where(eq(programmeTable.code, 'youth-support'));
    await database.db.insert(programmeEnrolment).values({
      programmeId: programme?.id as string,
      familyId: second.familyId,
      personId: second.personId,
      organisationId: org.id,
      enrolledOn: '2026-11-01',
    });

    expect(await mergePeople(database.db, access, first.personId, second.personId)).toBe('merged');

    const linked = await database.db
      .select()
      .from(contactMember)
      .where(eq(contactMember.contactId, held?.id as string));
    expect(linked.map((l) => l.personId)).toEqual([first.personId]);
    const enrolments = await database.db
      .select()
      .from(programmeEnrolment)
      .where(eq(programmeEnrolment.familyId, second.familyId));
    expect(enrolments.map((e) => e.personId)).toEqual([first.personId]);
    const supports = await database.db
      .select()
      .from(memberSupport)
      .where(and(eq(memberSupport.familyId, second.familyId), eq(memberSupport.personId, first.personId)));
    expect(supports.map((s) => s.lastContactOn)).toEqual(['2026-11-20']);
  });

  it('points the duplicate’s plan goals, concerns and plan agreement at the kept record', async () => {
    const { area, org, user } = await createPractice(database.db, ['team_lead', 'practitioner']);
    const access = accessOf(user, area.id);
    const members = new MemberService(database.db);
    const first = await members.startFamily(access, {
      name: 'The Reid family',
      localityId: null,
      details: kayla(),
    });
    const second = await members.startFamily(access, {
      name: 'The Moffat family',
      localityId: null,
      details: kayla({ dateOfBirth: null, approximateAge: 11 }),
    });
    const [plan] = await database.db
      .insert(familyPlan)
      .values({ familyId: second.familyId, agreedOn: '2026-10-01', agreedWith: [second.personId] })
      .returning();
    await database.db.insert(planGoal).values({
      planId: plan?.id as string,
      familyId: second.familyId,
      personId: second.personId,
      familyWords: 'I want to go to the swimming club again',
    });
    await database.db.insert(assessmentConcern).values({
      familyId: second.familyId,
      personId: second.personId,
      kind: 'child_protection',
      description: 'Left alone overnight',
      actionTaken: 'Child protection referral made',
      actionOn: '2026-10-02',
      organisationId: org.id,
    });

    expect(await mergePeople(database.db, access, first.personId, second.personId)).toBe('merged');

    const goals = await database.db.select().from(planGoal).where(eq(planGoal.familyId, second.familyId));
    expect(goals.map((g) => g.personId)).toEqual([first.personId]);
    const concerns = await database.db
      .select()
      .from(assessmentConcern)
      .where(eq(assessmentConcern.familyId, second.familyId));
    expect(concerns.map((c) => c.personId)).toEqual([first.personId]);
    const [agreed] = await database.db
      .select()
      .from(familyPlan)
      .where(eq(familyPlan.id, plan?.id as string));
    expect(agreed?.agreedWith).toEqual([first.personId]);
  });

  it('lets only a team lead merge, and only records they can see', async () => {
    const { area, org, user } = await createPractice(database.db, ['practitioner']);
    const access = accessOf(user, area.id);
    const family = await createFamily(database.db, area.id, [org.id]);
    const [a, b] = family.people;
    expect(await mergePeople(database.db, access, a?.id as string, b?.id as string)).toBe('not-found');
    const browser = new TestBrowser(app);
    await browser.signIn(user.email);
    expect((await browser.get(`/practice/families/${family.id}/members/${a?.id}/merge`)).statusCode).toBe(
      403,
    );

    const lead = await createUser(database.db, org.id, ['team_lead']);
    const other = await createPractice(database.db);
    const hidden = await createFamily(database.db, other.area.id, [other.org.id]);
    expect(
      await mergePeople(
        database.db,
        accessOf(lead, area.id),
        a?.id as string,
        hidden.people[0]?.id as string,
      ),
    ).toBe('not-found');
    const [untouched] = await database.db
      .select()
      .from(person)
      .where(eq(person.id, hidden.people[0]?.id as string));
    expect(untouched?.mergedIntoId).toBeNull();
  });

  it('moves a member to another family: ended here, started there, history kept', async () => {
    const { area, user } = await createPractice(database.db);
    const access = accessOf(user, area.id);
    const members = new MemberService(database.db);
    const from = await members.startFamily(access, {
      name: 'The Reid family',
      localityId: null,
      details: kayla(),
    });
    const to = await members.startFamily(access, {
      name: 'The Moffat family',
      localityId: null,
      details: kayla({ givenName: 'Darren', dateOfBirth: '1988-01-01' }),
    });
    const today = new Date().toISOString().slice(0, 10);
    const outcome = await new MemberChangeService(database.db).move(access, from.familyId, from.personId, {
      toFamilyId: to.familyId,
      movedOn: today,
      reason: 'Now lives with her dad',
    });
    expect(outcome).toBe('done');
    const memberships = await database.db
      .select()
      .from(familyMembership)
      .where(eq(familyMembership.personId, from.personId));
    expect(memberships.map((m) => [m.familyId, m.endedOn, m.endReason]).sort()).toEqual(
      [
        [from.familyId, today, 'Now lives with her dad'],
        [to.familyId, null, null],
      ].sort(),
    );
    const support = await database.db
      .select()
      .from(memberSupport)
      .where(eq(memberSupport.personId, from.personId));
    expect(support.map((s) => s.familyId).sort()).toEqual([from.familyId, to.familyId].sort());
  });
});
