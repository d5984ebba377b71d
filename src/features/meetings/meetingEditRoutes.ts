import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { practiceRoles } from '../../platform/access/accessContext.ts';
import { requireRole } from '../../platform/auth/authHooks.ts';
import { inErrorForm, postInError } from '../../platform/concurrency/inError.ts';
import {
  conflictView,
  editToken,
  readEditToken,
  StaleEditError,
} from '../../platform/concurrency/optimisticLock.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { idParam, ownerChoices } from '../plan/planPageHelpers.ts';
import { planLinks } from '../plan/planPresenter.ts';
import { PlanRepository } from '../plan/planRepository.ts';
import {
  checkInErrorForm,
  checkMeetingForm,
  meetingEditLabels,
  meetingFormOf,
  meetingValues,
  parseMeetingForm,
} from './meetingForm.ts';
import { meetingNames, readableConflict } from './meetingHistory.ts';
import { MeetingRepository } from './meetingRepository.ts';
import { formContext } from './meetingRoutes.ts';
import { choosableFields, MeetingService } from './meetingService.ts';

const formPage = 'features/meetings/pages/addMeeting.njk';
const inErrorPage = 'features/meetings/pages/inError.njk';

/** Correcting a recorded meeting, and marking one as recorded in error; both checked against the version the page showed. */
export function meetingEditRoutes(app: FastifyInstance, db: Db): void {
  const practice = { preHandler: requireRole(...practiceRoles) };

  /** The family's plan record and the meeting (still standing), or not found. */
  async function load(request: FastifyRequest, audit: boolean) {
    const familyId = idParam(request.params, 'familyId');
    const meetingId = idParam(request.params, 'meetingId');
    const record = await new PlanRepository(db, request.access).read(familyId, {
      action: 'meeting.edit',
      withChoices: true,
      audit,
    });
    if (!record) throw new NotFoundError();
    const [meeting] = await new MeetingRepository(db, request.access).list(familyId, meetingId);
    if (!meeting || meeting.inErrorAt) throw new NotFoundError();
    const href = `/practice/families/${familyId}/meetings/${meetingId}`;
    const values = meetingValues(choosableFields(meeting, record));
    return { familyId, meetingId, record, meeting, href, values };
  }

  const editContext = (l: Awaited<ReturnType<typeof load>>) => ({
    editing: true,
    backHref: l.href,
    formAction: `${l.href}/edit`,
  });

  app.get('/practice/families/:familyId/meetings/:meetingId/edit', practice, async (request, reply) => {
    const l = await load(request, true);
    return reply.page(formPage, {
      ...formContext(l.record, meetingFormOf(l.values)),
      ...editContext(l),
      edit: editToken(l.meeting.version, l.values),
    });
  });

  app.post('/practice/families/:familyId/meetings/:meetingId/edit', practice, async (request, reply) => {
    const l = await load(request, false);
    const token = readEditToken(request.body);
    if (!token) throw new NotFoundError();
    const form = parseMeetingForm(request.body);
    const checked = checkMeetingForm(form, {
      memberIds: l.record.members.map((m) => m.personId),
      organisationIds: l.record.choices.organisations.map((o) => o.id),
      workerIds: l.record.choices.workers.map((w) => w.id),
      owners: ownerChoices(l.record).map((o) => o.value),
      today: todayInUk(new Date()),
    });
    const edit = editToken(token.version, token.base);
    if (!checked.ok)
      return reply
        .code(400)
        .page(formPage, { ...formContext(l.record, form, checked.errors), ...editContext(l), edit });
    const { actions: _none, ...input } = checked.value;
    try {
      const saved = await new MeetingService(db, request.access).correct(
        l.familyId,
        l.meetingId,
        token,
        input,
      );
      if (!saved) throw new NotFoundError();
    } catch (error) {
      if (!(error instanceof StaleEditError)) throw error;
      const conflict = readableConflict(
        conflictView(error, meetingEditLabels, token.base, meetingValues(input), {
          discardHref: `${l.href}/edit`,
        }),
        meetingNames(l.record),
      );
      return reply.code(409).page(formPage, {
        ...formContext(l.record, meetingFormOf(conflict.formValues)),
        ...editContext(l),
        edit: conflict.edit,
        conflict,
      });
    }
    return reply.redirect(`${l.href}?saved=corrected`, 303);
  });

  const inErrorContext = (l: Awaited<ReturnType<typeof load>>, form: Record<string, unknown>) => ({
    family: l.record.family,
    links: planLinks(l.familyId),
    meetingHref: l.href,
    heldOn: l.meeting.heldOn,
    ...form,
  });

  app.get('/practice/families/:familyId/meetings/:meetingId/in-error', practice, async (request, reply) => {
    const l = await load(request, true);
    return reply.page(inErrorPage, inErrorContext(l, inErrorForm(l.meeting.version)));
  });

  app.post('/practice/families/:familyId/meetings/:meetingId/in-error', practice, async (request, reply) => {
    const l = await load(request, false);
    return postInError(request, reply, {
      template: inErrorPage,
      context: (form) => inErrorContext(l, form),
      version: l.meeting.version,
      noun: 'meeting',
      check: checkInErrorForm,
      mark: (version, reason) =>
        new MeetingService(db, request.access).markInError(l.familyId, l.meetingId, version, reason),
      href: l.href,
    });
  });
}
