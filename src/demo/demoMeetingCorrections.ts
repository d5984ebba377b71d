// Demo: one team meeting corrected after it was recorded (its history shows
// the old and new values), and a duplicate of it marked as recorded in error.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { recordChange, teamMeeting } from '../db/schema.ts';

const dayAfter = (iso: string, hour: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + (24 + hour) * 3_600_000);

/** Corrects the demo meeting `meetingId` the day after it was held, and records a duplicate of it in error. */
export async function correctDemoMeeting(
  tx: Db,
  meeting: {
    familyId: string;
    meetingId: string;
    heldOn: string;
    membersPresent: string[];
    worker: { userId: string; organisationId: string };
  },
): Promise<void> {
  const { familyId, meetingId, heldOn, worker } = meeting;
  const corrected = dayAfter(heldOn, 9);
  await tx
    .update(teamMeeting)
    .set({ version: 2, updatedAt: corrected, updatedBy: worker.userId })
    .where(eq(teamMeeting.id, meetingId));
  const by = { changedBy: worker.userId, organisationId: worker.organisationId, familyId };
  await tx.insert(recordChange).values([
    {
      ...by,
      at: new Date(`${heldOn}T16:00:00Z`),
      recordType: 'team_meeting',
      recordId: meetingId,
      action: 'created',
      changes: {
        heldOn: { from: null, to: heldOn },
        familyPresent: { from: null, to: true },
        actions: { from: null, to: 2 },
      },
    },
    {
      ...by,
      at: corrected,
      recordType: 'team_meeting',
      recordId: meetingId,
      action: 'amended',
      changes: { othersPresent: { from: null, to: 'Guidance teacher from the school' } },
    },
  ]);
  const [duplicate] = await tx
    .insert(teamMeeting)
    .values({
      familyId,
      heldOn,
      familyPresent: true,
      membersPresent: meeting.membersPresent,
      organisationsPresent: [worker.organisationId],
      workersPresent: [worker.userId],
      discussed: 'How things have been at home since the plan was agreed.',
      recordedBy: worker.userId,
      organisationId: worker.organisationId,
      version: 2,
      updatedAt: corrected,
      updatedBy: worker.userId,
      inErrorAt: corrected,
      inErrorBy: worker.userId,
      inErrorReason: 'Recorded twice by mistake: the same meeting is recorded in full on this day.',
    })
    .returning({ id: teamMeeting.id });
  if (!duplicate) throw new Error('demo duplicate meeting not created');
  await tx.insert(recordChange).values([
    {
      ...by,
      at: new Date(`${heldOn}T16:05:00Z`),
      recordType: 'team_meeting',
      recordId: duplicate.id,
      action: 'created',
      changes: {
        heldOn: { from: null, to: heldOn },
        familyPresent: { from: null, to: true },
        actions: { from: null, to: 0 },
      },
    },
    {
      ...by,
      at: corrected,
      recordType: 'team_meeting',
      recordId: duplicate.id,
      action: 'ended',
      changes: {
        inErrorReason: {
          from: null,
          to: 'Recorded twice by mistake: the same meeting is recorded in full on this day.',
        },
      },
    },
  ]);
}
