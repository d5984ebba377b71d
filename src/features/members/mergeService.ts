import { eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { person } from '../../db/schema.ts';
import { type AccessContext, hasRole } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { refreshLastContacts } from '../contacts/lastContact.ts';
import { memberVisible } from '../families/familyVisibility.ts';
import { changedFields, recordHistory } from '../families/recordHistory.ts';

export type MergeResult = 'merged' | 'not-found' | 'same-person';

/** Details copied from the other record where the kept record has none. */
const fillable = [
  'familyName',
  'preferredName',
  'pronouns',
  'dateOfBirth',
  'gender',
  'ethnicity',
  'firstLanguage',
  'phone',
  'email',
  'safeTimes',
  'contactSafetyNote',
] as const;

/**
 * Points the duplicate's assessment sections, concerns and carers' offers,
 * plan goals and actions, and the people named as agreeing a plan or at a
 * meeting, at the kept record. Where both records have a section in one
 * assessment, the kept record's stays its section and the duplicate's keeps
 * its own (still there, with its contributions, under the merged record).
 * Returns how many sections were left so.
 */
async function repointAssessmentAndPlan(tx: Db, keepId: string, otherId: string): Promise<number> {
  const left = await queryRows<{ id: string }>(
    tx,
    sql`select o.id from assessment_section o where o.person_id = ${otherId} and exists (
          select 1 from assessment_section k where k.assessment_id = o.assessment_id and k.person_id = ${keepId})`,
  );
  await tx.execute(sql`update assessment_section o set person_id = ${keepId} where o.person_id = ${otherId}
    and not exists (select 1 from assessment_section k where k.assessment_id = o.assessment_id and k.person_id = ${keepId})`);
  await tx.execute(sql`update assessment_concern set person_id = ${keepId} where person_id = ${otherId}`);
  await tx.execute(sql`update carer_support_offer set person_id = ${keepId} where person_id = ${otherId}`);
  await tx.execute(sql`update plan_goal set person_id = ${keepId} where person_id = ${otherId}`);
  await tx.execute(
    sql`update plan_action set owner_person_id = ${keepId} where owner_person_id = ${otherId}`,
  );
  await tx.execute(sql`update family_plan set agreed_with = array(select distinct unnest(
    array_replace(agreed_with, ${otherId}::uuid, ${keepId}::uuid))) where ${otherId}::uuid = any(agreed_with)`);
  await tx.execute(sql`update team_meeting set members_present = array(select distinct unnest(
    array_replace(members_present, ${otherId}::uuid, ${keepId}::uuid))) where ${otherId}::uuid = any(members_present)`);
  return left.length;
}

/**
 * Points the duplicate's contacts, group registers and programme enrolments
 * at the kept record (a contact or session both were recorded at keeps one
 * line for the person), then works out the kept record's last contacts again.
 */
async function repointSupportDelivery(tx: Db, keepId: string, otherId: string): Promise<void> {
  await tx.execute(sql`delete from contact_member o where o.person_id = ${otherId}
    and exists (select 1 from contact_member k where k.contact_id = o.contact_id and k.person_id = ${keepId})`);
  await tx.execute(sql`update contact_member set person_id = ${keepId} where person_id = ${otherId}`);
  await tx.execute(sql`delete from group_attendance o where o.person_id = ${otherId}
    and exists (select 1 from group_attendance k where k.session_id = o.session_id and k.person_id = ${keepId})`);
  await tx.execute(sql`update group_attendance set person_id = ${keepId} where person_id = ${otherId}`);
  await tx.execute(sql`update programme_enrolment set person_id = ${keepId} where person_id = ${otherId}`);
  await refreshLastContacts(tx, sql`select family_id from family_membership where person_id = ${keepId}`);
}

/**
 * Merges two records of one person (team leads only): everything that
 * belonged to the duplicate moves to the record kept, which keeps its own
 * details and takes the duplicate's where it has none. The duplicate stays,
 * marked merged, so its history is kept. Where both records had the same
 * thing (membership of one family, support or consent with one
 * organisation, the same relationship), the kept record's one stays and the
 * duplicate's is ended or removed with its values in the history.
 */
export async function mergePeople(
  db: Db,
  access: AccessContext,
  keepId: string,
  otherId: string,
): Promise<MergeResult> {
  if (keepId === otherId) return 'same-person';
  if (!hasRole(access, 'team_lead')) return 'not-found';
  return db.transaction(async (tx) => {
    const visible = await queryRows<{ id: string }>(
      tx,
      sql`select p.id from person p where p.id in (${keepId}, ${otherId}) and p.merged_into_id is null
          and exists (select 1 from family_membership m where m.person_id = p.id
            and ${memberVisible(access, sql`m.family_id`, sql`m.person_id`)})`,
    );
    if (visible.length !== 2) {
      await recordAudit(tx, access, {
        action: 'person.merge',
        outcome: 'denied',
        recordType: 'person',
        recordId: otherId,
        detail: { keepId },
      });
      return 'not-found';
    }
    const [keep] = await tx.select().from(person).where(eq(person.id, keepId));
    const [other] = await tx.select().from(person).where(eq(person.id, otherId));
    if (!keep || !other) return 'not-found';
    const today = new Date().toISOString().slice(0, 10);

    // Memberships: where both are current members of one family, the duplicate's ends.
    const ended = await queryRows<{ id: string; family_id: string }>(
      tx,
      sql`update family_membership o set ended_on = greatest(${today}::date, o.started_on), end_reason = 'Merged into another record of the same person'
          where o.person_id = ${otherId} and o.ended_on is null and exists (select 1 from family_membership k
            where k.person_id = ${keepId} and k.family_id = o.family_id and k.ended_on is null)
          returning o.id, o.family_id`,
    );
    // Support and consent with the same organisation in the same family: the kept record's stays.
    const removedSupport = await queryRows<Record<string, unknown>>(
      tx,
      sql`delete from member_support o where o.person_id = ${otherId} and exists (select 1 from member_support k
            where k.person_id = ${keepId} and k.family_id = o.family_id and k.organisation_id = o.organisation_id)
          returning o.id, o.family_id, o.organisation_id, o.status, o.worker_id, o.confidential`,
    );
    const removedConsent = await queryRows<Record<string, unknown>>(
      tx,
      sql`delete from consent o where o.person_id = ${otherId} and exists (select 1 from consent k
            where k.person_id = ${keepId} and k.family_id = o.family_id and k.organisation_id = o.organisation_id)
          returning o.id, o.family_id, o.organisation_id, o.status, o.recorded_at`,
    );
    // Relationships between the two records, or ones the kept record already has, go.
    const removedRelationships = await queryRows<Record<string, unknown>>(
      tx,
      sql`delete from relationship o where (o.from_person_id = ${otherId} or o.to_person_id = ${otherId}) and (
            (o.from_person_id = ${keepId} or o.to_person_id = ${keepId})
            or exists (select 1 from relationship k where k.family_id = o.family_id and k.kind = o.kind and k.id <> o.id
              and least(k.from_person_id, k.to_person_id) = least(replace(o.from_person_id::text, ${otherId}, ${keepId})::uuid, replace(o.to_person_id::text, ${otherId}, ${keepId})::uuid)
              and greatest(k.from_person_id, k.to_person_id) = greatest(replace(o.from_person_id::text, ${otherId}, ${keepId})::uuid, replace(o.to_person_id::text, ${otherId}, ${keepId})::uuid)))
          returning o.id, o.family_id, o.kind, o.from_person_id, o.to_person_id`,
    );
    await tx.execute(sql`update family_membership set person_id = ${keepId} where person_id = ${otherId}`);
    await tx.execute(sql`update member_support set person_id = ${keepId} where person_id = ${otherId}`);
    await tx.execute(sql`update consent set person_id = ${keepId} where person_id = ${otherId}`);
    await tx.execute(
      sql`update relationship set from_person_id = ${keepId} where from_person_id = ${otherId}`,
    );
    await tx.execute(sql`update relationship set to_person_id = ${keepId} where to_person_id = ${otherId}`);
    await tx.execute(sql`update chronology_entry set person_id = ${keepId} where person_id = ${otherId}`);
    await tx.execute(sql`update team_worker set person_id = ${keepId} where person_id = ${otherId}`);
    const sectionsKept = await repointAssessmentAndPlan(tx, keepId, otherId);
    await repointSupportDelivery(tx, keepId, otherId);

    const fill: Record<string, unknown> = {};
    for (const name of fillable) if (keep[name] === null && other[name] !== null) fill[name] = other[name];
    if (keep.dateOfBirth === null && keep.approximateAge === null && other.approximateAge !== null) {
      fill.approximateAge = other.approximateAge;
      fill.approximateAgeOn = other.approximateAgeOn;
    }
    if (fill.dateOfBirth && keep.approximateAge !== null) fill.approximateAge = null;
    const filled = changedFields(keep, fill);
    await tx
      .update(person)
      .set({ ...fill, updatedAt: new Date(), version: sql`${person.version} + 1` })
      .where(eq(person.id, keepId));
    await tx.update(person).set({ mergedIntoId: keepId, mergedAt: new Date() }).where(eq(person.id, otherId));

    const summary = {
      mergedFrom: { from: null, to: otherId },
      ...filled,
      endedMemberships: { from: ended.map((e) => e.id), to: [] },
      removedSupport: { from: removedSupport, to: [] },
      removedConsent: { from: removedConsent, to: [] },
      removedRelationships: { from: removedRelationships, to: [] },
    };
    await recordHistory(tx, access, {
      familyId: null,
      recordType: 'person',
      recordId: keepId,
      personId: keepId,
      action: 'merged',
      changes: summary,
    });
    await recordHistory(tx, access, {
      familyId: null,
      recordType: 'person',
      recordId: otherId,
      personId: otherId,
      action: 'merged',
      changes: { mergedInto: { from: null, to: keepId } },
    });
    await recordAudit(tx, access, {
      action: 'person.merge',
      recordType: 'person',
      recordId: keepId,
      detail: {
        mergedFrom: otherId,
        membershipsEnded: ended.length,
        supportRemoved: removedSupport.length,
        consentRemoved: removedConsent.length,
        relationshipsRemoved: removedRelationships.length,
        assessmentSectionsLeftOnDuplicate: sectionsKept,
      },
    });
    return 'merged';
  });
}
