import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import type { GapKind, GapProposalStatus } from '../../db/schemaAudit.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { type EditToken, requireUpdated } from '../../platform/concurrency/optimisticLock.ts';
import { changedFields, recordHistory } from '../families/recordHistory.ts';
import { leadArea } from './gapFigures.ts';
import { type NewProposalInput, type ProposalInput, proposalFieldValues } from './proposalForm.ts';

export interface ProposalRow extends ProposalInput {
  id: string;
  gapKind: GapKind;
  gapKey: string | null;
  localityId: string | null;
  localityName: string | null;
  /** The Hearth owner's name and organisation; null for an owner outside. */
  ownerUser: string | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface ProposalFilters {
  status?: GapProposalStatus | 'open';
  gapKind?: GapKind;
  localityId?: string;
}

const columns = sql`g.id, g.gap_kind as "gapKind", g.gap_key as "gapKey", g.locality_id as "localityId",
  l.name as "localityName", g.title, g.proposal, g.owner_user_id as "ownerUserId", g.owner_name as "ownerName",
  case when ou.id is null then null else ou.display_name || ', ' || oo.name end as "ownerUser",
  g.status, g.due_on::text as "dueOn", g.progress_note as "progressNote", cu.display_name as "createdBy",
  g.created_at as "createdAt", g.updated_at as "updatedAt", g.version`;
const from = sql`gap_proposal g left join locality l on l.id = g.locality_id
  left join app_user ou on ou.id = g.owner_user_id left join organisation oo on oo.id = ou.organisation_id
  left join app_user cu on cu.id = g.created_by`;

/**
 * The proposals a partnership records to fill the gaps: read and written
 * only by its partnership leads. Not personal data; every write keeps its
 * history and an audit event in one transaction.
 */
export class ProposalRepository {
  constructor(
    private readonly db: Db,
    private readonly access: AccessContext,
  ) {}

  private get areaId(): string {
    return leadArea(this.access);
  }

  async list(filters: ProposalFilters = {}): Promise<ProposalRow[]> {
    const where: SQL[] = [sql`g.partnership_area_id = ${this.areaId}`];
    if (filters.status === 'open') where.push(sql`g.status in ('proposed', 'agreed', 'in_progress')`);
    else if (filters.status) where.push(sql`g.status = ${filters.status}`);
    if (filters.gapKind) where.push(sql`g.gap_kind = ${filters.gapKind}`);
    if (filters.localityId) where.push(sql`g.locality_id = ${filters.localityId}`);
    return queryRows<ProposalRow>(
      this.db,
      sql`select ${columns} from ${from} where ${sql.join(where, sql` and `)}
        order by array_position(array['in_progress', 'agreed', 'proposed', 'done', 'dropped'], g.status),
          g.due_on nulls last, g.created_at, g.id`,
    );
  }

  /** The proposals recorded for these gaps, by gap key. */
  async forGaps(keys: readonly string[]): Promise<Map<string, ProposalRow[]>> {
    const byKey = new Map<string, ProposalRow[]>();
    if (!keys.length) return byKey;
    const rows = await queryRows<ProposalRow>(
      this.db,
      sql`select ${columns} from ${from} where g.partnership_area_id = ${this.areaId}
        and g.gap_key in (${sql.join(
          keys.map((k) => sql`${k}`),
          sql`, `,
        )}) order by g.created_at`,
    );
    for (const row of rows)
      byKey.set(row.gapKey as string, [...(byKey.get(row.gapKey as string) ?? []), row]);
    return byKey;
  }

  /** One proposal of the area, or undefined (audited as denied) when it is not the area's. */
  async get(id: string, db: Db = this.db): Promise<ProposalRow | undefined> {
    const [row] = await queryRows<ProposalRow>(
      db,
      sql`select ${columns} from ${from} where g.id = ${id} and g.partnership_area_id = ${this.areaId}`,
    );
    await recordAudit(db, this.access, {
      action: 'gap_proposal.read',
      outcome: row ? 'success' : 'denied',
      recordType: 'gap_proposal',
      recordId: id,
    });
    return row;
  }

  /** Who may own a proposal: active users of the area's organisations. */
  async ownerChoices(): Promise<{ id: string; name: string }[]> {
    return queryRows(
      this.db,
      sql`select u.id, u.display_name || ', ' || o.name as name from app_user u
        join organisation o on o.id = u.organisation_id
        where o.partnership_area_id = ${this.areaId} and u.status = 'active'
        order by u.display_name, o.name, u.id`,
    );
  }

  async localities(): Promise<{ id: string; name: string }[]> {
    return queryRows(
      this.db,
      sql`select id, name from locality where partnership_area_id = ${this.areaId} order by name`,
    );
  }

  async add(input: NewProposalInput): Promise<{ id: string }> {
    const areaId = this.areaId;
    return this.db.transaction(async (tx) => {
      const [created] = await queryRows<{ id: string }>(
        tx,
        sql`insert into gap_proposal (partnership_area_id, gap_kind, gap_key, locality_id, title, proposal,
            owner_user_id, owner_name, status, due_on, progress_note, created_by)
          values (${areaId}, ${input.gapKind}, ${input.gapKey}, ${input.localityId}, ${input.title}, ${input.proposal},
            ${input.ownerUserId}, ${input.ownerName}, ${input.status}, ${input.dueOn}, ${input.progressNote},
            ${this.access.userId ?? null})
          returning id`,
      );
      if (!created) throw new Error('proposal not saved');
      await recordHistory(tx, this.access, {
        familyId: null,
        recordType: 'gap_proposal',
        recordId: created.id,
        action: 'created',
        changes: changedFields({}, { ...proposalFieldValues(input), gapKey: input.gapKey }),
      });
      await recordAudit(tx, this.access, {
        action: 'gap_proposal.add',
        recordType: 'gap_proposal',
        recordId: created.id,
        detail: { gapKind: input.gapKind, status: input.status },
      });
      return created;
    });
  }

  /** Changes a proposal when nobody has saved it since the form was opened (else StaleEditError). */
  async update(id: string, input: ProposalInput, token: EditToken): Promise<{ id: string } | undefined> {
    return this.db.transaction(async (tx) => {
      const current = await this.get(id, tx);
      if (!current) return undefined;
      const updated = await queryRows<{ id: string }>(
        tx,
        sql`update gap_proposal set title = ${input.title}, proposal = ${input.proposal},
            owner_user_id = ${input.ownerUserId}, owner_name = ${input.ownerName}, status = ${input.status},
            due_on = ${input.dueOn}, progress_note = ${input.progressNote}, updated_at = now(), version = version + 1
          where id = ${id} and partnership_area_id = ${this.areaId} and version = ${token.version} returning id`,
      );
      await requireUpdated(updated, async () => ({
        version: current.version,
        values: proposalFieldValues(current),
        savedBy: 'Another partnership lead',
        savedAt: new Date(current.updatedAt),
      }));
      const changes = changedFields(proposalFieldValues(current), proposalFieldValues(input));
      await recordHistory(tx, this.access, {
        familyId: null,
        recordType: 'gap_proposal',
        recordId: id,
        action: 'amended',
        changes,
      });
      await recordAudit(tx, this.access, {
        action: 'gap_proposal.change',
        recordType: 'gap_proposal',
        recordId: id,
        detail: { fields: Object.keys(changes).length, status: input.status },
      });
      return { id };
    });
  }
}
