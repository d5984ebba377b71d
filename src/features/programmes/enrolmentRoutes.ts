import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import { type AccessContext, practiceRoles } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { requireRole } from '../../platform/auth/authHooks.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import type { FieldErrors } from '../../platform/http/forms.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { MemberRepository } from '../members/memberRepository.ts';
import { partsOfIso } from '../plan/planForms.ts';
import { dateItems, idParam, planErrorList } from '../plan/planPageHelpers.ts';
import {
  type ChooseForm,
  checkAge,
  checkChooseForm,
  checkEndForm,
  checkEnrolForm,
  type EndForm,
  type EndKind,
  type EnrolForm,
  endFieldOrder,
  enrolFieldOrder,
  parseChooseForm,
  parseEndForm,
  parseEnrolForm,
} from './enrolmentForm.ts';
import { EnrolmentRepository } from './enrolmentRepository.ts';
import { type EnrolMember, EnrolmentService } from './enrolmentService.ts';
import {
  enrolmentHref,
  presentEnrolment,
  presentProgramme,
  presentSessions,
  workerItems,
} from './programmePresenter.ts';
import { ProgrammeRepository, type ProgrammeRow } from './programmeRepository.ts';

type Family = { id: string; name: string; reference: string };

async function visibleFamily(db: Db, request: { access: AccessContext; params: unknown }) {
  const familyId = idParam(request.params, 'familyId');
  const family = await new MemberRepository(db, request.access).family(familyId);
  if (!family) throw new NotFoundError();
  return family;
}

function chooseContext(
  family: Family,
  members: EnrolMember[],
  programmes: ProgrammeRow[],
  form: ChooseForm,
  errors: FieldErrors = {},
) {
  return {
    family,
    errors,
    errorList: planErrorList(errors, ['personId', 'programmeId']),
    memberItems: members.map((m) => ({
      value: m.personId,
      text: m.name,
      checked: m.personId === form.personId,
    })),
    programmeItems: programmes.map((p) => {
      const shown = presentProgramme(p);
      return {
        value: p.id,
        text: p.name,
        hint: { text: `${shown.shape.format} · ${shown.shape.sessions} · ${shown.shape.ages}` },
        checked: p.id === form.programmeId,
      };
    }),
  };
}

/** Enrolling a member (choose who and which programme, then the details), an enrolment's page, and completing or ending it. */
export function enrolmentRoutes(app: FastifyInstance, db: Db): void {
  const practice = { preHandler: requireRole(...practiceRoles) };
  const base = (familyId: string) => `/practice/families/${familyId}/enrolments`;

  app.get('/practice/families/:familyId/enrolments', practice, async (request, reply) => {
    const family = await visibleFamily(db, request);
    const rows = (await new EnrolmentRepository(db, request.access).forFamily(family.id)) ?? [];
    return reply.page('features/programmes/pages/enrolments.njk', {
      family,
      enrolments: rows.map((r) => presentEnrolment(r, request.access.organisationId)),
    });
  });

  app.get('/practice/families/:familyId/enrolments/new', practice, async (request, reply) => {
    const family = await visibleFamily(db, request);
    const [members, programmes] = await Promise.all([
      new EnrolmentService(db, request.access).members(family.id),
      new ProgrammeRepository(db, request.access).catalogue(),
    ]);
    const personId = (request.query as Record<string, string> | undefined)?.personId ?? '';
    return reply.page(
      'features/programmes/pages/enrolChoose.njk',
      chooseContext(family, members, programmes, { personId, programmeId: '' }),
    );
  });

  app.post('/practice/families/:familyId/enrolments/new', practice, async (request, reply) => {
    const family = await visibleFamily(db, request);
    const [members, programmes] = await Promise.all([
      new EnrolmentService(db, request.access).members(family.id),
      new ProgrammeRepository(db, request.access).catalogue(),
    ]);
    const form = parseChooseForm(request.body);
    const checked = checkChooseForm(form, {
      memberIds: members.map((m) => m.personId),
      programmeIds: programmes.map((p) => p.id),
    });
    const errors: FieldErrors = checked.ok ? {} : checked.errors;
    const member = members.find((m) => m.personId === form.personId);
    const programme = programmes.find((p) => p.id === form.programmeId);
    if (member && programme) {
      const age = checkAge(member, programme, todayInUk(new Date()));
      if (age.kind === 'outside') errors.programmeId = age.message;
    }
    if (Object.keys(errors).length)
      return reply
        .code(400)
        .page(
          'features/programmes/pages/enrolChoose.njk',
          chooseContext(family, members, programmes, form, errors),
        );
    const query = new URLSearchParams({ personId: form.personId, programmeId: form.programmeId });
    return reply.redirect(`${base(family.id)}/new/details?${query}`, 303);
  });

  async function detailsContext(
    request: Parameters<typeof visibleFamily>[1],
    chosen: ChooseForm,
    form: EnrolForm,
    errors: FieldErrors = {},
    untrainedWorker?: string,
  ) {
    const family = await visibleFamily(db, request);
    const programmes = new ProgrammeRepository(db, request.access);
    const [members, programme] = await Promise.all([
      new EnrolmentService(db, request.access).members(family.id),
      programmes.get(chosen.programmeId),
    ]);
    const member = members.find((m) => m.personId === chosen.personId);
    if (!member || !programme) throw new NotFoundError();
    const [workers, groups] = await Promise.all([
      programmes.workers(programme.id),
      programmes.groups(programme.id),
    ]);
    const age = checkAge(member, programme, todayInUk(new Date()));
    return {
      family,
      member,
      programme: presentProgramme(programme),
      chosen,
      form,
      errors,
      errorList: planErrorList(errors, enrolFieldOrder, ['enrolledOn']),
      workerItems: workerItems(workers, form.workerId),
      noneTrained: !workers.some((w) => w.trained),
      groupItems: [
        { value: '', text: 'Not in a group yet', checked: !form.groupId },
        ...groups.map((g) => ({
          value: g.id,
          text: g.name,
          hint: { text: g.meets },
          checked: g.id === form.groupId,
        })),
      ],
      hasGroups: groups.length > 0,
      enrolledOnItems: dateItems(form.enrolledOn, Boolean(errors.enrolledOn)),
      ageWarning: age.kind === 'approximate' ? age.message : undefined,
      untrainedWorker,
      allowed: { members, workers },
    };
  }

  app.get('/practice/families/:familyId/enrolments/new/details', practice, async (request, reply) => {
    const chosen = parseChooseForm(request.query);
    const form = parseEnrolForm({});
    form.enrolledOn = partsOfIso(todayInUk(new Date()));
    if (request.access.userId) form.workerId = request.access.userId;
    const context = await detailsContext(request, chosen, form);
    if (!context.allowed.workers.some((w) => w.id === form.workerId)) form.workerId = '';
    return reply.page('features/programmes/pages/enrolDetails.njk', context);
  });

  app.post('/practice/families/:familyId/enrolments/new/details', practice, async (request, reply) => {
    const chosen = parseChooseForm(request.body);
    const form = parseEnrolForm(request.body);
    const context = await detailsContext(request, chosen, form);
    const render = async (errors: FieldErrors, untrained?: string) =>
      reply
        .code(untrained ? 200 : 400)
        .page(
          'features/programmes/pages/enrolDetails.njk',
          await detailsContext(request, chosen, form, errors, untrained),
        );
    const checked = checkEnrolForm(form, chosen, {
      workerIds: context.allowed.workers.map((w) => w.id),
      groupIds: context.groupItems.map((g) => g.value).filter(Boolean),
      today: todayInUk(new Date()),
    });
    if (!checked.ok) return render(checked.errors);
    const outcome = await new EnrolmentService(db, request.access).enrol(context.family.id, checked.value);
    if (outcome.kind === 'not_found') throw new NotFoundError();
    if (outcome.kind === 'invalid') return render(outcome.errors);
    if (outcome.kind === 'confirm_untrained') return render({}, outcome.workerName);
    return reply.redirect(`${base(context.family.id)}/${outcome.id}?added=1`, 303);
  });

  app.get('/practice/families/:familyId/enrolments/:enrolmentId', practice, async (request, reply) => {
    const family = await visibleFamily(db, request);
    const enrolments = new EnrolmentRepository(db, request.access);
    const row = await enrolments.get(family.id, idParam(request.params, 'enrolmentId'));
    if (!row) throw new NotFoundError();
    const query = (request.query as Record<string, string> | undefined) ?? {};
    return reply.page('features/programmes/pages/enrolment.njk', {
      family,
      enrolment: presentEnrolment(row, request.access.organisationId),
      sessions: presentSessions(await enrolments.sessions(row)),
      added: query.added === '1',
      ended: query.ended === '1',
    });
  });

  for (const [path, kind] of [
    ['complete', 'completed'],
    ['end-early', 'ended_early'],
  ] as [string, EndKind][]) {
    const url = `/practice/families/:familyId/enrolments/:enrolmentId/${path}`;
    const action = kind === 'completed' ? 'enrolment.complete' : 'enrolment.end_early';

    async function endContext(
      request: Parameters<typeof visibleFamily>[1],
      form: EndForm,
      errors: FieldErrors = {},
    ) {
      const family = await visibleFamily(db, request);
      const enrolmentId = idParam(request.params, 'enrolmentId');
      const row = await new EnrolmentRepository(db, request.access).get(family.id, enrolmentId, {
        audit: false,
        action,
      });
      if (!row || row.organisationId !== request.access.organisationId || row.status !== 'active') {
        if (row)
          await recordAudit(db, request.access, {
            action,
            outcome: 'denied',
            recordType: 'programme_enrolment',
            recordId: enrolmentId,
            familyId: family.id,
          });
        throw new NotFoundError();
      }
      return {
        family,
        kind,
        row,
        enrolment: presentEnrolment(row, request.access.organisationId),
        form,
        errors,
        errorList: planErrorList(errors, endFieldOrder, ['endedOn']),
        endedOnItems: dateItems(form.endedOn, Boolean(errors.endedOn)),
      };
    }

    app.get(url, practice, async (request, reply) => {
      const form = parseEndForm({});
      form.endedOn = partsOfIso(todayInUk(new Date()));
      const { row: _row, ...context } = await endContext(request, form);
      return reply.page('features/programmes/pages/endEnrolment.njk', context);
    });

    app.post(url, practice, async (request, reply) => {
      const form = parseEndForm(request.body);
      const { row, ...context } = await endContext(request, form);
      const checked = checkEndForm(form, kind, { enrolledOn: row.enrolledOn, today: todayInUk(new Date()) });
      if (!checked.ok) {
        const { row: _row, ...again } = await endContext(request, form, checked.errors);
        return reply.code(400).page('features/programmes/pages/endEnrolment.njk', again);
      }
      const outcome = await new EnrolmentService(db, request.access).end(
        context.family.id,
        row.id,
        checked.value,
      );
      if (outcome.kind !== 'ended') throw new NotFoundError();
      return reply.redirect(`${enrolmentHref(row)}?ended=1`, 303);
    });
  }
}
