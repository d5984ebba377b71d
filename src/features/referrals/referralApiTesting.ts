import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { assessmentConcern, directoryService, referral } from '../../db/schema.ts';
import { createOrganisation, createUser } from '../../testing/fixtures.ts';
import type { testApp } from '../../testing/testApp.ts';
import { type ApiTokenRole, ApiTokenService } from '../api/apiTokenService.ts';
import { accessOf, teamScenario } from '../consent/consentTeamTesting.ts';

type App = Awaited<ReturnType<typeof testApp>>;

/**
 * The team scenario (home and partner on the family's team, outsider not)
 * for API clients: a token for each organisation (two for the outsider, as
 * two systems of the receiving service), a token of an organisation on
 * neither side, one with no practice role, and the outsider's "Carse Young
 * Carers" service (young people 12 to 25) with an inactive one beside it and
 * a partner service to pass referrals on to. No browsers, no sign-ins.
 */
export async function referralApiScenario(database: Database, app: App) {
  const s = await teamScenario(database);
  const tag = s.home.id.slice(0, 8);
  const [service, inactive, other] = await database.db
    .insert(directoryService)
    .values([
      {
        organisationId: s.outsider.id,
        name: `Carse Young Carers ${tag}`,
        summary: 'Support for young people who look after someone.',
        description: 'One-to-one and group support for young carers.',
        audiences: ['young_person'],
        minimumAge: 12,
        maximumAge: 25,
        supportKinds: ['young_carers'],
        referralTakes: 'Young people aged 12 to 25 caring for someone',
        referralNeeds: 'Who they care for, and school',
        referralExcludes: 'Adults over 25',
      },
      {
        organisationId: s.outsider.id,
        name: `Closed Drop-in ${tag}`,
        summary: 'No longer running.',
        description: 'No longer running.',
        status: 'inactive',
      },
      {
        organisationId: s.partner.id,
        name: `Family Support Circle ${tag}`,
        summary: 'Support for anyone affected by a loved one’s drinking.',
        description: 'Groups and one-to-one support.',
        audiences: ['anyone_affected'],
      },
    ])
    .returning();
  if (!service || !inactive || !other) throw new Error('no services');
  const stranger = await createOrganisation(database.db, s.area.id);

  async function token(org: { id: string; partnershipAreaId: string }, name: string, roles: ApiTokenRole[]) {
    const admin = await createUser(database.db, org.id, ['org_admin']);
    const issued = await new ApiTokenService(database.db).issue(
      accessOf({ id: admin.id, organisationId: org.id }, org.partnershipAreaId, ['org_admin']),
      { name, roles },
    );
    return { id: issued.id, name, headers: { authorization: `Bearer ${issued.token}` } };
  }
  const tokens = {
    home: await token(s.home, `Home case system ${tag}`, ['practitioner']),
    outsider: await token(s.outsider, `Carse case system ${tag}`, ['practitioner']),
    outsider2: await token(s.outsider, `Carse second system ${tag}`, ['team_lead']),
    partner: await token(s.partner, `Partner system ${tag}`, ['practitioner']),
    stranger: await token(stranger, `Stranger system ${tag}`, ['practitioner']),
    roleless: await token(s.home, `Roleless system ${tag}`, []),
  };

  /** A referral body of Callum to the young carers service, with Agnes's consent. */
  const body = (extra: Record<string, unknown> = {}) => ({
    familyId: s.family.id,
    serviceId: service.id,
    memberIds: [s.callum.id],
    reason: 'Callum looks after his mum most evenings.',
    wishes: 'Someone to talk to.',
    urgency: 'soon',
    consent: { personId: s.agnes.id, method: 'verbal', on: '2026-01-10' },
    ...extra,
  });

  function post(
    payload: Record<string, unknown>,
    key: string = randomUUID(),
    headers: Record<string, string> = tokens.home.headers,
  ) {
    return app.inject({
      method: 'POST',
      url: '/api/v1/referrals',
      headers: { ...headers, 'idempotency-key': key },
      payload,
    });
  }

  /** Sends a referral as home's system; returns its id and version. */
  async function refer(extra: Record<string, unknown> = {}) {
    const response = await post(body(extra));
    if (response.statusCode !== 201) throw new Error(`not referred: ${response.body}`);
    return response.json() as { id: string; version: number; reference: string };
  }

  function move(id: string, payload: Record<string, unknown>, headers = tokens.outsider.headers) {
    return app.inject({ method: 'POST', url: `/api/v1/referrals/${id}/moves`, headers, payload });
  }

  async function addConcern() {
    const [concern] = await database.db
      .insert(assessmentConcern)
      .values({
        familyId: s.family.id,
        personId: s.callum.id,
        kind: 'child_protection',
        description: 'Left alone overnight.',
        actionTaken: 'Shared with social work',
        actionOn: '2026-01-05',
        organisationId: s.home.id,
        recordedBy: s.homeWorker.id,
      })
      .returning();
    return concern?.id as string;
  }

  const referralsWithKey = (key: string) =>
    database.db.select().from(referral).where(eq(referral.idempotencyKey, key));

  return {
    ...s,
    service,
    inactive,
    other,
    stranger,
    tokens,
    body,
    post,
    refer,
    move,
    addConcern,
    referralsWithKey,
  };
}
