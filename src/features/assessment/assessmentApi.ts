import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/client.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { conflictProblem, StaleEditError } from '../../platform/concurrency/optimisticLock.ts';
import { problem, sendProblem } from '../../platform/http/problems.ts';
import {
  authProblems,
  badRequestProblem,
  conflictProblemResponse,
  notFoundProblem,
} from '../api/apiSchemas.ts';
import { checkContribution } from './assessmentForms.ts';
import { sectionName } from './assessmentPresenter.ts';
import { questionsFor } from './assessmentQuestions.ts';
import { AssessmentRepository } from './assessmentRepository.ts';
import {
  AssessmentParams,
  AssessmentSchema,
  ContributionBody,
  ContributionParams,
  SavedContributionSchema,
} from './assessmentSchemas.ts';
import { AssessmentService } from './assessmentService.ts';
import { type AssessmentRead, readAssessment } from './assessmentView.ts';
import { concernApi } from './concernApi.ts';

const notFound = 'There is no family or section with this id that you may see.';

function presentAssessmentBody(read: AssessmentRead) {
  const shown = read.shown;
  return {
    familyId: read.family.id,
    assessment: shown
      ? {
          id: shown.id,
          version: shown.edition,
          status: shown.status,
          startedAt: shown.startedAt.toISOString(),
          completedAt: shown.completedAt?.toISOString() ?? null,
          sections: read.sections.map((s) => ({
            id: s.id,
            kind: s.kind,
            personId: s.personId,
            name: sectionName(s),
            contributions: read.contributions
              .filter((c) => c.sectionId === s.id)
              .map((c) => ({
                id: c.id,
                organisation: c.organisationName,
                writtenBy: c.writtenByName,
                updatedAt: c.updatedAt.toISOString(),
                version: c.version,
                answers: c.answers,
              })),
          })),
        }
      : null,
    concerns: read.concerns.map((c) => ({
      id: c.id,
      kind: c.kind,
      personId: c.personId,
      description: c.description,
      actionTaken: c.actionTaken,
      actionOn: c.actionOn,
      status: c.status,
      closedOn: c.closedOn,
      version: c.version,
    })),
    carerOffers: read.carerOffers.map((o) => ({
      personId: o.personId,
      kind: o.kind,
      outcome: o.outcome,
      decidedOn: o.decidedOn,
    })),
  };
}

/** The family's current assessment for API clients, and writing an organisation's contribution; same rules as the pages. */
export const assessmentApi: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  const service = new AssessmentService(db);

  app.get(
    '/families/:familyId/assessment',
    {
      schema: {
        tags: ['Assessment'],
        summary:
          'The family’s current assessment (the draft, else the completed version), concerns and carer offers',
        params: AssessmentParams,
        response: { 200: AssessmentSchema, ...badRequestProblem, ...authProblems, ...notFoundProblem },
      },
    },
    async (request, reply) => {
      const read = await readAssessment(db, request.access, request.params.familyId);
      if (!read) return sendProblem(reply, problem(404, notFound));
      return presentAssessmentBody(read);
    },
  );

  app.put(
    '/families/:familyId/assessment/sections/:sectionId/contribution',
    {
      schema: {
        tags: ['Assessment'],
        summary: 'Write your organisation’s contribution to a section of the draft assessment',
        description:
          'Send the version you read (0 for a new contribution). If someone saved since, the answer is 409 with the current version and answers: apply your change to them and send again.',
        params: ContributionParams,
        body: ContributionBody,
        response: {
          200: SavedContributionSchema,
          ...badRequestProblem,
          ...authProblems,
          ...notFoundProblem,
          ...conflictProblemResponse,
        },
      },
    },
    async (request, reply) => {
      const { familyId, sectionId } = request.params;
      const found = await new AssessmentRepository(db, request.access).section(familyId, sectionId);
      const section = found?.status === 'draft' ? found : undefined;
      if (!section) {
        await recordAudit(db, request.access, {
          action: 'assessment.contribute',
          outcome: 'denied',
          recordType: 'assessment_section',
          recordId: sectionId,
          familyId,
        });
        return sendProblem(reply, problem(404, notFound));
      }
      const known = new Set(questionsFor[section.kind].map((q) => q.name));
      const unknown = Object.keys(request.body.answers).filter((name) => !known.has(name));
      const checked = checkContribution(section.kind, request.body.answers);
      if (unknown.length || !checked.ok)
        return sendProblem(
          reply,
          problem(400, 'The contribution has answers that are not valid.', {
            errors: [
              ...unknown.map((name) => ({
                pointer: `#/answers/${name}`,
                detail: 'is not a question of this section',
              })),
              ...(checked.ok
                ? []
                : Object.entries(checked.errors).map(([name, detail]) => ({
                    pointer: `#/answers/${name}`,
                    detail,
                  }))),
            ],
          }),
        );
      try {
        const outcome = await service.saveContribution(request.access, familyId, sectionId, checked.answers, {
          version: request.body.version,
          base: {},
        });
        if (outcome === 'not-found') return sendProblem(reply, problem(404, notFound));
        return { sectionId, saved: true as const };
      } catch (error) {
        if (error instanceof StaleEditError) return sendProblem(reply, conflictProblem(error));
        throw error;
      }
    },
  );

  await app.register(concernApi, { db });
};
