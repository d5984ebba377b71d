import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { practiceRoles } from '../../platform/access/accessContext.ts';
import { requireRole } from '../../platform/auth/authHooks.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { errorList, type FieldErrors } from '../../platform/http/forms.ts';
import { displayName } from './memberAge.ts';
import {
  type LeaveFormValues,
  parseLeaveForm,
  parseSupportForm,
  type SupportFormValues,
  validateLeaveForm,
  validateSupportForm,
} from './memberChangeForms.ts';
import { MemberChangeService } from './memberChangeService.ts';
import { supportStatusNames } from './memberPresenter.ts';
import { MemberRepository } from './memberRepository.ts';
import { memberParams } from './memberRoutes.ts';
import { mergeRoutes } from './mergeRoutes.ts';

/** A member's own support with the user's organisation, and leaving or moving family. */
export function memberChangeRoutes(app: FastifyInstance, db: Db): void {
  const practice = { preHandler: requireRole(...practiceRoles) };
  const service = new MemberChangeService(db);
  const base = '/practice/families/:familyId/members/:personId';

  async function load(request: FastifyRequest) {
    const { familyId, personId } = memberParams(request);
    const members = new MemberRepository(db, request.access);
    const detail = await members.get(familyId, personId);
    if (!detail) throw new NotFoundError();
    return {
      members,
      detail,
      shared: {
        family: { id: familyId, name: detail.familyName, reference: detail.familyReference },
        name: displayName(detail.person),
        memberHref: `/practice/families/${familyId}/members/${personId}`,
      },
    };
  }

  async function supportPage(members: MemberRepository, form: SupportFormValues, errors: FieldErrors = {}) {
    const workers = await members.workersOfOwnOrganisation();
    return {
      form,
      errors,
      errorList: errorList(errors, ['status', 'closedReason', 'workerId']),
      statusItems: Object.entries(supportStatusNames).map(([value, text]) => ({
        value,
        text,
        checked: form.status === value,
      })),
      workerItems: [
        { value: '', text: 'No worker named yet', selected: form.workerId === '' },
        ...workers.map((w) => ({ value: w.id, text: w.name, selected: w.id === form.workerId })),
      ],
      confidentialItems: [
        {
          value: 'yes',
          text: 'Keep this person’s support confidential to my organisation',
          hint: {
            text: 'Other organisations on the team will see that they are a family member, but not their support.',
          },
          checked: form.confidential,
        },
      ],
    };
  }

  app.get(`${base}/support`, practice, async (request, reply) => {
    const { members, detail, shared } = await load(request);
    const own = detail.support.find((s) => s.ownOrganisation);
    const form: SupportFormValues = {
      status: own?.status ?? 'not_started',
      closedReason: own?.closedReason ?? '',
      workerId: own?.workerId ?? '',
      confidential: own?.confidential ?? false,
    };
    return reply.page('features/members/pages/support.njk', {
      ...shared,
      ...(await supportPage(members, form)),
    });
  });

  app.post(`${base}/support`, practice, async (request, reply) => {
    const { members, detail, shared } = await load(request);
    const form = parseSupportForm(request.body);
    const result = validateSupportForm(form);
    let errors: FieldErrors = result.ok ? {} : result.errors;
    if (result.ok) {
      const outcome = await service.updateSupport(
        request.access,
        detail.familyId,
        detail.personId,
        result.input,
      );
      if (outcome === 'not-found') throw new NotFoundError();
      if (outcome === 'done') return reply.redirect(`${shared.memberHref}?saved=support`);
      errors = { workerId: 'Select a worker from your organisation' };
    }
    return reply.code(400).page('features/members/pages/support.njk', {
      ...shared,
      ...(await supportPage(members, form, errors)),
    });
  });

  async function leavePage(
    members: MemberRepository,
    familyId: string,
    form: LeaveFormValues,
    errors: FieldErrors = {},
  ) {
    const families = await members.otherVisibleFamilies(familyId);
    const dateError = errors.endedOn ? ' govuk-input--error' : '';
    return {
      form,
      errors,
      errorList: errorList(errors, ['endedOn', 'reason', 'toFamilyId']),
      dateItems: [
        { name: 'day', label: 'Day', value: form.day, classes: `govuk-input--width-2${dateError}` },
        { name: 'month', label: 'Month', value: form.month, classes: `govuk-input--width-2${dateError}` },
        { name: 'year', label: 'Year', value: form.year, classes: `govuk-input--width-4${dateError}` },
      ],
      familyItems: [
        { value: '', text: 'They are not moving to another family record', selected: form.toFamilyId === '' },
        ...families.map((f) => ({
          value: f.id,
          text: `${f.name} (${f.reference})`,
          selected: f.id === form.toFamilyId,
        })),
      ],
    };
  }

  app.get(`${base}/leave`, practice, async (request, reply) => {
    const { members, detail, shared } = await load(request);
    const form = { day: '', month: '', year: '', reason: '', toFamilyId: '' };
    return reply.page('features/members/pages/leave.njk', {
      ...shared,
      ...(await leavePage(members, detail.familyId, form)),
    });
  });

  app.post(`${base}/leave`, practice, async (request, reply) => {
    const { members, detail, shared } = await load(request);
    const form = parseLeaveForm(request.body);
    const moving = form.toFamilyId !== '';
    const result = validateLeaveForm(form, {
      startedOn: detail.membership.startedOn,
      today: new Date(),
      moving,
    });
    let errors: FieldErrors = result.ok ? {} : result.errors;
    if (result.ok) {
      const outcome = moving
        ? await service.move(request.access, detail.familyId, detail.personId, {
            toFamilyId: result.toFamilyId,
            movedOn: result.endedOn,
            reason: result.reason,
          })
        : await service.leave(request.access, detail.familyId, detail.personId, {
            endedOn: result.endedOn,
            reason: result.reason,
          });
      if (outcome === 'done')
        return reply.redirect(
          moving
            ? `/practice/families/${result.toFamilyId}/members/${detail.personId}`
            : `/practice/families/${detail.familyId}`,
        );
      if (outcome === 'not-found') throw new NotFoundError();
      errors = { toFamilyId: 'They are already a member of that family' };
    }
    return reply.code(400).page('features/members/pages/leave.njk', {
      ...shared,
      ...(await leavePage(members, detail.familyId, form, errors)),
    });
  });

  mergeRoutes(app, db);
}
