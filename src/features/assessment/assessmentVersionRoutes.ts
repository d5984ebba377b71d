import type { FastifyInstance, preHandlerHookHandler } from 'fastify';
import type { Db } from '../../db/client.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { assessmentPage } from './assessmentPageModel.ts';
import { familyHrefOf, idParam } from './assessmentParams.ts';
import { presentVersion } from './assessmentPresenter.ts';
import { AssessmentRepository } from './assessmentRepository.ts';
import { readAssessment } from './assessmentView.ts';
import { compareVersions } from './versionComparison.ts';

/** Every version of a family's assessment, one version as it was, and two versions compared. */
export function assessmentVersionRoutes(
  app: FastifyInstance,
  db: Db,
  practice: { preHandler: preHandlerHookHandler },
) {
  const base = '/practice/families/:familyId/assessment/versions';

  app.get(base, practice, async (request, reply) => {
    const familyId = idParam(request, 'familyId');
    const repository = new AssessmentRepository(db, request.access);
    const family = await repository.visibleFamily(familyId, 'assessment.versions.read');
    if (!family) throw new NotFoundError();
    const versions = await repository.versions(familyId);
    await recordAudit(db, request.access, {
      action: 'assessment.versions.read',
      recordType: 'family',
      recordId: familyId,
      familyId,
      detail: { shown: versions.length },
    });
    const familyHref = familyHrefOf(familyId);
    const presented = versions.map((v) => presentVersion(v, familyHref));
    return reply.page('features/assessment/pages/versions.njk', {
      family,
      familyHref,
      assessmentHref: `${familyHref}/assessment`,
      versions: presented,
      fromItems: presented.map((v, i) => ({
        value: v.id,
        text: `${v.title} (${v.statusName})`,
        selected: i === 1,
      })),
      toItems: presented.map((v, i) => ({
        value: v.id,
        text: `${v.title} (${v.statusName})`,
        selected: i === 0,
      })),
    });
  });

  app.get(`${base}/compare`, practice, async (request, reply) => {
    const familyId = idParam(request, 'familyId');
    const query = request.query as Record<string, string | undefined>;
    const repository = new AssessmentRepository(db, request.access);
    const family = await repository.visibleFamily(familyId, 'assessment.compare');
    if (!family) throw new NotFoundError();
    const versions = await repository.versions(familyId);
    const picked = [query.from, query.to].map((id) => versions.find((v) => v.id === id));
    const [first, second] = picked;
    if (!first || !second) throw new NotFoundError();
    const [older, newer] = first.edition <= second.edition ? [first, second] : [second, first];
    const ids = [older.id, newer.id];
    const [sections, contributions] = await Promise.all([
      repository.sections(familyId, ids),
      repository.contributions(familyId, ids),
    ]);
    const part = (id: string) => ({
      sections: sections.filter((s) => s.assessmentId === id),
      contributions: contributions.filter((c) => c.assessmentId === id),
    });
    const comparison = compareVersions(part(older.id), part(newer.id));
    await recordAudit(db, request.access, {
      action: 'assessment.compare',
      recordType: 'assessment',
      recordId: newer.id,
      familyId,
      detail: { olderId: older.id, sections: comparison.length },
    });
    const familyHref = familyHrefOf(familyId);
    return reply.page('features/assessment/pages/compare.njk', {
      family,
      familyHref,
      assessmentHref: `${familyHref}/assessment`,
      older: presentVersion(older, familyHref),
      newer: presentVersion(newer, familyHref),
      sections: comparison,
      changeCount: comparison.reduce((n, s) => n + s.changes.length, 0),
    });
  });

  app.get(`${base}/:assessmentId`, practice, async (request, reply) => {
    const familyId = idParam(request, 'familyId');
    const assessmentId = idParam(request, 'assessmentId');
    const read = await readAssessment(db, request.access, familyId, { assessmentId });
    if (!read) throw new NotFoundError();
    return reply.page('features/assessment/pages/assessment.njk', assessmentPage(read, request.access, {}));
  });
}
