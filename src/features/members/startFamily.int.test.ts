import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import {
  chronologyEntry,
  family,
  familyMembership,
  familyTeamMember,
  memberSupport,
  teamWorker,
} from '../../db/schema.ts';
import { testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { parseMemberForm, validateMemberForm } from './memberForm.ts';
import { agnesForm, memberPageHelpers } from './memberPageTestHelpers.ts';
import { MemberService } from './memberService.ts';

describe('starting a family record', () => {
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
  const { signedIn, startFamily } = memberPageHelpers(() => ({ database, app }));

  it('starts a family from a grandmother, with everything in place in one go', async () => {
    const { area, org, user, browser } = await signedIn();
    const familyId = await startFamily(browser, area.localityId);

    const [created] = await database.db.select().from(family).where(eq(family.id, familyId));
    expect(created?.name).toBe('The Reid family');
    expect(created?.reference).toMatch(/^[A-Z]+-\d{4,}$/);
    expect(created?.localityId).toBe(area.localityId);
    const members = await database.db
      .select({
        personId: familyMembership.personId,
        roles: familyMembership.roles,
        label: familyMembership.relationshipLabel,
      })
      .from(familyMembership)
      .where(eq(familyMembership.familyId, familyId));
    expect(members).toEqual([
      {
        personId: expect.any(String),
        roles: ['affected_family_member', 'adult_carer'],
        label: 'Grandmother',
      },
    ]);
    const team = await database.db
      .select()
      .from(familyTeamMember)
      .where(eq(familyTeamMember.familyId, familyId));
    expect(team.map((t) => t.organisationId)).toEqual([org.id]);
    const workers = await database.db.select().from(teamWorker).where(eq(teamWorker.familyId, familyId));
    expect(workers.map((w) => w.userId)).toEqual([user.id]);
    const support = await database.db
      .select()
      .from(memberSupport)
      .where(eq(memberSupport.familyId, familyId));
    expect(support).toEqual([
      expect.objectContaining({ organisationId: org.id, status: 'not_started', workerId: user.id }),
    ]);
    const entries = await database.db
      .select()
      .from(chronologyEntry)
      .where(eq(chronologyEntry.familyId, familyId));
    expect(entries).toEqual([
      expect.objectContaining({ automatic: true, what: 'Family record started with Agnes Reid.' }),
    ]);

    const overview = await browser.get(`/practice/families/${familyId}`);
    expect(overview.statusCode).toBe(200);
    expect(overview.body).toContain('Agnes Reid');
  });

  it('gives each new family the next reference in the area', async () => {
    const { area, browser } = await signedIn();
    const first = await startFamily(browser, area.localityId);
    const second = await startFamily(browser, area.localityId, {
      givenName: 'Liam',
      roles: ['child_or_young_person'],
    });
    const refs = await database.db
      .select({ id: family.id, reference: family.reference })
      .from(family)
      .where(eq(family.partnershipAreaId, area.id));
    const byId = new Map(refs.map((r) => [r.id, r.reference]));
    const number = (id: string) => Number(byId.get(id)?.split('-')[1]);
    expect(number(second)).toBe(number(first) + 1);
  });

  it('never gives two families started at once the same reference', async () => {
    const { area, user } = await signedIn();
    const access = {
      userId: user.id,
      tokenId: undefined,
      organisationId: user.organisationId,
      partnershipAreaId: area.id,
      roles: user.roles,
      ip: '127.0.0.1',
      requestId: 'concurrent',
    };
    const details = validateMemberForm(parseMemberForm({ givenName: 'Agnes' }), new Date());
    if (!details.ok) throw new Error('expected valid details');
    const service = new MemberService(database.db);
    const started = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        service.startFamily(access, { name: `Family ${i}`, localityId: null, details: details.details }),
      ),
    );
    expect(new Set(started.map((s) => s.reference)).size).toBe(6);
  });

  it('shows the mistakes on the start form, and saves nothing', async () => {
    const { area, browser } = await signedIn();
    await browser.get('/practice/families/new');
    const response = await browser.post('/practice/families/new', {
      ...agnesForm,
      familyRecordName: '',
      locality: area.localityId,
      givenName: '',
      'dateOfBirth-day': '31',
      'dateOfBirth-month': '2',
      approximateAge: '40',
      email: 'not an email',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('There is a problem');
    expect(response.body).toContain('Enter what to call the family record');
    expect(response.body).toContain('Enter their first name');
    expect(response.body).toContain('Date of birth must be a real date');
    expect(response.body).toContain('not both');
    expect(response.body).toContain('Enter an email address in the right format');
    const families = await database.db.select().from(family).where(eq(family.partnershipAreaId, area.id));
    expect(families).toEqual([]);
  });
});
