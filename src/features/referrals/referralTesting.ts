import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Database } from '../../db/client.ts';
import { assessmentConcern, directoryService, referral } from '../../db/schema.ts';
import { createUser } from '../../testing/fixtures.ts';
import type { TestBrowser, testApp } from '../../testing/testApp.ts';
import { queueEmail } from '../notifications/mailer.ts';
import { planScenario } from '../plan/planTesting.ts';
import { dateFields } from '../programmes/programmeTesting.ts';
import type { ReferralMail } from './referralEmails.ts';

/** Queues emails as the app's mailer does, for tests that call the kernel directly. */
export const testMail: ReferralMail = {
  queue: (tx, email) => queueEmail(tx, { ...email, baseUrl: 'https://hearth.example' }),
};

/**
 * The plan scenario (home and partner on the family's team, outsider not),
 * with a service of the outsider's ("Carse Young Carers", for young people
 * 12 to 25) to refer to, an inactive one, and a third organisation's service
 * to pass referrals on to. Home's worker refers; outsider's workers receive.
 */
export async function referralScenario(database: Database, app: Awaited<ReturnType<typeof testApp>>) {
  const s = await planScenario(database, app);
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
        supportKinds: ['group'],
      },
    ])
    .returning();
  if (!service || !inactive || !other) throw new Error('no services');
  const outsiderWorker2 = await createUser(database.db, s.outsider.id, ['practitioner']);
  const asOutsider2 = await s.signIn(outsiderWorker2.email);
  const asOutsiderLead = await s.signIn(s.outsiderLead.email);
  const formUrl = (serviceId: string) => `/practice/families/${s.family.id}/referrals/new/${serviceId}`;

  /** Opens the form and returns its idempotency key. */
  async function openForm(browser: TestBrowser, serviceId: string) {
    const page = await browser.get(formUrl(serviceId));
    expect(page.statusCode, page.body.slice(0, 500)).toBe(200);
    return /name="idempotencyKey" value="([^"]+)"/.exec(page.body)?.[1] as string;
  }

  const consentFields = (personId: string, on: string) => ({
    sharingBasis: 'consent',
    consentPersonId: personId,
    consentMethod: 'verbal',
    ...dateFields('consentOn', on),
  });

  /** Sends a referral of Callum to the young carers service through the form; returns its id. */
  async function send(extra: Record<string, string | string[]> = {}) {
    const key = await openForm(s.asHome, service?.id as string);
    const response = await s.asHome.post(formUrl(service?.id as string), {
      idempotencyKey: key,
      memberIds: [s.callum.id],
      reason: 'Callum looks after his mum most evenings.',
      wishes: 'Someone to talk to, and time with other young carers.',
      urgency: 'soon',
      ...consentFields(s.agnes.id, '2026-01-10'),
      action: 'send',
      ...extra,
    });
    expect(response.statusCode, response.body.slice(0, 2000)).toBe(303);
    const id = /\/practice\/referrals\/([0-9a-f-]{36})/.exec(
      response.headers.location as string,
    )?.[1] as string;
    return { id, key, response };
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

  async function referralRow(id: string) {
    const [row] = await database.db.select().from(referral).where(eq(referral.id, id));
    return row;
  }

  return {
    ...s,
    service,
    inactive,
    other,
    asOutsider2,
    asOutsiderLead,
    outsiderWorker2,
    formUrl,
    openForm,
    consentFields,
    send,
    addConcern,
    referralRow,
  };
}
