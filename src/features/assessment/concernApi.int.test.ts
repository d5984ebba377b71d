import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { assessmentConcern, auditEvent, carerSupportOffer, chronologyEntry } from '../../db/schema.ts';
import { testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { tokenFor } from '../consent/consentTeamTesting.ts';
import { addDays } from '../plan/planSchedule.ts';
import { assessmentScenario } from './assessmentTesting.ts';

describe('concerns and carers’ offers through the API', () => {
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

  async function setUp() {
    const s = await assessmentScenario(database);
    return {
      s,
      home: await tokenFor(database, s.home),
      partner: await tokenFor(database, s.partner),
      outsider: await tokenFor(database, s.outsider),
      base: `/api/v1/families/${s.family.id}/assessment`,
      today: todayInUk(new Date()),
    };
  }

  it('records a concern, shows it with its version, closes it at that version and answers a stale close with 409', async () => {
    const { s, home, partner, base, today } = await setUp();
    const created = await app.inject({
      method: 'POST',
      url: `${base}/concerns`,
      headers: home,
      payload: {
        kind: 'child_protection',
        personId: s.mia.id,
        description: 'Mia said she was left alone overnight.',
        actionTaken: 'Child protection referral made',
        actionOn: today,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const entries = await database.db
      .select()
      .from(chronologyEntry)
      .where(eq(chronologyEntry.familyId, s.family.id));
    expect(entries.map((e) => e.what)).toContain(
      'Child protection concern recorded. What was done: Child protection referral made',
    );
    const read = await app.inject({ url: base, headers: partner });
    expect(read.json().concerns).toEqual([expect.objectContaining({ id, status: 'open', version: 1 })]);

    const close = (headers: Record<string, string>, payload: Record<string, unknown>) =>
      app.inject({ method: 'PUT', url: `${base}/concerns/${id}`, headers, payload });
    const closed = await close(partner, { version: 1, status: 'closed' });
    expect(closed.statusCode, closed.body).toBe(200);
    const stale = await close(home, { version: 1, status: 'closed' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ currentVersion: 2, current: { status: 'closed' } });
    const future = await close(home, { version: 2, status: 'closed', closedOn: addDays(today, 3) });
    expect(future.statusCode).toBe(422);
    const [row] = await database.db.select().from(assessmentConcern).where(eq(assessmentConcern.id, id));
    expect(row).toMatchObject({ status: 'closed', closedOn: today, version: 2 });
  });

  it('refuses a concern or an offer that breaks a rule with 422, saving nothing', async () => {
    const { s, home, base, today } = await setUp();
    const concern = await app.inject({
      method: 'POST',
      url: `${base}/concerns`,
      headers: home,
      payload: {
        kind: 'domestic_abuse',
        personId: null,
        description: '',
        actionTaken: 'Risk assessment done',
        actionOn: addDays(today, 2),
      },
    });
    expect(concern.statusCode).toBe(422);
    expect(concern.json().errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      '#/description',
      '#/actionOn',
    ]);
    // Agnes is not recorded as a carer, so no carer's offer can be recorded for her.
    const offer = await app.inject({
      method: 'POST',
      url: `${base}/carer-offers`,
      headers: home,
      payload: {
        personId: s.agnes.id,
        kind: 'adult_carer_support_plan',
        outcome: 'offered',
        decidedOn: today,
      },
    });
    expect(offer.statusCode).toBe(422);
    expect(offer.json().errors[0].pointer).toBe('#/personId');
    expect(
      await database.db.select().from(assessmentConcern).where(eq(assessmentConcern.familyId, s.family.id)),
    ).toEqual([]);
    expect(
      await database.db.select().from(carerSupportOffer).where(eq(carerSupportOffer.familyId, s.family.id)),
    ).toEqual([]);
  });

  it('records a young carer’s statement offer and shows it', async () => {
    const { s, partner, base, today } = await setUp();
    const offer = await app.inject({
      method: 'POST',
      url: `${base}/carer-offers`,
      headers: partner,
      payload: {
        personId: s.mia.id,
        kind: 'young_carer_statement',
        outcome: 'accepted',
        decidedOn: today,
        note: 'Mia wants it done at school.',
      },
    });
    expect(offer.statusCode, offer.body).toBe(201);
    const read = await app.inject({ url: base, headers: partner });
    expect(read.json().carerOffers).toEqual([
      expect.objectContaining({ personId: s.mia.id, kind: 'young_carer_statement', outcome: 'accepted' }),
    ]);
  });

  it('gives a token of an organisation off the family’s team 404 on every write, saving nothing and auditing the refusal', async () => {
    const { s, home, outsider, base, today } = await setUp();
    const created = await app.inject({
      method: 'POST',
      url: `${base}/concerns`,
      headers: home,
      payload: {
        kind: 'mental_health_crisis',
        personId: s.agnes.id,
        description: 'Agnes spoke of not coping.',
        actionTaken: 'GP contacted the same day',
        actionOn: today,
      },
    });
    const id = created.json().id as string;
    const answers = await Promise.all([
      app.inject({
        method: 'POST',
        url: `${base}/concerns`,
        headers: outsider,
        payload: {
          kind: 'child_protection',
          personId: null,
          description: 'Not theirs',
          actionTaken: 'None',
          actionOn: today,
        },
      }),
      app.inject({
        method: 'PUT',
        url: `${base}/concerns/${id}`,
        headers: outsider,
        payload: { version: 1, status: 'closed' },
      }),
      app.inject({
        method: 'POST',
        url: `${base}/carer-offers`,
        headers: outsider,
        payload: { personId: s.mia.id, kind: 'young_carer_statement', outcome: 'offered', decidedOn: today },
      }),
    ]);
    expect(answers.map((a) => a.statusCode)).toEqual([404, 404, 404]);
    const [row] = await database.db.select().from(assessmentConcern).where(eq(assessmentConcern.id, id));
    expect(row?.status).toBe('open');
    const denied = await database.db.select().from(auditEvent).where(eq(auditEvent.familyId, s.family.id));
    expect(denied.filter((a) => a.outcome === 'denied').map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'assessment.concern.add',
        'assessment.concern.close',
        'assessment.carer.record',
      ]),
    );
  });
});
