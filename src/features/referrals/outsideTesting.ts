import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Database } from '../../db/client.ts';
import { directoryService, emailOutbox, referralLink } from '../../db/schema.ts';
import { createOrganisation, createUser } from '../../testing/fixtures.ts';
import type { testApp } from '../../testing/testApp.ts';
import { referralScenario } from './referralTesting.ts';

/**
 * The referral scenario with a service outside Hearth: an organisation whose
 * only user is an admin (no one to work an inbox), with a referral address.
 * Home's worker refers Callum to it through the form.
 */
export async function outsideScenario(database: Database, app: Awaited<ReturnType<typeof testApp>>) {
  const s = await referralScenario(database, app);
  const elsewhere = await createOrganisation(database.db, s.area.id);
  // An admin alone does not put the organisation in Hearth: nobody can read its referrals inbox.
  await createUser(database.db, elsewhere.id, ['org_admin']);
  await createUser(database.db, elsewhere.id, ['practitioner'], { status: 'deactivated' });
  const referralEmail = `referrals-${randomUUID().slice(0, 8)}@counselling.example`;
  const [outside] = await database.db
    .insert(directoryService)
    .values({
      organisationId: elsewhere.id,
      name: `Outside Family Counselling ${elsewhere.id.slice(0, 6)}`,
      summary: 'Counselling for families affected by drinking or drugs.',
      description: 'Six to ten sessions with a trained counsellor.',
      referralEmail,
      referralTakes: 'Anyone aged 12 and over affected by someone else’s drinking or drug use',
    })
    .returning();
  const [noEmail] = await database.db
    .insert(directoryService)
    .values({
      organisationId: elsewhere.id,
      name: `Outside Drop-in ${elsewhere.id.slice(0, 6)}`,
      summary: 'A drop-in.',
      description: 'A drop-in with no referral address.',
    })
    .returning();
  if (!outside || !noEmail) throw new Error('no outside services');

  /** Sends a referral of Callum to the outside service; returns its id. */
  async function sendOutside(extra: Record<string, string | string[]> = {}) {
    const key = await s.openForm(s.asHome, outside?.id as string);
    const response = await s.asHome.post(s.formUrl(outside?.id as string), {
      idempotencyKey: key,
      memberIds: [s.callum.id],
      reason: 'Callum looks after his mum most evenings.',
      wishes: 'Someone to talk to, and time with other young carers.',
      urgency: 'soon',
      ...s.consentFields(s.agnes.id, '2026-01-10'),
      action: 'send',
      ...extra,
    });
    expect(response.statusCode, response.body.slice(0, 2000)).toBe(303);
    return /\/practice\/referrals\/([0-9a-f-]{36})/.exec(response.headers.location as string)?.[1] as string;
  }

  /** The emails to an address, newest first. */
  async function emailsTo(address: string) {
    return database.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.toAddress, address))
      .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id));
  }

  /** The secret in the newest notice to the service. */
  async function latestToken(): Promise<string> {
    const [email] = await emailsTo(referralEmail);
    const token = /\/referral-link\/([A-Za-z0-9_-]{43})/.exec(email?.body ?? '')?.[1];
    if (!token) throw new Error('no link in the notice');
    return token;
  }

  async function linksOf(referralId: string) {
    return database.db
      .select()
      .from(referralLink)
      .where(and(eq(referralLink.referralId, referralId)))
      .orderBy(desc(referralLink.createdAt));
  }

  return { ...s, elsewhere, outside, noEmail, referralEmail, sendOutside, emailsTo, latestToken, linksOf };
}

/** The words every link that does not work shows, whatever the reason. */
export const goneWords = 'This link does not work';
