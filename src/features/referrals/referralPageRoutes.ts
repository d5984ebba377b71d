import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import type { ReferralStatus } from '../../db/schema.ts';
import { type AccessContext, practiceRoles } from '../../platform/access/accessContext.ts';
import { requireRole } from '../../platform/auth/authHooks.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { type FieldErrors, field } from '../../platform/http/forms.ts';
import { uuidPattern } from '../admin/adminAccess.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { audiences, labelOf } from '../directory/vocabulary.ts';
import type { Mailer } from '../notifications/mailer.ts';
import { partsOfIso } from '../plan/planForms.ts';
import { dateItems, idParam, planErrorList } from '../plan/planPageHelpers.ts';
import { formatDay } from '../programmes/programmePresenter.ts';
import { type AcceptContext, acceptContext, acceptView } from './referralAcceptPage.ts';
import { passOnChoices, serviceById } from './referralDirectory.ts';
import {
  checkMoveForm,
  consentMethodLabels,
  type MoveForm,
  moveFieldOrder,
  parseMoveForm,
  urgencyLabels,
} from './referralForm.ts';
import { matchFieldOrder } from './referralMatch.ts';
import { applyMove, offeredMoves } from './referralMoves.ts';
import { outsidePanel } from './referralOutside.ts';
import {
  moveByPath,
  moveLabels,
  originLabels,
  presentEvents,
  presentOutcomes,
  presentWait,
  referralHref,
  statusTag,
} from './referralPresenter.ts';
import { type ReferralDetail, ReferralRepository } from './referralRepository.ts';
import { type CurrentState, conflictMessage } from './referralService.ts';
import { canSplit } from './referralSplitRoutes.ts';
import { statusLabels } from './referralStatus.ts';

type Request = FastifyRequest & { access: AccessContext };

const contactMethodWords = {
  phone: 'By phone call',
  text: 'By text message',
  email: 'By email',
  none: 'Do not contact them: they will get in touch themselves',
} as const;

async function load(db: Db, request: Request, options: { audit?: boolean } = {}) {
  const found = await new ReferralRepository(db, request.access).get(
    idParam(request.params, 'referralId'),
    options,
  );
  if (!found) throw new NotFoundError();
  return found;
}

/** A referral's page, and the moves open to the side the user acts for. */
export function referralPageRoutes(app: FastifyInstance, db: Db, mailer: Mailer): void {
  const practice = { preHandler: requireRole(...practiceRoles) };

  app.get('/practice/referrals/:referralId', practice, async (request, reply) => {
    const { row, side } = await load(db, request);
    const referrals = new ReferralRepository(db, request.access);
    const members = await referrals.members(row, side);
    const events = await referrals.events(row.id);
    const self = await referrals.selfReferral(row, side);
    const outcomes = await referrals.outcomes(row, side);
    const query = request.query as Record<string, string> | undefined;
    const consentName = members.find((m) => m.personId === row.consentPersonId)?.name;
    return reply.page('features/referrals/pages/referral.njk', {
      row,
      side,
      status: statusTag(row.status),
      origin: originLabels[row.origin],
      urgency: urgencyLabels[row.urgency],
      received: row.receivedOn ? formatDay(row.receivedOn) : undefined,
      firstSupport: row.firstSupportOn ? formatDay(row.firstSupportOn) : undefined,
      wait: presentWait(row, todayInUk(new Date())),
      members: members.map((m) => m.name ?? 'A family member you cannot see'),
      sharing:
        row.sharingBasis === 'consent'
          ? `Consent given by ${consentName ?? 'a family member'}, ${consentMethodLabels[row.consentMethod as 'verbal'].toLowerCase()}, on ${formatDay(row.consentOn)}`
          : row.sharingBasis === 'protection_concern'
            ? 'Without consent, for a recorded protection concern'
            : row.origin === 'self_referral'
              ? 'The person referred themselves'
              : 'Not given yet (draft)',
      self: self && {
        ...self,
        audience: self.audience ? labelOf(audiences, self.audience) : 'Not said',
        how: contactMethodWords[self.contactMethod],
      },
      route: { name: row.serviceName, ...row },
      familyHref:
        side === 'referrer' && row.familyId
          ? `/practice/families/${row.familyId}`
          : row.receivingFamilyId
            ? `/practice/families/${row.receivingFamilyId}`
            : undefined,
      history: presentEvents(events),
      moves: offeredMoves(row, side).map((to) => ({
        text: moveLabels[to]?.button,
        href: `${referralHref(row.id)}/${moveLabels[to]?.path}`,
      })),
      outcomes: presentOutcomes(outcomes),
      splitHref: canSplit(row, side, members.length) ? `${referralHref(row.id)}/split` : undefined,
      decided: query?.decided === 'passed_on' || query?.decided === 'declined' ? query.decided : undefined,
      outside: await outsidePanel(db, row, side),
      linkSent: query?.linkSent === '1',
      sent: query?.sent === '1',
      saved: query?.saved === '1',
      moved: query?.moved,
    });
  });

  async function moveContext(
    row: ReferralDetail,
    to: ReferralStatus,
    form: MoveForm,
    errors: FieldErrors = {},
    conflict?: { current: CurrentState; stillOpen: boolean; refused: boolean },
    accept?: AcceptContext,
    words = '',
  ) {
    const choices =
      to === 'redirected'
        ? await passOnChoices(db, words, form.serviceId, row.serviceId)
        : { items: [], capped: false };
    return {
      row,
      to,
      labels: moveLabels[to],
      status: statusTag(row.status),
      form,
      errors,
      errorList: planErrorList(
        errors,
        [...matchFieldOrder, ...moveFieldOrder],
        ['firstSupportOn', 'matchDob'],
      ),
      ...(accept ? await acceptView(db, row, accept, errors) : {}),
      words,
      servicesCapped: choices.capped,
      serviceItems: choices.items,
      firstSupportOnItems: dateItems(form.firstSupportOn, Boolean(errors.firstSupportOn)),
      conflict: conflict && {
        message: conflict.refused
          ? `This referral is ${statusLabels[conflict.current.status]}: your organisation cannot make this change to it now`
          : conflictMessage(conflict.current),
        status: statusTag(conflict.current.status),
        stillOpen: conflict.stillOpen,
      },
      back: referralHref(row.id),
    };
  }

  const movePath = '/practice/referrals/:referralId/:move';

  function moveOf(request: Request): ReferralStatus {
    const to = moveByPath((request.params as { move?: string }).move ?? '');
    if (!to) throw new NotFoundError();
    return to;
  }

  app.get(movePath, practice, async (request, reply) => {
    const to = moveOf(request);
    const { row, side } = await load(db, request, { audit: false });
    if (!offeredMoves(row, side).includes(to)) return reply.redirect(referralHref(row.id), 303);
    const form = { ...parseMoveForm({}), version: String(row.version) };
    if (to === 'started') form.firstSupportOn = partsOfIso(todayInUk(new Date()));
    const accept = to === 'accepted' ? await acceptContext(db, request.access, row, side) : undefined;
    return reply.page(
      'features/referrals/pages/move.njk',
      await moveContext(row, to, form, {}, undefined, accept, field(request.query, 'q')),
    );
  });

  app.post(movePath, practice, async (request, reply: FastifyReply) => {
    const to = moveOf(request);
    const { row, side } = await load(db, request, { audit: false });
    const form = parseMoveForm(request.body);
    // The service chosen to pass it on to, by its id: the list offers the first 50 by name, but any active one will do.
    const chosen =
      to === 'redirected' && uuidPattern.test(form.serviceId)
        ? await serviceById(db, form.serviceId)
        : undefined;
    const services = chosen && chosen.status === 'active' ? [chosen] : [];
    const checked = checkMoveForm(form, to, {
      today: todayInUk(new Date()),
      receivedOn: row.receivedOn ?? todayInUk(row.createdAt),
      serviceIds: services.filter((s) => s.id !== row.serviceId).map((s) => s.id),
    });
    const linking =
      to === 'accepted' ? await acceptContext(db, request.access, row, side, request.body) : undefined;
    const errors = { ...(checked.ok ? {} : checked.errors), ...(linking?.errors ?? {}) };
    if (!checked.ok || Object.keys(errors).length || linking?.checkOnly)
      return reply
        .code(linking?.checkOnly && !Object.keys(errors).length ? 200 : 400)
        .page(
          'features/referrals/pages/move.njk',
          await moveContext(row, to, form, errors, undefined, linking),
        );
    const result = await applyMove(
      db,
      request.access,
      row.id,
      to,
      side,
      { ...checked.value, link: linking?.link },
      mailer,
    );
    if (result.kind === 'moved') {
      mailer.nudge();
      return reply.redirect(`${referralHref(row.id)}?moved=${to}`, 303);
    }
    if (result.kind === 'not_found') throw new NotFoundError();
    if (result.kind === 'invalid')
      return reply
        .code(400)
        .page(
          'features/referrals/pages/move.njk',
          await moveContext(row, to, form, result.errors, undefined, linking),
        );
    // Someone else moved it first (or it can no longer make this move): say what it is now, keep what the user wrote.
    const { row: now } = await load(db, request, { audit: false });
    const current: CurrentState =
      result.kind === 'conflict'
        ? result.current
        : { reference: now.reference, status: now.status, version: now.version, changedBy: null };
    const stillOpen = offeredMoves(now, side).includes(to);
    const kept = { ...form, version: String(now.version) };
    return reply
      .code(409)
      .page(
        'features/referrals/pages/move.njk',
        await moveContext(
          now,
          to,
          kept,
          {},
          { current, stillOpen, refused: result.kind === 'refused' },
          linking,
        ),
      );
  });
}
