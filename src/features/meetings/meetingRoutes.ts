import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import { practiceRoles } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { requireRole } from '../../platform/auth/authHooks.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { partsOfIso } from '../plan/planForms.ts';
import { dateItems, idParam, ownerChoices, planErrorList } from '../plan/planPageHelpers.ts';
import { memberName, planLinks } from '../plan/planPresenter.ts';
import { type PlanRecord, PlanRepository } from '../plan/planRepository.ts';
import { familyChanges } from '../team/familyChanges.ts';
import { meetingEditRoutes } from './meetingEditRoutes.ts';
import {
  checkMeetingForm,
  type MeetingForm,
  meetingDateFields,
  meetingFieldOrder,
  parseMeetingForm,
} from './meetingForm.ts';
import { meetingNames, presentMeetingHistory } from './meetingHistory.ts';
import { presentMeeting } from './meetingPresenter.ts';
import { MeetingRepository } from './meetingRepository.ts';

export function formContext(record: PlanRecord, form: MeetingForm, errors: Record<string, string> = {}) {
  const owners = ownerChoices(record);
  return {
    family: record.family,
    form,
    errors,
    errorList: planErrorList(errors, meetingFieldOrder(), meetingDateFields),
    heldOnItems: dateItems(form.heldOn, Boolean(errors.heldOn)),
    memberItems: record.members.map((m) => ({
      value: m.personId,
      text: memberName(m),
      checked: form.membersPresent.includes(m.personId),
    })),
    organisationItems: record.choices.organisations.map((o) => ({
      value: o.id,
      text: o.name,
      checked: form.organisationsPresent.includes(o.id),
    })),
    workerItems: record.choices.workers.map((w) => ({
      value: w.id,
      text: `${w.name}, ${w.organisationName}`,
      checked: form.workersPresent.includes(w.id),
    })),
    actionRows: form.actions.map((a, i) => ({
      number: i + 1,
      what: a.what,
      ownerItems: [
        { value: '', text: 'Choose who' },
        ...owners.map((o) => ({ ...o, selected: o.value === a.owner })),
      ],
      dueOnItems: dateItems(a.dueOn, Boolean(errors[`action-${i + 1}-dueOn`])),
    })),
  };
}

/** Meetings of the team around the family: the list, one meeting, and recording a meeting whose actions join the plan. */
export function meetingRoutes(app: FastifyInstance, db: Db): void {
  const practice = { preHandler: requireRole(...practiceRoles) };

  app.get('/practice/families/:familyId/meetings', practice, async (request, reply) => {
    const familyId = idParam(request.params, 'familyId');
    const record = await new PlanRepository(db, request.access).read(familyId, {
      action: 'meeting.read',
      audit: false,
    });
    if (!record) throw new NotFoundError();
    const query = (request.query as Record<string, string> | undefined) ?? {};
    const showInError = query.show === 'in-error';
    const repository = new MeetingRepository(db, request.access);
    const meetings = await repository.list(familyId, undefined, { inError: showInError });
    const inError = showInError
      ? meetings.filter((m) => m.inErrorAt).length
      : await repository.countInError(familyId);
    await recordAudit(db, request.access, {
      action: 'meeting.read',
      recordType: 'family',
      recordId: familyId,
      familyId,
      detail: { shown: meetings.length },
    });
    return reply.page('features/meetings/pages/meetings.njk', {
      family: record.family,
      links: planLinks(familyId),
      added: query.added === '1',
      meetings: meetings.map((m) => presentMeeting(m, record)),
      inError,
      showInError,
    });
  });

  app.get('/practice/families/:familyId/meetings/new', practice, async (request, reply) => {
    const familyId = idParam(request.params, 'familyId');
    const record = await new PlanRepository(db, request.access).read(familyId, { withChoices: true });
    if (!record) throw new NotFoundError();
    const form = parseMeetingForm({});
    form.heldOn = partsOfIso(todayInUk(new Date()));
    if (request.access.userId) form.workersPresent = [request.access.userId];
    if (request.access.organisationId) form.organisationsPresent = [request.access.organisationId];
    return reply.page('features/meetings/pages/addMeeting.njk', formContext(record, form));
  });

  app.post('/practice/families/:familyId/meetings/new', practice, async (request, reply) => {
    const familyId = idParam(request.params, 'familyId');
    const record = await new PlanRepository(db, request.access).read(familyId, {
      withChoices: true,
      audit: false,
      action: 'meeting.add',
    });
    if (!record) throw new NotFoundError();
    const form = parseMeetingForm(request.body);
    const checked = checkMeetingForm(form, {
      memberIds: record.members.map((m) => m.personId),
      organisationIds: record.choices.organisations.map((o) => o.id),
      workerIds: record.choices.workers.map((w) => w.id),
      owners: ownerChoices(record).map((o) => o.value),
      today: todayInUk(new Date()),
    });
    if (!checked.ok)
      return reply
        .code(400)
        .page('features/meetings/pages/addMeeting.njk', formContext(record, form, checked.errors));
    const created = await new MeetingRepository(db, request.access).add(familyId, checked.value);
    if (!created) throw new NotFoundError();
    return reply.redirect(`/practice/families/${familyId}/meetings/${created.id}?added=1`, 303);
  });

  app.get('/practice/families/:familyId/meetings/:meetingId', practice, async (request, reply) => {
    const familyId = idParam(request.params, 'familyId');
    const meetingId = idParam(request.params, 'meetingId');
    const record = await new PlanRepository(db, request.access).read(familyId, {
      action: 'meeting.read',
      audit: false,
      withChoices: true,
    });
    if (!record) throw new NotFoundError();
    const [meeting] = await new MeetingRepository(db, request.access).list(familyId, meetingId);
    if (!meeting) throw new NotFoundError();
    await recordAudit(db, request.access, {
      action: 'meeting.read',
      recordType: 'team_meeting',
      recordId: meetingId,
      familyId,
    });
    const { entries } = await familyChanges(db, request.access, familyId, ['team_meeting'], 50, meetingId);
    const saved = (request.query as Record<string, string> | undefined)?.saved;
    return reply.page('features/meetings/pages/meeting.njk', {
      family: record.family,
      links: planLinks(familyId),
      added: (request.query as Record<string, string> | undefined)?.added === '1',
      saved,
      meeting: presentMeeting(meeting, record),
      changes: presentMeetingHistory(entries, meetingNames(record)),
      changesTitle: 'History of this meeting’s record',
    });
  });

  meetingEditRoutes(app, db);
}
