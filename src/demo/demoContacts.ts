// Contacts for the families the demo practitioner (Morven Blair) works with:
// a few months of sessions, a home visit with the whole family, a missed
// appointment, a joint session, one confidential conversation, and the
// significant ones in the chronology. Also one contact by the worker of a
// member whose support is confidential, which only their organisation sees,
// and a session recorded twice by mistake whose copy is marked in error.
import { eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.ts';
import { chronologyEntry, contact, contactMember, recordChange } from '../db/schema.ts';
import { chronologyWords } from '../features/contacts/contactService.ts';
import { ukDateAndTime, ukInstant } from '../features/contacts/contactTime.ts';
import { type DemoContactStory, demoContactStories } from './demoContactStories.ts';

interface Row {
  familyId: string;
  personId: string;
  givenName: string;
  userId: string;
  organisationId: string;
}

/** How many of Morven's families get the contact history. */
export const demoContactFamilies = 5;

function at(today: Date, daysAgo: number, hour: number): Date {
  const { date } = ukDateAndTime(new Date(today.getTime() - daysAgo * 86_400_000));
  return ukInstant(date, { hour, minute: daysAgo % 2 ? 30 : 0 });
}

async function addContact(
  tx: Db,
  row: Row,
  memberIds: string[],
  story: DemoContactStory,
  when: Date,
  jointOrganisationId: string | null,
) {
  const input = {
    occurredAt: when,
    memberIds,
    kind: story.kind ?? ('one_to_one' as const),
    jointOrganisationId: story.joint ? jointOrganisationId : null,
    channel: story.channel,
    durationMinutes: story.minutes,
    topics: story.topics,
    notes: story.notes(row.givenName),
    followUp: story.followUp ?? null,
    outcome: story.outcome ?? ('attended' as const),
    confidential: story.confidential ?? false,
    significant: story.significant ?? false,
    enrolmentId: null,
  };
  if (input.kind === 'joint_agency' && !input.jointOrganisationId) input.kind = 'one_to_one';
  let chronologyEntryId: string | null = null;
  if (input.significant) {
    const [entry] = await tx
      .insert(chronologyEntry)
      .values({
        familyId: row.familyId,
        personId: memberIds.length === 1 ? memberIds[0] : null,
        occurredOn: ukDateAndTime(when).date,
        kind: 'event',
        what: chronologyWords(input),
        source: 'Hearth',
        impact: 'neutral',
        automatic: true,
        organisationOnly: input.confidential,
        recordedBy: row.userId,
        organisationId: row.organisationId,
        createdAt: when,
      })
      .returning({ id: chronologyEntry.id });
    chronologyEntryId = entry?.id ?? null;
  }
  const [created] = await tx
    .insert(contact)
    .values({
      ...input,
      familyId: row.familyId,
      organisationId: row.organisationId,
      workerId: row.userId,
      recordedBy: row.userId,
      chronologyEntryId,
      createdAt: when,
      updatedAt: when,
    })
    .returning({ id: contact.id });
  if (!created) throw new Error('demo contact not created');
  await tx
    .insert(contactMember)
    .values(memberIds.map((personId) => ({ contactId: created.id, personId, familyId: row.familyId })));
  return created.id;
}

/** Marks a demo contact as recorded in error, with its history, as the in-error page would. */
async function markDemoContactInError(tx: Db, row: Row, contactId: string, when: Date) {
  const reason = 'Recorded twice: the same session was saved again from another computer.';
  await tx
    .update(contact)
    .set({
      inErrorAt: when,
      inErrorBy: row.userId,
      inErrorReason: reason,
      version: 2,
      updatedAt: when,
      updatedBy: row.userId,
    })
    .where(eq(contact.id, contactId));
  await tx.insert(recordChange).values({
    familyId: row.familyId,
    changedBy: row.userId,
    organisationId: row.organisationId,
    at: when,
    recordType: 'contact',
    recordId: contactId,
    action: 'ended',
    changes: { inErrorReason: { from: null, to: reason } },
  });
}

/** Writes the demo contacts; call inside the demo's transaction, after the team and plans. */
export async function addDemoContacts(tx: Db, today: Date): Promise<void> {
  const rows = await queryRows<Row>(
    tx,
    sql`select f.id as "familyId", p.id as "personId", p.given_name as "givenName",
        w.user_id as "userId", w.organisation_id as "organisationId"
      from team_worker w
      join app_user u on u.id = w.user_id and u.email = 'morven.blair@carse-family-support.example'
      join family f on f.id = w.family_id
      join family_membership m on m.family_id = f.id and m.ended_on is null
      join person p on p.id = m.person_id
      where w.left_on is null and f.reference like 'GC-%'
        and exists (select 1 from member_support s where s.family_id = f.id and s.person_id = p.id
          and s.organisation_id = w.organisation_id and not s.confidential)
      order by f.reference, (case when 'using_substances' = any (m.roles) then 1
        when 'child_or_young_person' = any (m.roles) then 2 else 0 end), p.date_of_birth, p.id`,
  );
  const [recovery] = await queryRows<{ id: string }>(
    tx,
    sql`select id from organisation where name = 'NHS Glenmuir Community Recovery Service'`,
  );
  const families = new Map<string, Row[]>();
  for (const row of rows) families.set(row.familyId, [...(families.get(row.familyId) ?? []), row]);
  for (const [index, members] of [...families.values()].slice(0, demoContactFamilies).entries()) {
    const main = members[0] as Row;
    // Each family has a slightly different history: later families started later.
    const stories = demoContactStories.filter(
      (s, i) => s.daysAgo <= 112 - index * 10 && (s.confidential ? index === 0 : (i + index) % 4 !== 3),
    );
    for (const story of stories) {
      const memberIds = story.everyone ? members.map((m) => m.personId) : [main.personId];
      await addContact(
        tx,
        main,
        memberIds,
        story,
        at(today, story.daysAgo + index, story.hour),
        recovery?.id ?? null,
      );
    }
    // The first family's latest session was recorded twice by mistake: the copy is marked in error.
    const latest = stories
      .filter((s) => !s.significant && !s.confidential)
      .sort((a, b) => a.daysAgo - b.daysAgo)[0];
    if (index === 0 && latest) {
      const when = at(today, latest.daysAgo, latest.hour);
      const duplicate = await addContact(tx, main, [main.personId], latest, when, recovery?.id ?? null);
      await markDemoContactInError(tx, main, duplicate, new Date(when.getTime() + 3_600_000));
    }
  }
  // A worker supporting a member in confidence (Women's Aid) records their own sessions too.
  const confidential = await queryRows<Row>(
    tx,
    sql`select s.family_id as "familyId", s.person_id as "personId", p.given_name as "givenName",
        s.worker_id as "userId", s.organisation_id as "organisationId"
      from member_support s join person p on p.id = s.person_id
      where s.confidential and s.worker_id is not null order by s.family_id, s.person_id limit 3`,
  );
  for (const row of confidential) {
    await addContact(
      tx,
      row,
      [row.personId],
      {
        daysAgo: 9,
        hour: 11,
        channel: 'in_person',
        minutes: 45,
        topics: ['safety', 'own_wellbeing'],
        notes: (name) =>
          `Met ${name} at the outreach office at the agreed time (not safe to phone). Safety plan reviewed; nothing new to add.`,
      },
      at(today, 9, 11),
      null,
    );
  }
}
