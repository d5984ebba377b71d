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
import { checkGoalForm, type GoalForm, goalFieldOrder, parseGoalForm } from './planForms.ts';
import { goalStatusItems, goalValueText, idParam, memberItems, planErrorList } from './planPageHelpers.ts';
import { memberName } from './planPresenter.ts';
import { type PlanGoalRow, type PlanRecord, PlanRepository } from './planRepository.ts';
import { PlanService } from './planService.ts';

const goalLabels = [
  { name: 'familyWords', label: 'The goal in the family’s words' },
  { name: 'workerWords', label: 'The worker’s wording' },
  { name: 'status', label: 'Where it is up to' },
];

function valuesOfGoal(goal: PlanGoalRow): FieldValues {
  return { familyWords: goal.familyWords, workerWords: goal.workerWords, status: goal.status };
}

function baseOf(body: unknown): FieldValues {
  return Object.fromEntries(goalLabels.map(({ name }) => [name, field(body, `base-${name}`) || null]));
}

function goalContext(
  record: PlanRecord,
  form: GoalForm,
  options: {
    errors?: Record<string, string>;
    goal?: PlanGoalRow;
    version?: number;
    base?: FieldValues;
    comparison?: EditComparison;
  } = {},
) {
  const errors = options.errors ?? {};
  const member = record.members.find((m) => m.personId === options.goal?.personId);
  return {
    family: record.family,
    form,
    errors,
    errorList: planErrorList(errors, goalFieldOrder),
    editing: Boolean(options.goal),
    whose: options.goal
      ? member
        ? `${memberName(member)}’s own goal`
        : 'A goal of the whole family'
      : undefined,
    action: options.goal
      ? `/practice/families/${record.family.id}/plan/goals/${options.goal.id}/edit`
      : `/practice/families/${record.family.id}/plan/goals/new`,
    version: options.version,
    base: options.base ?? {},
    conflict: options.comparison
      ? options.comparison.changed.map((d) => ({
          label: d.label,
          theirs: goalValueText(d.name, d.theirs),
          yours: goalValueText(d.name, d.yours),
          outcome: d.outcome,
        }))
      : undefined,
    memberItems: memberItems(record, form.personId),
    statusItems: goalStatusItems(form.status),
  };
}

/** Adding and editing a goal; an edit saved over someone else's shows what changed and keeps both. */
export function goalRoutes(app: FastifyInstance, db: Db): void {
  const practice = { preHandler: requireRole(...practiceRoles) };
  const page = 'features/plan/pages/goal.njk';

  async function readPlan(params: unknown, access: AccessContext, audit: boolean) {
    const familyId = idParam(params, 'familyId');
    const record = await new PlanRepository(db, access).read(familyId, { audit });
    if (!record) throw new NotFoundError();
    return record;
  }

  app.get('/practice/families/:familyId/plan/goals/new', practice, async (request, reply) => {
    const record = await readPlan(request.params, request.access, true);
    const wanted = (request.query as Record<string, string> | undefined)?.member ?? '';
    const personId = record.members.some((m) => m.personId === wanted) ? wanted : '';
    return reply.page(
      page,
      goalContext(record, { personId, familyWords: '', workerWords: '', status: 'open' }),
    );
  });

  app.post('/practice/families/:familyId/plan/goals/new', practice, async (request, reply) => {
    const record = await readPlan(request.params, request.access, false);
    const form = parseGoalForm(request.body);
    const checked = checkGoalForm(
      form,
      record.members.map((m) => m.personId),
    );
    if (!checked.ok) return reply.code(400).page(page, goalContext(record, form, { errors: checked.errors }));
    const outcome = await new PlanService(db, request.access).addGoal(record.family.id, checked.value);
    if (outcome.kind === 'not_found') throw new NotFoundError();
    return reply.redirect(`/practice/families/${record.family.id}/plan?saved=goal`, 303);
  });

  app.get('/practice/families/:familyId/plan/goals/:goalId/edit', practice, async (request, reply) => {
    const record = await readPlan(request.params, request.access, true);
    const goal = record.goals.find((g) => g.id === idParam(request.params, 'goalId'));
    if (!goal) throw new NotFoundError();
    const form = {
      personId: goal.personId ?? '',
      familyWords: goal.familyWords,
      workerWords: goal.workerWords ?? '',
      status: goal.status,
    };
    return reply.page(
      page,
      goalContext(record, form, { goal, version: goal.version, base: valuesOfGoal(goal) }),
    );
  });

  app.post('/practice/families/:familyId/plan/goals/:goalId/edit', practice, async (request, reply) => {
    const record = await readPlan(request.params, request.access, false);
    const goal = record.goals.find((g) => g.id === idParam(request.params, 'goalId'));
    if (!goal) throw new NotFoundError();
    const form = { ...parseGoalForm(request.body), personId: goal.personId ?? '' };
    const version = Number(field(request.body, 'version'));
    const base = baseOf(request.body);
    const checked = checkGoalForm(
      form,
      record.members.map((m) => m.personId),
    );
    if (!checked.ok)
      return reply
        .code(400)
        .page(page, goalContext(record, form, { errors: checked.errors, goal, version, base }));
    const { personId: _fixed, ...changes } = checked.value;
    const outcome = await new PlanService(db, request.access).editGoal(
      record.family.id,
      goal.id,
      version,
      changes,
    );
    if (outcome.kind === 'not_found') throw new NotFoundError();
    if (outcome.kind === 'conflict') {
      const theirs = valuesOfGoal(outcome.current);
      const yours: FieldValues = {
        familyWords: form.familyWords,
        workerWords: form.workerWords,
        status: form.status,
      };
      const comparison = compareEdits(goalLabels, base, theirs, yours);
      const merged = {
        ...form,
        ...Object.fromEntries(Object.entries(comparison.merged).map(([k, v]) => [k, v ?? ''])),
      };
      return reply.code(409).page(
        page,
        goalContext(outcome.record, merged as GoalForm, {
          goal: outcome.current,
          version: outcome.current.version,
          base: theirs,
          comparison,
        }),
      );
    }
    return reply.redirect(`/practice/families/${record.family.id}/plan?saved=goal`, 303);
  });
}
