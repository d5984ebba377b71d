// Practice pages listing the self-referrals people sent to the
// organisation's services from the public finder.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import { practiceRoles } from '../../platform/access/accessContext.ts';
import { requireRole } from '../../platform/auth/authHooks.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { audiences, labelOf } from '../directory/vocabulary.ts';
import { SelfReferralRepository, type SelfReferralRow } from './selfReferralRepository.ts';

const contactText: Record<string, string> = {
  phone: 'Phone call',
  text: 'Text message',
  email: 'Email',
  none: 'They will contact you themselves',
};

const received = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'Europe/London',
});

function present(row: SelfReferralRow) {
  return {
    ...row,
    audience: row.audience ? labelOf(audiences, row.audience) : 'Not said',
    contact: contactText[row.contactMethod] ?? row.contactMethod,
    received: received.format(row.receivedAt),
    leaveMessage: row.contactMethod === 'phone' ? (row.leaveMessage ? 'Yes' : 'No') : undefined,
  };
}

export function selfReferralRoutes(app: FastifyInstance, db: Db): void {
  const practice = { preHandler: requireRole(...practiceRoles) };

  app.get('/practice/self-referrals', practice, async (request, reply) => {
    const rows = await new SelfReferralRepository(db, request.access).list();
    return reply.page('features/finder/pages/selfReferrals.njk', { referrals: rows.map(present) });
  });

  app.get('/practice/self-referrals/:referralId', practice, async (request, reply) => {
    const { referralId } = request.params as { referralId: string };
    const row = await new SelfReferralRepository(db, request.access).get(referralId);
    if (!row) throw new NotFoundError();
    return reply.page('features/finder/pages/selfReferral.njk', { referral: present(row) });
  });
}
