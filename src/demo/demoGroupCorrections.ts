// Demo: the Carse family support group's latest session corrected after it was
// saved (its history shows the old and new values), a duplicate of it marked
// as recorded in error, and the group's own record changed once.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { recordChange } from '../db/schema.ts';
import { groupAttendance, groupSession } from '../db/schemaSupport.ts';

const dayAfter = (iso: string, hour: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + (24 + hour) * 3_600_000);

export async function correctDemoGroupSession(
  tx: Db,
  session: {
    groupId: string;
    sessionId: string;
    heldOn: string;
    startsAt: string;
    topic: string;
    named: { familyId: string; personId: string }[];
    userId: string | null;
    organisationId: string;
  },
): Promise<void> {
  const { groupId, sessionId, heldOn, userId } = session;
  const corrected = dayAfter(heldOn, 10);
  await tx
    .update(groupSession)
    .set({ version: 2, updatedAt: corrected, updatedBy: userId })
    .where(eq(groupSession.id, sessionId));
  const by = { changedBy: userId, organisationId: session.organisationId, familyId: null };
  await tx.insert(recordChange).values([
    {
      ...by,
      at: corrected,
      recordType: 'group_session',
      recordId: sessionId,
      action: 'amended',
      changes: { topic: { from: 'Self-care', to: session.topic } },
    },
    {
      ...by,
      at: dayAfter(heldOn, -20),
      recordType: 'support_group',
      recordId: groupId,
      action: 'amended',
      changes: {
        location: { from: 'Carse Community Centre, Room 2', to: 'Carse Community Centre, Mill Road' },
      },
    },
  ]);
  const [duplicate] = await tx
    .insert(groupSession)
    .values({
      groupId,
      heldOn,
      startsAt: session.startsAt,
      topic: session.topic,
      recordedBy: userId,
      version: 2,
      updatedAt: corrected,
      updatedBy: userId,
      inErrorAt: corrected,
      inErrorBy: userId,
      inErrorReason: 'Recorded twice by mistake: the register for this evening is in the other session.',
    })
    .returning({ id: groupSession.id });
  if (!duplicate) throw new Error('demo duplicate session not created');
  if (session.named.length)
    await tx
      .insert(groupAttendance)
      .values(
        session.named.map((n) => ({ sessionId: duplicate.id, personId: n.personId, familyId: n.familyId })),
      );
  await tx.insert(recordChange).values({
    ...by,
    at: corrected,
    recordType: 'group_session',
    recordId: duplicate.id,
    action: 'ended',
    changes: {
      inErrorReason: {
        from: null,
        to: 'Recorded twice by mistake: the register for this evening is in the other session.',
      },
    },
  });
}
