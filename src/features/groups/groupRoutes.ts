import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import { practiceRoles } from '../../platform/access/accessContext.ts';
import { requireRole } from '../../platform/auth/authHooks.ts';
import {
  conflictView,
  type EditTokenFields,
  editToken,
  readEditToken,
  StaleEditError,
} from '../../platform/concurrency/optimisticLock.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import type { FieldErrors } from '../../platform/http/forms.ts';
import { idParam, planErrorList } from '../plan/planPageHelpers.ts';
import {
  checkGroupForm,
  type GroupForm,
  groupFieldLabels,
  groupFieldOrder,
  parseGroupForm,
} from './groupForm.ts';
import { presentGroupHistory } from './groupHistory.ts';
import { groupRecordChanges } from './groupHistoryRepository.ts';
import {
  groupFormItems,
  groupFormOf,
  groupValueText,
  presentGroup,
  presentSessionSummary,
} from './groupPresenter.ts';
import { GroupRepository, groupFieldValues } from './groupRepository.ts';
import { sessionEditRoutes } from './sessionEditRoutes.ts';
import { SessionRepository } from './sessionRepository.ts';
import { sessionRoutes } from './sessionRoutes.ts';

const formTemplate = 'features/groups/pages/groupForm.njk';

async function formContext(
  repository: GroupRepository,
  form: GroupForm,
  options: { errors?: FieldErrors; groupId?: string; edit?: EditTokenFields; conflict?: unknown } = {},
) {
  const errors = options.errors ?? {};
  return {
    form,
    errors,
    errorList: planErrorList(errors, groupFieldOrder()),
    groupId: options.groupId,
    action: options.groupId ? `/practice/groups/${options.groupId}/edit` : '/practice/groups/new',
    edit: options.edit,
    conflict: options.conflict,
    ...groupFormItems(form, await repository.choices()),
  };
}

function typedValues(form: GroupForm): Record<string, string | null> {
  const { facilitators: _, ...values } = form;
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v || null]));
}

/** The groups an organisation runs: the list, adding and changing a group, and each group's page with its sessions. */
export function groupRoutes(app: FastifyInstance, db: Db): void {
  const practice = { preHandler: requireRole(...practiceRoles) };

  app.get('/practice/groups', practice, async (request, reply) => {
    const groups = await new GroupRepository(db, request.access).list();
    return reply.page('features/groups/pages/groups.njk', { groups: groups.map(presentGroup) });
  });

  app.get('/practice/groups/new', practice, async (request, reply) => {
    const repository = new GroupRepository(db, request.access);
    const form = parseGroupForm({ attendance: 'named' });
    return reply.page(formTemplate, await formContext(repository, form));
  });

  app.post('/practice/groups/new', practice, async (request, reply) => {
    const repository = new GroupRepository(db, request.access);
    const form = parseGroupForm(request.body);
    const choices = await repository.choices();
    const checked = checkGroupForm(form, {
      userIds: choices.users.map((u) => u.id),
      programmeIds: choices.programmes.map((p) => p.id),
    });
    if (!checked.ok)
      return reply
        .code(400)
        .page(formTemplate, await formContext(repository, form, { errors: checked.errors }));
    const created = await repository.add(checked.value);
    return reply.redirect(`/practice/groups/${created.id}?added=1`, 303);
  });

  app.get('/practice/groups/:groupId', practice, async (request, reply) => {
    const groupId = idParam(request.params, 'groupId');
    const group = await new GroupRepository(db, request.access).get(groupId);
    if (!group) throw new NotFoundError();
    const query = (request.query ?? {}) as Record<string, string>;
    const showInError = query.show === 'in-error';
    const sessionRepository = new SessionRepository(db, request.access);
    const sessions = await sessionRepository.listForGroup(groupId, { inError: showInError });
    const inError = showInError
      ? sessions.filter((s) => s.inErrorAt).length
      : await sessionRepository.countInError(groupId);
    const entries = await groupRecordChanges(db, request.access, 'support_group', groupId);
    const { programmes } = await new GroupRepository(db, request.access).choices();
    return reply.page('features/groups/pages/group.njk', {
      group: presentGroup(group),
      sessions: sessions.map((s) => presentSessionSummary(groupId, s)),
      inError,
      showInError,
      added: query.added === '1',
      changed: query.changed === '1',
      changes: presentGroupHistory(entries, new Map(), programmes),
      changesTitle: 'History of this group’s record',
    });
  });

  app.get('/practice/groups/:groupId/edit', practice, async (request, reply) => {
    const groupId = idParam(request.params, 'groupId');
    const repository = new GroupRepository(db, request.access);
    const group = await repository.get(groupId);
    if (!group) throw new NotFoundError();
    return reply.page(
      formTemplate,
      await formContext(repository, groupFormOf(group), {
        groupId,
        edit: editToken(group.version, groupFieldValues(group)),
      }),
    );
  });

  app.post('/practice/groups/:groupId/edit', practice, async (request, reply) => {
    const groupId = idParam(request.params, 'groupId');
    const repository = new GroupRepository(db, request.access);
    const token = readEditToken(request.body);
    if (!token) throw new NotFoundError();
    const form = parseGroupForm(request.body);
    const choices = await repository.choices();
    const checked = checkGroupForm(form, {
      userIds: choices.users.map((u) => u.id),
      programmeIds: choices.programmes.map((p) => p.id),
    });
    const edit = { version: token.version, base: JSON.stringify(token.base) };
    if (!checked.ok)
      return reply
        .code(400)
        .page(formTemplate, await formContext(repository, form, { errors: checked.errors, groupId, edit }));
    try {
      const updated = await repository.update(groupId, checked.value, token);
      if (!updated) throw new NotFoundError();
    } catch (error) {
      if (!(error instanceof StaleEditError)) throw error;
      const conflict = conflictView(error, groupFieldLabels, token.base, typedValues(form), {
        discardHref: `/practice/groups/${groupId}`,
      });
      conflict.rows = conflict.rows.map((row) => ({
        ...row,
        base: groupValueText(row.name, row.base, choices.programmes),
        theirs: groupValueText(row.name, row.theirs, choices.programmes),
        yours: groupValueText(row.name, row.yours, choices.programmes),
      }));
      const merged = {
        ...form,
        ...Object.fromEntries(Object.entries(conflict.formValues).map(([k, v]) => [k, v ?? ''])),
      };
      return reply
        .code(409)
        .page(
          formTemplate,
          await formContext(repository, merged, { groupId, edit: conflict.edit, conflict }),
        );
    }
    return reply.redirect(`/practice/groups/${groupId}?changed=1`, 303);
  });

  sessionRoutes(app, db);
  sessionEditRoutes(app, db);
}
