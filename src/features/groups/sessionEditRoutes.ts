import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { practiceRoles } from '../../platform/access/accessContext.ts';
import { requireRole } from '../../platform/auth/authHooks.ts';
import { inErrorForm, postInError } from '../../platform/concurrency/inError.ts';
import {
  type ConflictView,
  conflictView,
  type EditTokenFields,
  editToken,
  readEditToken,
  StaleEditError,
} from '../../platform/concurrency/optimisticLock.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { idParam } from '../plan/planPageHelpers.ts';
import { memberName } from '../plan/planPresenter.ts';
import { historyValueText } from './groupHistory.ts';
import { presentGroup } from './groupPresenter.ts';
import { GroupRepository } from './groupRepository.ts';
import {
  checkSessionForm,
  checkSessionInErrorForm,
  parseSessionForm,
  type SessionForm,
  sessionEditLabels,
  sessionFormOf,
  sessionValues,
} from './sessionForm.ts';
import { SessionRepository } from './sessionRepository.ts';
import { formContext, found } from './sessionRoutes.ts';
import { SessionService } from './sessionService.ts';

const formPage = 'features/groups/pages/addSession.njk';
const inErrorPage = 'features/groups/pages/sessionInError.njk';

/** The register's pairs as names this user may see. */
function readable(conflict: ConflictView, names: Map<string, string>): ConflictView {
  const text = (name: string, value: string) =>
    name === 'attendees'
      ? historyValueText(
          'members',
          value === '(empty)' ? [] : value.split(',').map((v) => v.split(':')[1]),
          names,
        )
      : value;
  return {
    ...conflict,
    rows: conflict.rows.map((r) => ({
      ...r,
      base: text(r.name, r.base),
      theirs: text(r.name, r.theirs),
      yours: text(r.name, r.yours),
    })),
  };
}

/** Correcting a group session and its register, and marking one as recorded in error; both checked against the version the page showed. */
export function sessionEditRoutes(app: FastifyInstance, db: Db): void {
  const practice = { preHandler: requireRole(...practiceRoles) };

  /** The group and the session (still standing), or not found. */
  async function load(request: FastifyRequest) {
    const groupId = idParam(request.params, 'groupId');
    const sessionId = idParam(request.params, 'sessionId');
    const group = await new GroupRepository(db, request.access).get(groupId);
    if (!group) throw new NotFoundError();
    const session = await new SessionRepository(db, request.access).read(group, sessionId);
    if (!session || session.inErrorAt) throw new NotFoundError();
    const href = `/practice/groups/${groupId}/sessions/${sessionId}`;
    const values = sessionValues({
      heldOn: session.heldOn,
      startsAt: session.startsAt,
      topic: session.topic,
      notes: session.notes,
      attendees: session.members.map((m) => ({ familyId: m.familyId, personId: m.personId })),
      firstNames: session.firstNameList,
      anonymousCount: session.anonymousCount,
    });
    const names = new Map(session.members.map((m) => [m.personId, memberName(m)]));
    return { group, groupId, sessionId, session, href, values, names };
  }
  type Loaded = Awaited<ReturnType<typeof load>>;

  const page = async (
    request: FastifyRequest,
    l: Loaded,
    form: SessionForm,
    edit: EditTokenFields,
    extra: Parameters<typeof formContext>[4] & { conflict?: ConflictView } = {},
  ) => ({
    ...(await formContext(db, request.access, l.group, form, extra)),
    editing: true,
    formAction: `${l.href}/edit`,
    backHref: l.href,
    hiddenMembers: l.session.hiddenMembers,
    edit,
    conflict: extra.conflict,
  });

  app.get('/practice/groups/:groupId/sessions/:sessionId/edit', practice, async (request, reply) => {
    const l = await load(request);
    return reply.page(
      formPage,
      await page(request, l, sessionFormOf(l.values), editToken(l.session.version, l.values)),
    );
  });

  app.post('/practice/groups/:groupId/sessions/:sessionId/edit', practice, async (request, reply) => {
    const l = await load(request);
    const token = readEditToken(request.body);
    if (!token) throw new NotFoundError();
    const edit = editToken(token.version, token.base);
    const form = parseSessionForm(request.body);
    if (form.finding) {
      const extra = await found(db, request.access, form.find);
      return reply.page(formPage, await page(request, l, form, edit, { search: form.find, extra }));
    }
    const checked = checkSessionForm(form, {
      attendance: l.group.attendance,
      capacity: l.group.capacity,
      today: todayInUk(new Date()),
    });
    if (!checked.ok)
      return reply.code(400).page(formPage, await page(request, l, form, edit, { errors: checked.errors }));
    try {
      const saved = await new SessionService(db, request.access).correct(
        l.groupId,
        l.sessionId,
        token,
        checked.value,
      );
      if (!saved) throw new NotFoundError();
    } catch (error) {
      if (!(error instanceof StaleEditError)) throw error;
      const conflict = readable(
        conflictView(error, sessionEditLabels, token.base, sessionValues(checked.value), {
          discardHref: `${l.href}/edit`,
        }),
        l.names,
      );
      return reply
        .code(409)
        .page(
          formPage,
          await page(request, l, sessionFormOf(conflict.formValues), conflict.edit, { conflict }),
        );
    }
    return reply.redirect(`${l.href}?saved=corrected`, 303);
  });

  const inErrorContext = (l: Loaded, form: Record<string, unknown>) => ({
    group: presentGroup(l.group),
    sessionHref: l.href,
    heldOn: l.session.heldOn,
    ...form,
  });

  app.get('/practice/groups/:groupId/sessions/:sessionId/in-error', practice, async (request, reply) => {
    const l = await load(request);
    return reply.page(inErrorPage, inErrorContext(l, inErrorForm(l.session.version)));
  });

  app.post('/practice/groups/:groupId/sessions/:sessionId/in-error', practice, async (request, reply) => {
    const l = await load(request);
    return postInError(request, reply, {
      template: inErrorPage,
      context: (form) => inErrorContext(l, form),
      version: l.session.version,
      noun: 'session',
      check: checkSessionInErrorForm,
      mark: (version, reason) =>
        new SessionService(db, request.access).markInError(l.groupId, l.sessionId, version, reason),
      href: l.href,
    });
  });
}
