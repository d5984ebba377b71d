import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import { hasRole, practiceRoles } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { requireRole } from '../../platform/auth/authHooks.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { errorList, type FieldErrors } from '../../platform/http/forms.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { displayName } from '../members/memberAge.ts';
import { idParam } from '../plan/planPageHelpers.ts';
import {
  allocationFieldOrder,
  checkAllocationForm,
  checkLimitForm,
  parseAllocationForm,
  weights,
} from './caseloadForms.ts';
import { presentUnallocated, presentWorker, weightText } from './caseloadPresenter.ts';
import { CaseloadRepository, unallocatedShown, type WorkerCaseload } from './caseloadRepository.ts';
import { CaseloadService, loadAfter } from './caseloadService.ts';
import { presentMyWork } from './myWorkPresenter.ts';
import { findMyWork } from './myWorkRepository.ts';

type Support = NonNullable<Awaited<ReturnType<CaseloadRepository['support']>>>;

function allocationContext(
  support: Support,
  workers: WorkerCaseload[],
  chosen: { workerId: string; weight: string },
  errors: FieldErrors = {},
) {
  const weight = Number(chosen.weight) || support.weight;
  return {
    support: {
      ...support,
      member: displayName({
        givenName: support.givenName,
        preferredName: support.preferredName,
        familyName: support.memberFamilyName,
      }),
    },
    errors,
    errorList: errorList(errors, allocationFieldOrder),
    workerItems: workers.map((w) => {
      const row = presentWorker(w);
      const after = loadAfter(w, weight, support.workerId, support.weight);
      return {
        value: w.userId,
        text: w.name,
        checked: chosen.workerId === w.userId,
        hint: {
          text: `${row.role}. Now ${row.load}${w.limit === null ? ' (no limit set)' : ''}; ${after} after this${
            w.limit !== null && after > w.limit ? ', over the limit' : ''
          }`,
        },
      };
    }),
    weightItems: weights.map((w) => ({
      value: String(w.value),
      text: w.text,
      hint: { text: w.hint },
      checked: String(weight) === String(w.value),
    })),
  };
}

/** Caseloads against their limits, allocating new work, and setting limits (team leads). */
export function caseloadRoutes(app: FastifyInstance, db: Db): void {
  const practice = { preHandler: requireRole(...practiceRoles) };
  const leads = { preHandler: requireRole('team_lead') };
  const service = new CaseloadService(db);
  const allocateTemplate = 'features/caseload/pages/allocate.njk';

  app.get('/practice/caseload', practice, async (request, reply) => {
    const caseloads = new CaseloadRepository(db, request.access);
    const isLead = hasRole(request.access, 'team_lead');
    const today = todayInUk(new Date());
    const [workers, unallocated, mine] = await Promise.all([
      caseloads.workers(),
      isLead ? caseloads.unallocated() : Promise.resolve([]),
      findMyWork(db, request.access, today, 'all'),
    ]);
    const query = request.query as Record<string, string> | undefined;
    return reply.page('features/caseload/pages/caseload.njk', {
      isLead,
      workers: workers.map(presentWorker),
      overLimit: workers.filter((w) => w.limit !== null && w.weighted > w.limit).map((w) => w.name),
      unallocated: unallocated.slice(0, unallocatedShown).map(presentUnallocated),
      moreUnallocated: unallocated.length > unallocatedShown,
      mine: presentMyWork(mine, today),
      allocated: query?.allocated === '1',
      limitSet: query?.limit === '1',
    });
  });

  async function allocationPage(request: { params: unknown; access: Parameters<typeof hasRole>[0] }) {
    const supportId = idParam(request.params, 'supportId');
    const caseloads = new CaseloadRepository(db, request.access);
    const [support, workers] = await Promise.all([caseloads.support(supportId), caseloads.workers()]);
    if (!support) {
      await recordAudit(db, request.access, {
        action: 'caseload.allocate',
        outcome: 'denied',
        recordType: 'member_support',
        recordId: supportId,
      });
      throw new NotFoundError();
    }
    return { supportId, support, workers };
  }

  app.get('/practice/caseload/allocate/:supportId', leads, async (request, reply) => {
    const { support, workers } = await allocationPage(request);
    return reply.page(
      allocateTemplate,
      allocationContext(support, workers, {
        workerId: support.workerId ?? '',
        weight: String(support.weight),
      }),
    );
  });

  app.post('/practice/caseload/allocate/:supportId', leads, async (request, reply) => {
    const { supportId, support, workers } = await allocationPage(request);
    const form = parseAllocationForm(request.body);
    const checked = checkAllocationForm(
      form,
      workers.map((w) => w.userId),
    );
    if (!checked.ok)
      return reply
        .code(400)
        .page(allocateTemplate, allocationContext(support, workers, form, checked.errors));
    const result = await service.allocate(request.access, supportId, checked.value);
    switch (result.outcome) {
      case 'allocated':
        return reply.redirect('/practice/caseload?allocated=1', 303);
      case 'not-found':
        throw new NotFoundError();
      case 'bad-worker':
        return reply
          .code(400)
          .page(
            allocateTemplate,
            allocationContext(support, workers, form, { workerId: 'Choose a worker from the list' }),
          );
      case 'changed-meanwhile': {
        const fresh = await new CaseloadRepository(db, request.access).support(supportId);
        if (!fresh) throw new NotFoundError();
        return reply.code(409).page(allocateTemplate, {
          ...allocationContext(fresh, workers, form),
          changedMeanwhile: true,
        });
      }
      case 'over-limit':
        return reply.code(409).page('features/caseload/pages/overLimit.njk', {
          supportId,
          worker: presentWorker(result.worker),
          after: result.after,
          over: result.after - (result.worker.limit ?? 0),
          form: { ...form, weightText: weightText(checked.value.weight) },
          member: allocationContext(support, workers, form).support.member,
        });
    }
  });

  async function workerForLimit(request: { params: unknown; access: Parameters<typeof hasRole>[0] }) {
    const worker = await new CaseloadRepository(db, request.access).worker(idParam(request.params, 'userId'));
    if (!worker) throw new NotFoundError();
    return presentWorker(worker);
  }

  app.get('/practice/caseload/workers/:userId/limit', leads, async (request, reply) => {
    const worker = await workerForLimit(request);
    return reply.page('features/caseload/pages/limit.njk', {
      worker,
      entered: worker.limit === null ? '' : String(worker.limit),
      errors: {},
    });
  });

  app.post('/practice/caseload/workers/:userId/limit', leads, async (request, reply) => {
    const worker = await workerForLimit(request);
    const checked = checkLimitForm(request.body);
    if (!checked.ok)
      return reply.code(400).page('features/caseload/pages/limit.njk', {
        worker,
        entered: checked.entered,
        errors: checked.errors,
        errorList: errorList(checked.errors, ['limit']),
      });
    if (!(await service.setLimit(request.access, worker.userId, checked.value))) throw new NotFoundError();
    return reply.redirect('/practice/caseload?limit=1', 303);
  });
}
