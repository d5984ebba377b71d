import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { auditEvent, directoryService, notification, referral, referralEvent } from '../../db/schema.ts';
import { testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { referralApiScenario } from './referralApiTesting.ts';

describe('making referrals through the API', () => {
  let database: Database;
  let app: Awaited<ReturnType<typeof testApp>>;
  let s: Awaited<ReturnType<typeof referralApiScenario>>;
  beforeAll(async () => {
    database = await testDatabase();
    app = await testApp(database);
    s = await referralApiScenario(database, app);
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('refers once however often the same call is sent: 201, then 200 with the same referral', async () => {
    const key = randomUUID();
    const first = await s.post(s.body(), key);
    expect(first.statusCode, first.body).toBe(201);
    const made = first.json();
    expect(first.headers.location).toBe(`/api/v1/referrals/${made.id}`);
    expect(first.headers.etag).toBe(`W/"${made.version}"`);
    expect(made).toMatchObject({
      status: 'new',
      origin: 'api',
      side: 'referrer',
      urgency: 'soon',
      referredBy: s.tokens.home.name,
      familyId: s.family.id,
      members: [{ personId: s.callum.id, name: 'Callum Testfamily' }],
      sharing: { basis: 'consent', consentMethod: 'verbal', consentOn: '2026-01-10' },
      service: { id: s.service.id, route: { takes: 'Young people aged 12 to 25 caring for someone' } },
      moves: ['withdrawn'],
      wait: { days: 0, stillWaiting: true, flag: null },
    });
    expect(made.reference).toMatch(/^R-\d{6,}$/);
    // Callum is over 25 and uses substances: the young carers service is not for him. Warnings, not a refusal.
    expect(made.warnings).toEqual([
      expect.stringContaining('is for people aged 25 and under'),
      expect.stringContaining('may not be who'),
    ]);
    expect(made.history.map((e: { to: string }) => e.to)).toEqual(['draft', 'new']);
    expect(made.history[1].by).toBe(`${s.tokens.home.name}, ${s.home.name}`);

    const again = await s.post(s.body(), key);
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(made);
    const rows = await s.referralsWithKey(key);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      origin: 'api',
      referredBy: null,
      referredByToken: s.tokens.home.id,
      referringOrganisationId: s.home.id,
      organisationId: s.outsider.id,
    });
    const events = await database.db
      .select()
      .from(referralEvent)
      .where(eq(referralEvent.referralId, made.id));
    expect(events.every((e) => e.actorTokenId === s.tokens.home.id && e.actorUserId === null)).toBe(true);
    const notices = await database.db.select().from(notification).where(eq(notification.referralId, made.id));
    expect(notices).toEqual([
      expect.objectContaining({ organisationId: s.outsider.id, userId: null, kind: 'referral.new' }),
    ]);
    const audit = await database.db
      .select({ action: auditEvent.action, detail: auditEvent.detail })
      .from(auditEvent)
      .where(and(eq(auditEvent.actorTokenId, s.tokens.home.id), eq(auditEvent.recordId, made.id)));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['referral.create', 'referral.new']));
    expect(JSON.stringify(audit)).not.toMatch(/Callum|Agnes|Testfamily|looks after/);
  });

  it('refuses the same key with a different body (422), and a call without a key (400)', async () => {
    const key = randomUUID();
    expect((await s.post(s.body(), key)).statusCode).toBe(201);
    const changed = await s.post(s.body({ reason: 'Something else entirely.' }), key);
    expect(changed.statusCode).toBe(422);
    expect(changed.headers['content-type']).toContain('application/problem+json');
    expect(changed.json().errors).toEqual([
      expect.objectContaining({ pointer: '#/headers/idempotency-key' }),
    ]);
    expect(await s.referralsWithKey(key)).toHaveLength(1);
    const noKey = await app.inject({
      method: 'POST',
      url: '/api/v1/referrals',
      headers: s.tokens.home.headers,
      payload: s.body(),
    });
    expect(noKey.statusCode).toBe(400);
    expect(noKey.json().errors[0].pointer).toBe('#/headers');
  });

  it('makes one referral when calls with the same key arrive at once', async () => {
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 4 }, () => s.post(s.body(), key)));
    const codes = answers.map((a) => a.statusCode).sort();
    expect(codes, answers.map((a) => a.body.slice(0, 300)).join('\n')).toEqual([200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
    expect(await s.referralsWithKey(key)).toHaveLength(1);
  });

  it('without consent, refuses with 422 naming the field, unless a recorded protection concern is given', async () => {
    const keys = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const none = await s.post(s.body({ consent: undefined }), keys[0]);
    expect(none.statusCode).toBe(422);
    expect(none.json().errors).toEqual([
      { pointer: '#/consent', detail: expect.stringContaining('protectionConcernId') },
    ]);
    const noConcern = await s.post(
      s.body({ consent: undefined, protectionConcernId: randomUUID() }),
      keys[1],
    );
    expect(noConcern.json().errors).toEqual([
      {
        pointer: '#/protectionConcernId',
        detail: expect.stringContaining('There is no open protection concern recorded'),
      },
    ]);
    const bad = await s.post(
      s.body({ consent: { personId: randomUUID(), method: 'written', on: '2099-01-01' }, reason: ' ' }),
      keys[2],
    );
    expect(bad.statusCode).toBe(422);
    expect(
      bad
        .json()
        .errors.map((e: { pointer: string }) => e.pointer)
        .sort(),
    ).toEqual(['#/consent/on', '#/consent/personId', '#/reason']);
    const stranger = await s.post(s.body({ memberIds: [randomUUID()] }), keys[3]);
    expect(stranger.json().errors).toEqual([
      { pointer: '#/memberIds', detail: 'Select who the referral is for' },
    ]);
    const made = await database.db.select().from(referral).where(inArray(referral.idempotencyKey, keys));
    expect(made).toEqual([]);

    const concernId = await s.addConcern();
    const both = await s.post(s.body({ protectionConcernId: concernId }));
    expect(both.json().errors[0].pointer).toBe('#/protectionConcernId');
    const withConcern = await s.post(s.body({ consent: undefined, protectionConcernId: concernId }));
    expect(withConcern.statusCode, withConcern.body).toBe(201);
    expect(withConcern.json().sharing).toEqual({
      basis: 'protection_concern',
      consentGivenBy: null,
      consentMethod: null,
      consentOn: null,
      protectionConcernId: concernId,
    });
  });

  it('refuses a service that is inactive or no longer in the directory, naming serviceId', async () => {
    for (const serviceId of [s.inactive.id, randomUUID()]) {
      const key = randomUUID();
      const response = await s.post(s.body({ serviceId }), key);
      expect(response.statusCode).toBe(422);
      expect(response.json().errors).toEqual([
        {
          pointer: '#/serviceId',
          detail: expect.stringMatching(/not taking referrals|no longer in the directory/),
        },
      ]);
      expect(await s.referralsWithKey(key)).toHaveLength(0);
    }
    // Made inactive after the first call: a retry still gets the referral the key made.
    const [closing] = await database.db
      .insert(directoryService)
      .values({
        organisationId: s.outsider.id,
        name: 'Closing soon',
        summary: 'Closing.',
        description: 'Closing.',
      })
      .returning();
    const key = randomUUID();
    const first = await s.post(s.body({ serviceId: closing?.id }), key);
    expect(first.statusCode).toBe(201);
    await database.db
      .update(directoryService)
      .set({ status: 'inactive' })
      .where(eq(directoryService.id, closing?.id as string));
    const retry = await s.post(s.body({ serviceId: closing?.id }), key);
    expect(retry.statusCode).toBe(200);
    expect(retry.json().id).toBe(first.json().id);
    expect((await s.post(s.body({ serviceId: closing?.id }))).statusCode).toBe(422);
  });

  it('answers 404 for a family the token may not see, shows nothing of it, and audits the refusal', async () => {
    const key = randomUUID();
    const response = await s.post(s.body(), key, s.tokens.stranger.headers);
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toMatch(/Testfamily|Callum/);
    expect(await s.referralsWithKey(key)).toHaveLength(0);
    const denied = await database.db
      .select({ action: auditEvent.action, outcome: auditEvent.outcome })
      .from(auditEvent)
      .where(and(eq(auditEvent.actorTokenId, s.tokens.stranger.id), eq(auditEvent.recordId, s.family.id)));
    expect(denied).toEqual([{ action: 'referral.create', outcome: 'denied' }]);
  });

  it('refuses a token without a practice role: 403 on every referral call, audited', async () => {
    const { id } = await s.refer();
    const headers = s.tokens.roleless.headers;
    const calls = [
      s.post(s.body(), randomUUID(), headers),
      app.inject({ url: '/api/v1/referrals?side=made', headers }),
      app.inject({ url: `/api/v1/referrals/${id}`, headers }),
      s.move(id, { to: 'withdrawn', version: 2 }, headers),
    ];
    for (const response of await Promise.all(calls)) {
      expect(response.statusCode).toBe(403);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    const denied = await database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.actorTokenId, s.tokens.roleless.id), eq(auditEvent.outcome, 'denied')));
    expect(denied).toHaveLength(4);
  });

  it('lists referrals made and received, a page at a time, filtered, with no personal data', async () => {
    const first = await s.refer({ urgency: 'urgent' });
    const second = await s.refer();
    const list = (query: string, token = s.tokens.home) =>
      app.inject({ url: `/api/v1/referrals?${query}`, headers: token.headers });
    const made = await list('side=made&limit=2');
    expect(made.statusCode, made.body).toBe(200);
    const body = made.json();
    expect(body.limit).toBe(2);
    expect(body.total).toBeGreaterThanOrEqual(2);
    expect(body.referrals.map((r: { id: string }) => r.id)).toEqual([second.id, first.id]);
    expect(body.referrals[1]).toEqual({
      id: first.id,
      reference: first.reference,
      status: 'new',
      origin: 'api',
      urgency: 'urgent',
      version: 2,
      service: { id: s.service.id, name: s.service.name },
      otherOrganisation: s.outsider.name,
      receivedOn: expect.stringMatching(/^\d{4}-\d\d-\d\d$/),
      firstSupportOn: null,
      wait: { days: 0, stillWaiting: true, flag: null },
      updatedAt: expect.any(String),
    });
    const received = await list(
      `side=received&status=new,waiting&serviceId=${s.service.id}`,
      s.tokens.outsider,
    );
    const ids = received.json().referrals.map((r: { id: string }) => r.id);
    expect(ids).toEqual(expect.arrayContaining([first.id, second.id]));
    // Oldest first, as the inbox.
    expect(ids.indexOf(first.id)).toBeLessThan(ids.indexOf(second.id));
    expect(received.json().referrals[0].otherOrganisation).toBe(s.home.name);
    for (const response of [made, received]) expect(response.body).not.toMatch(/Callum|Agnes|Testfamily|mum/);
    expect((await list('side=received&status=declined', s.tokens.outsider)).json().total).toBe(0);
    const since = new Date(Date.now() + 60_000).toISOString();
    expect((await list(`side=made&changedSince=${encodeURIComponent(since)}`)).json().total).toBe(0);
    // Neither side: the partner made none, received none.
    expect((await list('side=made', s.tokens.partner)).json()).toMatchObject({ total: 0, referrals: [] });
    expect((await list('side=received', s.tokens.home)).json().total).toBe(0);
    expect((await list('side=sideways')).statusCode).toBe(400);
    expect((await list('side=made&status=new,lost')).json().errors[0].pointer).toBe('#/querystring/status');
    const audit = await database.db
      .select({ action: auditEvent.action })
      .from(auditEvent)
      .where(eq(auditEvent.actorTokenId, s.tokens.outsider.id));
    expect(audit.map((a) => a.action)).toContain('referral.inbox');
  });
});
