// Email through the outbox: every email is first written to email_outbox in
// the caller's transaction, so nothing is lost when sending fails or SMTP is
// not set up; after the commit the mailer sends what is waiting, marking
// each sent, or failed with the reason. Without SMTP settings emails stay in
// the outbox, where an admin can read them.
import { and, asc, eq, isNull } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { Db } from '../../db/client.ts';
import { emailOutbox } from '../../db/schema.ts';
import { type EmailTemplate, EmailTemplateError, referralLinkPath, renderEmail } from './emailTemplates.ts';

export interface EmailToQueue {
  /** The organisation the email is for (whose admins see it); null for none. */
  organisationId: string | null;
  to: string;
  template: EmailTemplate;
  /** The address people reach Hearth at, for the sign-in link. */
  baseUrl: string;
}

const addressPattern = /^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/;

/** Writes an email to the outbox in the caller's transaction; returns its id. */
export async function queueEmail(tx: Db, email: EmailToQueue): Promise<string> {
  const to = email.to.trim();
  if (to.length > 254 || !addressPattern.test(to))
    throw new EmailTemplateError('an email needs one address to go to');
  const { subject, body } = renderEmail(email.template, email.baseUrl);
  const [row] = await tx
    .insert(emailOutbox)
    .values({ organisationId: email.organisationId, toAddress: to, subject, body })
    .returning({ id: emailOutbox.id });
  if (!row) throw new Error('the email was not queued');
  return row.id;
}

const secretLink = new RegExp(`(${referralLinkPath})[A-Za-z0-9_-]{43}`, 'g');

/**
 * The copy of a sent email the outbox keeps: a secure link's secret is
 * removed once the email has gone, so only its recipient can use it. An
 * email not sent yet keeps it, for an admin to pass on when there is no SMTP.
 */
export function withoutSecrets(body: string): string {
  return body.replace(secretLink, '$1(removed once sent)');
}

/** What the mailer needs of a nodemailer transport. */
export interface MailTransport {
  sendMail(message: { from: string; to: string; subject: string; text: string }): Promise<unknown>;
}

export interface MailSettings {
  baseUrl: string;
  smtpUrl?: string | undefined;
  smtpFrom?: string | undefined;
}

/** How many waiting emails one run sends. */
const batchSize = 50;

/** Why sending failed, short; SMTP errors name the server and the problem, not the email's contents. */
function failureText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.replace(/\s+/g, ' ').trim() || 'Sending failed').slice(0, 500);
}

export class Mailer {
  private readonly transport: MailTransport | undefined;
  private running: Promise<{ sent: number; failed: number }> | undefined;

  constructor(
    private readonly db: Db,
    private readonly settings: MailSettings,
    transport?: MailTransport,
  ) {
    this.transport =
      transport ??
      (settings.smtpUrl
        ? nodemailer.createTransport({
            url: settings.smtpUrl,
            connectionTimeout: 10_000,
            greetingTimeout: 10_000,
            socketTimeout: 20_000,
          } as Parameters<typeof nodemailer.createTransport>[0])
        : undefined);
  }

  /** Whether emails are sent, or only kept in the outbox. */
  get sending(): boolean {
    return this.transport !== undefined && Boolean(this.settings.smtpFrom);
  }

  /** Queues an email in the caller's transaction, with this Hearth's address for the link. */
  queue(tx: Db, email: Omit<EmailToQueue, 'baseUrl'>): Promise<string> {
    return queueEmail(tx, { ...email, baseUrl: this.settings.baseUrl });
  }

  /**
   * Sends the emails waiting in the outbox (not sent, not failed), oldest
   * first. One run at a time in this process; a second caller shares it.
   */
  sendWaiting(): Promise<{ sent: number; failed: number }> {
    if (!this.sending) return Promise.resolve({ sent: 0, failed: 0 });
    this.running ??= this.run().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Starts sending after a commit without waiting for it; a failure is recorded on the email. */
  nudge(): void {
    this.sendWaiting().catch(() => undefined);
  }

  private async run(): Promise<{ sent: number; failed: number }> {
    const transport = this.transport as MailTransport;
    const from = this.settings.smtpFrom as string;
    const waiting = await this.db
      .select()
      .from(emailOutbox)
      .where(and(isNull(emailOutbox.sentAt), isNull(emailOutbox.failedAt)))
      .orderBy(asc(emailOutbox.createdAt))
      .limit(batchSize);
    let sent = 0;
    let failed = 0;
    for (const email of waiting) {
      try {
        await transport.sendMail({ from, to: email.toAddress, subject: email.subject, text: email.body });
        await this.db
          .update(emailOutbox)
          .set({ sentAt: new Date(), body: withoutSecrets(email.body) })
          .where(eq(emailOutbox.id, email.id));
        sent += 1;
      } catch (error) {
        await this.db
          .update(emailOutbox)
          .set({ failedAt: new Date(), failure: failureText(error) })
          .where(eq(emailOutbox.id, email.id));
        failed += 1;
      }
    }
    return { sent, failed };
  }
}
