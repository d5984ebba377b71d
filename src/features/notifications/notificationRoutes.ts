import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hasRole, practiceRoles } from '../../platform/access/accessContext.ts';
import { requireRole } from '../../platform/auth/authHooks.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import type { Services } from '../../services.ts';
import { adminRoles, uuidPattern } from '../admin/adminAccess.ts';
import { FigureCache } from '../home/figureCache.ts';
import { markAllRead, notificationsShown, type Reader, recentNotifications, unreadCount } from './notify.ts';
import {
  OutboxRepository,
  type OutboxStatus,
  outboxPageSize,
  outboxStatuses,
  outboxStatusOf,
} from './outboxRepository.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** A practice user's unread notifications, for the header link; undefined for everyone else. */
    unreadNotifications: number | undefined;
  }
}

/** How long the header's unread count may be old, per user. */
export const unreadCountSeconds = 5;

function readerOf(request: FastifyRequest): Reader | undefined {
  const { userId, organisationId } = request.access;
  if (!userId || !organisationId || !hasRole(request.access, ...practiceRoles)) return undefined;
  return { userId, organisationId };
}

const statusText: Record<OutboxStatus, { text: string; tag: string }> = {
  waiting: { text: 'Waiting in the outbox', tag: 'govuk-tag--yellow' },
  sent: { text: 'Sent', tag: 'govuk-tag--green' },
  failed: { text: 'Failed', tag: 'govuk-tag--red' },
};

/** Notifications for practice users, the unread count in the header, and the email outbox for admins. */
export function notificationRoutes(app: FastifyInstance, services: Services): void {
  const db = services.db;
  // One small indexed count per user, kept a few seconds so a busy user's pages do not recount each time.
  const unread = new FigureCache<number>(unreadCountSeconds * 1000);
  app.decorateRequest('unreadNotifications', undefined);
  app.addHook('preHandler', async (request) => {
    if (request.method !== 'GET' || request.url.startsWith('/api/') || request.url.startsWith('/assets/'))
      return;
    const reader = readerOf(request);
    if (reader) request.unreadNotifications = await unread.get(reader.userId, () => unreadCount(db, reader));
  });

  app.get('/notifications', { preHandler: requireRole(...practiceRoles) }, async (request, reply) => {
    const reader = readerOf(request);
    if (!reader) throw new NotFoundError();
    const rows = await recentNotifications(db, reader);
    return reply.page('features/notifications/notifications.njk', {
      notifications: rows.map((n) => ({
        ...n,
        unread: n.readAt === null,
        href: n.referralId ? `/practice/referrals/${n.referralId}` : undefined,
      })),
      anyUnread: rows.some((n) => n.readAt === null),
      shown: notificationsShown,
      done: (request.query as { done?: string }).done === 'read',
    });
  });

  app.post('/notifications/read', { preHandler: requireRole(...practiceRoles) }, async (request, reply) => {
    const reader = readerOf(request);
    if (!reader) throw new NotFoundError();
    await markAllRead(db, reader);
    unread.forget(reader.userId);
    return reply.redirect('/notifications?done=read', 303);
  });

  const admin = { preHandler: requireRole(...adminRoles) };
  app.get('/admin/outbox', admin, async (request, reply) => {
    const query = request.query as { status?: string; page?: string };
    const status = outboxStatuses.find((s) => s === query.status);
    const page = /^\d{1,5}$/.test(query.page ?? '') ? Math.max(1, Number(query.page)) : 1;
    const { rows, total } = await new OutboxRepository(db, request.access).list(status, page);
    const pages = Math.max(1, Math.ceil(total / outboxPageSize));
    const link = (p: number) =>
      `/admin/outbox?${new URLSearchParams({ ...(status ? { status } : {}), page: String(p) })}`;
    return reply.page('features/notifications/outbox.njk', {
      sending: services.mailer.sending,
      systemAdmin: hasRole(request.access, 'system_admin'),
      emails: rows.map((e) => ({ ...e, status: statusText[outboxStatusOf(e)] })),
      total,
      statusItems: [
        { value: '', text: 'Any status', selected: !status },
        ...outboxStatuses.map((s) => ({ value: s, text: statusText[s].text, selected: s === status })),
      ],
      previous: page > 1 ? link(page - 1) : undefined,
      next: page < pages ? link(page + 1) : undefined,
      page,
      pages,
    });
  });

  const emailId = (request: FastifyRequest) => {
    const id = (request.params as { emailId: string }).emailId;
    if (!uuidPattern.test(id)) throw new NotFoundError();
    return id;
  };

  app.get('/admin/outbox/:emailId', admin, async (request, reply) => {
    const email = await new OutboxRepository(db, request.access).find(emailId(request));
    if (!email) throw new NotFoundError();
    const status = outboxStatusOf(email);
    return reply.page('features/notifications/outboxEmail.njk', {
      email,
      status: statusText[status],
      canRetry: status === 'failed',
      sending: services.mailer.sending,
      retried: (request.query as { done?: string }).done === 'retry',
    });
  });

  app.post('/admin/outbox/:emailId/retry', admin, async (request, reply) => {
    const id = emailId(request);
    if (!(await new OutboxRepository(db, request.access).retry(id))) throw new NotFoundError();
    services.mailer.nudge();
    return reply.redirect(`/admin/outbox/${id}?done=retry`, 303);
  });
}
