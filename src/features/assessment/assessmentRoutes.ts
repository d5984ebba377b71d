import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import { practiceRoles } from '../../platform/access/accessContext.ts';
import { requireRole } from '../../platform/auth/authHooks.ts';
import { readEditToken, StaleEditError } from '../../platform/concurrency/optimisticLock.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { field } from '../../platform/http/forms.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { assessmentPage } from './assessmentPageModel.ts';
import { familyHrefOf, idParam, isUuid } from './assessmentParams.ts';
import { AssessmentService } from './assessmentService.ts';
import { assessmentVersionRoutes } from './assessmentVersionRoutes.ts';
import { readAssessment } from './assessmentView.ts';
import { concernRoutes } from './concernRoutes.ts';
import { contributionRoutes } from './contributionRoutes.ts';

/** The whole-family assessment pages: the assessment, its sections, contributions, versions, concerns and carers. */
export function assessmentRoutes(app: FastifyInstance, db: Db): void {
  const practice = { preHandler: requireRole(...practiceRoles) };
  const service = new AssessmentService(db);
  const base = '/practice/families/:familyId/assessment';

  app.get(base, practice, async (request, reply) => {
    const familyId = idParam(request, 'familyId');
    const read = await readAssessment(db, request.access, familyId);
    if (!read) throw new NotFoundError();
    const query = request.query as Record<string, string | undefined>;
    return reply.page(
      'features/assessment/pages/assessment.njk',
      assessmentPage(read, request.access, { saved: query.saved }),
    );
  });

  app.post(`${base}/start`, practice, async (request, reply) => {
    const familyId = idParam(request, 'familyId');
    const outcome = await service.start(request.access, familyId);
    if (outcome.kind === 'not-found') throw new NotFoundError();
    return reply.redirect(`${familyHrefOf(familyId)}/assessment?saved=started`, 303);
  });

  app.get(`${base}/complete`, practice, async (request, reply) => {
    const familyId = idParam(request, 'familyId');
    const read = await readAssessment(db, request.access, familyId);
    if (!read) throw new NotFoundError();
    if (read.shown?.status !== 'draft') return reply.redirect(`${familyHrefOf(familyId)}/assessment`, 303);
    return reply.page('features/assessment/pages/complete.njk', assessmentPage(read, request.access, {}));
  });

  app.post(`${base}/complete`, practice, async (request, reply) => {
    const familyId = idParam(request, 'familyId');
    const assessmentId = field(request.body, 'assessmentId');
    const token = readEditToken(request.body);
    if (!isUuid(assessmentId) || !token) throw new NotFoundError();
    let problem: string;
    const status = 400;
    try {
      const outcome = await service.complete(
        request.access,
        familyId,
        assessmentId,
        token.version,
        todayInUk(new Date()),
      );
      if (outcome === 'not-found') throw new NotFoundError();
      if (outcome === 'completed' || outcome === 'not-draft')
        return reply.redirect(`${familyHrefOf(familyId)}/assessment?saved=completed`, 303);
      problem = 'Add at least one organisation’s contribution before completing the assessment';
    } catch (error) {
      if (!(error instanceof StaleEditError)) throw error;
      problem =
        'Someone else changed this assessment while you were looking at it. Check it again, then complete it.';
    }
    const read = await readAssessment(db, request.access, familyId);
    if (!read) throw new NotFoundError();
    return reply.code(status).page('features/assessment/pages/complete.njk', {
      ...assessmentPage(read, request.access, {}),
      problem,
    });
  });

  contributionRoutes(app, db, practice);
  assessmentVersionRoutes(app, db, practice);
  concernRoutes(app, db, practice);
}
