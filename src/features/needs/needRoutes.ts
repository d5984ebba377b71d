import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { requireRole } from '../../platform/auth/authHooks.ts';
import {
  conflictView,
  editToken,
  readEditToken,
  StaleEditError,
} from '../../platform/concurrency/optimisticLock.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { type FieldErrors, field } from '../../platform/http/forms.ts';
import type { AuditResults } from '../audit/auditResults.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { partnershipRecordChanges } from '../partnership/partnershipHistory.ts';
import { idParam } from '../plan/planPageHelpers.ts';
import {
  blankNeedForm,
  checkNeedChange,
  checkNeedForm,
  type NeedForm,
  needFieldLabels,
  needFieldOrder,
  needFieldValues,
  parseNeedForm,
} from './needForm.ts';
import { maxImportRows, readNeedEstimates } from './needImport.ts';
import { defaultFamilyMultiplier, measureLabel, needMeasures, substanceUse } from './needMeasures.ts';
import {
  estimateText,
  localityItems,
  measureItems,
  mergedForm,
  needErrorList,
  presentEstimates,
  presentNeedHistory,
  yearItems,
} from './needPresenter.ts';
import { type NeedEstimateRow, NeedRepository } from './needRepository.ts';

const lead = { preHandler: requireRole('partnership_lead') };
const pages = 'features/needs/pages';

function thisYear(): number {
  return Number(todayInUk(new Date()).slice(0, 4));
}

/** The partnership's need estimates: the list by year, adding, changing with a version check, and importing. */
export function needRoutes(app: FastifyInstance, db: Db, results: AuditResults): void {
  app.get('/partnership/needs', lead, async (request, reply) => {
    const repository = new NeedRepository(db, request.access);
    const query = (request.query ?? {}) as Record<string, string>;
    const years = await repository.years();
    const asked = Number(query.year);
    const year = years.includes(asked) ? asked : (years[0] ?? thisYear());
    const localities = await repository.localities();
    return reply.page(`${pages}/needs.njk`, {
      year,
      yearItems: yearItems(years.length ? years : [year], year),
      places: presentEstimates(await repository.list(year), localities),
      added: query.added === '1',
      changed: query.changed === '1',
      imported: /^\d+,\d+$/.test(query.imported ?? '') ? (query.imported as string).split(',') : undefined,
      multiplier: defaultFamilyMultiplier,
    });
  });

  const formPage = async (
    repository: NeedRepository,
    form: NeedForm,
    errors: FieldErrors = {},
    existingId?: string,
  ) => ({
    form,
    errors,
    errorList: needErrorList(errors, needFieldOrder),
    localityItems: localityItems(await repository.localities(), form.localityId),
    measureItems: measureItems(form.measure),
    substanceUse,
    existingId,
  });

  app.get('/partnership/needs/new', lead, async (request, reply) => {
    const repository = new NeedRepository(db, request.access);
    return reply.page(`${pages}/needForm.njk`, await formPage(repository, blankNeedForm(thisYear())));
  });

  app.post('/partnership/needs/new', lead, async (request, reply) => {
    const repository = new NeedRepository(db, request.access);
    const form = parseNeedForm(request.body);
    const localities = await repository.localities();
    const checked = checkNeedForm(
      form,
      localities.map((l) => l.id),
    );
    if (!checked.ok)
      return reply.code(400).page(`${pages}/needForm.njk`, await formPage(repository, form, checked.errors));
    const saved = await repository.add(checked.value);
    if ('exists' in saved) {
      const place = localities.find((l) => l.id === checked.value.localityId)?.name ?? 'the whole area';
      const errors = {
        measure: `There is already an estimate of ${measureLabel(checked.value.measure).toLowerCase()} for ${place} in ${checked.value.forYear}: change that one instead`,
      };
      return reply
        .code(409)
        .page(`${pages}/needForm.njk`, await formPage(repository, form, errors, saved.exists));
    }
    results.forgetArea(request.access.partnershipAreaId);
    return reply.redirect(`/partnership/needs?year=${checked.value.forYear}&added=1`, 303);
  });

  const editPage = async (
    access: AccessContext,
    estimate: NeedEstimateRow,
    form: NeedForm,
    extra: Record<string, unknown>,
  ) => {
    const localities = await new NeedRepository(db, access).localities();
    const errors = (extra.errors ?? {}) as FieldErrors;
    return {
      estimate: {
        ...estimate,
        measureName: measureLabel(estimate.measure),
        place: estimate.localityName ?? 'The whole partnership area',
        text: estimateText(estimate),
      },
      form,
      errors,
      errorList: needErrorList(errors, needFieldOrder),
      substanceUse,
      changes: presentNeedHistory(
        await partnershipRecordChanges(db, access, 'need_estimate', estimate.id),
        localities,
      ),
      changesTitle: 'History of this estimate',
      ...extra,
    };
  };

  app.get('/partnership/needs/:estimateId/edit', lead, async (request, reply) => {
    const id = idParam(request.params, 'estimateId');
    const estimate = await new NeedRepository(db, request.access).get(id);
    if (!estimate) throw new NotFoundError();
    const values = needFieldValues(estimate);
    const form = { ...formOf(estimate), ...values } as NeedForm;
    return reply.page(
      `${pages}/needEdit.njk`,
      await editPage(request.access, estimate, mergedForm(form, values), {
        edit: editToken(estimate.version, values),
      }),
    );
  });

  app.post('/partnership/needs/:estimateId/edit', lead, async (request, reply) => {
    const id = idParam(request.params, 'estimateId');
    const repository = new NeedRepository(db, request.access);
    const estimate = await repository.get(id);
    if (!estimate) throw new NotFoundError();
    const token = readEditToken(request.body);
    if (!token) throw new NotFoundError();
    const form = { ...parseNeedForm(request.body), measure: estimate.measure };
    const errors: FieldErrors = {};
    const change = checkNeedChange(form, errors);
    const edit = { version: token.version, base: JSON.stringify(token.base) };
    if (Object.keys(errors).length)
      return reply
        .code(400)
        .page(`${pages}/needEdit.njk`, await editPage(request.access, estimate, form, { errors, edit }));
    try {
      if (!(await repository.update(id, change, token))) throw new NotFoundError();
    } catch (error) {
      if (!(error instanceof StaleEditError)) throw error;
      const typed = {
        estimate: form.estimate || null,
        familyMultiplier: form.familyMultiplier || null,
        source: form.source || null,
      };
      const conflict = conflictView(error, needFieldLabels, token.base, typed, {
        discardHref: `/partnership/needs/${id}/edit`,
      });
      const current = (await repository.get(id)) ?? estimate;
      return reply.code(409).page(
        `${pages}/needEdit.njk`,
        await editPage(request.access, current, mergedForm(form, conflict.formValues), {
          edit: conflict.edit,
          conflict,
        }),
      );
    }
    results.forgetArea(request.access.partnershipAreaId);
    return reply.redirect(`/partnership/needs?year=${estimate.forYear}&changed=1`, 303);
  });

  const importPage = (csv: string, errorList: { text: string; href: string }[] = []) => ({
    csv,
    errorList,
    maxRows: maxImportRows.toLocaleString('en-GB'),
    measures: needMeasures,
    multiplier: defaultFamilyMultiplier,
  });

  app.get('/partnership/needs/import', lead, async (_request, reply) =>
    reply.page(`${pages}/needImport.njk`, importPage('')),
  );

  app.post('/partnership/needs/import', lead, async (request, reply) => {
    const repository = new NeedRepository(db, request.access);
    const csv = field(request.body, 'csv');
    const { rows, problems } = readNeedEstimates(csv, await repository.localities());
    if (problems.length) {
      const shown = problems
        .slice(0, 50)
        .map((p) => ({ text: `Line ${p.line}: ${p.problem}`, href: '#csv' }));
      if (problems.length > 50)
        shown.push({ text: `… and ${problems.length - 50} more lines`, href: '#csv' });
      return reply.code(400).page(`${pages}/needImport.njk`, importPage(csv, shown));
    }
    const saved = await repository.importRows(rows);
    const year = Math.max(...rows.map((r) => r.forYear));
    results.forgetArea(request.access.partnershipAreaId);
    return reply.redirect(`/partnership/needs?year=${year}&imported=${saved.added},${saved.changed}`, 303);
  });
}

function formOf(estimate: NeedEstimateRow): NeedForm {
  return {
    localityId: estimate.localityId ?? 'area',
    measure: estimate.measure,
    forYear: String(estimate.forYear),
    estimate: String(estimate.estimate),
    familyMultiplier: estimate.familyMultiplier === null ? '' : String(estimate.familyMultiplier),
    source: estimate.source,
  };
}
