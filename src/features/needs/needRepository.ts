import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { type AccessContext, hasRole } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { type EditToken, requireUpdated } from '../../platform/concurrency/optimisticLock.ts';
import { ForbiddenError } from '../../platform/http/errors.ts';
import { changedFields, recordHistory } from '../families/recordHistory.ts';
import { type NeedChange, type NeedInput, needFieldValues } from './needForm.ts';
import type { NeedMeasureCode } from './needMeasures.ts';

export interface NeedEstimateRow {
  id: string;
  localityId: string | null;
  /** Null for the whole area. */
  localityName: string | null;
  measure: NeedMeasureCode;
  forYear: number;
  estimate: number;
  familyMultiplier: number | null;
  source: string;
  recordedBy: string | null;
  recordedAt: Date;
  version: number;
}

const columns = sql`n.id, n.locality_id as "localityId", l.name as "localityName", n.measure,
  n.for_year as "forYear", n.estimate, n.family_multiplier::float8 as "familyMultiplier", n.source,
  u.display_name as "recordedBy", n.recorded_at as "recordedAt", n.version`;
const from = sql`need_estimate n left join locality l on l.id = n.locality_id left join app_user u on u.id = n.recorded_by`;
// The one-estimate-per-key index: an area-wide estimate has no locality.
const sameKey = sql`(partnership_area_id, coalesce(locality_id, '00000000-0000-0000-0000-000000000000'::uuid), measure, for_year)`;

function historyValues(row: Pick<NeedEstimateRow, 'estimate' | 'familyMultiplier' | 'source'>) {
  return needFieldValues(row);
}

/** One estimate's key in words, for the audit detail: ids and codes only. */
function detailOf(input: Pick<NeedInput, 'localityId' | 'measure' | 'forYear'>) {
  return { localityId: input.localityId, measure: input.measure, forYear: input.forYear };
}

/**
 * The partnership's need estimates, read and written only by partnership
 * leads, for their own area. Estimates are figures, not personal data; every
 * write keeps its history and an audit event, in one transaction.
 */
export class NeedRepository {
  constructor(
    private readonly db: Db,
    private readonly access: AccessContext,
  ) {}

  private get areaId(): string {
    if (!hasRole(this.access, 'partnership_lead') || !this.access.partnershipAreaId)
      throw new ForbiddenError();
    return this.access.partnershipAreaId;
  }

  async localities(db: Db = this.db): Promise<{ id: string; name: string }[]> {
    return queryRows(
      db,
      sql`select id, name from locality where partnership_area_id = ${this.areaId} order by name`,
    );
  }

  /** The area's estimates, for one year or every year, by year (newest first), locality and measure. */
  async list(forYear?: number, db: Db = this.db): Promise<NeedEstimateRow[]> {
    return queryRows<NeedEstimateRow>(
      db,
      sql`select ${columns} from ${from} where n.partnership_area_id = ${this.areaId}
        ${forYear === undefined ? sql`` : sql`and n.for_year = ${forYear}`}
        order by n.for_year desc, l.name nulls first, n.measure`,
    );
  }

  async years(): Promise<number[]> {
    const rows = await queryRows<{ year: number }>(
      this.db,
      sql`select distinct for_year as year from need_estimate where partnership_area_id = ${this.areaId} order by 1 desc`,
    );
    return rows.map((r) => r.year);
  }

  /** One estimate of the area, or undefined (audited as denied) when it is not the area's. */
  async get(id: string, db: Db = this.db): Promise<NeedEstimateRow | undefined> {
    const [row] = await queryRows<NeedEstimateRow>(
      db,
      sql`select ${columns} from ${from} where n.id = ${id} and n.partnership_area_id = ${this.areaId}`,
    );
    if (!row)
      await recordAudit(db, this.access, {
        action: 'need_estimate.read',
        outcome: 'denied',
        recordType: 'need_estimate',
        recordId: id,
      });
    return row;
  }

  /** Adds an estimate; `exists` (and nothing written) when the area already has one for the same locality, measure and year. */
  async add(input: NeedInput): Promise<{ id: string } | { exists: string }> {
    const areaId = this.areaId;
    return this.db.transaction(async (tx) => {
      const [created] = await queryRows<{ id: string }>(
        tx,
        sql`insert into need_estimate (partnership_area_id, locality_id, measure, estimate, family_multiplier, source, for_year, recorded_by)
          values (${areaId}, ${input.localityId}, ${input.measure}, ${input.estimate}, ${input.familyMultiplier},
            ${input.source}, ${input.forYear}, ${this.access.userId ?? null})
          on conflict ${sameKey} do nothing returning id`,
      );
      if (!created) {
        const [existing] = await queryRows<{ id: string }>(
          tx,
          sql`select id from need_estimate where partnership_area_id = ${areaId}
            and locality_id is not distinct from ${input.localityId}::uuid and measure = ${input.measure} and for_year = ${input.forYear}`,
        );
        return { exists: existing?.id ?? '' };
      }
      await recordHistory(tx, this.access, {
        familyId: null,
        recordType: 'need_estimate',
        recordId: created.id,
        action: 'created',
        changes: changedFields({}, { ...historyValues(input), ...detailOf(input) }),
      });
      await recordAudit(tx, this.access, {
        action: 'need_estimate.add',
        recordType: 'need_estimate',
        recordId: created.id,
        detail: detailOf(input),
      });
      return created;
    });
  }

  /**
   * Changes an estimate's figure, multiplier and source when nobody has saved
   * it since the form was opened (else StaleEditError); undefined when it is
   * not the area's.
   */
  async update(id: string, change: NeedChange, token: EditToken): Promise<{ id: string } | undefined> {
    return this.db.transaction(async (tx) => {
      const current = await this.get(id, tx);
      if (!current) return undefined;
      const updated = await queryRows<{ id: string }>(
        tx,
        sql`update need_estimate set estimate = ${change.estimate}, family_multiplier = ${change.familyMultiplier},
            source = ${change.source}, recorded_by = ${this.access.userId ?? null}, recorded_at = now(), version = version + 1
          where id = ${id} and partnership_area_id = ${this.areaId} and version = ${token.version} returning id`,
      );
      await requireUpdated(updated, async () => ({
        version: current.version,
        values: historyValues(current),
        savedBy: current.recordedBy,
        savedAt: new Date(current.recordedAt),
      }));
      const changes = changedFields(historyValues(current), historyValues(change));
      await recordHistory(tx, this.access, {
        familyId: null,
        recordType: 'need_estimate',
        recordId: id,
        action: 'amended',
        changes,
      });
      await recordAudit(tx, this.access, {
        action: 'need_estimate.change',
        recordType: 'need_estimate',
        recordId: id,
        detail: { fields: Object.keys(changes).length },
      });
      return { id };
    });
  }

  /**
   * Saves a checked file of estimates in one transaction: new ones added,
   * ones the area already has for the same locality, measure and year
   * changed (with their history). Rows that change nothing are left alone.
   */
  async importRows(inputs: readonly NeedInput[]): Promise<{ added: number; changed: number; same: number }> {
    const areaId = this.areaId;
    return this.db.transaction(async (tx) => {
      const existing = await this.list(undefined, tx);
      const keyOf = (e: Pick<NeedInput, 'localityId' | 'measure' | 'forYear'>) =>
        `${e.localityId ?? ''}|${e.measure}|${e.forYear}`;
      const byKey = new Map(existing.map((e) => [keyOf(e), e]));
      const counts = { added: 0, changed: 0, same: 0 };
      for (const input of inputs) {
        const before = byKey.get(keyOf(input));
        if (!before) {
          const [created] = await queryRows<{ id: string }>(
            tx,
            sql`insert into need_estimate (partnership_area_id, locality_id, measure, estimate, family_multiplier, source, for_year, recorded_by)
              values (${areaId}, ${input.localityId}, ${input.measure}, ${input.estimate}, ${input.familyMultiplier},
                ${input.source}, ${input.forYear}, ${this.access.userId ?? null}) returning id`,
          );
          if (!created) throw new Error('estimate not added');
          await recordHistory(tx, this.access, {
            familyId: null,
            recordType: 'need_estimate',
            recordId: created.id,
            action: 'created',
            changes: changedFields({}, { ...historyValues(input), ...detailOf(input) }),
          });
          counts.added++;
          continue;
        }
        const changes = changedFields(historyValues(before), historyValues(input));
        if (!Object.keys(changes).length) {
          counts.same++;
          continue;
        }
        await tx.execute(sql`update need_estimate set estimate = ${input.estimate}, family_multiplier = ${input.familyMultiplier},
            source = ${input.source}, recorded_by = ${this.access.userId ?? null}, recorded_at = now(), version = version + 1
          where id = ${before.id} and partnership_area_id = ${areaId}`);
        await recordHistory(tx, this.access, {
          familyId: null,
          recordType: 'need_estimate',
          recordId: before.id,
          action: 'amended',
          changes,
        });
        counts.changed++;
      }
      await recordAudit(tx, this.access, {
        action: 'need_estimate.import',
        detail: { ...counts, rows: inputs.length },
      });
      return counts;
    });
  }
}
