import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import {
  directoryService,
  familyMembership,
  notification,
  type ReferralStatus,
  referral,
  referralEvent,
  referralStatuses,
  selfReferral,
} from '../../db/schema.ts';
import { anonymousAccess } from '../../platform/access/accessContext.ts';
import { createUser } from '../../testing/fixtures.ts';
import { testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { accessOf, teamScenario } from '../consent/consentTeamTesting.ts';
import { receiveSelfReferral } from './referralCreate.ts';
import { applyMove } from './referralMoves.ts';
import { moveReferral } from './referralService.ts';
import { canMove, type Side } from './referralStatus.ts';
import { testMail as mail } from './referralTesting.ts';

class Undo extends Error {}

describe('the referral move kernel', () => {
  let database: Database;
  beforeAll(async () => {
    database = await testDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it('allows exactly the moves of the status rules, each to its own side, and writes nothing on a refusal', async () => {
    const s = await teamScenario(database);
    const [service] = await database.db
      .insert(directoryService)
      .values({
        organisationId: s.outsider.id,
        name: 'Kernel service',
        summary: 'A service',
        description: 'A service',
      })
      .returning();
    const referrer = accessOf(s.homeWorker, s.area.id);
    const receiver = accessOf(s.outsiderWorker, s.area.id);
    const stranger = accessOf(s.partnerWorker, s.area.id);
    const ids = new Map<ReferralStatus, string>();
    for (const status of referralStatuses) {
      const [row] = await database.db
        .insert(referral)
        .values({
          reference: sql`default`,
          serviceId: service?.id as string,
          organisationId: s.outsider.id,
          origin: 'practitioner',
          referringOrganisationId: s.home.id,
          referredBy: s.homeWorker.id,
          familyId: s.family.id,
          status,
          reason: 'Kernel test',
          sharingBasis: 'consent',
          consentPersonId: s.agnes.id,
          consentMethod: 'written',
          consentOn: '2026-01-01',
          sentAt: status === 'draft' ? null : new Date(),
          declineReason: status === 'declined' ? 'Full' : null,
        })
        .returning();
      ids.set(status, row?.id as string);
    }
    let allowed = 0;
    for (const from of referralStatuses)
      for (const to of referralStatuses)
        for (const side of ['referrer', 'receiver'] as Side[]) {
          const referralId = ids.get(from) as string;
          const result = await database.db
            .transaction(async (tx) => {
              const moved = await moveReferral(
                tx,
                side === 'referrer' ? referrer : receiver,
                {
                  referralId,
                  version: 1,
                  to,
                  side,
                  fields: to === 'declined' ? { declineReason: 'No space' } : {},
                },
                mail,
              );
              throw new Undo(moved.kind);
            })
            .catch((e: Error) => (e instanceof Undo ? e.message : `error: ${e.message.slice(0, 200)}`));
          expect(result, `${from} → ${to} by ${side}`).toBe(canMove(from, to, side) ? 'moved' : 'refused');
          if (result === 'moved') allowed += 1;
        }
    expect(allowed).toBe(14);
    // The other side cannot pretend to be a side it is not; an organisation on neither side is not found.
    const newId = ids.get('new') as string;
    await database.db.transaction(async (tx) => {
      expect(
        (
          await moveReferral(
            tx,
            referrer,
            {
              referralId: newId,
              version: 1,
              to: 'accepted',
              side: 'receiver',
            },
            mail,
          )
        ).kind,
      ).toBe('not_found');
      expect(
        (
          await moveReferral(
            tx,
            stranger,
            {
              referralId: newId,
              version: 1,
              to: 'withdrawn',
              side: 'referrer',
            },
            mail,
          )
        ).kind,
      ).toBe('not_found');
    });
    // A move at an old version is a conflict, with the referral as it is now.
    await database.db.transaction(async (tx) => {
      const first = await moveReferral(
        tx,
        receiver,
        {
          referralId: newId,
          version: 1,
          to: 'waiting',
          side: 'receiver',
        },
        mail,
      );
      expect(first).toMatchObject({ kind: 'moved', version: 2 });
      const second = await moveReferral(
        tx,
        receiver,
        {
          referralId: newId,
          version: 1,
          to: 'accepted',
          side: 'receiver',
        },
        mail,
      );
      expect(second).toMatchObject({ kind: 'conflict', current: { status: 'waiting', version: 2 } });
    });
    const events = await database.db.select().from(referralEvent).where(eq(referralEvent.referralId, newId));
    expect(events.map((e) => e.toStatus)).toEqual(['waiting']);
    const notices = await database.db.select().from(notification).where(eq(notification.referralId, newId));
    expect(notices).toEqual([
      expect.objectContaining({
        userId: s.homeWorker.id,
        organisationId: s.home.id,
        kind: 'referral.waiting',
      }),
    ]);
  });

  it('accepting a self-referral starts a family with the person’s name, and the receiving organisation on its team', async () => {
    const s = await teamScenario(database);
    const [service] = await database.db
      .insert(directoryService)
      .values({
        organisationId: s.outsider.id,
        name: 'Self service',
        summary: 'A service',
        description: 'A service',
        selfReferral: true,
      })
      .returning();
    const [self] = await database.db
      .insert(selfReferral)
      .values({
        serviceId: service?.id as string,
        organisationId: s.outsider.id,
        name: 'Morag',
        audience: 'parent',
        contactMethod: 'text',
        phone: '07700 900123',
        safeTimes: 'Weekdays after 10am',
        leaveMessage: false,
        helpWith: 'My son drinks and I do not know what to do.',
      })
      .returning();
    // It arrives in the inbox as a self-referral.
    const row = await receiveSelfReferral(
      database.db,
      self?.id as string,
      mail,
      anonymousAccess('::1', 'test'),
    );
    const app = await testApp(database);
    try {
      const { TestBrowser } = await import('../../testing/testApp.ts');
      const browser = new TestBrowser(app);
      await browser.signIn(s.outsiderWorker.email);
      const page = await browser.get(`/practice/referrals/${row?.id}`);
      expect(page.body).toContain(
        'Contact Morag only in the way they said is safe: By text message, Weekdays after 10am',
      );
      expect(page.body).toContain('Do not leave a message.');
      expect(page.body).not.toContain('Pass on to another service');
      const inbox = await browser.get('/practice/referrals');
      expect(inbox.body).toContain('Self-referral');
      // Someone else in Hearth never sees it.
      const other = new TestBrowser(app);
      await other.signIn((await createUser(database.db, s.home.id, ['practitioner'])).email);
      expect((await other.get(`/practice/referrals/${row?.id}`)).statusCode).toBe(404);
    } finally {
      await app.close();
    }
    const result = await applyMove(
      database.db,
      accessOf(s.outsiderWorker, s.area.id),
      row?.id as string,
      'accepted',
      'receiver',
      {
        version: 1,
        reason: null,
        suggestion: null,
        serviceId: null,
        firstSupportOn: null,
        note: null,
      },
      mail,
    );
    expect(result.kind).toBe('moved');
    const [after] = await database.db
      .select()
      .from(referral)
      .where(eq(referral.id, row?.id as string));
    expect(after?.receivingFamilyId).toBeTruthy();
    expect(after?.familyId).toBe(after?.receivingFamilyId);
    const members = await database.db
      .select()
      .from(familyMembership)
      .where(eq(familyMembership.familyId, after?.familyId as string));
    expect(members).toHaveLength(1);
    const [taken] = await database.db
      .select()
      .from(selfReferral)
      .where(eq(selfReferral.id, self?.id as string));
    expect(taken?.status).toBe('taken_in');
    // The organisation was told of its arrival; with no referrer, nobody is told of the acceptance.
    const notices = await database.db.select().from(notification).where(eq(notification.referralId, row.id));
    expect(notices).toEqual([
      expect.objectContaining({ organisationId: s.outsider.id, userId: null, kind: 'referral.new' }),
    ]);
  });
});
