import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import { trainingTopics, traumaLevels } from '../../db/schema.ts';
import { type AccessContext, hasRole, practiceRoles } from '../../platform/access/accessContext.ts';
import { requireRole } from '../../platform/auth/authHooks.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import type { FieldErrors } from '../../platform/http/forms.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { partsOfIso } from '../plan/planForms.ts';
import { dateItems, idParam, planErrorList } from '../plan/planPageHelpers.ts';
import {
  checkTrainingForm,
  checkWithdrawForm,
  levelNames,
  parseTrainingForm,
  type TrainingForm,
  topicNames,
  trainingDateFields,
  trainingFieldOrder,
} from './trainingForm.ts';
import { presentRecord, presentWorkerTraining, teamSummary } from './trainingPresenter.ts';
import { TrainingRepository } from './trainingRepository.ts';

const pages = 'features/workforce/pages';

function trainingFormContext(
  worker: ReturnType<typeof presentWorkerTraining>,
  form: TrainingForm,
  errors: FieldErrors = {},
) {
  return {
    worker,
    form,
    errors,
    errorList: planErrorList(errors, trainingFieldOrder, trainingDateFields),
    topicItems: trainingTopics.map((topic) => ({
      value: topic,
      text: topicNames[topic].text,
      hint: { text: topicNames[topic].hint },
      checked: form.topic === topic,
    })),
    levelItems: traumaLevels.map((level) => ({
      value: level,
      text: levelNames[level],
      checked: form.traumaLevel === level,
    })),
    completedOnItems: dateItems(form.completedOn, Boolean(errors.completedOn)),
    renewByItems: dateItems(form.renewBy, Boolean(errors.renewBy)),
  };
}

/** Workers' training in family-inclusive practice and more: team leads record it, each worker sees their own. */
export function trainingRoutes(app: FastifyInstance, db: Db): void {
  const practice = { preHandler: requireRole(...practiceRoles) };
  const leads = { preHandler: requireRole('team_lead') };
  const today = () => todayInUk(new Date());
  const repository = (access: AccessContext) => new TrainingRepository(db, access);

  app.get('/practice/training', practice, async (request, reply) => {
    if (!hasRole(request.access, 'team_lead'))
      return reply.redirect(`/practice/training/workers/${request.access.userId}`, 303);
    const day = today();
    const rows = await repository(request.access).team(day);
    return reply.page(`${pages}/team.njk`, {
      workers: rows.map((row) => presentWorkerTraining(row, day)),
      summary: teamSummary(rows),
    });
  });

  async function workerOf(access: AccessContext, params: unknown) {
    const day = today();
    const row = await repository(access).worker(idParam(params, 'userId'), day);
    if (!row) throw new NotFoundError();
    return presentWorkerTraining(row, day);
  }

  app.get('/practice/training/workers/:userId', practice, async (request, reply) => {
    const worker = await workerOf(request.access, request.params);
    const day = today();
    const records = (await repository(request.access).records(worker.userId)).map((r) =>
      presentRecord(r, day),
    );
    const query = (request.query as Record<string, string> | undefined) ?? {};
    return reply.page(`${pages}/worker.njk`, {
      worker,
      isLead: hasRole(request.access, 'team_lead'),
      own: worker.userId === request.access.userId,
      current: records.filter((r) => !r.withdrawn),
      withdrawn: records.filter((r) => r.withdrawn),
      recorded: query.recorded === '1',
      withdrawnSaved: query.withdrawn === '1',
    });
  });

  app.get('/practice/training/workers/:userId/new', leads, async (request, reply) => {
    const worker = await workerOf(request.access, request.params);
    const form = parseTrainingForm({});
    form.completedOn = partsOfIso(today());
    return reply.page(`${pages}/addTraining.njk`, trainingFormContext(worker, form));
  });

  app.post('/practice/training/workers/:userId/new', leads, async (request, reply) => {
    const worker = await workerOf(request.access, request.params);
    const form = parseTrainingForm(request.body);
    const checked = checkTrainingForm(form, today());
    if (!checked.ok)
      return reply
        .code(400)
        .page(`${pages}/addTraining.njk`, trainingFormContext(worker, form, checked.errors));
    const id = await repository(request.access).add(worker.userId, checked.value, today());
    if (!id) throw new NotFoundError();
    return reply.redirect(`${worker.href}?recorded=1`, 303);
  });

  async function recordOf(access: AccessContext, params: unknown) {
    const row = await repository(access).record(idParam(params, 'recordId'));
    if (!row) throw new NotFoundError();
    return {
      row,
      record: presentRecord(row, today()),
      workerHref: `/practice/training/workers/${row.userId}`,
    };
  }

  app.get('/practice/training/records/:recordId/withdraw', leads, async (request, reply) => {
    const { record, workerHref } = await recordOf(request.access, request.params);
    return reply.page(`${pages}/withdraw.njk`, { record, workerHref, entered: '', errors: {} });
  });

  app.post('/practice/training/records/:recordId/withdraw', leads, async (request, reply) => {
    const { row, record, workerHref } = await recordOf(request.access, request.params);
    const checked = checkWithdrawForm(request.body);
    if (!checked.ok)
      return reply.code(400).page(`${pages}/withdraw.njk`, {
        record,
        workerHref,
        entered: checked.entered,
        errors: checked.errors,
        errorList: planErrorList(checked.errors, ['reason']),
      });
    const outcome = await repository(request.access).withdraw(row.id, checked.value);
    if (outcome === 'not-found') throw new NotFoundError();
    if (outcome === 'already') {
      const fresh = await recordOf(request.access, request.params);
      return reply
        .code(409)
        .page(`${pages}/withdraw.njk`, { record: fresh.record, workerHref, entered: '', errors: {} });
    }
    return reply.redirect(`${workerHref}?withdrawn=1`, 303);
  });
}
