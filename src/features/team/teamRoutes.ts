import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { hasRole, practiceRoles } from '../../platform/access/accessContext.ts';
import { requireRole } from '../../platform/auth/authHooks.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { errorList, type FieldErrors } from '../../platform/http/forms.ts';
import { BreakGlassRepository } from '../breakGlass/breakGlassRepository.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { consentWriterRoles } from '../consent/consentRoutes.ts';
import { changesContext, teamRecordTypes } from './changesPresenter.ts';
import { familyHeading } from './familyHeading.ts';
import { handOverLead } from './leadHandover.ts';
import { handoverContext, inviteContext, workerContext } from './teamFormContexts.ts';
import {
  defaultConsentScope,
  readHandoverForm,
  readJoinForm,
  readLeaveForm,
  readWorkerForm,
} from './teamForms.ts';
import { presentTeam } from './teamPresenter.ts';
import { TeamRepository } from './teamRepository.ts';
import { type TeamWriteResult, TeamWrites } from './teamWrites.ts';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const emptyDate = { day: '', month: '', year: '' };

/** Pages for the team around a family: organisations, named workers and the lead professional. */
export function teamRoutes(app: FastifyInstance, db: Db): void {
  const practice = { preHandler: requireRole(...practiceRoles) };
  const writers = { preHandler: requireRole(...consentWriterRoles) };

  /** The family heading and break-glass state, or not found. */
  async function load(request: FastifyRequest) {
    const params = request.params as Record<string, string>;
    if (!Object.values(params).every((id) => uuidPattern.test(id))) throw new NotFoundError();
    const family = await familyHeading(db, request.access, params.familyId as string);
    if (!family) throw new NotFoundError();
    const breakGlass = await new BreakGlassRepository(db, request.access).activeBreakGlass(family.id);
    return { family, breakGlass, params, team: new TeamRepository(db, request.access) };
  }

  /** After a write: back to the team, or the error on the form, or not found. */
  function afterWrite(
    result: TeamWriteResult,
    reply: FastifyReply,
    familyId: string,
    showErrors: (errors: FieldErrors) => Promise<FastifyReply>,
  ) {
    if (result.ok) return reply.redirect(`/practice/families/${familyId}/team`, 303);
    if (result.reason === 'not_found') throw new NotFoundError();
    return showErrors({ [result.field]: result.message });
  }

  app.get('/practice/families/:familyId/team', practice, async (request, reply) => {
    const { family, breakGlass, team } = await load(request);
    const view = await team.forFamily(family.id);
    if (!view) throw new NotFoundError();
    return reply.page('features/team/pages/team.njk', {
      family,
      breakGlass,
      team: presentTeam(family.id, view, hasRole(request.access, ...consentWriterRoles)),
      ...(await changesContext(db, request.access, family.id, teamRecordTypes, 'Changes to the team')),
    });
  });

  // Invite an organisation onto the team.
  async function showInvite(
    request: FastifyRequest,
    reply: FastifyReply,
    form: Record<string, unknown>,
    errors: FieldErrors,
  ) {
    const { family, breakGlass, team } = await load(request);
    const ctx = await inviteContext(team, family.id, form, errors);
    return reply
      .code(Object.keys(errors).length ? 400 : 200)
      .page('features/team/pages/inviteOrganisation.njk', {
        family,
        breakGlass,
        ...ctx,
      });
  }
  app.get('/practice/families/:familyId/team/invite', writers, (request, reply) =>
    showInvite(
      request,
      reply,
      {
        organisation: '',
        members: [],
        sharing: [],
        consentMethod: '',
        consentScope: defaultConsentScope,
        role: '',
        contact: '',
        joinedOn: emptyDate,
      },
      {},
    ),
  );
  app.post('/practice/families/:familyId/team/invite', writers, async (request, reply) => {
    const { family } = await load(request);
    const form = readJoinForm(request.body, todayInUk(new Date()));
    if (!form.input) return showInvite(request, reply, form.values, form.errors);
    const result = await new TeamWrites(db, request.access).join(family.id, form.input);
    return afterWrite(result, reply, family.id, (errors) => showInvite(request, reply, form.values, errors));
  });

  // An organisation or a named worker leaves.
  async function showLeave(
    request: FastifyRequest,
    reply: FastifyReply,
    kind: 'organisation' | 'worker',
    form: Record<string, unknown>,
    errors: FieldErrors,
  ) {
    const { family, breakGlass, team, params } = await load(request);
    const view = await team.forFamily(family.id);
    const id = kind === 'organisation' ? params.teamMemberId : params.workerId;
    const who =
      kind === 'organisation'
        ? view?.organisations.find((o) => o.id === id && !o.leftOn)?.organisationName
        : view?.workers.find((w) => w.id === id && !w.leftOn)?.name;
    if (!who) throw new NotFoundError();
    const ownOrganisation =
      kind === 'organisation' &&
      view?.organisations.find((o) => o.id === id)?.organisationId === request.access.organisationId;
    return reply.code(Object.keys(errors).length ? 400 : 200).page('features/team/pages/leave.njk', {
      family,
      breakGlass,
      who,
      warning:
        kind === 'organisation'
          ? ownOrganisation
            ? 'This is your own organisation. Once it has left, you will no longer see this family.'
            : `${who} will no longer see this family, and its named workers leave the team with it.`
          : undefined,
      formAction: request.url,
      form,
      errors,
      errorList: errorList(errors, ['leftOn']),
    });
  }
  app.get('/practice/families/:familyId/team/:teamMemberId/leave', writers, (request, reply) =>
    showLeave(request, reply, 'organisation', { leftOn: emptyDate }, {}),
  );
  app.post('/practice/families/:familyId/team/:teamMemberId/leave', writers, async (request, reply) => {
    const { family, params } = await load(request);
    const form = readLeaveForm(request.body, todayInUk(new Date()));
    if (!form.leftOn) return showLeave(request, reply, 'organisation', form.values, form.errors);
    const result = await new TeamWrites(db, request.access).leave(
      family.id,
      params.teamMemberId as string,
      form.leftOn,
    );
    if (result.ok && !(await familyHeading(db, request.access, family.id)))
      return reply.redirect('/practice', 303);
    return afterWrite(result, reply, family.id, (errors) =>
      showLeave(request, reply, 'organisation', form.values, errors),
    );
  });
  app.get('/practice/families/:familyId/team/workers/:workerId/leave', writers, (request, reply) =>
    showLeave(request, reply, 'worker', { leftOn: emptyDate }, {}),
  );
  app.post('/practice/families/:familyId/team/workers/:workerId/leave', writers, async (request, reply) => {
    const { family, params } = await load(request);
    const form = readLeaveForm(request.body, todayInUk(new Date()));
    if (!form.leftOn) return showLeave(request, reply, 'worker', form.values, form.errors);
    const result = await new TeamWrites(db, request.access).workerLeaves(
      family.id,
      params.workerId as string,
      form.leftOn,
    );
    return afterWrite(result, reply, family.id, (errors) =>
      showLeave(request, reply, 'worker', form.values, errors),
    );
  });

  // Name a worker.
  async function showWorker(
    request: FastifyRequest,
    reply: FastifyReply,
    form: Record<string, unknown>,
    errors: FieldErrors,
  ) {
    const { family, breakGlass, team } = await load(request);
    const ctx = await workerContext(team, family.id, form, errors);
    return reply.code(Object.keys(errors).length ? 400 : 200).page('features/team/pages/addWorker.njk', {
      family,
      breakGlass,
      ...ctx,
    });
  }
  app.get('/practice/families/:familyId/team/workers/new', writers, (request, reply) =>
    showWorker(
      request,
      reply,
      { user: '', person: 'family', role: '', contact: '', joinedOn: emptyDate },
      {},
    ),
  );
  app.post('/practice/families/:familyId/team/workers/new', writers, async (request, reply) => {
    const { family } = await load(request);
    const form = readWorkerForm(request.body, todayInUk(new Date()));
    if (!form.input) return showWorker(request, reply, form.values, form.errors);
    const result = await new TeamWrites(db, request.access).addWorker(family.id, form.input);
    return afterWrite(result, reply, family.id, (errors) => showWorker(request, reply, form.values, errors));
  });

  // Hand over the lead professional role.
  async function showHandover(
    request: FastifyRequest,
    reply: FastifyReply,
    form: Record<string, unknown>,
    errors: FieldErrors,
  ) {
    const { family, breakGlass, team } = await load(request);
    const ctx = await handoverContext(team, family.id, form, errors);
    if (!ctx) throw new NotFoundError();
    return reply.code(Object.keys(errors).length ? 400 : 200).page('features/team/pages/handOverLead.njk', {
      family,
      breakGlass,
      ...ctx,
    });
  }
  app.get('/practice/families/:familyId/team/lead', writers, (request, reply) =>
    showHandover(request, reply, { user: '', handoverNote: '', startedOn: emptyDate }, {}),
  );
  app.post('/practice/families/:familyId/team/lead', writers, async (request, reply) => {
    const { family } = await load(request);
    const form = readHandoverForm(request.body, todayInUk(new Date()));
    if (!form.input) return showHandover(request, reply, form.values, form.errors);
    const result = await handOverLead(db, request.access, family.id, form.input);
    return afterWrite(result, reply, family.id, (errors) =>
      showHandover(request, reply, form.values, errors),
    );
  });
}
