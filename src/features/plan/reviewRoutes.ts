import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import { type AccessContext, practiceRoles } from '../../platform/access/accessContext.ts';
import { requireRole } from '../../platform/auth/authHooks.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import {
  checkReviewForm,
  parseReviewForm,
  partsOfIso,
  type ReviewForm,
  reviewFieldOrder,
} from './planForms.ts';
import { dateItems, idParam, planErrorList } from './planPageHelpers.ts';
import { goalSections, inDisplayOrder } from './planPresenter.ts';
import { type PlanRecord, PlanRepository } from './planRepository.ts';
import { PlanReviewService } from './planReviewService.ts';
import { addWeeks, defaultReviewWeeks } from './planSchedule.ts';

/** The goals a review scores: all but those no longer needed. */
function reviewable(record: PlanRecord) {
  return inDisplayOrder(
    record,
    record.goals.filter((g) => g.status !== 'no_longer_needed'),
  );
}

function reviewContext(
  record: PlanRecord,
  form: ReviewForm,
  today: string,
  errors: Record<string, string> = {},
) {
  const goalIds = reviewable(record).map((g) => g.id);
  return {
    family: record.family,
    form,
    errors,
    errorList: planErrorList(errors, reviewFieldOrder(goalIds), ['heldOn', 'nextReviewOn']),
    heldOnItems: dateItems(form.heldOn, Boolean(errors.heldOn)),
    nextReviewOnItems: dateItems(form.nextReviewOn, Boolean(errors.nextReviewOn)),
    reviewEveryWeeks: record.plan?.reviewEveryWeeks ?? defaultReviewWeeks,
    sections: goalSections(record, today, reviewable(record)).filter((s) => s.goals.length),
  };
}

/** Holding a review: progress on each goal from 0 to 10, decisions and the next review date. */
export function reviewRoutes(app: FastifyInstance, db: Db): void {
  const practice = { preHandler: requireRole(...practiceRoles) };
  const page = 'features/plan/pages/review.njk';

  async function readPlan(params: unknown, access: AccessContext, audit: boolean) {
    const record = await new PlanRepository(db, access).read(idParam(params, 'familyId'), { audit });
    if (!record) throw new NotFoundError();
    // A review looks back at an agreed plan with goals; until then there is nothing to review.
    if (!record.plan?.agreedOn || reviewable(record).length === 0) throw new NotFoundError();
    return record;
  }

  app.get('/practice/families/:familyId/plan/reviews/new', practice, async (request, reply) => {
    const record = await readPlan(request.params, request.access, true);
    const today = todayInUk(new Date());
    const weeks = record.plan?.reviewEveryWeeks ?? defaultReviewWeeks;
    const form: ReviewForm = {
      heldOn: partsOfIso(today),
      scores: {},
      comments: {},
      decisions: '',
      nextReviewOn: partsOfIso(addWeeks(today, weeks)),
    };
    return reply.page(page, reviewContext(record, form, today));
  });

  app.post('/practice/families/:familyId/plan/reviews/new', practice, async (request, reply) => {
    const record = await readPlan(request.params, request.access, false);
    const today = todayInUk(new Date());
    const goalIds = reviewable(record).map((g) => g.id);
    const form = parseReviewForm(request.body, goalIds);
    const checked = checkReviewForm(form, { goalIds, today });
    if (!checked.ok) return reply.code(400).page(page, reviewContext(record, form, today, checked.errors));
    const outcome = await new PlanReviewService(db, request.access).addReview(
      record.family.id,
      checked.value,
    );
    if (outcome.kind === 'not_found') throw new NotFoundError();
    return reply.redirect(`/practice/families/${record.family.id}/plan?saved=review`, 303);
  });
}
