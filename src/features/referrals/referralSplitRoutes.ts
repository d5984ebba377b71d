// The receiving side's page for deciding some of a referral's members apart
// from the rest: pass them on to another service, or decline for them.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { memberOutcomes } from '../../db/schema.ts';
import { type AccessContext, practiceRoles } from '../../platform/access/accessContext.ts';
import { requireRole } from '../../platform/auth/authHooks.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { type FieldErrors, field, fields } from '../../platform/http/forms.ts';
import type { Mailer } from '../notifications/mailer.ts';
import { idParam, planErrorList } from '../plan/planPageHelpers.ts';
import { passOnChoices, serviceById, serviceRefusal } from './referralDirectory.ts';
import { referralHref, statusTag } from './referralPresenter.ts';
import { type ReferralDetail, ReferralRepository } from './referralRepository.ts';
import { type CurrentState, conflictMessage } from './referralService.ts';
import { type SplitInput, splitReferral, splitStatuses } from './referralSplit.ts';
import type { Side } from './referralStatus.ts';

type Request = FastifyRequest & { access: AccessContext };

const template = 'features/referrals/pages/split.njk';
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const fieldOrder = ['personIds', 'outcome', 'serviceId', 'reason', 'suggestion'] as const;

interface SplitForm {
  version: string;
  personIds: string[];
  outcome: string;
  serviceId: string;
  reason: string;
  suggestion: string;
}

function parseSplitForm(body: unknown): SplitForm {
  return {
    version: field(body, 'version'),
    personIds: fields(body, 'personIds'),
    outcome: field(body, 'outcome'),
    serviceId: field(body, 'serviceId'),
    reason: field(body, 'reason'),
    suggestion: field(body, 'suggestion'),
  };
}

/** Checks the form: who, what happens for them, where to (when passing on), and why. */
export function checkSplitForm(
  form: SplitForm,
  serviceIds: readonly string[],
): { ok: true; value: SplitInput } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (form.personIds.length === 0) errors.personIds = 'Select who this decision is for';
  const outcome = memberOutcomes.find((o) => o === form.outcome);
  if (!outcome) errors.outcome = 'Select whether to pass them on or decline for them';
  if (outcome === 'passed_on' && !serviceIds.includes(form.serviceId))
    errors.serviceId = 'Select the service to pass them on to';
  if (!form.reason)
    errors.reason =
      outcome === 'declined' ? 'Enter why you are declining for them' : 'Enter why you are passing them on';
  else if (form.reason.length > 2000) errors.reason = 'The reason must be 2,000 characters or fewer';
  if (form.suggestion.length > 1000)
    errors.suggestion = 'Where they could go instead must be 1,000 characters or fewer';
  if (!outcome || Object.keys(errors).length) return { ok: false, errors };
  const version = Number(form.version);
  return {
    ok: true,
    value: {
      version: Number.isInteger(version) ? version : 0,
      personIds: form.personIds,
      outcome,
      serviceId: outcome === 'passed_on' ? form.serviceId : null,
      reason: form.reason,
      suggestion: form.suggestion || null,
    },
  };
}

/** Whether this side may decide some members apart now: the receiver, before deciding, with two or more members. */
export function canSplit(row: ReferralDetail, side: Side, memberCount: number): boolean {
  return (
    side === 'receiver' &&
    splitStatuses.includes(row.status) &&
    row.origin !== 'self_referral' &&
    memberCount >= 2
  );
}

export function referralSplitRoutes(app: FastifyInstance, db: Db, mailer: Mailer): void {
  const practice = { preHandler: requireRole(...practiceRoles) };
  const path = '/practice/referrals/:referralId/split';

  async function load(request: Request) {
    const referrals = new ReferralRepository(db, request.access);
    const found = await referrals.get(idParam(request.params, 'referralId'));
    if (!found) throw new NotFoundError();
    const members = await referrals.members(found.row, found.side);
    return { ...found, members };
  }

  async function context(
    row: ReferralDetail,
    members: { personId: string; name: string | null }[],
    form: SplitForm,
    errors: FieldErrors = {},
    conflict?: { current: CurrentState; stillOpen: boolean },
    words = '',
  ) {
    const choices = await passOnChoices(db, words, form.serviceId, row.serviceId);
    return {
      row,
      status: statusTag(row.status),
      form,
      errors,
      errorList: planErrorList(errors, fieldOrder),
      memberItems: members.map((m) => ({
        value: m.personId,
        text: m.name ?? 'A family member',
        checked: form.personIds.includes(m.personId),
      })),
      outcomeItems: [
        {
          value: 'passed_on',
          text: 'Pass them on to another service',
          hint: { text: 'A new referral goes to that service for them, with the history so far' },
          checked: form.outcome === 'passed_on',
        },
        { value: 'declined', text: 'Decline for them', checked: form.outcome === 'declined' },
      ],
      words,
      servicesCapped: choices.capped,
      serviceItems: choices.items,
      conflict: conflict && {
        message: conflictMessage(conflict.current),
        status: statusTag(conflict.current.status),
        stillOpen: conflict.stillOpen,
      },
      back: referralHref(row.id),
    };
  }

  app.get(path, practice, async (request, reply) => {
    const { row, side, members } = await load(request);
    if (!canSplit(row, side, members.length)) return reply.redirect(referralHref(row.id), 303);
    const form = { ...parseSplitForm({}), version: String(row.version) };
    return reply.page(template, await context(row, members, form, {}, undefined, field(request.query, 'q')));
  });

  app.post(path, practice, async (request, reply: FastifyReply) => {
    const { row, side, members } = await load(request);
    const form = parseSplitForm(request.body);
    if (side !== 'receiver') return reply.redirect(referralHref(row.id), 303);
    // Any active service but this one (the kernel checks it again, in the transaction).
    const chosen = uuidPattern.test(form.serviceId) ? await serviceById(db, form.serviceId) : undefined;
    const open = chosen && !serviceRefusal(chosen) && chosen.id !== row.serviceId ? [chosen.id] : [];
    const checked = checkSplitForm(form, open);
    if (!checked.ok) return reply.code(400).page(template, await context(row, members, form, checked.errors));
    const result = await splitReferral(db, request.access, row.id, checked.value, mailer);
    if (result.kind === 'split') {
      mailer.nudge();
      return reply.redirect(`${referralHref(row.id)}?decided=${checked.value.outcome}`, 303);
    }
    if (result.kind === 'not_found') throw new NotFoundError();
    if (result.kind === 'invalid')
      return reply.code(400).page(template, await context(row, members, form, result.errors));
    // Someone else changed the referral first: say what it is now, keep what the user wrote.
    const now = await load(request);
    const current: CurrentState =
      result.kind === 'conflict'
        ? result.current
        : { reference: now.row.reference, status: now.row.status, version: now.row.version, changedBy: null };
    const stillOpen = canSplit(now.row, side, now.members.length);
    return reply
      .code(409)
      .page(
        template,
        await context(
          now.row,
          now.members,
          { ...form, version: String(now.row.version) },
          {},
          { current, stillOpen },
        ),
      );
  });
}
