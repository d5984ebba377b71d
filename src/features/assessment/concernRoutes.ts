import type { FastifyInstance, FastifyRequest, preHandlerHookHandler } from 'fastify';
import type { Db } from '../../db/client.ts';
import { carerOfferOutcomes, carerPlanKinds, concernKinds } from '../../db/schema.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { readEditToken, StaleEditError } from '../../platform/concurrency/optimisticLock.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { errorList, type FieldErrors } from '../../platform/http/forms.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import {
  type CarerOfferForm,
  type ConcernForm,
  carerFieldOrder,
  checkCarerOffer,
  checkConcern,
  concernFieldOrder,
  parseCarerOfferForm,
  parseConcernForm,
} from './assessmentForms.ts';
import { familyHrefOf, idParam } from './assessmentParams.ts';
import { carerKindNames, carerOutcomeNames, sectionName } from './assessmentPresenter.ts';
import { concernKindNames } from './assessmentQuestions.ts';
import { type AssessmentMember, AssessmentRepository } from './assessmentRepository.ts';
import { ConcernService } from './concernService.ts';

const emptyDate = { day: '', month: '', year: '' };
const carerRoles = ['adult_carer', 'young_carer'];

async function loadFamily(db: Db, request: FastifyRequest, action: string) {
  const familyId = idParam(request, 'familyId');
  const repository = new AssessmentRepository(db, request.access);
  const family = await repository.visibleFamily(familyId, action);
  if (!family) throw new NotFoundError();
  const members = await repository.members(familyId);
  await recordAudit(db, request.access, {
    action: 'family.members.read',
    recordType: 'family',
    recordId: familyId,
    familyId,
    detail: { shown: members.length },
  });
  const familyHref = familyHrefOf(familyId);
  return { familyId, family, members, familyHref, assessmentHref: `${familyHref}/assessment` };
}

const nameOf = (m: AssessmentMember) => sectionName({ ...m, personId: m.personId });

function dateError(errors: FieldErrors, parts: Record<string, string>, name: string, part: string) {
  return errors[name] && (parts[name] === part || !parts[name]) ? ' govuk-input--error' : '';
}

function concernContext(
  members: AssessmentMember[],
  form: ConcernForm,
  errors: FieldErrors = {},
  parts = {},
) {
  return {
    form,
    errors,
    errorList: errorList(errors, concernFieldOrder).map((e) =>
      e.href === '#actionOn'
        ? { ...e, href: `#actionOn-${(parts as Record<string, string>).actionOn ?? 'day'}` }
        : e,
    ),
    dateClasses: Object.fromEntries(
      ['day', 'month', 'year'].map((p) => [p, dateError(errors, parts, 'actionOn', p)]),
    ),
    kindItems: concernKinds.map((k) => ({ value: k, text: concernKindNames[k], checked: form.kind === k })),
    personItems: [
      { value: '', text: 'Select who it is about', selected: form.personId === '' },
      { value: 'family', text: 'The whole family', selected: form.personId === 'family' },
      ...members.map((m) => ({ value: m.personId, text: nameOf(m), selected: form.personId === m.personId })),
    ],
  };
}

function carerContext(
  members: AssessmentMember[],
  form: CarerOfferForm,
  errors: FieldErrors = {},
  parts = {},
) {
  const carers = members.filter((m) => m.roles.some((r) => carerRoles.includes(r)));
  return {
    form,
    errors,
    carerCount: carers.length,
    errorList: errorList(errors, carerFieldOrder).map((e) =>
      e.href === '#decidedOn'
        ? { ...e, href: `#decidedOn-${(parts as Record<string, string>).decidedOn ?? 'day'}` }
        : e,
    ),
    dateClasses: Object.fromEntries(
      ['day', 'month', 'year'].map((p) => [p, dateError(errors, parts, 'decidedOn', p)]),
    ),
    personItems: carers.map((m) => ({
      value: m.personId,
      text: nameOf(m),
      checked: form.personId === m.personId,
    })),
    kindItems: carerPlanKinds.map((k) => ({ value: k, text: carerKindNames[k], checked: form.kind === k })),
    outcomeItems: carerOfferOutcomes.map((o) => ({
      value: o,
      text: carerOutcomeNames[o],
      checked: form.outcome === o,
    })),
  };
}

/** Risks and protection concerns, and carers' support offers, recorded from the assessment. */
export function concernRoutes(app: FastifyInstance, db: Db, practice: { preHandler: preHandlerHookHandler }) {
  const service = new ConcernService(db);
  const base = '/practice/families/:familyId/assessment';

  app.get(`${base}/concerns/new`, practice, async (request, reply) => {
    const loaded = await loadFamily(db, request, 'assessment.concern.add');
    const form = { kind: '', personId: '', description: '', actionTaken: '', actionOn: emptyDate };
    return reply.page('features/assessment/pages/addConcern.njk', {
      ...loaded,
      ...concernContext(loaded.members, form),
    });
  });

  app.post(`${base}/concerns/new`, practice, async (request, reply) => {
    const loaded = await loadFamily(db, request, 'assessment.concern.add');
    const form = parseConcernForm(request.body);
    const checked = checkConcern(
      form,
      loaded.members.map((m) => m.personId),
      todayInUk(new Date()),
    );
    if (!checked.ok)
      return reply.code(400).page('features/assessment/pages/addConcern.njk', {
        ...loaded,
        ...concernContext(loaded.members, form, checked.errors, checked.errorParts),
      });
    const id = await service.addConcern(request.access, loaded.familyId, checked.value);
    if (!id) throw new NotFoundError();
    return reply.redirect(`${loaded.assessmentHref}?saved=concern#concerns`, 303);
  });

  app.post(`${base}/concerns/:concernId/close`, practice, async (request, reply) => {
    const familyId = idParam(request, 'familyId');
    const concernId = idParam(request, 'concernId');
    const token = readEditToken(request.body);
    if (!token) throw new NotFoundError();
    try {
      const closed = await service.closeConcern(
        request.access,
        familyId,
        concernId,
        token.version,
        todayInUk(new Date()),
      );
      if (!closed) throw new NotFoundError();
    } catch (error) {
      // Closed by someone else first: the page shows it closed, which is what was wanted.
      if (!(error instanceof StaleEditError)) throw error;
    }
    return reply.redirect(`${familyHrefOf(familyId)}/assessment?saved=closed#concerns`, 303);
  });

  app.get(`${base}/carers/new`, practice, async (request, reply) => {
    const loaded = await loadFamily(db, request, 'assessment.carer.record');
    const form = { personId: '', kind: '', outcome: '', decidedOn: emptyDate, note: '' };
    return reply.page('features/assessment/pages/carerOffer.njk', {
      ...loaded,
      ...carerContext(loaded.members, form),
    });
  });

  app.post(`${base}/carers/new`, practice, async (request, reply) => {
    const loaded = await loadFamily(db, request, 'assessment.carer.record');
    const form = parseCarerOfferForm(request.body);
    const carers = loaded.members.filter((m) => m.roles.some((r) => carerRoles.includes(r)));
    const checked = checkCarerOffer(
      form,
      carers.map((m) => m.personId),
      todayInUk(new Date()),
    );
    if (!checked.ok)
      return reply.code(400).page('features/assessment/pages/carerOffer.njk', {
        ...loaded,
        ...carerContext(loaded.members, form, checked.errors, checked.errorParts),
      });
    const recorded = await service.recordCarerOffer(request.access, loaded.familyId, checked.value);
    if (!recorded) throw new NotFoundError();
    return reply.redirect(`${loaded.assessmentHref}?saved=carer#carers`, 303);
  });
}
