import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import { type ReferralStatus, referralStatuses, referralUrgencies } from '../../db/schema.ts';
import { practiceRoles } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { requireRole } from '../../platform/auth/authHooks.ts';
import { field } from '../../platform/http/forms.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { inboxBody } from './inboxMarkup.ts';
import { readInbox } from './inboxRead.ts';
import { urgencyLabels } from './referralForm.ts';
import { presentListRow } from './referralPresenter.ts';
import { ReferralRepository } from './referralRepository.ts';
import { statusLabels } from './referralStatus.ts';
import { referralTable } from './referralTable.ts';

/** The statuses of the inbox's tabs, in the order a referral goes through them. */
export const inboxStatuses = referralStatuses.filter((s) => s !== 'draft');

/** The receiving organisation's referrals inbox, and the referrals the organisation made. */
export function referralInboxRoutes(app: FastifyInstance, db: Db): void {
  const practice = { preHandler: requireRole(...practiceRoles) };

  app.get('/practice/referrals', practice, async (request, reply) => {
    const query = request.query;
    const wanted = field(query, 'status');
    const status = ((inboxStatuses as readonly string[]).includes(wanted) ? wanted : 'new') as ReferralStatus;
    const urgency = (referralUrgencies as readonly string[]).includes(field(query, 'urgency'))
      ? field(query, 'urgency')
      : '';
    const { services, serviceId, rows, counts } = await readInbox(db, request.access, {
      status,
      serviceId: field(query, 'service'),
      urgency,
    });
    const today = todayInUk(new Date());
    const keep = (s: string) => {
      const params = new URLSearchParams({ status: s });
      if (serviceId) params.set('service', serviceId);
      if (urgency) params.set('urgency', urgency);
      return `/practice/referrals?${params}`;
    };
    const body = inboxBody({
      status,
      statusLabel: statusLabels[status],
      tabs: inboxStatuses.map((s) => ({
        text: statusLabels[s],
        count: counts[s] ?? 0,
        href: keep(s),
        current: s === status,
      })),
      serviceItems: [
        { value: '', text: 'All your services', selected: !serviceId },
        ...services.map((s) => ({ value: s.id, text: s.name, selected: s.id === serviceId })),
      ],
      urgencyItems: [
        { value: '', text: 'Any urgency', selected: !urgency },
        ...referralUrgencies.map((u) => ({ value: u, text: urgencyLabels[u], selected: u === urgency })),
      ],
      rows: rows.map((r) => presentListRow(r, today)),
    });
    return reply.page('features/referrals/pages/inbox.njk', { statusLabel: statusLabels[status], body });
  });

  app.get('/practice/referrals/made', practice, async (request, reply) => {
    const rows = await new ReferralRepository(db, request.access).made();
    await recordAudit(db, request.access, {
      action: 'referral.made',
      recordType: 'organisation',
      recordId: request.access.organisationId,
      detail: { shown: rows.length },
    });
    const today = todayInUk(new Date());
    return reply.page('features/referrals/pages/made.njk', {
      rows,
      table: referralTable(
        rows.map((r) => presentListRow(r, today)),
        'To',
      ).text,
    });
  });
}
