import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { type TrainingTopic, type TraumaLevel, traumaLevels } from '../../db/schema.ts';
import { type AccessContext, hasRole, practiceRoles } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import type { TrainingInput } from './trainingForm.ts';

/** One worker's training in brief, for the team's list. Counts and dates only. */
export interface WorkerTraining {
  userId: string;
  name: string;
  roles: string[];
  /** The latest family-inclusive practice or whole family approach training still in date. */
  familyInclusiveOn: string | null;
  /** The highest trauma-informed practice level still in date. */
  traumaLevel: TraumaLevel | null;
  /** Records still in date. */
  current: number;
  /** Topics whose training has passed its date to refresh it by, with none in date since. */
  lapsed: number;
  /** The soonest date a record still in date should be refreshed by. */
  nextRenewal: string | null;
}

/** One training record, in full. */
export interface TrainingRecord {
  id: string;
  userId: string;
  topic: TrainingTopic;
  traumaLevel: TraumaLevel | null;
  course: string;
  provider: string | null;
  completedOn: string;
  renewBy: string | null;
  recordedBy: string | null;
  createdAt: string;
  withdrawnAt: string | null;
  withdrawnBy: string | null;
  withdrawnReason: string | null;
}

/** A training record with the names of who recorded and withdrew it (`t`, for a `where`). */
const recordSelect = sql`select t.id, t.user_id as "userId", t.topic, t.trauma_level as "traumaLevel", t.course,
    t.provider, t.completed_on::text as "completedOn", t.renew_by::text as "renewBy",
    r.display_name as "recordedBy", t.created_at::text as "createdAt", t.withdrawn_at::text as "withdrawnAt",
    w.display_name as "withdrawnBy", t.withdrawn_reason as "withdrawnReason"
  from worker_training t
  left join app_user r on r.id = t.recorded_by
  left join app_user w on w.id = t.withdrawn_by`;

/** The topics that count as family-inclusive practice training in the provision audit. */
export const familyInclusiveTopics: readonly TrainingTopic[] = [
  'family_inclusive_practice',
  'whole_family_approach',
];

export const topicList = (topics: readonly string[]) =>
  sql`array[${sql.join(
    topics.map((t) => sql`${t}`),
    sql`, `,
  )}]::text[]`;

/** Training still counts while it has no date to refresh it by, or that date has not passed. */
export const inDate = (t: string, today: string) =>
  sql`(${sql.raw(t)}.renew_by is null or ${sql.raw(t)}.renew_by >= ${today}::date)`;

/**
 * The training of an organisation's practice workers. A team lead sees and
 * records it for their whole organisation; any other practice worker sees
 * their own. Every read and write is audited; someone of another
 * organisation is refused, and that is audited too.
 */
export class TrainingRepository {
  constructor(
    private readonly db: Db,
    private readonly access: AccessContext,
  ) {}

  private get isLead() {
    return hasRole(this.access, 'team_lead');
  }

  /** A lead may ask about anyone of their organisation (the query checks that); anyone else about themselves. */
  private mayAsk(workerId: string) {
    return this.isLead || workerId === this.access.userId;
  }

  /** Audits a refusal to read a worker's or a record's training. */
  private refused(db: Db, recordType: 'app_user' | 'worker_training', recordId: string) {
    return recordAudit(db, this.access, { action: 'training.read', outcome: 'denied', recordType, recordId });
  }

  /** The workers the user may see (the lead's team, or themselves), each in brief, audited as one read. */
  async team(today: string): Promise<WorkerTraining[]> {
    const { userId } = this.access;
    if (!userId) return [];
    const rows = await this.summaries(this.db, today, this.isLead ? sql`true` : sql`u.id = ${userId}`);
    await recordAudit(this.db, this.access, {
      action: 'training.list',
      recordType: 'worker_training',
      detail: { shown: rows.length },
    });
    return rows;
  }

  /** One worker in brief, when the user may see them; a refusal is audited. */
  async worker(workerId: string, today: string, db: Db = this.db): Promise<WorkerTraining | undefined> {
    const [row] = this.mayAsk(workerId) ? await this.summaries(db, today, sql`u.id = ${workerId}`) : [];
    if (!row) await this.refused(db, 'app_user', workerId);
    return row;
  }

  /** A worker's records (the lead's team's, or the user's own), newest first, withdrawn last; audited. */
  async records(workerId: string): Promise<TrainingRecord[]> {
    if (!this.mayAsk(workerId)) {
      await this.refused(this.db, 'app_user', workerId);
      return [];
    }
    const rows = await queryRows<TrainingRecord>(
      this.db,
      sql`${recordSelect} where t.user_id = ${workerId} and t.organisation_id = ${this.access.organisationId ?? null}
        order by (t.withdrawn_at is not null), t.completed_on desc, t.created_at desc`,
    );
    await recordAudit(this.db, this.access, {
      action: 'training.read',
      recordType: 'app_user',
      recordId: workerId,
      detail: { shown: rows.length },
    });
    return rows;
  }

  /** Records a worker's training: team leads only, for an active practice worker of their organisation. */
  async add(workerId: string, input: TrainingInput, today: string): Promise<string | undefined> {
    if (!this.isLead) return undefined;
    return this.db.transaction(async (tx) => {
      if (!(await this.worker(workerId, today, tx))) return undefined;
      const [row] = await queryRows<{ id: string }>(
        tx,
        sql`insert into worker_training (user_id, organisation_id, topic, trauma_level, course, provider,
            completed_on, renew_by, recorded_by)
          values (${workerId}, ${this.access.organisationId ?? null}, ${input.topic}, ${input.traumaLevel},
            ${input.course}, ${input.provider}, ${input.completedOn}, ${input.renewBy}, ${this.access.userId ?? null})
          returning id`,
      );
      if (!row) throw new Error('training not recorded');
      await recordAudit(tx, this.access, {
        action: 'training.record',
        recordType: 'worker_training',
        recordId: row.id,
        detail: { userId: workerId, topic: input.topic },
      });
      return row.id;
    });
  }

  /** A record of the user's organisation, for a team lead to withdraw; a refusal is audited. */
  async record(recordId: string, db: Db = this.db, lock = false): Promise<TrainingRecord | undefined> {
    const [row] = this.isLead
      ? await queryRows<TrainingRecord>(
          db,
          sql`${recordSelect} where t.id = ${recordId} and t.organisation_id = ${this.access.organisationId ?? null}
            ${lock ? sql`for update of t` : sql``}`,
        )
      : [];
    if (!row) await this.refused(db, 'worker_training', recordId);
    return row;
  }

  /** Withdraws a record made in error, with the reason; `already` when someone withdrew it meanwhile. */
  async withdraw(recordId: string, reason: string): Promise<'withdrawn' | 'already' | 'not-found'> {
    return this.db.transaction(async (tx) => {
      const row = await this.record(recordId, tx, true);
      if (!row) return 'not-found';
      if (row.withdrawnAt) return 'already';
      await tx.execute(
        sql`update worker_training set withdrawn_at = now(), withdrawn_by = ${this.access.userId ?? null},
          withdrawn_reason = ${reason} where id = ${recordId}`,
      );
      await recordAudit(tx, this.access, {
        action: 'training.withdraw',
        recordType: 'worker_training',
        recordId,
        detail: { userId: row.userId },
      });
      return 'withdrawn';
    });
  }

  /** The active practice workers of the organisation whom `which` picks (a condition on `u`), in brief. */
  private async summaries(db: Db, today: string, which: SQL): Promise<WorkerTraining[]> {
    const { organisationId } = this.access;
    if (!organisationId || !hasRole(this.access, ...practiceRoles)) return [];
    const current = inDate('t', today);
    const rows = await queryRows<
      Omit<WorkerTraining, 'lapsed'> & { currentTopics: string[]; lapsedTopics: string[] }
    >(
      db,
      sql`select u.id as "userId", u.display_name as name, u.roles,
          max(t.completed_on) filter (where ${current}
            and t.topic = any(${topicList(familyInclusiveTopics)}))::text as "familyInclusiveOn",
          (${topicList(traumaLevels)})[max(array_position(${topicList(traumaLevels)}, t.trauma_level))
            filter (where ${current})] as "traumaLevel",
          count(t.id) filter (where ${current})::int as current,
          coalesce(array_agg(distinct t.topic) filter (where ${current}), '{}') as "currentTopics",
          coalesce(array_agg(distinct t.topic) filter (where not ${current}), '{}') as "lapsedTopics",
          min(t.renew_by) filter (where ${current})::text as "nextRenewal"
        from app_user u
        left join worker_training t on t.user_id = u.id and t.organisation_id = u.organisation_id
          and t.withdrawn_at is null
        where u.organisation_id = ${organisationId} and u.status = 'active'
          and u.roles && ${topicList(practiceRoles)} and ${which}
        group by u.id, u.display_name, u.roles
        order by u.display_name`,
    );
    return rows.map(({ currentTopics, lapsedTopics, ...row }) => ({
      ...row,
      lapsed: lapsedTopics.filter((topic) => !currentTopics.includes(topic)).length,
    }));
  }
}
