import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AddressObject, ParsedMail } from 'mailparser';
import { lazyModule } from '@core/lazy/lazy-module';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@core/audit/audit.service';
import { APP_CONFIG, AppConfig } from '@core/config/app-config';
import { JobsService } from '@core/jobs/jobs.service';
import { TicketsService } from '@modules/tickets/tickets.service';
import { type AccountRow, EmailAccountsService } from './email-accounts.service';
import { htmlToText, parseMessageIds, safeHtml } from './email-compose';
import { readDsn } from './email-dsn';
import { EmailRecipientsService } from './email-recipients.service';
import { EmailTrackingService } from './email-tracking.service';
import type { EmailMessageRow } from './email-rows';
import { imapClient, serverError } from './email-transport';

// loaded by the first message received, not at boot
const mailparser = lazyModule<typeof import('mailparser')>('mailparser');

export const EMAIL_INBOUND_JOB = 'email.inbound';
/** Messages fetched per mailbox and poll (the rest wait for the next one). */
const BATCH = 200;
/** Cuts a header value to its column's size. */
const cut = (v: string | null | undefined, n: number): string | null => (v == null ? null : v.length > n ? v.slice(0, n) : v);

/** A ticket number named in a subject as `[#number]`. */
export const ticketToken = (subject: string): string | null => /\[#([A-Za-z0-9][A-Za-z0-9_\-/.]{0,63})\]/.exec(subject)?.[1] ?? null;

type SenderMatch = Awaited<ReturnType<EmailRecipientsService['matchSender']>>;

const addresses = (a: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((o) => o.value.map((v) => v.address?.toLowerCase()).filter((v): v is string => !!v));

/**
 * Inbound mail: every minute (`email.inbound`) each mailbox with IMAP is read from the UID after the last one
 * handled (imapflow), each message parsed (mailparser), threaded to the message it answers (In-Reply-To /
 * References), filed on that message's record or on the contact / lead the sender's address belongs to (the
 * dedupe index), and put on the record's timeline (`message.received`). The row is keyed by mailbox,
 * UIDVALIDITY and UID (unique index; the insert is `ON CONFLICT DO NOTHING`), so with several instances polling
 * each message is processed once: only the instance whose insert landed does the rest. Delivery status
 * notifications (bounces) mark the failed address as bouncing.
 */
@Injectable()
export class EmailInboundService implements OnModuleInit {
  private readonly logger = new Logger('EmailInbound');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accounts: EmailAccountsService,
    private readonly recipients: EmailRecipientsService,
    private readonly audit: AuditService,
    private readonly tracking: EmailTrackingService,
    private readonly jobs: JobsService,
    private readonly tickets: TicketsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register(EMAIL_INBOUND_JOB, async () => void (await this.pollAll()), '* * * * *', { retryLimit: 0, expireInSeconds: 600 });
  }

  /** Polls every inbound mailbox; answers how many new messages were filed. */
  async pollAll(): Promise<number> {
    let n = 0;
    for (const a of await this.accounts.inbound()) {
      // one mailbox failing must not keep the others from being read
      try {
        n += await this.poll(a);
      } catch (e) {
        this.logger.error(`${a.address}: ${(e as Error).message}`);
        await this.accounts.polled(a.id, null, serverError(e)).catch(() => undefined);
      }
    }
    return n;
  }

  async poll(account: AccountRow): Promise<number> {
    const endpoints = this.accounts.endpoints(account);
    const client = imapClient(endpoints);
    client.on('error', (e: Error) => this.logger.warn(`${account.address}: ${e.message}`));
    const fetched: { uid: number; source: Buffer }[] = [];
    const skipped: number[] = [];
    let highest = 0;
    let uidValidity: string;
    // messages larger than this are not downloaded: they are skipped and named in the mailbox's last error
    const maxBytes = this.config.emailInboundMaxBytes;
    try {
      await client.connect();
      const lock = await client.getMailboxLock(endpoints.imap!.mailbox);
      try {
        const box = client.mailbox as { uidValidity: bigint; exists: number };
        uidValidity = String(box.uidValidity);
        const from = account.imap_uid_validity === uidValidity ? Number(account.imap_last_uid) + 1 : 1;
        if (box.exists > 0) {
          // the UIDs first, then an explicit range of at most BATCH of them: never `n:*` with full sources
          const found = await client.search({ uid: `${from}:*` }, { uid: true });
          const uids = (found || []).filter((u) => u >= from).sort((a, b) => a - b).slice(0, BATCH);
          if (uids.length) {
            highest = uids[uids.length - 1];
            const sizes = new Map<number, number>();
            for await (const msg of client.fetch(uids.join(','), { uid: true, size: true }, { uid: true })) sizes.set(msg.uid, msg.size ?? 0);
            const small = uids.filter((u) => (sizes.get(u) ?? 0) <= maxBytes);
            skipped.push(...uids.filter((u) => (sizes.get(u) ?? 0) > maxBytes));
            for (let i = 0; i < small.length; i += 20) {
              for await (const msg of client.fetch(small.slice(i, i + 20).join(','), { uid: true, source: true }, { uid: true })) {
                if (msg.source) fetched.push({ uid: msg.uid, source: msg.source });
              }
            }
          }
        }
      } finally {
        lock.release();
      }
      await client.logout().catch(() => undefined);
    } catch (e) {
      client.close();
      await this.accounts.polled(account.id, null, serverError(e));
      return 0;
    }
    let filed = 0;
    const errors: string[] = skipped.map((u) => `UID ${u}: larger than ${maxBytes} bytes, skipped`);
    for (const f of fetched.sort((a, b) => a.uid - b.uid)) {
      // a message that cannot be filed is logged and passed over; it must not stop the mailbox
      try {
        if (await this.ingest(account, endpoints.imap!.mailbox, uidValidity, f.uid, f.source)) filed++;
      } catch (e) {
        this.logger.error(`${account.address} UID ${f.uid}: ${(e as Error).message}`);
        errors.push(`UID ${f.uid}: ${(e as Error).message}`);
      }
    }
    const lastUid = highest ? String(highest) : account.imap_uid_validity === uidValidity ? account.imap_last_uid : '0';
    await this.accounts.polled(account.id, { uidValidity, lastUid }, errors.length ? errors.join('; ') : null);
    return filed;
  }

  /** Files one fetched message; false when another poll already did. */
  async ingest(account: AccountRow, mailbox: string, uidValidity: string, uid: number, source: Buffer): Promise<boolean> {
    const mail: ParsedMail = await mailparser().simpleParser(source, { skipImageLinks: true });
    const from = addresses(mail.from)[0] ?? '';
    const refs = [...parseMessageIds(mail.references as string | string[] | undefined), ...parseMessageIds(mail.inReplyTo)];
    const dsn = readDsn(mail);
    const lookFor = [...new Set([...(dsn?.originalMessageId ? [dsn.originalMessageId] : []), ...refs.reverse()])];
    return this.ds.transaction(async (m) => {
      const parent = lookFor.length ? await this.parentOf(m, lookFor) : null;
      const sender = parent?.record_id ? null : dsn ? null : await this.recipients.matchSender(from);
      const record = parent?.record_id
        ? { type: parent.record_type, id: parent.record_id, ownerId: parent.owner_id, departmentId: parent.department_id }
        : sender
          ? { type: sender.type, id: sender.id, ownerId: sender.ownerId, departmentId: sender.departmentId }
          : null;
      const html = mail.html ? safeHtml(mail.html) : null;
      const [inserted]: { id: string }[] = await m.query(
        `INSERT INTO email_messages (direction, status, account_id, from_address, from_name, to_addresses, cc_addresses, subject, body_text, body_html,
            message_id, in_reply_to, references_ids, thread_id, parent_id, record_type, record_id, owner_id, department_id, received_at,
            imap_mailbox, imap_uid_validity, imap_uid, is_bounce, attachments)
         VALUES ('inbound', 'received', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)
         ON CONFLICT (account_id, imap_mailbox, imap_uid_validity, imap_uid) WHERE imap_uid IS NOT NULL DO NOTHING
         RETURNING id`,
        [
          account.id,
          cut(from, 254) ?? '',
          cut(mail.from?.value[0]?.name || null, 200),
          addresses(mail.to).filter((a) => a.length <= 254),
          addresses(mail.cc).filter((a) => a.length <= 254),
          (mail.subject ?? '').slice(0, 1000),
          mail.text ?? (html ? htmlToText(html) : null),
          html,
          mail.messageId && mail.messageId.length <= 500 ? mail.messageId : `<imap-${account.id}-${uidValidity}-${uid}@keyuan.local>`,
          cut(parseMessageIds(mail.inReplyTo)[0] ?? null, 500),
          parseMessageIds(mail.references as string | string[] | undefined),
          parent ? (parent.thread_id ?? parent.id) : null,
          parent?.id ?? null,
          record?.type ?? null,
          record?.id ?? null,
          // mail filed on no record belongs to the mailbox's user (a personal mailbox)
          record ? (record.ownerId ?? null) : account.user_id,
          record?.departmentId ?? null,
          mail.date ?? new Date(),
          cut(mailbox, 200),
          uidValidity,
          uid,
          !!dsn,
          JSON.stringify((dsn ? [] : mail.attachments).map((a) => ({ attachmentId: null, fileName: a.filename ?? 'attachment', size: a.size, contentType: a.contentType }))),
        ],
      );
      if (!inserted) return false;
      // the mailto of List-Unsubscribe: a mail whose subject carries a signed unsubscribe token
      const unsubscribe = this.tracking.mailtoToken(mail.subject ?? '');
      if (unsubscribe) await this.tracking.unsubscribe(unsubscribe, 'mailto');
      if (!parent) await m.query(`UPDATE email_messages SET thread_id = id WHERE id = $1`, [inserted.id]);
      if (account.is_service_mailbox && !dsn && !unsubscribe) {
        const ticketId = await this.toTicket(m, mail, from, parent, sender);
        await m.query(`UPDATE email_messages SET ticket_id = $2 WHERE id = $1`, [inserted.id, ticketId]);
      }
      // a bounce counts only when it reports on one of our outbound messages, and only for that message's recipients
      const ours = dsn && parent?.direction === 'outbound' ? parent : null;
      const sentTo = new Set([...(ours?.to_addresses ?? []), ...(ours?.cc_addresses ?? []), ...(ours?.bcc_addresses ?? [])].map((a) => a.toLowerCase()));
      const failed = ours ? dsn!.failed.filter((f) => sentTo.has(f.address)) : [];
      if (ours && failed.length) {
        await m.query(
          `INSERT INTO email_address_status (address, bouncing, bounced_at, bounce_reason) SELECT a, true, now(), $2 FROM unnest($1::text[]) a
             ON CONFLICT (address) DO UPDATE SET bouncing = true, bounced_at = now(), bounce_reason = EXCLUDED.bounce_reason, updated_at = now()`,
          [failed.map((f) => f.address), failed.map((f) => `${f.status} ${f.diagnostic ?? ''}`.trim()).join('; ').slice(0, 1000)],
        );
        await m.query(`UPDATE email_messages SET status = 'failed', error_code = 'bounced', error_message = $2, version = version + 1 WHERE id = $1 AND status = 'sent'`, [ours.id, failed.map((f) => `${f.address}: ${f.status} ${f.diagnostic ?? ''}`).join('; ').slice(0, 1000)]);
      }
      if (record?.type && record.id) {
        await this.audit.record(m, null, dsn ? 'message.bounced' : 'message.received', record.type, record.id, [
          { field: 'channel', old: null, new: 'email' },
          { field: 'email', old: null, new: from },
          { field: 'subject', old: null, new: mail.subject ?? '' },
          { field: 'messageId', old: null, new: inserted.id },
        ]);
      }
      return true;
    });
  }

  /**
   * Mail to the service mailbox, in the filing transaction (so it happens once): a reply threaded to a ticket's
   * mail, or naming a ticket number in its subject (`[#T20261201-0001]`), answers that ticket through the tickets
   * module's rules (a message on an active ticket; a resolved one reopens within TICKET_REOPEN_DAYS; later, or
   * closed, a new linked ticket); any other mail opens a ticket on the contact (and its account) the sender matched.
   */
  private async toTicket(m: EntityManager, mail: ParsedMail, from: string, parent: EmailMessageRow | null, sender: SenderMatch | null): Promise<string> {
    const html = mail.html ? safeHtml(mail.html) : null;
    const body = ((mail.text ?? (html ? htmlToText(html) : '')).trim() || (mail.subject ?? '').trim() || '(empty)').slice(0, 20000);
    const token = ticketToken(mail.subject ?? '');
    const answered = parent?.ticket_id
      ? await this.tickets.answerByCustomer(m, { id: parent.ticket_id }, body)
      : token
        ? await this.tickets.answerByCustomer(m, { number: token }, body)
        : null;
    if (answered) return answered.id;
    const who = sender ?? (from ? await this.recipients.matchSender(from) : null);
    const opened = await this.tickets.openByMail(m, {
      subject: mail.subject ?? '',
      body,
      fromName: mail.from?.value[0]?.name || null,
      fromAddress: from,
      contactId: who?.type === 'contact' ? who.id : null,
      accountId: who?.type === 'contact' ? (who.accountId ?? null) : null,
    });
    return opened.id;
  }

  /** The newest message of ours a reply names (In-Reply-To first, then References from the newest). */
  private async parentOf(m: EntityManager, ids: string[]): Promise<EmailMessageRow | null> {
    const rows: EmailMessageRow[] = await m.query(`SELECT * FROM email_messages WHERE message_id = ANY($1) ORDER BY created_at`, [ids]);
    for (const id of ids) {
      const hit = rows.find((r) => r.message_id === id);
      if (hit) return hit;
    }
    return null;
  }
}
