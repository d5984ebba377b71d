import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { contact, groupAttendance, groupSession, programme, supportGroup } from '../../db/schema.ts';
import type { testApp } from '../../testing/testApp.ts';
import { planScenario } from '../plan/planTesting.ts';

export function dateFields(prefix: string, iso: string): Record<string, string> {
  const [year, month, day] = iso.split('-') as [string, string, string];
  return {
    [`${prefix}-day`]: String(Number(day)),
    [`${prefix}-month`]: String(Number(month)),
    [`${prefix}-year`]: year,
  };
}

/** The plan scenario (home and partner on the team, outsider not), with home's team lead signed in and the catalogue's ids by code. */
export async function programmeScenario(database: Database, app: Awaited<ReturnType<typeof testApp>>) {
  const s = await planScenario(database, app);
  const asHomeLead = await s.signIn(s.homeLead.email);
  const rows = await database.db.select({ id: programme.id, code: programme.code }).from(programme);
  const code = (c: string) => rows.find((r) => r.code === c)?.id as string;

  /** A contact of home's worker with Agnes or Callum, as the contacts form would record it. */
  async function addContact(
    personFamilyId: string,
    enrolmentId: string | null,
    outcome: 'attended' | 'did_not_attend',
    occurredAt: Date,
  ) {
    await database.db.insert(contact).values({
      familyId: personFamilyId,
      organisationId: s.home.id,
      workerId: s.homeWorker.id,
      occurredAt,
      kind: 'one_to_one',
      channel: 'in_person',
      outcome,
      enrolmentId,
    });
  }

  /** A group of home's running the programme, with sessions on the given days; `attended` says which sessions the person came to. */
  async function addGroup(
    programmeId: string,
    sessions: { heldOn: string; attended: boolean }[],
    personId: string,
  ) {
    const [group] = await database.db
      .insert(supportGroup)
      .values({
        organisationId: s.home.id,
        name: 'Tuesday family group',
        kind: 'programme',
        forWhom: 'Family members',
        location: 'Carse community centre',
        meets: 'Tuesdays, 7pm',
        programmeId,
      })
      .returning();
    if (!group) throw new Error('no group');
    for (const session of sessions) {
      const [held] = await database.db
        .insert(groupSession)
        .values({ groupId: group.id, heldOn: session.heldOn })
        .returning();
      if (session.attended && held)
        await database.db
          .insert(groupAttendance)
          .values({ sessionId: held.id, personId, familyId: s.family.id });
    }
    return group;
  }

  async function groupName(id: string) {
    const [g] = await database.db.select().from(supportGroup).where(eq(supportGroup.id, id));
    return g?.name;
  }

  return { ...s, asHomeLead, code, addContact, addGroup, groupName };
}
