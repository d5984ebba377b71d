import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, queryRows } from '../../db/client.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { demoAccess } from '../../testing/demoAccess.ts';
import { demoDatabase, demoToday, demoTodayText } from '../../testing/demoDatabase.ts';
import { openConcernsForOverview } from '../assessment/concernRepository.ts';
import { BreakGlassRepository } from '../breakGlass/breakGlassRepository.ts';
import { ChronologyRepository } from '../chronology/chronologyRepository.ts';
import { ConsentRepository } from '../consent/consentRepository.ts';
import { MemberRepository } from '../members/memberRepository.ts';
import { planDueForOverview } from '../plan/planDue.ts';
import { EnrolmentRepository } from '../programmes/enrolmentRepository.ts';
import { presentListRow } from '../referrals/referralPresenter.ts';
import { ReferralRepository } from '../referrals/referralRepository.ts';
import { RelationshipRepository } from '../relationships/relationshipRepository.ts';
import { TeamRepository } from '../team/teamRepository.ts';
import { latestChronologyEntries, loadFamilyOverview } from './familyOverviewService.ts';
import { partOfCheckedRead } from './partRead.ts';

/** Each part of the overview as its own repository reads it, one statement (or more) each. */
async function separateReads(database: Database, access: AccessContext, familyId: string) {
  const db = database.db;
  const relationships = new RelationshipRepository(db, access);
  return {
    cards: await new MemberRepository(db, access).cardsForFamily(familyId, demoToday, partOfCheckedRead),
    consent: await new ConsentRepository(db, access).summaryForFamily(familyId, demoToday, partOfCheckedRead),
    team: await new TeamRepository(db, access).forFamily(familyId, partOfCheckedRead),
    chronology: await new ChronologyRepository(db, access).latest(familyId, latestChronologyEntries),
    mapMembers: await relationships.members(familyId),
    relationships: await relationships.forFamily(familyId),
    breakGlass: await new BreakGlassRepository(db, access).activeBreakGlass(familyId),
    concerns: await openConcernsForOverview(db, access, familyId),
    plan: await planDueForOverview(db, access, familyId, demoTodayText),
    enrolments: await new EnrolmentRepository(db, access).forFamily(familyId, partOfCheckedRead),
    referrals: (await new ReferralRepository(db, access).forFamily(familyId)).map((r) =>
      presentListRow(r, demoTodayText),
    ),
  };
}

/** The overview's one statement against the reads it stands for, on the demo. */
describe("the family overview's parts in one statement", () => {
  let database: Database;
  beforeAll(async () => {
    database = await demoDatabase();
  }, 180_000);
  afterAll(async () => {
    await database.close();
  });

  const events = (requestId: string) =>
    queryRows<{
      action: string;
      outcome: string;
      familyId: string | null;
      recordId: string;
      detail: unknown;
    }>(
      database.db,
      sql`select action, outcome, family_id as "familyId", record_id as "recordId", detail from audit_event
        where request_id = ${requestId}`,
    );

  it('gives a practitioner, for every family her organisation sees, what the separate reads give', async () => {
    const access = await demoAccess(database.db, 'morven.blair@carse-family-support.example');
    const visible = await queryRows<{ id: string }>(
      database.db,
      sql`select distinct f.id from family f join family_team_member t on t.family_id = f.id
        where t.organisation_id = ${access.organisationId} and t.left_on is null order by f.id`,
    );
    expect(visible.length).toBeGreaterThan(10);
    let seen = 0;
    for (const { id } of visible) {
      const request = { ...access, requestId: randomUUID() };
      const overview = await loadFamilyOverview(database.db, request, id, demoToday).catch((error) => {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      });
      const [event] = await events(request.requestId);
      if (!overview) {
        expect(event).toMatchObject({
          action: 'family.read',
          outcome: 'denied',
          familyId: null,
          recordId: id,
        });
        continue;
      }
      seen += 1;
      const { family, ...parts } = overview;
      expect(family.id).toBe(id);
      expect(parts).toEqual(await separateReads(database, access, id));
      expect(event).toEqual({
        action: 'family.read',
        outcome: 'success',
        familyId: id,
        recordId: id,
        detail: {
          members: parts.cards.length,
          relationships: parts.relationships.length,
          chronology: parts.chronology.length,
          teamOrganisations: parts.team.organisations.length,
          openConcerns: parts.concerns.length,
          enrolments: parts.enrolments.length,
        },
      });
    }
    // Most of them are visible, with something in each part somewhere, so the comparison means something.
    expect(seen).toBeGreaterThan(10);
  });

  it('refuses a worker of another organisation and a partnership lead, auditing each refusal', async () => {
    const morven = await demoAccess(database.db, 'morven.blair@carse-family-support.example');
    const [family] = await queryRows<{ id: string }>(
      database.db,
      sql`select t.family_id as id from family_team_member t where t.organisation_id = ${morven.organisationId}
        and t.left_on is null and not exists (select 1 from family_team_member o where o.family_id = t.family_id
          and o.organisation_id <> t.organisation_id) limit 1`,
    );
    if (!family) throw new Error('the demo has no family with one organisation on its team');
    await expect(loadFamilyOverview(database.db, morven, family.id, demoToday)).resolves.toBeDefined();
    for (const email of [
      'jackie.rennie@kilbrannan-families.example',
      'elspeth.morrison@glenmuir-adp.example',
    ]) {
      const access = await demoAccess(database.db, email);
      await expect(loadFamilyOverview(database.db, access, family.id, demoToday)).rejects.toBeInstanceOf(
        NotFoundError,
      );
      expect(await events(access.requestId)).toEqual([
        { action: 'family.read', outcome: 'denied', familyId: null, recordId: family.id, detail: null },
      ]);
    }
  });
});
