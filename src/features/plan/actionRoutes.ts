import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import { type AccessContext, practiceRoles } from '../../platform/access/accessContext.ts';
import { requireRole } from '../../platform/auth/authHooks.ts';
import {
  compareEdits,
  type EditComparison,
  type FieldValues,
} from '../../platform/concurrency/editComparison.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { field } from '../../platform/http/forms.ts';
import { parseDateParts } from '../chronology/dateParts.ts';
import {
  type ActionForm,
  actionFieldOrder,
  checkActionForm,
  ownerValue,
  parseActionForm,
  partsOfIso,
} from './planForms.ts';
import {
  actionStatusItems,
  actionValueText,
  dateItems,
  goalItems,
  idParam,
  ownerItems,
  planErrorList,
} from './planPageHelpers.ts';
import { type PlanActionRow, type PlanRecord, PlanRepository } from './planRepository.ts';
import { PlanService } from './planService.ts';

const actionLabels = [
  { name: 'what', label: 'What will be done' },
  { name: 'goalId', label: 'The goal it is for' },
  { name: 'owner', label: 'Who will do it' },
  { name: 'dueOn', label: 'By when' },
  { name: 'status', label: 'Where it is up to' },
];

function ownerOf(action: PlanActionRow): string {
  return ownerValue(
    action.ownerKind,
    action.ownerPersonId ?? action.ownerUserId ?? action.ownerOrganisationId,
  );
}

function valuesOfAction(action: PlanActionRow): FieldValues {
  return {
    what: action.what,
    goalId: action.goalId,
    owner: ownerOf(action),
    dueOn: action.dueOn,
    status: action.status,
  };
}

/** The form's values as text; a due date only when it is a real one. */
function valuesOfForm(form: ActionForm): FieldValues {
  const due = parseDateParts(form.dueOn, 'The date', { dayOptional: false });
  return {
    what: form.what,
    goalId: form.goalId,
    owner: form.owner,
    dueOn: due.kind === 'date' ? due.iso : null,
    status: form.status,
  };
}

function formOfValues(values: FieldValues): ActionForm {
  return {
    what: values.what ?? '',
    goalId: values.goalId ?? '',
    owner: values.owner ?? '',
    dueOn: partsOfIso(values.dueOn),
    status: values.status ?? 'not_started',
  };
}

function actionContext(
  record: PlanRecord,
  form: ActionForm,
  options: {
    errors?: Record<string, string>;
    action?: PlanActionRow;
    version?: number;
    base?: FieldValues;
    comparison?: EditComparison;
  } = {},
) {
  const errors = options.errors ?? {};
  return {
    family: record.family,
    form,
    errors,
    errorList: planErrorList(errors, actionFieldOrder, ['dueOn']),
    editing: Boolean(options.action),
    formAction: options.action
      ? `/practice/families/${record.family.id}/plan/actions/${options.action.id}/edit`
      : `/practice/families/${record.family.id}/plan/actions/new`,
    version: options.version,
    base: options.base ?? {},
    conflict: options.comparison?.changed.map((d) => ({
      label: d.label,
      theirs: actionValueText(record, d.name, d.theirs),
      yours: actionValueText(record, d.name, d.yours),
      outcome: d.outcome,
    })),
    goalItems: goalItems(record, form.goalId),
    ownerItems: ownerItems(record, form.owner),
    dueOnItems: dateItems(form.dueOn, Boolean(errors.dueOn)),
    statusItems: actionStatusItems(form.status),
  };
}

/** Adding and editing a plan action; an edit saved over someone else's shows what changed and keeps both. */
export function actionRoutes(app: FastifyInstance, db: Db): void {
  const practice = { preHandler: requireRole(...practiceRoles) };
  const page = 'features/plan/pages/action.njk';

  async function readPlan(params: unknown, access: AccessContext, audit: boolean) {
    const record = await new PlanRepository(db, access).read(idParam(params, 'familyId'), {
      audit,
      withChoices: true,
    });
    if (!record) throw new NotFoundError();
    return record;
  }

  app.get('/practice/families/:familyId/plan/actions/new', practice, async (request, reply) => {
    const record = await readPlan(request.params, request.access, true);
    const wanted = (request.query as Record<string, string> | undefined)?.goal ?? '';
    const goalId = record.goals.some((g) => g.id === wanted) ? wanted : '';
    return reply.page(page, actionContext(record, formOfValues({ goalId })));
  });

  app.post('/practice/families/:familyId/plan/actions/new', practice, async (request, reply) => {
    const record = await readPlan(request.params, request.access, false);
    const form = parseActionForm(request.body);
    const checked = checkActionForm(
      form,
      record.goals.map((g) => g.id),
    );
    if (!checked.ok)
      return reply.code(400).page(page, actionContext(record, form, { errors: checked.errors }));
    const outcome = await new PlanService(db, request.access).addAction(record.family.id, checked.value);
    if (outcome.kind === 'not_found') throw new NotFoundError();
    return reply.redirect(`/practice/families/${record.family.id}/plan?saved=action`, 303);
  });

  app.get('/practice/families/:familyId/plan/actions/:actionId/edit', practice, async (request, reply) => {
    const record = await readPlan(request.params, request.access, true);
    const action = record.actions.find((a) => a.id === idParam(request.params, 'actionId'));
    if (!action) throw new NotFoundError();
    const base = valuesOfAction(action);
    return reply.page(
      page,
      actionContext(record, formOfValues(base), { action, version: action.version, base }),
    );
  });

  app.post('/practice/families/:familyId/plan/actions/:actionId/edit', practice, async (request, reply) => {
    const record = await readPlan(request.params, request.access, false);
    const action = record.actions.find((a) => a.id === idParam(request.params, 'actionId'));
    if (!action) throw new NotFoundError();
    const form = parseActionForm(request.body);
    const version = Number(field(request.body, 'version'));
    const base = Object.fromEntries(
      actionLabels.map(({ name }) => [name, field(request.body, `base-${name}`) || null]),
    );
    const checked = checkActionForm(
      form,
      record.goals.map((g) => g.id),
    );
    if (!checked.ok)
      return reply
        .code(400)
        .page(page, actionContext(record, form, { errors: checked.errors, action, version, base }));
    const outcome = await new PlanService(db, request.access).editAction(
      record.family.id,
      action.id,
      version,
      checked.value,
    );
    if (outcome.kind === 'not_found') throw new NotFoundError();
    if (outcome.kind === 'conflict') {
      const theirs = valuesOfAction(outcome.current);
      const comparison = compareEdits(actionLabels, base, theirs, valuesOfForm(form));
      return reply.code(409).page(
        page,
        actionContext(outcome.record, formOfValues(comparison.merged), {
          action: outcome.current,
          version: outcome.current.version,
          base: theirs,
          comparison,
        }),
      );
    }
    return reply.redirect(`/practice/families/${record.family.id}/plan?saved=action`, 303);
  });
}
