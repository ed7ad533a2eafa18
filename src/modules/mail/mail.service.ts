// Email: a message is written to the outbox in the caller's transaction and delivered by a job
// (retried with backoff); without SMTP it stays in the outbox and goes to the log, so that a
// local user can follow its link.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppLogger } from '../../common/logger.js';
import { RetryableJobError } from '../../common/retryable-error.js';
import type { MailQueue } from './mail-queue.js';
import type { MailTransport } from './mail-transport.js';
import { OutboxMessage, OutboxStatus } from './outbox-message.entity.js';
import type { MailContent } from './mail-templates.js';

export interface MailRequest extends MailContent {
  to: string;
  kind: string;
}

/** Links carry single-use tokens: once a message is sent, the copy kept here must not work. */
export const redactTokens = (text: string): string =>
  text.replace(/([?&]token=)[^\s&]+/g, '$1[removed once sent]');

export class MailService {
  constructor(
    private readonly from: string,
    private readonly queue: MailQueue,
    private readonly transport: MailTransport | undefined,
    /** Without SMTP the log shows each message, links included; never in production. */
    private readonly logBodies: boolean,
  ) {}

  /** Queues a message; inside `em`'s transaction when there is one, else in its own. */
  async send(em: EntityManager, request: MailRequest): Promise<void> {
    await em.transactional(async (tx) => {
      const message = tx.create(OutboxMessage, {
        toAddress: request.to,
        kind: request.kind,
        subject: request.subject,
        text: request.text,
      });
      await tx.flush();
      await this.queue.enqueueMail(tx, message.id);
    });
  }

  /** The mail job: sends the message once (a retry after success does nothing). Throws to retry. */
  async deliver(em: EntityManager, messageId: string, log: AppLogger): Promise<void> {
    const message = await em.findOne(OutboxMessage, { id: messageId });
    if (!message || message.status !== OutboxStatus.QUEUED) return;
    if (!this.transport) {
      message.status = OutboxStatus.STORED;
      await em.flush();
      // The local default has no SMTP: the log is where its user reads the link.
      const meta = {
        mail: { id: message.id, kind: message.kind, to: message.toAddress, subject: message.subject },
      };
      if (this.logBodies) log.info(meta, `email kept in the outbox (no SMTP_URL):\n${message.text}`);
      else log.warn(meta, 'email kept in the outbox: set SMTP_URL to send email');
      return;
    }
    message.attempts += 1;
    try {
      await this.transport.send({
        from: this.from,
        to: message.toAddress,
        subject: message.subject,
        text: message.text,
      });
      message.status = OutboxStatus.SENT;
      message.sentAt = new Date();
      message.text = redactTokens(message.text);
      message.lastError = null;
    } catch (error) {
      message.lastError = (error as Error).message.slice(0, 1000);
      await em.flush();
      throw new RetryableJobError(`SMTP: ${message.lastError}`, { cause: error });
    }
    await em.flush();
  }

  /** Every retry failed (the dead-letter job). */
  async abandon(em: EntityManager, messageId: string, log: AppLogger): Promise<void> {
    const message = await em.findOne(OutboxMessage, { id: messageId });
    if (!message || message.status !== OutboxStatus.QUEUED) return;
    message.status = OutboxStatus.FAILED;
    await em.flush();
    log.error(
      { mail: { id: message.id, kind: message.kind, attempts: message.attempts }, err: message.lastError },
      'email could not be delivered',
    );
  }

  close(): void {
    this.transport?.close();
  }
}
