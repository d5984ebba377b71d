import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, queryRows } from '../../db/client.ts';
import { auditEvent, directoryService, referral, referralMember, selfReferral } from '../../db/schema.ts';
import { anonymousAccess } from '../../platform/access/accessContext.ts';
import { createOrganisation, createUser } from '../../testing/fixtures.ts';
import { testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { accessOf } from '../consent/consentTeamTesting.ts';
import { emptyMemberForm, validateMemberForm } from '../members/memberForm.ts';
import { MemberService } from '../members/memberService.ts';
import { receiveSelfReferral } from './referralCreate.ts';
import { referralScenario, testMail } from './referralTesting.ts';

describe('accepting a referral links it to a family the person is already in', () => {
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

  /** The referral scenario, a self-referral service of the receiving organisation, and a way to start families. */
  async function scenario() {
    const s = await referralScenario(database, app);
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
    async function selfReferralFrom(name: string) {
      const [self] = await database.db
        .insert(selfReferral)
        .values({
          serviceId: service?.id as string,
          organisationId: s.outsider.id,
          name,
          audience: 'parent',
          contactMethod: 'text',
          phone: '07700 900123',
          leaveMessage: false,
          helpWith: 'My son drinks and I do not know what to do.',
        })
        .returning();
      const row = await receiveSelfReferral(
        database.db,
        self?.id as string,
        testMail,
        anonymousAccess('::1', 'test'),
      );
      return row.id;
    }
    /** Starts a family as one organisation's worker, with one person. */
    async function familyOf(
      worker: { id: string; organisationId: string },
      person: { givenName: string; familyName: string; dob: string; postcode: string },
    ) {
      const [year, month, day] = person.dob.split('-') as [string, string, string];
      const checked = validateMemberForm(
        {
          ...emptyMemberForm(),
          givenName: person.givenName,
          familyName: person.familyName,
          dobDay: day,
          dobMonth: month,
          dobYear: year,
          postcode: person.postcode,
        },
        new Date(),
      );
      if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
      return new MemberService(database.db).startFamily(accessOf(worker, s.area.id), {
        name: `${person.familyName} family`,
        localityId: null,
        details: checked.details,
      });
    }
    return { ...s, selfReferralFrom, familyOf };
  }

  const countMorags = async () =>
    (
      await queryRows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from person where given_name ilike 'morag%' or family_name = 'Fergusson'`,
      )
    )[0]?.n;

  it('shows only the matches the worker may see, checks again with a date of birth, and links to the person chosen: no second record', async () => {
    const s = await scenario();
    // Known to the receiving organisation; and someone of nearly the same name it may not see.
    const known = await s.familyOf(s.outsiderWorker, {
      givenName: 'Morag',
      familyName: 'Ferguson',
      dob: '1978-05-12',
      postcode: 'GM1 2AB',
    });
    const hidden = await s.familyOf(s.partnerWorker, {
      givenName: 'Morag',
      familyName: 'Fergusson',
      dob: '1978-05-12',
      postcode: 'GM1 2AB',
    });
    const id = await s.selfReferralFrom('Morag Ferguson');
    const url = `/practice/referrals/${id}/accept`;
    const page = await s.asOutsider.get(url);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Are they already known?');
    expect(page.body).toContain(`value="person:${known.personId}:${known.familyId}"`);
    expect(page.body).toContain('Morag Ferguson, born 12 May 1978, in Ferguson family');
    expect(page.body).toContain(`value="family:${known.familyId}"`);
    expect(page.body).not.toContain(hidden.personId);
    expect(page.body).not.toContain(hidden.reference);
    expect(page.body).not.toContain('Fergusson');

    // Checking again with a date of birth and postcode; a wrong postcode is an error by the field.
    const bad = await s.asOutsider.post(url, {
      version: '1',
      matchName: 'Morag Ferguson',
      matchPostcode: 'not a postcode',
      action: 'check',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#matchPostcode">Enter a real postcode');
    const again = await s.asOutsider.post(url, {
      version: '1',
      matchName: 'M Ferguson',
      'matchDob-day': '12',
      'matchDob-month': '5',
      'matchDob-year': '1978',
      action: 'check',
    });
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain(`value="person:${known.personId}:${known.familyId}"`);
    expect(again.body).not.toContain(hidden.personId);

    // A choice is needed; a record the worker may not see is refused in the same words as one that does not exist.
    const none = await s.asOutsider.post(url, { version: '1', matchName: 'Morag Ferguson' });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('href="#link">Choose who they are, or start a new family record');
    const before = await countMorags();
    const sneaky = await s.asOutsider.post(url, {
      version: '1',
      matchName: 'Morag Ferguson',
      link: `person:${hidden.personId}:${hidden.familyId}`,
    });
    expect(sneaky.statusCode).toBe(400);
    expect(sneaky.body).toContain('Choose one of the records shown, or start a new family record');
    expect(await s.referralRow(id)).toMatchObject({ status: 'new', familyId: null });

    const linked = await s.asOutsider.post(url, {
      version: '1',
      matchName: 'Morag Ferguson',
      link: `person:${known.personId}:${known.familyId}`,
    });
    expect(linked.statusCode, linked.body.slice(0, 1500)).toBe(303);
    expect(await s.referralRow(id)).toMatchObject({
      status: 'accepted',
      familyId: known.familyId,
      receivingFamilyId: known.familyId,
    });
    expect(await countMorags()).toBe(before);
    const members = await database.db.select().from(referralMember).where(eq(referralMember.referralId, id));
    expect(members.map((m) => m.personId)).toEqual([known.personId]);
    const [self] = await database.db
      .select({ status: selfReferral.status })
      .from(selfReferral)
      .innerJoin(referral, eq(referral.selfReferralId, selfReferral.id))
      .where(eq(referral.id, id));
    expect(self?.status).toBe('taken_in');
    const audit = await database.db
      .select({ action: auditEvent.action, outcome: auditEvent.outcome, detail: auditEvent.detail })
      .from(auditEvent)
      .where(and(eq(auditEvent.recordId, id), eq(auditEvent.actorUserId, s.outsiderWorker.id)));
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: 'person.search', outcome: 'success', detail: { purpose: 'referral_match', shown: 2 } },
        { action: 'referral.link', outcome: 'denied', detail: { how: 'person' } },
        {
          action: 'referral.link',
          outcome: 'success',
          detail: { how: 'person', personId: known.personId },
        },
      ]),
    );
    expect(JSON.stringify(audit)).not.toContain('Morag');
    // The referral's page now opens the family record it was linked to.
    const after = await s.asOutsider.get(`/practice/referrals/${id}`);
    expect(after.body).toContain(`/practice/families/${known.familyId}`);
  });

  it('shows a worker nothing they may not see: no match starts a new family, a referral from a family unseen says who they may already know, and an outsider is refused', async () => {
    const s = await scenario();
    const hidden = await s.familyOf(s.partnerWorker, {
      givenName: 'Morag',
      familyName: 'Fergusson',
      dob: '1978-05-12',
      postcode: 'GM1 2AB',
    });
    const id = await s.selfReferralFrom('Morag Fergusson');
    const url = `/practice/referrals/${id}/accept`;
    const page = await s.asOutsider.get(url);
    expect(page.body).toContain('No one like this is on a family record you can see');
    expect(page.body).toContain('name="link" value="new"');
    expect(page.body).not.toContain(hidden.personId);
    expect(page.body).not.toContain(hidden.reference);

    // Someone outside both sides cannot open the page or accept.
    const stranger = await createOrganisation(database.db, s.area.id);
    const asStranger = await s.signIn((await createUser(database.db, stranger.id, ['practitioner'])).email);
    expect((await asStranger.get(url)).statusCode).toBe(404);
    await asStranger.get('/practice');
    const refused = await asStranger.post(url, { version: '1', matchName: 'Morag', link: 'new' });
    expect(refused.statusCode).toBe(404);

    const accepted = await s.asOutsider.post(url, {
      version: '1',
      matchName: 'Morag Fergusson',
      'matchDob-day': '12',
      'matchDob-month': '5',
      'matchDob-year': '1978',
      link: 'new',
    });
    expect(accepted.statusCode, accepted.body.slice(0, 1500)).toBe(303);
    const row = await s.referralRow(id);
    expect(row?.familyId).not.toBe(hidden.familyId);
    const [person] = await queryRows<{ givenName: string; dateOfBirth: string }>(
      database.db,
      sql`select p.given_name as "givenName", p.date_of_birth::text as "dateOfBirth" from family_membership m
        join person p on p.id = m.person_id where m.family_id = ${row?.familyId}`,
    );
    expect(person).toEqual({ givenName: 'Morag Fergusson', dateOfBirth: '1978-05-12' });

    // A referral from a family the receiving organisation cannot see yet: it is told who it may already know.
    await s.familyOf(s.outsiderWorker, {
      givenName: 'Callum',
      familyName: 'Testfamily',
      dob: '1995-09-30',
      postcode: 'GM2 3CD',
    });
    const { id: fromFamily } = await s.send();
    const acceptPage = await s.asOutsider.get(`/practice/referrals/${fromFamily}/accept`);
    expect(acceptPage.body).toContain('They may already be known to you');
    expect(acceptPage.body).toContain('Callum Testfamily may be Callum Testfamily, born 30 Sept 1995');
    // The home organisation sees the family: nothing to match for it.
    expect(acceptPage.body).not.toContain('Are they already known?');
  });
});
