// Writes the synthetic referrals of benchReferrals.ts: what the bench area
// holds to refer from and to, how many bench referrals there are already
// (later runs top up), and batches of referrals with their members, history
// and notifications, one multi-row insert per table, in one transaction each.
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.ts';
import { moveMessage } from '../features/referrals/referralService.ts';
import type { BenchArea } from './benchLoader.ts';
import {
  type BenchReferral,
  type BenchReferralContext,
  benchReferralKey,
  benchReferrals,
  referralServicesPerOrganisation,
} from './benchReferrals.ts';

/** At most this many of an organisation's families are referred from (they are chosen among at random). */
const familiesPerOrganisation = 2000;

/** The bench organisations with their first services, their workers and the families on their teams. */
export async function benchReferralContext(
  db: Db,
  area: BenchArea,
  seed: number,
  now: Date,
): Promise<BenchReferralContext> {
  const ids = area.teamOrganisations.map((o) => o.id);
  const services = await queryRows<{ organisationId: string; ids: string[] }>(
    db,
    sql`select organisation_id as "organisationId", (array_agg(id order by created_at, id))[1:${referralServicesPerOrganisation}] as ids
      from directory_service where organisation_id = any(${sql.param(ids)}::uuid[]) and status = 'active'
      group by organisation_id`,
  );
  const families = await queryRows<{ organisationId: string; familyId: string; personIds: string[] }>(
    db,
    sql`select t.organisation_id as "organisationId", t.family_id as "familyId",
        (select array_agg(m.person_id order by m.started_on, m.person_id) from family_membership m
          where m.family_id = t.family_id) as "personIds"
      from (select t.organisation_id, t.family_id,
          row_number() over (partition by t.organisation_id order by t.family_id) as k
        from family_team_member t join family f on f.id = t.family_id
        where t.organisation_id = any(${sql.param(ids)}::uuid[]) and t.left_on is null
          and f.partnership_area_id = ${area.areaId} and f.reference like 'BENCH-%') t
      where t.k <= ${familiesPerOrganisation}
      order by 1, 2`,
  );
  return {
    seed,
    now,
    benchOrganisationId: area.benchOrganisationId,
    organisations: area.teamOrganisations.map((o) => ({
      id: o.id,
      workerIds: o.workerIds,
      serviceIds: services.find((s) => s.organisationId === o.id)?.ids ?? [],
      families: families
        .filter((f) => f.organisationId === o.id && f.personIds?.length)
        .map((f) => ({ id: f.familyId, personIds: f.personIds })),
    })),
  };
}

/** How many bench referrals there are (they are numbered 1 … n). */
export async function benchReferralCount(db: Db, area: BenchArea): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from referral
      where referring_organisation_id = any(${sql.param(area.teamOrganisations.map((o) => o.id))}::uuid[])
        and idempotency_key like 'bench-referral-%'`,
  );
  return row?.n ?? 0;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Writes referrals with their members, history and notifications in one transaction. With
 * `bulk` (a superuser only) the transaction skips triggers, foreign key checks and the
 * referral counts' triggers among them: the rows are consistent by construction, and the
 * caller works the counts out again after the load (referral_counts_rebuild()).
 */
export async function insertBenchReferrals(
  db: Db,
  rows: BenchReferral[],
  now: Date,
  bulk = false,
): Promise<void> {
  const a = sql.param;
  const col = <T>(f: (r: BenchReferral) => T) => a(rows.map(f));
  await db.transaction(async (tx) => {
    if (bulk) await tx.execute(sql`set local session_replication_role = replica`);
    const written = await queryRows<{ id: string; reference: string }>(
      tx,
      sql`insert into referral (id, service_id, organisation_id, origin, referring_organisation_id, referred_by, family_id,
          status, reason, wishes, urgency, sharing_basis, consent_person_id, consent_method, consent_on, idempotency_key,
          sent_at, decided_at, decided_by, decline_reason, suggestion, receiving_family_id, first_support_on, closed_at,
          created_at, updated_at, version)
        select id, service_id, organisation_id, 'practitioner', referring_organisation_id, referred_by, family_id,
          status, reason, wishes, urgency, 'consent', consent_person_id, 'verbal', consent_on, idempotency_key,
          sent_at, decided_at, decided_by, decline_reason, suggestion, receiving_family_id, first_support_on, closed_at,
          created_at, updated_at, version
        from unnest(${col((r) => r.id)}::uuid[], ${col((r) => r.serviceId)}::uuid[], ${col((r) => r.organisationId)}::uuid[],
          ${col((r) => r.referringOrganisationId)}::uuid[], ${col((r) => r.referredBy)}::uuid[], ${col((r) => r.familyId)}::uuid[],
          ${col((r) => r.status)}::text[], ${col((r) => r.reason)}::text[], ${col((r) => r.wishes)}::text[],
          ${col((r) => r.urgency)}::text[], ${col((r) => r.memberIds[0])}::uuid[], ${col((r) => r.consentOn)}::date[],
          ${col((r) => benchReferralKey(r.number))}::text[], ${col((r) => iso(r.sentAt))}::timestamptz[],
          ${col((r) => iso(r.decidedAt))}::timestamptz[], ${col((r) => r.decidedBy)}::uuid[],
          ${col((r) => r.declineReason)}::text[], ${col((r) => r.suggestion)}::text[],
          ${col((r) => r.receivingFamilyId)}::uuid[], ${col((r) => r.firstSupportOn)}::date[],
          ${col((r) => iso(r.closedAt))}::timestamptz[], ${col((r) => iso(r.createdAt))}::timestamptz[],
          ${col((r) => iso(r.updatedAt))}::timestamptz[], ${col((r) => r.version)}::int[])
          as x(id, service_id, organisation_id, referring_organisation_id, referred_by, family_id, status, reason, wishes,
            urgency, consent_person_id, consent_on, idempotency_key, sent_at, decided_at, decided_by, decline_reason,
            suggestion, receiving_family_id, first_support_on, closed_at, created_at, updated_at, version)
        returning id, reference`,
    );
    const references = new Map(written.map((w) => [w.id, w.reference]));
    const members = rows.flatMap((r) => r.memberIds.map((personId) => ({ referralId: r.id, personId })));
    await tx.execute(sql`insert into referral_member (referral_id, person_id)
      select * from unnest(${a(members.map((m) => m.referralId))}::uuid[], ${a(members.map((m) => m.personId))}::uuid[])`);
    const events = rows.flatMap((r) => r.events.map((e) => ({ ...e, referralId: r.id })));
    await tx.execute(sql`insert into referral_event (referral_id, at, actor_user_id, from_status, to_status, note)
      select * from unnest(${a(events.map((e) => e.referralId))}::uuid[], ${a(events.map((e) => e.at.toISOString()))}::timestamptz[],
        ${a(events.map((e) => e.actorUserId))}::uuid[], ${a(events.map((e) => e.from))}::text[],
        ${a(events.map((e) => e.to))}::text[], ${a(events.map((e) => e.note))}::text[])`);
    // As the real moves send them: the receiving organisation hears of a new referral; the referrer of each answer.
    const notes = rows.flatMap((r) =>
      r.events
        .filter((e) => e.to !== 'draft')
        .map((e) => {
          const read = e.at.getTime() + 86_400_000;
          return {
            organisationId: e.to === 'new' ? r.organisationId : r.referringOrganisationId,
            userId: e.to === 'new' ? null : r.referredBy,
            kind: `referral.${e.to}`,
            referralId: r.id,
            message: moveMessage(references.get(r.id) ?? '', e.to),
            createdAt: e.at.toISOString(),
            readAt: read <= now.getTime() ? new Date(read).toISOString() : null,
          };
        }),
    );
    const n = <K extends keyof (typeof notes)[number]>(key: K) => a(notes.map((x) => x[key]));
    await tx.execute(sql`insert into notification (organisation_id, user_id, kind, referral_id, message, created_at, read_at)
      select * from unnest(${n('organisationId')}::uuid[], ${n('userId')}::uuid[], ${n('kind')}::text[],
        ${n('referralId')}::uuid[], ${n('message')}::text[], ${n('createdAt')}::timestamptz[], ${n('readAt')}::timestamptz[])`);
  });
}

export interface ReferralProgress {
  done: number;
  total: number;
}

/**
 * Adds referrals `from + 1` … `to` in batches, each in its own transaction, without
 * triggers when it may (see insertBenchReferrals); then works the referral counts out again.
 */
export async function loadBenchReferrals(
  db: Db,
  context: BenchReferralContext,
  options: { from: number; to: number; batchSize?: number },
  onProgress: (progress: ReferralProgress) => void = () => {},
): Promise<number> {
  if (!context.organisations.some((o) => o.serviceIds.length > 0))
    throw new Error('the bench organisations have no services to refer to: seed some with --services');
  if (!context.organisations.some((o) => o.families.length > 0))
    throw new Error('the bench organisations have no families to refer from: seed some with --families');
  const batchSize = options.batchSize ?? 5000;
  const total = options.to - options.from;
  const [role] = await queryRows<{ superuser: boolean }>(
    db,
    sql`select rolsuper as superuser from pg_roles where rolname = current_user`,
  );
  const bulk = role?.superuser === true;
  for (let first = options.from + 1; first <= options.to; first += batchSize) {
    const count = Math.min(batchSize, options.to - first + 1);
    await insertBenchReferrals(db, benchReferrals(context, first, count), context.now, bulk);
    onProgress({ done: first + count - 1 - options.from, total });
  }
  await db.execute(sql`select referral_counts_rebuild()`);
  return total;
}

/** The bench user's organisation's open referrals, and how many of them are new (the inbox's first tab). */
export async function benchInboxFigures(
  db: Db,
  organisationId: string,
): Promise<{ open: number; new: number }> {
  const [row] = await queryRows<{ open: number; new: number }>(
    db,
    sql`select count(*) filter (where status in ('new', 'waiting', 'accepted', 'started'))::int as open,
        count(*) filter (where status = 'new')::int as new
      from referral where organisation_id = ${organisationId}`,
  );
  return row ?? { open: 0, new: 0 };
}
