import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { AuditService } from '@core/audit/audit.service';
import { AttachmentsService } from '@core/files/attachments.service';
import { JobsService } from '@core/jobs/jobs.service';
import { EmailAccountsService } from './email-accounts.service';
import { classifySmtpFailure, retryDelaySec } from './email-compose';
import { serverError, smtpReplyCode, smtpTransport } from './email-transport';
import type { EmailMessageRow } from './email-rows';

export const EMAIL_SEND_JOB = 'email.send';
export const EMAIL_OUTBOX_JOB = 'email.outbox';
/** Tries before a message fails for good (4xx replies and lost connections are retried). */
export const MAX_ATTEMPTS = 5;
/** How long a claimed message stays claimed: a worker that dies mid-send lets another retry it after this. */
const LEASE_SEC = 600;

/**
 * Sends queued mail through the mailbox's SMTP server (nodemailer) from a pg-boss queue: `email.send` for one
 * message right away, `email.outbox` every minute for scheduled and retried ones. A message is claimed
 * (`status = 'sending'` with a lease) before the call, so two instances never send it twice. A 4xx reply is
 * retried with backoff, a 5xx fails it for good; the server's reply is kept. Sent mail goes on its record's
 * timeline (`message.sent`).
 */
@Injectable()
export class EmailDeliveryService implements OnModuleInit {
  private readonly logger = new Logger('EmailDelivery');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly accounts: EmailAccountsService,
    private readonly attachments: AttachmentsService,
    private readonly audit: AuditService,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register(EMAIL_SEND_JOB, async (d) => void (await this.sendDue([String(d.id)])), undefined, { retryLimit: 0 });
    this.jobs.register(EMAIL_OUTBOX_JOB, async () => void (await this.sendDue()), '* * * * *', { retryLimit: 0 });
  }

  /** Queues one message for sending now. */
  enqueue(id: string): Promise<void> {
    return this.jobs.send(EMAIL_SEND_JOB, { id });
  }

  /**
   * Claims due messages (these ids, or any due) one at a time and sends each right after its claim, so no lease
   * runs while earlier messages are sent; answers how many were tried.
   */
  async sendDue(ids?: string[], limit = 100): Promise<number> {
    let n = 0;
    while (n < limit) {
      const [rows]: [EmailMessageRow[], number] = await this.ds.query(
        `UPDATE email_messages m SET status = 'sending', next_attempt_at = now() + make_interval(secs => ${LEASE_SEC}), attempts = m.attempts + 1, updated_at = now()
           FROM (SELECT id FROM email_messages
                  WHERE direction = 'outbound' AND status IN ('scheduled', 'queued', 'sending') AND next_attempt_at <= now() ${ids ? 'AND id = ANY($1)' : ''}
                  ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED) due
          WHERE m.id = due.id
          RETURNING m.*`,
        ids ? [ids] : [],
      );
      if (!rows.length) break;
      await this.sendOne(rows[0]);
      n++;
    }
    return n;
  }

  private async sendOne(r: EmailMessageRow): Promise<void> {
    let outcome: { status: 'sent' | 'queued' | 'failed'; code: string | null; message: string | null; retryInSec?: number };
    try {
      const account = await this.accounts.row(r.account_id!);
      const transport = smtpTransport(this.accounts.endpoints(account));
      const files: { filename: string; content: Readable; contentType: string }[] = [];
      for (const a of r.attachments) {
        const row = a.attachmentId ? await this.attachments.get(a.attachmentId) : null;
        if (row) files.push({ filename: a.fileName, content: await this.attachments.open(row), contentType: a.contentType });
      }
      try {
        const info = await transport.sendMail({
          from: { name: r.from_name ?? '', address: r.from_address },
          to: r.to_addresses,
          cc: r.cc_addresses,
          bcc: r.bcc_addresses,
          subject: r.subject,
          text: r.body_text ?? undefined,
          html: r.body_html ?? undefined,
          messageId: r.message_id,
          inReplyTo: r.in_reply_to ?? undefined,
          references: r.references_ids.length ? r.references_ids : undefined,
          attachments: files,
          headers: { ...(r.extra_headers ?? {}), 'X-Keyuan-Message': r.id },
        });
        const rejected = (info.rejected ?? []).map(String);
        outcome = { status: 'sent', code: rejected.length ? 'partially_rejected' : null, message: rejected.length ? `rejected: ${rejected.join(', ')}` : String(info.response ?? '').slice(0, 1000) || null };
      } finally {
        transport.close();
      }
    } catch (e) {
      const verdict = classifySmtpFailure(smtpReplyCode(e), r.attempts, MAX_ATTEMPTS);
      outcome = { status: verdict.kind === 'retry' ? 'queued' : 'failed', code: verdict.code, message: serverError(e), retryInSec: verdict.kind === 'retry' ? retryDelaySec(r.attempts) : undefined };
      this.logger.warn(`email ${r.id} try ${r.attempts}: ${outcome.message}`);
    }
    await this.ds.transaction(async (m) => {
      const [, updated]: [unknown, number] = await m.query(
        `UPDATE email_messages SET status = $2::text, error_code = $3, error_message = $4,
            sent_at = CASE WHEN $2::text = 'sent' THEN now() ELSE sent_at END,
            next_attempt_at = CASE WHEN $2::text = 'queued' THEN now() + make_interval(secs => $5::int) ELSE NULL END,
            version = version + 1, updated_at = now()
          WHERE id = $1 AND status = 'sending' AND attempts = $6`,
        [r.id, outcome.status, outcome.status === 'sent' && !outcome.code ? null : outcome.code, outcome.message, outcome.retryInSec ?? 0, r.attempts],
      );
      // the claim (its attempt number) was taken over by another worker after the lease ran out: it records the outcome
      if (!updated) return;
      if (outcome.status === 'sent' && r.record_type && r.record_id) {
        await this.audit.record(m, r.created_by ? ({ id: r.created_by, name: r.created_by_name } as never) : null, 'message.sent', r.record_type, r.record_id, [
          { field: 'channel', old: null, new: 'email' },
          { field: 'email', old: null, new: r.to_addresses.join(', ') },
          { field: 'subject', old: null, new: r.subject },
          { field: 'messageId', old: null, new: r.id },
        ]);
      }
    });
  }
}
