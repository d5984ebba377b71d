import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { practiceRoles } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { requireRole } from '../../platform/auth/authHooks.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import type { FieldErrors } from '../../platform/http/forms.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { partsOfIso } from '../plan/planForms.ts';
import { dateItems, idParam, planErrorList } from '../plan/planPageHelpers.ts';
import { searchPeople } from '../search/personSearch.ts';
import { presentGroupHistory } from './groupHistory.ts';
import { groupRecordChanges } from './groupHistoryRepository.ts';
import { attendeeItems, presentFamilyAttendance, presentGroup, presentSession } from './groupPresenter.ts';
import { GroupRepository, type GroupRow } from './groupRepository.ts';
import {
  type AttendeeInput,
  checkSessionForm,
  parseAttendees,
  parseSessionForm,
  type SessionForm,
  sessionFieldOrder,
} from './sessionForm.ts';
import { SessionRepository } from './sessionRepository.ts';

const formTemplate = 'features/groups/pages/addSession.njk';

/** People found by name among those this user may see, as register candidates (current memberships only). */
export async function found(db: Db, access: AccessContext, name: string): Promise<AttendeeInput[]> {
  if (!name) return [];
  const matches = await searchPeople(db, access, { name, limit: 20 });
  await recordAudit(db, access, { action: 'group_session.search', detail: { found: matches.length } });
  return matches.flatMap((m) =>
    m.families.filter((f) => f.current).map((f) => ({ familyId: f.familyId, personId: m.personId })),
  );
}

export async function formContext(
  db: Db,
  access: AccessContext,
  group: GroupRow,
  form: SessionForm,
  options: { errors?: FieldErrors; search?: string; extra?: AttendeeInput[] } = {},
) {
  const errors = options.errors ?? {};
  const ticked = parseAttendees(form.attendees) ?? [];
  const candidates = await new SessionRepository(db, access).candidates(group.id, [
    ...(options.extra ?? []),
    ...ticked,
  ]);
  await recordAudit(db, access, {
    action: 'group_session.candidates',
    recordType: 'support_group',
    recordId: group.id,
    detail: { shown: candidates.length },
  });
  return {
    group: presentGroup(group),
    allowsFirstNames: group.attendance !== 'named',
    allowsAnonymous: group.attendance === 'anonymous',
    capacity: group.capacity,
    form,
    errors,
    errorList: planErrorList(errors, sessionFieldOrder, ['heldOn']),
    heldOnItems: dateItems(form.heldOn, Boolean(errors.heldOn)),
    attendeeItems: attendeeItems(candidates, form),
    search: options.search ?? '',
    searched: Boolean(options.search),
    foundCount: options.extra?.length ?? 0,
  };
}

/** A group's sessions: recording one with its register, reading one, and a family's attendance. */
export function sessionRoutes(app: FastifyInstance, db: Db): void {
  const practice = { preHandler: requireRole(...practiceRoles) };

  app.get('/practice/groups/:groupId/sessions/new', practice, async (request, reply) => {
    const groupId = idParam(request.params, 'groupId');
    const group = await new GroupRepository(db, request.access).get(groupId);
    if (!group) throw new NotFoundError();
    const form = parseSessionForm({});
    form.heldOn = partsOfIso(todayInUk(new Date()));
    return reply.page(formTemplate, await formContext(db, request.access, group, form));
  });

  app.post('/practice/groups/:groupId/sessions/new', practice, async (request, reply) => {
    const groupId = idParam(request.params, 'groupId');
    const group = await new GroupRepository(db, request.access).get(groupId);
    if (!group) throw new NotFoundError();
    const form = parseSessionForm(request.body);
    if (form.finding) {
      // "Find": add the people found to the list, keeping everything typed; nothing is saved.
      const extra = await found(db, request.access, form.find);
      return reply.page(
        formTemplate,
        await formContext(db, request.access, group, form, { search: form.find, extra }),
      );
    }
    const checked = checkSessionForm(form, {
      attendance: group.attendance,
      capacity: group.capacity,
      today: todayInUk(new Date()),
    });
    if (!checked.ok)
      return reply
        .code(400)
        .page(formTemplate, await formContext(db, request.access, group, form, { errors: checked.errors }));
    const created = await new SessionRepository(db, request.access).add(groupId, checked.value);
    if (!created) throw new NotFoundError();
    return reply.redirect(`/practice/groups/${groupId}/sessions/${created.id}?added=1`, 303);
  });

  app.get('/practice/groups/:groupId/sessions/:sessionId', practice, async (request, reply) => {
    const groupId = idParam(request.params, 'groupId');
    const sessionId = idParam(request.params, 'sessionId');
    const group = await new GroupRepository(db, request.access).get(groupId);
    if (!group) throw new NotFoundError();
    const session = await new SessionRepository(db, request.access).read(group, sessionId);
    if (!session) throw new NotFoundError();
    const query = (request.query ?? {}) as Record<string, string>;
    const entries = await groupRecordChanges(db, request.access, 'group_session', sessionId);
    const mentioned = entries.flatMap((e) =>
      [e.changes.members?.from, e.changes.members?.to].flatMap((v) => (Array.isArray(v) ? v : [])),
    );
    const names = await new SessionRepository(db, request.access).visibleNames(mentioned.map(String));
    return reply.page('features/groups/pages/session.njk', {
      group: presentGroup(group),
      session: presentSession(group, session),
      added: query.added === '1',
      saved: query.saved,
      changes: presentGroupHistory(entries, names),
      changesTitle: 'History of this session’s record',
    });
  });

  app.get('/practice/families/:familyId/groups', practice, async (request, reply) => {
    const familyId = idParam(request.params, 'familyId');
    const attended = await new SessionRepository(db, request.access).forFamily(familyId);
    if (!attended) throw new NotFoundError();
    return reply.page('features/groups/pages/familyGroups.njk', {
      family: attended.family,
      members: presentFamilyAttendance(attended.rows),
    });
  });
}
