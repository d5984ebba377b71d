// The public pages a service outside Hearth opens from its secure link: the
// referral, and its answers (accept, decline with a reason, support
// started). No sign-in: the token in the address is the key, so these
// routes ignore any session, render no navigation, and set only the CSRF
// cookie their forms need. Every request is audited with the link as actor;
// a wrong token gets a 404 (audited without an actor), and too many wrong
// tokens from one address get a 429 for a while (linkGuard.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import type { ReferralStatus } from '../../db/schema.ts';
import { anonymousAccess } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { createTemplateEnvironment } from '../../platform/views/views.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import type { Mailer } from '../notifications/mailer.ts';
import { partsOfIso } from '../plan/planForms.ts';
import { dateItems, planErrorList } from '../plan/planPageHelpers.ts';
import { LinkGuard } from './linkGuard.ts';
import { checkMoveForm, moveFieldOrder, parseMoveForm } from './referralForm.ts';
import { answerByLink } from './referralLinkAnswer.ts';
import { presentLinkedReferral } from './referralLinkPresenter.ts';
import { linkedMembers, linkedReferral, linkedSelfReferral } from './referralLinkRepository.ts';
import { type FoundLink, findLink, linkAccess, linkAnswers, markViewed } from './referralLinks.ts';
import { statusLabels } from './referralStatus.ts';

const answerPaths: Record<string, ReferralStatus> = {
  accept: 'accepted',
  decline: 'declined',
  started: 'started',
};

const answerWords: Partial<Record<ReferralStatus, { heading: string; button: string; done: string }>> = {
  accepted: { heading: 'Accept the referral', button: 'Accept the referral', done: 'accepted' },
  declined: { heading: 'Decline the referral', button: 'Decline the referral', done: 'declined' },
  started: { heading: 'Say when support started', button: 'Save the date', done: 'marked as started' },
};

const env = createTemplateEnvironment();
const templates = 'features/referrals/pages/link/';

/** A page without a form: no CSRF token, so no cookie at all. */
function plainPage(reply: FastifyReply, template: string, context: Record<string, unknown>) {
  return reply
    .header('x-robots-tag', 'noindex, nofollow')
    .type('text/html; charset=utf-8')
    .send(env.render(`${templates}${template}`, context));
}

/** A page with a form: the CSRF cookie and token, and never the signed-in header of anyone who has a session. */
function formPage(reply: FastifyReply, template: string, context: Record<string, unknown>) {
  return reply.header('x-robots-tag', 'noindex, nofollow').page(`${templates}${template}`, {
    ...context,
    user: undefined,
    navigation: [],
    unreadNotifications: undefined,
  });
}

function tokenOf(request: FastifyRequest): string {
  return (request.params as { token?: string }).token ?? '';
}

export function referralLinkRoutes(app: FastifyInstance, db: Db, mailer: Mailer): void {
  const guard = new LinkGuard();

  /** The link for the request, or a reply already sent (429, 404, or the page saying the link no longer works). */
  async function openLink(request: FastifyRequest, reply: FastifyReply, what: string) {
    if (guard.blocked(request.ip)) {
      reply.code(429).header('retry-after', String(guard.retryAfter(request.ip)));
      plainPage(reply, 'gone.njk', { pageTitle: 'Please wait', tooMany: true });
      return undefined;
    }
    const link = await findLink(db, tokenOf(request));
    if (!link) {
      guard.miss(request.ip);
      await recordAudit(db, anonymousAccess(request.ip, request.id), {
        action: 'referral_link.unknown',
        outcome: 'denied',
        recordType: 'referral_link',
      });
      plainPage(reply.code(404), 'gone.njk', { pageTitle: 'This link does not work' });
      return undefined;
    }
    const access = linkAccess(link, request.ip, request.id);
    if (link.state !== 'open') {
      await recordAudit(db, access, {
        action: `referral_link.${what}`,
        outcome: 'denied',
        recordType: 'referral',
        recordId: link.referralId,
        detail: { state: link.state },
      });
      plainPage(reply.code(410), 'gone.njk', { pageTitle: 'This link does not work' });
      return undefined;
    }
    return { link, access };
  }

  async function referralContext(link: FoundLink) {
    const row = await linkedReferral(db, link.referralId);
    if (!row) throw new Error('a link to a referral that is not there');
    const now = new Date();
    const members = await linkedMembers(db, row.id, now);
    const self = await linkedSelfReferral(db, row);
    return { row, ...presentLinkedReferral(row, members, self), answers: answersOpen(link, row.status) };
  }

  function answersOpen(link: FoundLink, status: ReferralStatus) {
    return linkAnswers[link.purpose].filter((to) =>
      to === 'started' ? status === 'accepted' : status === 'new' || status === 'waiting',
    );
  }

  const base = (request: FastifyRequest) => `/referral-link/${tokenOf(request)}`;

  app.get('/referral-link/:token', async (request, reply) => {
    const opened = await openLink(request, reply, 'view');
    if (!opened) return reply;
    const { link, access } = opened;
    await db.transaction(async (tx) => {
      await markViewed(tx, link.id);
      await recordAudit(tx, access, {
        action: 'referral_link.view',
        recordType: 'referral',
        recordId: link.referralId,
        detail: { purpose: link.purpose },
      });
    });
    const context = await referralContext(link);
    return plainPage(reply, 'referral.njk', {
      ...context,
      pageTitle: `Referral ${context.row.reference}`,
      actions: context.answers.map((to) => ({
        to,
        text: answerWords[to]?.heading,
        href: `${base(request)}/${Object.keys(answerPaths).find((p) => answerPaths[p] === to)}`,
      })),
    });
  });

  async function answerPage(
    request: FastifyRequest,
    reply: FastifyReply,
    link: FoundLink,
    to: ReferralStatus,
    form: ReturnType<typeof parseMoveForm>,
    errors: Record<string, string> = {},
    problem?: string,
  ) {
    const context = await referralContext(link);
    return formPage(reply, 'answer.njk', {
      ...context,
      to,
      words: answerWords[to],
      pageTitle: `${answerWords[to]?.heading} ${context.row.reference}`,
      form,
      errors,
      problem,
      errorList: planErrorList(errors, moveFieldOrder, ['firstSupportOn']),
      firstSupportOnItems: dateItems(form.firstSupportOn, Boolean(errors.firstSupportOn)),
      action: `${base(request)}/${(request.params as { answer: string }).answer}`,
      back: base(request),
    });
  }

  /** The answer a path names, if the link may give it now; otherwise the referral's page. */
  function answerOf(request: FastifyRequest): ReferralStatus | undefined {
    return answerPaths[(request.params as { answer?: string }).answer ?? ''];
  }

  app.get('/referral-link/:token/:answer', async (request, reply) => {
    const to = answerOf(request);
    const opened = await openLink(request, reply, 'view');
    if (!opened) return reply;
    const { link, access } = opened;
    const row = await linkedReferral(db, link.referralId);
    const open = Boolean(to && row && answersOpen(link, row.status).includes(to));
    await recordAudit(db, access, {
      action: 'referral_link.view',
      recordType: 'referral',
      recordId: link.referralId,
      detail: { purpose: link.purpose, form: to ?? 'none', open },
    });
    if (!to || !row || !open) return reply.redirect(base(request), 303);
    const form = { ...parseMoveForm({}), version: String(row.version) };
    if (to === 'started') form.firstSupportOn = partsOfIso(todayInUk(new Date()));
    return answerPage(request, reply, link, to, form);
  });

  app.post('/referral-link/:token/:answer', async (request, reply) => {
    const to = answerOf(request);
    const opened = await openLink(request, reply, 'answer');
    if (!opened) return reply;
    const { link, access } = opened;
    const row = await linkedReferral(db, link.referralId);
    const refused = async (detail: Record<string, unknown>) =>
      recordAudit(db, access, {
        action: 'referral_link.answer',
        outcome: 'failure',
        recordType: 'referral',
        recordId: link.referralId,
        detail,
      });
    if (!to || !row || !linkAnswers[link.purpose].includes(to)) {
      await refused({ answer: to ?? 'none', purpose: link.purpose });
      return reply.redirect(base(request), 303);
    }
    const form = parseMoveForm(request.body);
    const checked = checkMoveForm(form, to, {
      today: todayInUk(new Date()),
      receivedOn: row.receivedOn ?? todayInUk(new Date()),
      serviceIds: [],
    });
    if (!checked.ok) {
      await refused({ answer: to, invalid: Object.keys(checked.errors) });
      return answerPage(request, reply.code(400), link, to, form, checked.errors);
    }
    const result = await answerByLink(db, mailer, link, access, to, checked.value);
    if (result.kind === 'answered') {
      mailer.nudge();
      return plainPage(reply, 'done.njk', {
        pageTitle: `Referral ${result.reference} ${answerWords[to]?.done}`,
        reference: result.reference,
        to,
        done: answerWords[to]?.done,
        followUpTo: result.followUpTo,
        referrer: row.referringOrganisationName,
      });
    }
    if (result.kind === 'gone')
      return plainPage(reply.code(410), 'gone.njk', { pageTitle: 'This link does not work' });
    const now = await linkedReferral(db, link.referralId);
    const problem = `This referral has changed since you opened it: it is now ${statusLabels[now?.status ?? row.status]}. Nothing was saved. Check it, then answer again if you still can.`;
    return answerPage(
      request,
      reply.code(409),
      link,
      to,
      { ...form, version: String(now?.version ?? row.version) },
      {},
      problem,
    );
  });
}
