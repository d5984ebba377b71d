// A referral to a service outside Hearth, as its referral page shows it:
// that the service is outside Hearth, each secure link sent (when, where,
// whether the notice went, whether it was opened and used), and the
// referrer's "Send a new link", which revokes the one before.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { type Db, queryRows } from '../../db/client.ts';
import type { ReferralLinkPurpose, ReferralStatus } from '../../db/schema.ts';
import { practiceRoles } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { requireRole } from '../../platform/auth/authHooks.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import type { Mailer } from '../notifications/mailer.ts';
import { idParam } from '../plan/planPageHelpers.ts';
import { serviceById } from './referralDirectory.ts';
import { issueLink, linksOf } from './referralLinks.ts';
import { referralHref } from './referralPresenter.ts';
import { type ReferralDetail, ReferralRepository } from './referralRepository.ts';
import { type Side, statusLabels } from './referralStatus.ts';

/** The link a fresh one would be for, at this status; none once there is nothing left to answer. */
function purposeAt(status: ReferralStatus): ReferralLinkPurpose | undefined {
  if (status === 'new' || status === 'waiting') return 'decide';
  if (status === 'accepted') return 'started';
  return undefined;
}

const purposeWords: Record<ReferralLinkPurpose, string> = {
  decide: 'To accept or decline',
  started: 'To say when support started',
};

type LinkRow = Awaited<ReturnType<typeof linksOf>>[number];

function linkState(link: LinkRow, now: Date): string {
  if (link.usedAt) return `Used: ${statusLabels[link.usedFor as ReferralStatus] ?? 'answered'}`;
  if (link.revokedAt) return 'Stopped: replaced by a new link, or the referral was withdrawn';
  if (link.expiresAt <= now) return 'Expired';
  return 'Works now';
}

function noticeState(link: LinkRow): string {
  if (link.emailSentAt) return 'Sent';
  if (link.emailFailedAt) return 'Could not be sent: an admin can see why in the email outbox';
  return 'Waiting in the email outbox';
}

/** What the referral's page shows about a service outside Hearth; undefined for a service in Hearth with no links. */
export async function outsidePanel(db: Db, row: ReferralDetail, side: Side) {
  const service = await serviceById(db, row.serviceId);
  const links = await linksOf(db, row.id);
  if (!service?.outsideHearth && links.length === 0) return undefined;
  const now = new Date();
  const purpose = purposeAt(row.status);
  return {
    outsideHearth: service?.outsideHearth ?? false,
    referralEmail: service?.referralEmail ?? null,
    links: links.map((l) => ({
      sent: l.createdAt,
      to: l.sentTo,
      purpose: purposeWords[l.purpose],
      notice: noticeState(l),
      opened: l.firstViewedAt,
      used: l.usedAt,
      expires: l.expiresAt,
      state: linkState(l, now),
    })),
    canResend: side === 'referrer' && Boolean(purpose && service?.outsideHearth && service.referralEmail),
    resendAction: `${referralHref(row.id)}/link`,
  };
}

/** The referrer sends a fresh link (the one before stops working) and is back on the referral's page. */
export function referralOutsideRoutes(app: FastifyInstance, db: Db, mailer: Mailer): void {
  app.post(
    '/practice/referrals/:referralId/link',
    { preHandler: requireRole(...practiceRoles) },
    async (request, reply) => {
      const referralId = idParam(request.params, 'referralId');
      const found = await new ReferralRepository(db, request.access).get(referralId, { audit: false });
      const purpose = found && purposeAt(found.row.status);
      const service = found && (await serviceById(db, found.row.serviceId));
      if (found?.side !== 'referrer' || !purpose || !service?.outsideHearth || !service.referralEmail) {
        await recordAudit(db, request.access, {
          action: 'referral_link.resend',
          outcome: 'denied',
          recordType: 'referral',
          recordId: referralId,
        });
        throw new NotFoundError();
      }
      const sent = await db.transaction(async (tx) => {
        // Two sends at once (a double click, two tabs) take turns on the referral's row, so the
        // second revokes the first's link instead of failing on the one-open-link index. The
        // status is read again under the lock: a link answered meanwhile may need no new one.
        const [locked] = await queryRows<{ status: ReferralStatus }>(
          tx,
          sql`select status from referral where id = ${referralId} for update`,
        );
        if (!locked || purposeAt(locked.status) !== purpose) return false;
        await issueLink(tx, request.access, mailer, referralId, purpose);
        await recordAudit(tx, request.access, {
          action: 'referral_link.resend',
          recordType: 'referral',
          recordId: referralId,
          familyId: found.row.familyId ?? undefined,
          detail: { purpose },
        });
        return true;
      });
      if (!sent) return reply.redirect(referralHref(referralId), 303);
      mailer.nudge();
      return reply.redirect(`${referralHref(referralId)}?linkSent=1`, 303);
    },
  );
}
