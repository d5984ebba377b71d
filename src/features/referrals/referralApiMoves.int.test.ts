import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { auditEvent, consent, familyTeamMember, notification, selfReferral } from '../../db/schema.ts';
import { anonymousAccess } from '../../platform/access/accessContext.ts';
import { testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { referralApiScenario } from './referralApiTesting.ts';
import { receiveSelfReferral } from './referralCreate.ts';
import { testMail } from './referralTesting.ts';

describe('following and moving referrals through the API', () => {
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

  const read = (id: string, token = s.tokens.home, headers: Record<string, string> = {}) =>
    app.inject({ url: `/api/v1/referrals/${id}`, headers: { ...token.headers, ...headers } });

  it('reads a referral as each side sees it, with an ETag and 304 while unchanged', async () => {
    const { id, version } = await s.refer();
    const received = await read(id, s.tokens.outsider);
    expect(received.statusCode, received.body).toBe(200);
    expect(received.headers.etag).toBe(`W/"${version}"`);
    expect(received.json()).toMatchObject({
      side: 'receiver',
      familyId: null,
      members: [{ personId: s.callum.id, name: 'Callum Testfamily' }],
      reason: 'Callum looks after his mum most evenings.',
      otherOrganisation: s.home.name,
      referringOrganisation: { id: s.home.id, name: s.home.name },
      sharing: { basis: 'consent', protectionConcernId: null },
      moves: ['waiting', 'accepted', 'declined', 'redirected'],
      selfReferral: null,
    });
    const unchanged = await read(id, s.tokens.outsider, { 'if-none-match': `W/"${version}"` });
    expect(unchanged.statusCode).toBe(304);
    expect(unchanged.body).toBe('');
    const audit = await database.db
      .select({ action: auditEvent.action, detail: auditEvent.detail })
      .from(auditEvent)
      .where(and(eq(auditEvent.actorTokenId, s.tokens.outsider.id), eq(auditEvent.recordId, id)));
    expect(audit).toEqual([
      { action: 'referral.read', detail: { side: 'receiver' } },
      { action: 'referral.read', detail: { side: 'receiver' } },
    ]);
  });

  it('answers 404 to an organisation on neither side, shows nothing, and audits the refusal', async () => {
    const { id } = await s.refer();
    for (const token of [s.tokens.stranger, s.tokens.partner]) {
      const response = await read(id, token);
      expect(response.statusCode).toBe(404);
      expect(response.body).not.toMatch(/Callum|R-\d/);
      expect((await s.move(id, { to: 'accepted', version: 2 }, token.headers)).statusCode).toBe(404);
      const denied = await database.db
        .select({ action: auditEvent.action })
        .from(auditEvent)
        .where(
          and(
            eq(auditEvent.actorTokenId, token.id),
            eq(auditEvent.recordId, id),
            eq(auditEvent.outcome, 'denied'),
          ),
        );
      expect(denied.map((d) => d.action).sort()).toEqual(['referral.read', 'referral.read']);
    }
  });

  it('shows the referring side no member it may no longer see', async () => {
    const response = await s.post(
      s.body({ memberIds: [s.agnes.id, s.callum.id], reason: 'Mother and son both affected.' }),
      randomUUID(),
      s.tokens.partner.headers,
    );
    expect(response.statusCode, response.body).toBe(201);
    const { id } = response.json();
    await database.db
      .update(consent)
      .set({ status: 'withdrawn' })
      .where(and(eq(consent.personId, s.callum.id), eq(consent.organisationId, s.partner.id)));
    const body = (await read(id, s.tokens.partner)).json();
    expect(body.members).toEqual([
      { personId: s.agnes.id, name: 'Agnes Testfamily' },
      { personId: null, name: null },
    ]);
    expect(body.sharing.consentGivenBy).toBe('Agnes Testfamily');
    expect(JSON.stringify(body)).not.toContain('Callum');
    // The receiving side sees who was referred: that is what was shared with it.
    const received = (await read(id, s.tokens.outsider)).json();
    expect(received.members.map((m: { name: string }) => m.name)).toEqual([
      'Agnes Testfamily',
      'Callum Testfamily',
    ]);
  });

  it('two systems accept at once: one 200, the other 409 with what the referral is now', async () => {
    const { id, version } = await s.refer();
    const answers = await Promise.all([
      s.move(id, { to: 'accepted', version }, s.tokens.outsider.headers),
      s.move(id, { to: 'accepted', version }, s.tokens.outsider2.headers),
    ]);
    const codes = answers.map((a) => a.statusCode);
    expect([...codes].sort(), answers.map((a) => a.body.slice(0, 400)).join('\n')).toEqual([200, 409]);
    const won = answers.find((a) => a.statusCode === 200)?.json();
    const lost = answers.find((a) => a.statusCode === 409);
    const winner = codes[0] === 200 ? s.tokens.outsider : s.tokens.outsider2;
    expect(won).toMatchObject({ status: 'accepted', version: version + 1, familyId: s.family.id });
    expect(won.moves).toEqual(['started', 'closed']);
    expect(lost?.headers['content-type']).toContain('application/problem+json');
    expect(lost?.json()).toMatchObject({
      status: 409,
      currentVersion: version + 1,
      current: { status: 'accepted', changedBy: `${winner.name}, ${s.outsider.name}` },
      detail: expect.stringContaining('Someone else changed this referral: it is now Accepted'),
    });
    const team = await database.db
      .select()
      .from(familyTeamMember)
      .where(
        and(eq(familyTeamMember.familyId, s.family.id), eq(familyTeamMember.organisationId, s.outsider.id)),
      );
    expect(team).toHaveLength(1);
    // A system made it: the referring organisation as a whole is told, with the reference only.
    const notices = await database.db.select().from(notification).where(eq(notification.referralId, id));
    expect(notices).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ organisationId: s.home.id, userId: null, kind: 'referral.accepted' }),
      ]),
    );
    expect(notices.every((n) => /^Referral R-\d+ /.test(n.message))).toBe(true);
  });

  it('declining needs a reason; the other side’s moves are 403; a stale version or a closed move is 409', async () => {
    const { id, version } = await s.refer();
    const noReason = await s.move(id, { to: 'declined', version, reason: '  ' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().errors).toEqual([
      { pointer: '#/reason', detail: 'Enter why you are declining the referral' },
    ]);
    const byReferrer = await s.move(id, { to: 'accepted', version }, s.tokens.home.headers);
    expect(byReferrer.statusCode).toBe(403);
    expect(byReferrer.json().detail).toContain('Only the receiving service');
    expect((await s.move(id, { to: 'withdrawn', version })).statusCode).toBe(403);
    const notYet = await s.move(id, { to: 'started', version, firstSupportOn: todayInUk(new Date()) });
    expect(notYet.statusCode).toBe(409);
    expect(notYet.json()).toMatchObject({ currentVersion: version, current: { status: 'new' } });

    const declined = await s.move(id, {
      to: 'declined',
      version,
      reason: 'He is 31: we work with young people up to 25.',
      suggestion: 'The family support service runs a group for adults.',
    });
    expect(declined.statusCode, declined.body).toBe(200);
    expect(declined.headers.etag).toBe(`W/"${version + 1}"`);
    const seen = (await read(id)).json();
    expect(seen).toMatchObject({
      status: 'declined',
      declineReason: 'He is 31: we work with young people up to 25.',
      suggestion: 'The family support service runs a group for adults.',
      moves: [],
      wait: null,
    });
    expect(seen.history.at(-1)).toMatchObject({
      from: 'new',
      to: 'declined',
      by: expect.stringContaining(s.tokens.outsider.name),
    });
    const stale = await s.move(id, { to: 'withdrawn', version }, s.tokens.home.headers);
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ currentVersion: version + 1, current: { status: 'declined' } });
    const denied = await database.db
      .select({ action: auditEvent.action })
      .from(auditEvent)
      .where(and(eq(auditEvent.recordId, id), eq(auditEvent.outcome, 'denied')));
    expect(denied.map((d) => d.action)).toEqual(['referral.accepted', 'referral.withdrawn']);
  });

  it('passes a referral on to another active service, history and all', async () => {
    const { id, version } = await s.refer();
    for (const serviceId of [s.inactive.id, s.service.id, undefined]) {
      const refused = await s.move(id, { to: 'redirected', version, reason: 'Better placed', serviceId });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().errors[0].pointer).toBe('#/serviceId');
    }
    const passed = await s.move(id, {
      to: 'redirected',
      version,
      reason: 'The family support circle is better placed.',
      serviceId: s.other.id,
    });
    expect(passed.statusCode, passed.body).toBe(200);
    const redirectedTo = passed.json().redirectedTo;
    expect(redirectedTo).toEqual({ id: expect.any(String), reference: expect.stringMatching(/^R-/) });
    const onward = (await read(redirectedTo.id, s.tokens.partner)).json();
    expect(onward).toMatchObject({
      side: 'receiver',
      status: 'new',
      origin: 'redirect',
      redirectedFrom: { id, reference: passed.json().reference },
      members: [{ personId: s.callum.id, name: 'Callum Testfamily' }],
    });
    expect(onward.history.map((e: { to: string }) => e.to)).toEqual(['draft', 'new', 'redirected', 'new']);
    expect((await read(redirectedTo.id, s.tokens.home)).json().side).toBe('referrer');
  });

  it('records the day support started, and the wait to it; the referrer withdraws another', async () => {
    const { id, version } = await s.refer();
    expect((await s.move(id, { to: 'accepted', version })).statusCode).toBe(200);
    const missing = await s.move(id, { to: 'started', version: version + 1 });
    expect(missing.json().errors[0].pointer).toBe('#/firstSupportOn');
    const future = await s.move(id, { to: 'started', version: version + 1, firstSupportOn: '2099-01-01' });
    expect(future.statusCode).toBe(422);
    const today = todayInUk(new Date());
    const started = await s.move(id, { to: 'started', version: version + 1, firstSupportOn: today });
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json()).toMatchObject({
      status: 'started',
      firstSupportOn: today,
      wait: { days: 0, stillWaiting: false, flag: null },
    });

    const other = await s.refer();
    const withdrawn = await s.move(
      other.id,
      { to: 'withdrawn', version: other.version },
      s.tokens.home.headers,
    );
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json().status).toBe('withdrawn');
    const notices = await database.db
      .select()
      .from(notification)
      .where(eq(notification.referralId, other.id));
    expect(notices.map((n) => [n.organisationId, n.kind])).toEqual(
      expect.arrayContaining([[s.outsider.id, 'referral.withdrawn']]),
    );
    // The referrer's own withdrawal is not a notice to itself.
    expect(notices.some((n) => n.organisationId === s.home.id)).toBe(false);
  });

  it('gives the receiving system a self-referral with only the safe way to contact them, and accepts it', async () => {
    const [self] = await database.db
      .insert(selfReferral)
      .values({
        serviceId: s.service.id,
        organisationId: s.outsider.id,
        name: 'Morag',
        audience: 'parent',
        contactMethod: 'text',
        phone: '07700 900123',
        email: 'morag@example.invalid',
        safeTimes: 'Weekdays after 10am',
        leaveMessage: false,
        helpWith: 'My son drinks and I do not know what to do.',
      })
      .returning();
    const { id } = await receiveSelfReferral(
      database.db,
      self?.id as string,
      testMail,
      anonymousAccess('::1', 'test'),
    );
    const body = (await read(id, s.tokens.outsider)).json();
    expect(body).toMatchObject({
      origin: 'self_referral',
      referringOrganisation: null,
      moves: ['waiting', 'accepted', 'declined'],
      selfReferral: { name: 'Morag', contactMethod: 'text', phone: '07700 900123', email: null },
    });
    expect((await read(id, s.tokens.home)).statusCode).toBe(404);
    const passOn = await s.move(id, {
      to: 'redirected',
      version: 1,
      reason: 'Elsewhere',
      serviceId: s.other.id,
    });
    expect(passOn.json().errors[0].detail).toContain('A self-referral cannot be passed on');
    const accepted = await s.move(id, { to: 'accepted', version: 1 });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const familyId = accepted.json().familyId;
    expect(familyId).toEqual(expect.any(String));
    const family = await app.inject({
      url: `/api/v1/families/${familyId}`,
      headers: s.tokens.outsider.headers,
    });
    expect(family.json().members).toEqual([expect.objectContaining({ givenName: 'Morag' })]);
  });

  it('is documented in the OpenAPI description', async () => {
    const spec = (await app.inject('/api/openapi.json')).json();
    expect(Object.keys(spec.paths['/api/v1/referrals'])).toEqual(['get', 'post']);
    const post = spec.paths['/api/v1/referrals'].post;
    expect(post.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ in: 'header', name: 'idempotency-key', required: true }),
      ]),
    );
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['200', '201', '403', '404', '422']));
    expect(Object.keys(post.responses['201'].headers)).toEqual(['etag', 'location']);
    expect(post.responses['201'].content['application/json'].schema.properties).toHaveProperty('warnings');
    const moves = spec.paths['/api/v1/referrals/{referralId}/moves'].post;
    expect(Object.keys(moves.responses)).toEqual(expect.arrayContaining(['200', '403', '404', '409', '422']));
    expect(spec.paths['/api/v1/referrals/{referralId}'].get.responses).toHaveProperty('304');
  });
});
