import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { type ProgrammeFormat, programme } from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { changedFields, recordHistory } from '../families/recordHistory.ts';
import type { ProgrammeInput } from './programmeForm.ts';

export interface ProgrammeRow {
  id: string;
  organisationId: string | null;
  organisationName: string | null;
  code: string;
  name: string;
  summary: string;
  format: ProgrammeFormat;
  sessionsPlanned: number | null;
  sessionLengthMinutes: number | null;
  deliveredBy: string;
  ageFrom: number | null;
  ageTo: number | null;
  /** Workers of the asking organisation recorded as trained to deliver it. */
  trainedHere: number;
}

export interface WorkerChoice {
  id: string;
  name: string;
  /** When this worker was trained to deliver the programme asked about; null when not recorded as trained. */
  trainedOn: string | null;
  trained: boolean;
}

const practiceUser = sql`u.status = 'active' and u.roles && array['practitioner', 'volunteer', 'team_lead']::text[]`;

function isUniqueViolation(error: unknown): boolean {
  const code = (e: unknown) => (e as { code?: unknown } | undefined)?.code;
  return code(error) === '23505' || code((error as { cause?: unknown } | undefined)?.cause) === '23505';
}

/**
 * The programmes an organisation can offer: Hearth's catalogue (no
 * organisation) and its own. Programmes are not personal data; the workers
 * trained to deliver them are the organisation's own staff. Writes are audited.
 */
export class ProgrammeRepository {
  constructor(
    private readonly db: Db,
    private readonly access: AccessContext,
  ) {}

  private get organisationId(): string | null {
    return this.access.organisationId ?? null;
  }

  private columns() {
    return sql`p.id, p.organisation_id as "organisationId", o.name as "organisationName", p.code, p.name,
      p.summary, p.format, p.sessions_planned as "sessionsPlanned", p.session_length_minutes as "sessionLengthMinutes",
      p.delivered_by as "deliveredBy", p.age_from as "ageFrom", p.age_to as "ageTo",
      (select count(*)::int from programme_trained_worker t join app_user u on u.id = t.user_id
        where t.programme_id = p.id and u.organisation_id = ${this.organisationId} and ${practiceUser}) as "trainedHere"`;
  }

  /** Hearth's catalogue first, then the organisation's own, each by name. */
  async catalogue(db: Db = this.db): Promise<ProgrammeRow[]> {
    return queryRows<ProgrammeRow>(
      db,
      sql`select ${this.columns()} from programme p left join organisation o on o.id = p.organisation_id
        where p.active and (p.organisation_id is null or p.organisation_id = ${this.organisationId})
        order by p.organisation_id nulls first, p.name`,
    );
  }

  /** One programme this organisation can offer, or undefined. */
  async get(programmeId: string, db: Db = this.db): Promise<ProgrammeRow | undefined> {
    const [row] = await queryRows<ProgrammeRow>(
      db,
      sql`select ${this.columns()} from programme p left join organisation o on o.id = p.organisation_id
        where p.id = ${programmeId} and p.active
          and (p.organisation_id is null or p.organisation_id = ${this.organisationId})`,
    );
    return row;
  }

  /** The organisation's workers, those trained to deliver the programme first (most recently trained first), then the rest by name. */
  async workers(programmeId: string, db: Db = this.db): Promise<WorkerChoice[]> {
    return queryRows<WorkerChoice>(
      db,
      sql`select u.id, u.display_name as name, t.trained_on::text as "trainedOn", (t.user_id is not null) as trained
        from app_user u left join programme_trained_worker t on t.user_id = u.id and t.programme_id = ${programmeId}
        where u.organisation_id = ${this.organisationId} and ${practiceUser}
        order by (t.user_id is null), t.trained_on desc nulls last, u.display_name`,
    );
  }

  /** The organisation's active groups that run this programme. */
  async groups(
    programmeId: string,
    db: Db = this.db,
  ): Promise<{ id: string; name: string; meets: string }[]> {
    return queryRows(
      db,
      sql`select g.id, g.name, g.meets from support_group g
        where g.programme_id = ${programmeId} and g.organisation_id = ${this.organisationId} and g.active
        order by g.name`,
    );
  }

  /** Adds the organisation's own programme; `code_taken` when another programme has its code. */
  async add(input: ProgrammeInput): Promise<{ kind: 'added'; id: string } | { kind: 'code_taken' }> {
    const organisationId = this.organisationId;
    if (!organisationId) throw new Error('no organisation');
    try {
      return await this.db.transaction(async (tx) => {
        const [created] = await tx
          .insert(programme)
          .values({ ...input, organisationId, createdBy: this.access.userId ?? null })
          .returning({ id: programme.id });
        if (!created) throw new Error('programme not created');
        await recordAudit(tx, this.access, {
          action: 'programme.add',
          recordType: 'programme',
          recordId: created.id,
        });
        return { kind: 'added' as const, id: created.id };
      });
    } catch (error) {
      if (isUniqueViolation(error)) return { kind: 'code_taken' };
      throw error;
    }
  }

  /** Records (or corrects the date of) a worker's training to deliver a programme. */
  async recordTrained(programmeId: string, userId: string, trainedOn: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [before] = await queryRows<{ trainedOn: string }>(
        tx,
        sql`select trained_on::text as "trainedOn" from programme_trained_worker
          where programme_id = ${programmeId} and user_id = ${userId} for update`,
      );
      // Kept like any amendment, for the workforce view: who recorded the training and what it was before.
      await recordHistory(tx, this.access, {
        familyId: null,
        recordType: 'programme_trained_worker',
        recordId: programmeId,
        action: before ? 'amended' : 'created',
        changes: changedFields(before ? { userId, trainedOn: before.trainedOn } : {}, { userId, trainedOn }),
      });
      await tx.execute(
        sql`insert into programme_trained_worker (programme_id, user_id, trained_on, recorded_by)
          values (${programmeId}, ${userId}, ${trainedOn}, ${this.access.userId ?? null})
          on conflict (programme_id, user_id) do update set trained_on = excluded.trained_on,
            recorded_by = excluded.recorded_by`,
      );
      await recordAudit(tx, this.access, {
        action: 'programme.trained_worker',
        recordType: 'programme',
        recordId: programmeId,
        detail: { userId },
      });
    });
  }
}
