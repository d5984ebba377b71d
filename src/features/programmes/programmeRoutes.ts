import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import { programmeFormats } from '../../db/schema.ts';
import { hasRole, practiceRoles } from '../../platform/access/accessContext.ts';
import { requireRole } from '../../platform/auth/authHooks.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import type { FieldErrors } from '../../platform/http/forms.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { partsOfIso } from '../plan/planForms.ts';
import { dateItems, idParam, planErrorList } from '../plan/planPageHelpers.ts';
import { enrolmentRoutes } from './enrolmentRoutes.ts';
import {
  checkProgrammeForm,
  checkTrainedWorkerForm,
  type ProgrammeForm,
  parseProgrammeForm,
  parseTrainedWorkerForm,
  programmeFieldOrder,
  type TrainedWorkerForm,
  trainedWorkerFieldOrder,
} from './programmeForm.ts';
import { formatDay, formatNames, presentProgramme } from './programmePresenter.ts';
import { ProgrammeRepository, type WorkerChoice } from './programmeRepository.ts';

function programmeFormContext(form: ProgrammeForm, errors: FieldErrors = {}) {
  return {
    form,
    errors,
    errorList: planErrorList(errors, programmeFieldOrder),
    formatItems: programmeFormats.map((f) => ({
      value: f,
      text: formatNames[f],
      checked: form.format === f,
    })),
  };
}

function trainedFormContext(
  programme: ReturnType<typeof presentProgramme>,
  workers: WorkerChoice[],
  form: TrainedWorkerForm,
  errors: FieldErrors = {},
) {
  return {
    programme,
    form,
    errors,
    errorList: planErrorList(errors, trainedWorkerFieldOrder, ['trainedOn']),
    workerItems: [
      { value: '', text: 'Choose a worker', selected: !form.userId },
      ...workers.map((w) => ({
        value: w.id,
        text: w.trained ? `${w.name} (trained ${formatDay(w.trainedOn)})` : w.name,
        selected: w.id === form.userId,
      })),
    ],
    trainedOnItems: dateItems(form.trainedOn, Boolean(errors.trainedOn)),
  };
}

/** The programme catalogue, each programme's page, and team leads' pages to add a programme and record who is trained; then enrolments. */
export function programmeRoutes(app: FastifyInstance, db: Db): void {
  const practice = { preHandler: requireRole(...practiceRoles) };
  const lead = { preHandler: requireRole('team_lead') };

  app.get('/practice/programmes', practice, async (request, reply) => {
    const programmes = (await new ProgrammeRepository(db, request.access).catalogue()).map(presentProgramme);
    return reply.page('features/programmes/pages/programmes.njk', {
      catalogue: programmes.filter((p) => !p.ownProgramme),
      own: programmes.filter((p) => p.ownProgramme),
      canAdd: hasRole(request.access, 'team_lead'),
      added: (request.query as Record<string, string> | undefined)?.added === '1',
    });
  });

  app.get('/practice/programmes/new', lead, async (_request, reply) =>
    reply.page('features/programmes/pages/addProgramme.njk', programmeFormContext(parseProgrammeForm({}))),
  );

  app.post('/practice/programmes/new', lead, async (request, reply) => {
    const form = parseProgrammeForm(request.body);
    const checked = checkProgrammeForm(form);
    if (!checked.ok)
      return reply
        .code(400)
        .page('features/programmes/pages/addProgramme.njk', programmeFormContext(form, checked.errors));
    const outcome = await new ProgrammeRepository(db, request.access).add(checked.value);
    if (outcome.kind === 'code_taken') {
      const errors = { code: 'Another programme already has this code: enter a different code' };
      return reply
        .code(400)
        .page('features/programmes/pages/addProgramme.njk', programmeFormContext(form, errors));
    }
    return reply.redirect(`/practice/programmes/${outcome.id}?added=1`, 303);
  });

  app.get('/practice/programmes/:programmeId', practice, async (request, reply) => {
    const programmes = new ProgrammeRepository(db, request.access);
    const row = await programmes.get(idParam(request.params, 'programmeId'));
    if (!row) throw new NotFoundError();
    const workers = (await programmes.workers(row.id)).filter((w) => w.trained);
    const query = (request.query as Record<string, string> | undefined) ?? {};
    return reply.page('features/programmes/pages/programme.njk', {
      programme: presentProgramme(row),
      trained: workers.map((w) => ({
        name: w.name,
        trainedOn: formatDay(w.trainedOn) || 'Date not recorded',
      })),
      canRecordTraining: hasRole(request.access, 'team_lead'),
      added: query.added === '1',
      trainedSaved: query.trained === '1',
    });
  });

  app.get('/practice/programmes/:programmeId/trained', lead, async (request, reply) => {
    const programmes = new ProgrammeRepository(db, request.access);
    const row = await programmes.get(idParam(request.params, 'programmeId'));
    if (!row) throw new NotFoundError();
    const form = parseTrainedWorkerForm({});
    form.trainedOn = partsOfIso(todayInUk(new Date()));
    return reply.page(
      'features/programmes/pages/addTrainedWorker.njk',
      trainedFormContext(presentProgramme(row), await programmes.workers(row.id), form),
    );
  });

  app.post('/practice/programmes/:programmeId/trained', lead, async (request, reply) => {
    const programmes = new ProgrammeRepository(db, request.access);
    const row = await programmes.get(idParam(request.params, 'programmeId'));
    if (!row) throw new NotFoundError();
    const workers = await programmes.workers(row.id);
    const form = parseTrainedWorkerForm(request.body);
    const checked = checkTrainedWorkerForm(
      form,
      workers.map((w) => w.id),
      todayInUk(new Date()),
    );
    if (!checked.ok)
      return reply
        .code(400)
        .page(
          'features/programmes/pages/addTrainedWorker.njk',
          trainedFormContext(presentProgramme(row), workers, form, checked.errors),
        );
    await programmes.recordTrained(row.id, checked.value.userId, checked.value.trainedOn);
    return reply.redirect(`/practice/programmes/${row.id}?trained=1`, 303);
  });

  enrolmentRoutes(app, db);
}
