import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import { practiceRoles } from '../../platform/access/accessContext.ts';
import { requireRole } from '../../platform/auth/authHooks.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { meetingRoutes } from '../meetings/meetingRoutes.ts';
import { actionRoutes } from './actionRoutes.ts';
import { goalRoutes } from './goalRoutes.ts';
import {
  type AgreementForm,
  agreementFieldOrder,
  checkAgreementForm,
  parseAgreementForm,
  partsOfIso,
} from './planForms.ts';
import { planBody } from './planMarkup.ts';
import { dateItems, idParam, planErrorList } from './planPageHelpers.ts';
import { memberName, presentPlan, presentPrintCopy } from './planPresenter.ts';
import { type PlanRecord, PlanRepository } from './planRepository.ts';
import { PlanReviewService } from './planReviewService.ts';
import { defaultReviewWeeks } from './planSchedule.ts';
import { reviewRoutes } from './reviewRoutes.ts';

function agreementContext(record: PlanRecord, form: AgreementForm, errors: Record<string, string> = {}) {
  return {
    family: record.family,
    form,
    errors,
    errorList: planErrorList(errors, agreementFieldOrder, ['agreedOn']),
    agreedOnItems: dateItems(form.agreedOn, Boolean(errors.agreedOn)),
    memberItems: record.members.map((m) => ({
      value: m.personId,
      text: memberName(m),
      checked: form.agreedWith.includes(m.personId),
    })),
  };
}

/** The family plan: the plan page, the family's printed copy, agreement, goals, actions and reviews. */
export function planRoutes(app: FastifyInstance, db: Db): void {
  const practice = { preHandler: requireRole(...practiceRoles) };

  app.get('/practice/families/:familyId/plan', practice, async (request, reply) => {
    const familyId = idParam(request.params, 'familyId');
    const record = await new PlanRepository(db, request.access).read(familyId);
    if (!record) throw new NotFoundError();
    const saved = (request.query as Record<string, string> | undefined)?.saved;
    const view = presentPlan(record, todayInUk(new Date()));
    return reply.page('features/plan/pages/plan.njk', {
      familyName: view.family.name,
      overviewHref: view.links.overview,
      body: planBody(view, typeof saved === 'string' ? saved : undefined),
    });
  });

  app.get('/practice/families/:familyId/plan/print', practice, async (request, reply) => {
    const familyId = idParam(request.params, 'familyId');
    const record = await new PlanRepository(db, request.access).read(familyId, { action: 'plan.print' });
    if (!record) throw new NotFoundError();
    const wanted = (request.query as Record<string, string> | undefined)?.for;
    const forPersonId = record.members.some((m) => m.personId === wanted) ? wanted : undefined;
    return reply.page(
      'features/plan/pages/planPrint.njk',
      presentPrintCopy(record, todayInUk(new Date()), forPersonId),
    );
  });

  app.get('/practice/families/:familyId/plan/agree', practice, async (request, reply) => {
    const familyId = idParam(request.params, 'familyId');
    const record = await new PlanRepository(db, request.access).read(familyId);
    if (!record) throw new NotFoundError();
    const form: AgreementForm = {
      agreedOn: partsOfIso(record.plan?.agreedOn ?? todayInUk(new Date())),
      agreedWith: record.plan?.agreedWith ?? [],
      reviewEveryWeeks: String(record.plan?.reviewEveryWeeks ?? defaultReviewWeeks),
    };
    return reply.page('features/plan/pages/agree.njk', agreementContext(record, form));
  });

  app.post('/practice/families/:familyId/plan/agree', practice, async (request, reply) => {
    const familyId = idParam(request.params, 'familyId');
    const record = await new PlanRepository(db, request.access).read(familyId, {
      action: 'plan.agree',
      audit: false,
    });
    if (!record) throw new NotFoundError();
    const form = parseAgreementForm(request.body);
    const checked = checkAgreementForm(form, {
      memberIds: record.members.map((m) => m.personId),
      today: todayInUk(new Date()),
    });
    if (!checked.ok)
      return reply
        .code(400)
        .page('features/plan/pages/agree.njk', agreementContext(record, form, checked.errors));
    const outcome = await new PlanReviewService(db, request.access).agree(familyId, checked.value);
    if (outcome.kind === 'not_found') throw new NotFoundError();
    return reply.redirect(`/practice/families/${familyId}/plan?saved=agreed`, 303);
  });

  goalRoutes(app, db);
  actionRoutes(app, db);
  reviewRoutes(app, db);
  meetingRoutes(app, db);
}
