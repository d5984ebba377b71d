import type { Db } from '../../db/client.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import type { FieldErrors } from '../../platform/http/forms.ts';
import { memberName } from '../families/familyPresenter.ts';
import { FamilyRepository } from '../families/familyRepository.ts';
import { changedFields, recordHistory } from '../families/recordHistory.ts';
import {
  detailProblems,
  type RelationshipEditForm,
  type RelationshipForm,
  relationshipProblems,
  toDetails,
  toRelationshipInput,
} from './relationshipForm.ts';
import {
  type RelatedMember,
  RelationshipRepository,
  type RelationshipRow,
} from './relationshipRepository.ts';
import { familyProblems, type MemberFacts } from './relationshipRules.ts';

export type RelationshipResult =
  | { ok: true; relationship: RelationshipRow }
  | { ok: false; errors: FieldErrors };

export interface FamilyRelationships {
  family: { id: string; reference: string; name: string };
  members: RelatedMember[];
  relationships: RelationshipRow[];
}

const recordType = 'relationship';

// PostgreSQL's unique_violation, whether node-postgres or PGlite raised it, and whether Drizzle wrapped it.
function isUniqueViolation(error: unknown): boolean {
  const code = (e: unknown) => (e && typeof e === 'object' ? (e as { code?: unknown }).code : undefined);
  return code(error) === '23505' || code((error as { cause?: unknown } | undefined)?.cause) === '23505';
}

function facts(members: RelatedMember[]): MemberFacts[] {
  return members.map((m) => ({ ...m, name: memberName(m) }));
}

/**
 * Adding, amending and ending relationships between members of a family.
 * Each change is one transaction holding the change, its history (old and
 * new values) and its audit event; a refused request is audited as denied
 * and answered as not found.
 */
export class RelationshipService {
  constructor(
    private readonly db: Db,
    private readonly access: AccessContext,
  ) {}

  private async denied(action: string, familyId: string, recordId?: string): Promise<never> {
    await recordAudit(this.db, this.access, {
      action,
      outcome: 'denied',
      recordType: recordId ? recordType : 'family',
      recordId: recordId ?? familyId,
      familyId,
    });
    throw new NotFoundError();
  }

  /** The family's members and relationships this user may see; for the relationships page and the API. */
  async list(familyId: string): Promise<FamilyRelationships> {
    const relationships = new RelationshipRepository(this.db, this.access);
    const [family, members, rows] = await Promise.all([
      new FamilyRepository(this.db, this.access).header(familyId),
      relationships.members(familyId),
      relationships.forFamily(familyId),
    ]);
    if (!family) return this.denied('relationship.list', familyId);
    await recordAudit(this.db, this.access, {
      action: 'relationship.list',
      recordType: 'family',
      recordId: familyId,
      familyId,
      detail: { members: members.length, relationships: rows.length },
    });
    return { family, members, relationships: rows };
  }

  /** The history of the family's relationships this user may see, with the members to name them. */
  async history(familyId: string) {
    const relationships = new RelationshipRepository(this.db, this.access);
    const [family, members, changes] = await Promise.all([
      new FamilyRepository(this.db, this.access).header(familyId),
      relationships.members(familyId),
      relationships.history(familyId),
    ]);
    if (!family) return this.denied('relationship.history', familyId);
    await recordAudit(this.db, this.access, {
      action: 'relationship.history',
      recordType: 'family',
      recordId: familyId,
      familyId,
      detail: { shown: changes.length },
    });
    return { family, members, changes };
  }

  /** One relationship with the family's members, for its edit and end pages. */
  async get(familyId: string, id: string): Promise<FamilyRelationships & { relationship: RelationshipRow }> {
    const relationships = new RelationshipRepository(this.db, this.access);
    const [family, members, row] = await Promise.all([
      new FamilyRepository(this.db, this.access).header(familyId),
      relationships.members(familyId),
      relationships.get(familyId, id),
    ]);
    if (!family || !row) return this.denied('relationship.read', familyId, id);
    await recordAudit(this.db, this.access, {
      action: 'relationship.read',
      recordType,
      recordId: id,
      familyId,
    });
    return { family, members, relationships: [row], relationship: row };
  }

  async add(familyId: string, form: RelationshipForm): Promise<RelationshipResult> {
    const relationships = new RelationshipRepository(this.db, this.access);
    const [family, members] = await Promise.all([
      new FamilyRepository(this.db, this.access).header(familyId),
      relationships.members(familyId),
    ]);
    if (!family) return this.denied('relationship.create', familyId);
    const errors = relationshipProblems(form);
    if (Object.keys(errors).length > 0) return { ok: false, errors };
    const input = toRelationshipInput(form);
    const existing = await relationships.between(familyId, input.fromPersonId, input.toPersonId);
    const problems = familyProblems(input, facts(members), existing, form);
    if (Object.keys(problems).length > 0) return { ok: false, errors: problems };
    try {
      const row = await this.db.transaction(async (tx) => {
        const created = await new RelationshipRepository(tx, this.access).insert(familyId, input);
        await recordHistory(tx, this.access, {
          familyId,
          recordType,
          recordId: created.id,
          personId: created.fromPersonId,
          action: 'created',
          changes: changedFields({}, { ...input }),
        });
        await recordAudit(tx, this.access, {
          action: 'relationship.create',
          recordType,
          recordId: created.id,
          familyId,
        });
        return created;
      });
      return { ok: true, relationship: row };
    } catch (error) {
      // Someone else recorded the same relationship between the check and the insert.
      if (!isUniqueViolation(error)) throw error;
      return {
        ok: false,
        errors: { relation: 'This relationship is already recorded. Change the one recorded instead' },
      };
    }
  }

  /** Changes how a relationship is, whether it is current, or its note. */
  async amend(familyId: string, id: string, form: RelationshipEditForm): Promise<RelationshipResult> {
    const before = await new RelationshipRepository(this.db, this.access).get(familyId, id);
    if (!before || !(await new FamilyRepository(this.db, this.access).header(familyId)))
      return this.denied('relationship.amend', familyId, id);
    const errors = detailProblems(form);
    if (Object.keys(errors).length > 0) return { ok: false, errors };
    return this.change(familyId, before, toDetails(form), 'relationship.amend');
  }

  /** Marks a relationship as in the past; it stays in the record and its history. */
  async end(familyId: string, id: string): Promise<RelationshipRow> {
    const before = await new RelationshipRepository(this.db, this.access).get(familyId, id);
    if (!before || !(await new FamilyRepository(this.db, this.access).header(familyId)))
      return this.denied('relationship.end', familyId, id);
    const result = await this.change(familyId, before, { current: false }, 'relationship.end');
    if (!result.ok) throw new Error('ending a relationship cannot fail its checks');
    return result.relationship;
  }

  private async change(
    familyId: string,
    before: RelationshipRow,
    details: Partial<ReturnType<typeof toDetails>>,
    action: string,
  ): Promise<RelationshipResult> {
    const after = { quality: before.quality, current: before.current, note: before.note, ...details };
    const changes = changedFields(before as unknown as Record<string, unknown>, after);
    const row = await this.db.transaction(async (tx) => {
      const updated =
        Object.keys(changes).length > 0
          ? await new RelationshipRepository(tx, this.access).update(before.id, after)
          : before;
      await recordHistory(tx, this.access, {
        familyId,
        recordType,
        recordId: before.id,
        personId: before.fromPersonId,
        action: before.current && !after.current ? 'ended' : 'amended',
        changes,
      });
      await recordAudit(tx, this.access, {
        action,
        recordType,
        recordId: before.id,
        familyId,
        detail: { changed: Object.keys(changes) },
      });
      return updated;
    });
    return { ok: true, relationship: row };
  }
}
