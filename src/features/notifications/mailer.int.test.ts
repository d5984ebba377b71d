import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { emailOutbox } from '../../db/schema.ts';
import { createArea, createOrganisation } from '../../testing/fixtures.ts';
import { ownDatabase } from '../../testing/testDatabase.ts';
import { startFakeSmtp } from './fakeSmtpServer.ts';
import { Mailer, queueEmail } from './mailer.ts';

const template = { kind: 'new_referral' as const, reference: 'R-000321', serviceName: 'Family support' };

describe('the mailer and its outbox', () => {
  let database: Database;
  let drop: () => Promise<void>;
  let smtp: Awaited<ReturnType<typeof startFakeSmtp>>;
  let organisationId: string;
  beforeAll(async () => {
    // A database of its own: the mailer sends every waiting email, and other test files' emails
    // (secure links they still read) must not be sent, nor theirs crowd this test's out of a batch.
    ({ database, drop } = await ownDatabase('mailer'));
    await migrate(database);
    smtp = await startFakeSmtp();
    const area = await createArea(database.db);
    organisationId = (await createOrganisation(database.db, area.id)).id;
  });
  afterAll(async () => {
    await smtp.close();
    await drop();
  });

  const row = async (id: string) =>
    (await database.db.select().from(emailOutbox).where(eq(emailOutbox.id, id)))[0];

  it('writes the email in the caller’s transaction: rolled back with it, nothing is left', async () => {
    let id = '';
    await expect(
      database.db.transaction(async (tx) => {
        id = await queueEmail(tx, {
          organisationId,
          to: 'intake@service.example',
          template,
          baseUrl: 'https://h.example',
        });
        throw new Error('the referral failed');
      }),
    ).rejects.toThrow('the referral failed');
    expect(await row(id)).toBeUndefined();
  });

  it('keeps emails in the outbox when SMTP is not set up', async () => {
    const mailer = new Mailer(database.db, { baseUrl: 'https://h.example' });
    const id = await mailer.queue(database.db, { organisationId, to: 'kept@service.example', template });
    expect(mailer.sending).toBe(false);
    expect(await mailer.sendWaiting()).toEqual({ sent: 0, failed: 0 });
    expect(await row(id)).toMatchObject({ sentAt: null, failedAt: null, subject: 'New referral R-000321' });
  });

  it('sends through a real SMTP conversation after commit, and records a refusal with its reason', async () => {
    const mailer = new Mailer(database.db, {
      baseUrl: 'https://hearth.example.org',
      smtpUrl: `smtp://hearth:secret-password@127.0.0.1:${smtp.port}`,
      smtpFrom: 'Hearth <hearth@example.org>',
    });
    const [good, bad] = await database.db.transaction(async (tx) => [
      await mailer.queue(tx, { organisationId, to: 'intake@service.example', template }),
      await mailer.queue(tx, { organisationId, to: 'nobody@refused.example', template }),
    ]);
    const result = await mailer.sendWaiting();
    expect(result.sent).toBeGreaterThanOrEqual(1);
    expect(result.failed).toBeGreaterThanOrEqual(1);

    const sent = await row(good as string);
    expect(sent?.sentAt).toBeInstanceOf(Date);
    const message = smtp.messages.find((m) => m.to.includes('intake@service.example'));
    expect(message).toMatchObject({ from: 'hearth@example.org', user: 'hearth' });
    expect(message?.data).toContain('Subject: New referral R-000321');
    // The body is quoted-printable: long lines are broken with "=" at the end.
    expect(message?.data.replace(/=\r\n/g, '')).toContain('https://hearth.example.org/practice/referrals');

    const failed = await row(bad as string);
    expect(failed?.sentAt).toBeNull();
    expect(failed?.failedAt).toBeInstanceOf(Date);
    expect(failed?.failure).toContain('No such mailbox');
    // A failed email is not tried again on its own: an admin chooses to.
    const again = await mailer.sendWaiting();
    expect(smtp.messages.filter((m) => m.to.includes('nobody@refused.example'))).toHaveLength(0);
    expect(again.failed).toBe(0);
  });

  it('sends a secure link to its recipient, and keeps no copy of its secret once sent', async () => {
    const mailer = new Mailer(database.db, {
      baseUrl: 'https://hearth.example.org',
      smtpUrl: `smtp://hearth:secret-password@127.0.0.1:${smtp.port}`,
      smtpFrom: 'hearth@example.org',
    });
    const token = 'k'.repeat(43);
    const id = await mailer.queue(database.db, {
      organisationId,
      to: 'referrals@outside.example',
      template: {
        kind: 'outside_referral',
        reference: 'R-000322',
        serviceName: 'Counselling',
        referringOrganisation: 'Recovery service',
        urgency: 'routine',
        token,
        expiresOn: '2026-06-01',
      },
    });
    expect((await row(id))?.body).toContain(`/referral-link/${token}`);
    await mailer.sendWaiting();
    const message = smtp.messages.find((m) => m.to.includes('referrals@outside.example'));
    expect(message?.data.replace(/=\r\n/g, '')).toContain(`/referral-link/${token}`);
    const kept = await row(id);
    expect(kept?.sentAt).toBeInstanceOf(Date);
    expect(kept?.body).not.toContain(token);
    expect(kept?.body).toContain('/referral-link/(removed once sent)');
  });

  it('refuses an email with no proper address or a made-up template', async () => {
    await expect(
      queueEmail(database.db, {
        organisationId,
        to: 'a@b.example, c@d.example',
        template,
        baseUrl: 'https://h.example',
      }),
    ).rejects.toThrow('one address');
  });
});
