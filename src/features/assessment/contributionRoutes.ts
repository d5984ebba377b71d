import type { FastifyInstance, FastifyReply, preHandlerHookHandler } from 'fastify';
import type { Db } from '../../db/client.ts';
import type { AssessmentAnswers } from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import {
  type ConflictView,
  conflictView,
  type EditTokenFields,
  editToken,
  readEditToken,
  StaleEditError,
} from '../../platform/concurrency/optimisticLock.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import type { FieldErrors } from '../../platform/http/forms.ts';
import { checkContribution, parseContributionForm } from './assessmentForms.ts';
import { familyHrefOf, idParam } from './assessmentParams.ts';
import { presentSideBySide, sectionName, statusNames } from './assessmentPresenter.ts';
import { questionsFor, sectionKindNames } from './assessmentQuestions.ts';
import { AssessmentRepository } from './assessmentRepository.ts';
import { AssessmentService } from './assessmentService.ts';
import { presentContributionForm } from './contributionFormPresenter.ts';

async function loadSection(
  db: Db,
  access: AccessContext,
  familyId: string,
  sectionId: string,
  action: string,
) {
  const repository = new AssessmentRepository(db, access);
  const family = await repository.visibleFamily(familyId, action);
  const section = family && (await repository.section(familyId, sectionId));
  if (!family || !section) {
    if (family)
      await recordAudit(db, access, {
        action,
        outcome: 'denied',
        recordType: 'assessment_section',
        recordId: sectionId,
        familyId,
      });
    throw new NotFoundError();
  }
  const contributions = (await repository.contributions(familyId, [section.assessmentId])).filter(
    (c) => c.sectionId === sectionId,
  );
  await recordAudit(db, access, {
    action,
    recordType: 'assessment_section',
    recordId: sectionId,
    familyId,
    detail: { contributions: contributions.length },
  });
  const familyHref = familyHrefOf(familyId);
  return {
    family,
    section,
    contributions,
    shared: {
      family,
      familyHref,
      assessmentHref: `${familyHref}/assessment`,
      sectionHref: `${familyHref}/assessment/sections/${sectionId}`,
      name: sectionName(section),
      kindName: sectionKindNames[section.kind],
      versionTitle: `Version ${section.edition}`,
      statusName: statusNames[section.status],
      draft: section.status === 'draft',
    },
  };
}

/** A section with each organisation's contribution side by side, and the form for the user's organisation's own. */
export function contributionRoutes(
  app: FastifyInstance,
  db: Db,
  practice: { preHandler: preHandlerHookHandler },
) {
  const service = new AssessmentService(db);
  const base = '/practice/families/:familyId/assessment/sections/:sectionId';

  app.get(base, practice, async (request, reply) => {
    const familyId = idParam(request, 'familyId');
    const sectionId = idParam(request, 'sectionId');
    const { section, contributions, shared } = await loadSection(
      db,
      request.access,
      familyId,
      sectionId,
      'assessment.section.read',
    );
    const own = contributions.some((c) => c.organisationId === request.access.organisationId);
    return reply.page('features/assessment/pages/section.njk', {
      ...shared,
      contributeText: own
        ? 'Change your organisation’s contribution'
        : 'Add your organisation’s contribution',
      table: presentSideBySide(section, contributions),
      saved: (request.query as Record<string, unknown>).saved === 'contribution',
    });
  });

  function formPage(
    reply: FastifyReply,
    loaded: Awaited<ReturnType<typeof loadSection>>,
    values: AssessmentAnswers,
    edit: EditTokenFields,
    options: { errors?: FieldErrors; conflict?: ConflictView } = {},
  ) {
    const form = presentContributionForm(loaded.section.kind, values, options.errors ?? {});
    return reply.page('features/assessment/pages/contribute.njk', {
      ...loaded.shared,
      form,
      errorList: form.errorList,
      edit,
      conflict: options.conflict,
      isChild: loaded.section.kind === 'child',
    });
  }

  app.get(`${base}/contribute`, practice, async (request, reply) => {
    const familyId = idParam(request, 'familyId');
    const sectionId = idParam(request, 'sectionId');
    const loaded = await loadSection(db, request.access, familyId, sectionId, 'assessment.contribution.read');
    if (!loaded.shared.draft) throw new NotFoundError();
    const own = loaded.contributions.find((c) => c.organisationId === request.access.organisationId);
    const values = own?.answers ?? {};
    return formPage(reply, loaded, values, editToken(own?.version ?? 0, values));
  });

  app.post(`${base}/contribute`, practice, async (request, reply) => {
    const familyId = idParam(request, 'familyId');
    const sectionId = idParam(request, 'sectionId');
    const loaded = await loadSection(db, request.access, familyId, sectionId, 'assessment.contribution.read');
    const token = readEditToken(request.body);
    if (!loaded.shared.draft || !token) throw new NotFoundError();
    const typed = parseContributionForm(loaded.section.kind, request.body);
    const sent = { version: token.version, base: JSON.stringify(token.base) };
    const checked = checkContribution(loaded.section.kind, typed);
    if (!checked.ok) return formPage(reply.code(400), loaded, typed, sent, { errors: checked.errors });
    try {
      const outcome = await service.saveContribution(
        request.access,
        familyId,
        sectionId,
        checked.answers,
        token,
      );
      if (outcome === 'not-found') throw new NotFoundError();
      return reply.redirect(`${loaded.shared.sectionHref}?saved=contribution`, 303);
    } catch (error) {
      if (!(error instanceof StaleEditError)) throw error;
      const labels = questionsFor[loaded.section.kind].map((q) => ({ name: q.name, label: q.label }));
      const conflict = conflictView(error, labels, token.base, checked.answers, {
        discardHref: `${loaded.shared.sectionHref}/contribute`,
      });
      return formPage(reply.code(409), loaded, conflict.formValues, conflict.edit, { conflict });
    }
  });
}
