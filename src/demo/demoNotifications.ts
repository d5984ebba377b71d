// Demo notifications and outbox emails that need no referral rows (those come
// with the referrals demo). No personal data: notices about the service, and
// emails from the fixed templates, as a service outside Hearth would be sent.
import type { Db } from '../db/client.ts';
import { emailOutbox, notification } from '../db/schema.ts';
import { renderEmail } from '../features/notifications/emailTemplates.ts';

const demoBaseUrl = 'http://localhost:3000';

export async function addDemoNotifications(
  tx: Db,
  orgId: Map<string, string>,
  users: { id: string; email: string }[],
  today: Date,
): Promise<void> {
  const familySupport = orgId.get('familysupport') as string;
  const userId = (email: string) => users.find((u) => u.email === email)?.id ?? null;
  const ago = (hours: number) => new Date(today.getTime() - hours * 3_600_000);
  await tx.insert(notification).values([
    {
      organisationId: familySupport,
      kind: 'notice',
      message: 'Referrals to your services now arrive in Hearth, with how long each family has waited.',
      createdAt: ago(72),
      readAt: ago(70),
    },
    {
      organisationId: familySupport,
      kind: 'waiting_times',
      message: 'Waiting times for your services are ready, by quarter against the 3-week standard.',
      createdAt: ago(20),
    },
    {
      organisationId: familySupport,
      userId: userId('shona.baird@carse-family-support.example'),
      kind: 'waiting_times',
      message: 'As team lead you see referrals waiting over 3 and 6 weeks on your home page.',
      createdAt: ago(5),
    },
    {
      organisationId: familySupport,
      userId: userId('morven.blair@carse-family-support.example'),
      kind: 'notice',
      message: 'Your notifications are listed here, newest first: yours and your organisation’s.',
      createdAt: ago(2),
    },
  ]);
  const email = (reference: string, serviceName: string) =>
    renderEmail({ kind: 'new_referral', reference, serviceName }, demoBaseUrl);
  const to = 'referrals@carse-family-support.example';
  await tx.insert(emailOutbox).values([
    {
      organisationId: familySupport,
      toAddress: to,
      ...email('R-900001', 'Family support'),
      createdAt: ago(50),
      sentAt: ago(50),
    },
    {
      organisationId: familySupport,
      toAddress: to,
      ...email('R-900002', 'Family support'),
      createdAt: ago(26),
      failedAt: ago(26),
      failure: '550 5.1.1 Mailbox unavailable: the address was not found',
    },
    {
      organisationId: familySupport,
      toAddress: to,
      ...email('R-900003', 'Family support'),
      createdAt: ago(1),
    },
  ]);
}
