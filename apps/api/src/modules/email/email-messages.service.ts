import { HttpStatus, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@core/auth/auth-user';
import { AttachmentsService, type UploadedFileInput } from '@core/files/attachments.service';
import { badRequest, DomainError, notFound } from '@core/http/domain-error';
import { JobsService } from '@core/jobs/jobs.service';
import { listMessages } from '@core/messaging/list';
import { messagingScope } from '@core/messaging/scope';
import { renderTemplate, type TemplateValues } from '@core/messaging/render';
import { emailFor } from '@core/util/mask';
import { EmailAccountsService } from './email-accounts.service';
import { htmlToText, newMessageId, replyReferences, replySubject, safeHtml } from './email-compose';
import { EmailDeliveryService } from './email-delivery.service';
import { EmailRecipientsService, type EmailRecord } from './email-recipients.service';
import type { EmailMessageRow } from './email-rows';
import { EmailTemplatesService } from './email-templates.service';
import { EmailErrorCode } from './email.errors';
import { EmailMessagePage, EmailMessageResponse, EmailPreviewDto, EmailPreviewResponse, EmailUploadResponse, QueryEmailMessagesDto, SendEmailDto } from './dto/email.dto';

/** The `email` data scope, plus the mail the reader wrote themselves (whoever holds its record now). */
function emailScope(actor: AuthUser): { sql: string; params: [string, string[]] } {
  const scope = messagingScope(actor, 'email');
  return { sql: `(${scope.sql} OR m.created_by = $1::uuid)`, params: scope.params };
}

/** What a user may attach to one message, all files together (each file also obeys FILES_MAX_BYTES). */
export const ATTACHMENTS_MAX_BYTES = 10 * 1024 * 1024;
/** Uploads waiting to be attached belong to their uploader. */
const UPLOAD_KIND = 'email_upload';
/** The daily job removing uploads no message names, a day after they were uploaded. */
export const EMAIL_UPLOADS_PURGE_JOB = 'email.uploads.purge';


/**
 * Composing and reading mail: the address comes from the record's own module (so a masked one still sends),
 * a template is rendered for the record (values HTML-escaped), the HTML part is sanitized and a text part
 * derived, a reply carries In-Reply-To/References and joins its thread, attachments come from the sender's
 * uploads (size-limited). The message is written `queued` (or `scheduled`) and goes to the delivery queue.
 * Reads are in the reader's `email` data scope: the holder of the record a message belongs to.
 */
@Injectable()
export class EmailMessagesService implements OnModuleInit {
  private readonly logger = new Logger('EmailMessages');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly accounts: EmailAccountsService,
    private readonly templates: EmailTemplatesService,
    private readonly recipients: EmailRecipientsService,
    private readonly delivery: EmailDeliveryService,
    private readonly attachments: AttachmentsService,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register(EMAIL_UPLOADS_PURGE_JOB, async () => void (await this.purgeUploads()), '41 3 * * *', { retryLimit: 0 });
  }

  /**
   * Removes uploads older than `maxAgeMs` that no message names (attached to nothing, or their message was never
   * written); their stored bytes go with core/files' hourly sweep. Answers how many were removed.
   */
  async purgeUploads(maxAgeMs = 24 * 3600 * 1000, now = Date.now()): Promise<number> {
    let removed = 0;
    let after: Date | null = null;
    for (;;) {
      const stale = await this.attachments.uploadedBefore(UPLOAD_KIND, new Date(now - maxAgeMs), after, 500);
      if (!stale.length) break;
      const named: { id: string }[] = await this.ds.query(
        `SELECT DISTINCT a->>'attachmentId' AS id FROM email_messages m, jsonb_array_elements(m.attachments) a
          WHERE m.created_at >= $2 AND a->>'attachmentId' = ANY($1::text[])`,
        [stale.map((f) => f.id), stale[0].createdAt],
      );
      const keep = new Set(named.map((r) => r.id));
      const drop = stale.filter((f) => !keep.has(f.id));
      for (const f of drop) await this.attachments.remove(UPLOAD_KIND, f.recordId, f.id).then(() => removed++, () => undefined);
      // referenced uploads stay (their message needs them): the next page starts after this one
      if (stale.length < 500) break;
      after = stale[stale.length - 1].createdAt;
    }
    if (removed) this.logger.log(`removed ${removed} unused email upload(s)`);
    return removed;
  }

  async upload(actor: AuthUser, file: UploadedFileInput | undefined): Promise<EmailUploadResponse> {
    const a = await this.attachments.add(actor, UPLOAD_KIND, actor.id, file);
    return { id: a.id, fileName: a.fileName, size: Number(a.sizeBytes), contentType: a.contentType };
  }

  async preview(actor: AuthUser, dto: EmailPreviewDto): Promise<EmailPreviewResponse> {
    const record = dto.recordType && dto.recordId ? await this.recipients.resolve(actor, dto.recordType, dto.recordId) : null;
    const r = await this.render(actor, record, dto);
    return { subject: r.subject, html: r.html, text: htmlToText(r.html), missing: r.missing };
  }

  async send(actor: AuthUser, dto: SendEmailDto): Promise<EmailMessageResponse> {
    const parent = dto.replyToId ? await this.readableRow(actor, dto.replyToId) : null;
    if (!parent && !!dto.recordType !== !!dto.recordId) throw badRequest(EmailErrorCode.EMAIL_RECIPIENT_REQUIRED, dto.recordType ? 'recordId' : 'recordType', 'Give recordType and recordId together');
    const recordType = dto.recordType ?? parent?.record_type ?? undefined;
    const recordId = dto.recordId ?? parent?.record_id ?? undefined;
    const record = recordType && recordId ? await this.recipients.resolve(actor, recordType, recordId) : null;
    if (record?.doNotEmail) throw new DomainError(EmailErrorCode.EMAIL_DO_NOT_EMAIL, HttpStatus.UNPROCESSABLE_ENTITY, 'The contact does not want email');
    const to = [...new Set([...(record?.address && !dto.to?.length ? [record.address] : []), ...(dto.to ?? []), ...(parent && !record?.address && !dto.to?.length ? [parent.from_address] : [])].map((a) => a.toLowerCase()))];
    if (!to.length) {
      if (record) throw new DomainError(EmailErrorCode.EMAIL_NO_ADDRESS, HttpStatus.UNPROCESSABLE_ENTITY, 'The record has no email address', [{ field: 'recordId', message: 'no email address' }]);
      throw badRequest(EmailErrorCode.EMAIL_RECIPIENT_REQUIRED, 'to', 'Give a record or addresses');
    }
    if (!dto.templateId && !(dto.subject ?? parent?.subject) && !dto.bodyHtml && !dto.bodyText) throw badRequest(EmailErrorCode.EMAIL_BODY_REQUIRED, 'bodyHtml', 'Choose a template or write a subject and a body');
    const bouncing: { address: string }[] = await this.ds.query(`SELECT address FROM email_address_status WHERE address = ANY($1) AND bouncing`, [to]);
    if (bouncing.length) {
      throw new DomainError(EmailErrorCode.EMAIL_ADDRESS_BOUNCING, HttpStatus.UNPROCESSABLE_ENTITY, 'Mail to this address bounced', [{ field: 'to', message: 'bouncing', params: { address: emailFor(actor, bouncing[0].address, record?.ownerId) } }]);
    }
    const account = await this.accounts.sender(actor, dto.accountId ?? parent?.account_id);
    const rendered = await this.render(actor, record, { ...dto, subject: dto.subject ?? (parent ? replySubject(parent.subject) : undefined) });
    const html = account.signature ? `${rendered.html}${safeHtml(account.signature)}` : rendered.html;
    const files = await this.uploads(actor, dto.attachmentIds ?? []);
    const id = randomUUID();
    const now = new Date();
    const scheduled = !!dto.scheduledAt && dto.scheduledAt > now;
    const [row]: EmailMessageRow[] = await this.ds.query(
      `INSERT INTO email_messages (id, direction, status, account_id, from_address, from_name, to_addresses, cc_addresses, bcc_addresses, subject, body_text, body_html,
          message_id, in_reply_to, references_ids, thread_id, parent_id, template_id, record_type, record_id, owner_id, department_id, attachments,
          scheduled_at, next_attempt_at, created_by, created_by_name, ticket_id)
       VALUES ($1, 'outbound', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27) RETURNING *`,
      [
        id,
        scheduled ? 'scheduled' : 'queued',
        account.id,
        account.address,
        account.from_name,
        to,
        (dto.cc ?? []).map((a) => a.toLowerCase()),
        (dto.bcc ?? []).map((a) => a.toLowerCase()),
        rendered.subject,
        dto.bodyText ?? htmlToText(html),
        html,
        newMessageId(id, account.address),
        parent?.message_id ?? null,
        parent ? replyReferences(parent.references_ids, parent.message_id) : [],
        parent ? (parent.thread_id ?? parent.id) : id,
        parent?.id ?? null,
        dto.templateId ?? null,
        record?.type ?? null,
        record?.id ?? null,
        record ? record.ownerId : actor.id,
        record ? record.departmentId : actor.departmentId,
        JSON.stringify(files),
        scheduled ? dto.scheduledAt : null,
        scheduled ? dto.scheduledAt : now,
        actor.id,
        actor.name,
        // a reply in a ticket's mail thread belongs to that ticket: the customer's answer to it finds the ticket again
        parent?.ticket_id ?? null,
      ],
    );
    if (!scheduled) await this.delivery.enqueue(row.id);
    return this.get(actor, row.id);
  }

  /** Cancels a scheduled or retrying message that has not left. */
  async cancel(actor: AuthUser, id: string): Promise<EmailMessageResponse> {
    await this.readableRow(actor, id);
    const [rows]: [unknown[], number] = await this.ds.query(
      `UPDATE email_messages SET status = 'canceled', next_attempt_at = NULL, version = version + 1, updated_at = now() WHERE id = $1 AND status IN ('scheduled', 'queued') RETURNING id`,
      [id],
    );
    if (!rows.length) throw new DomainError(EmailErrorCode.EMAIL_NOT_CANCELABLE, HttpStatus.CONFLICT, 'The message has already left or ended');
    return this.get(actor, id);
  }

  async list(actor: AuthUser, q: QueryEmailMessagesDto): Promise<EmailMessagePage> {
    const { rows, nextCursor } = await listMessages<EmailMessageRow>(this.ds, 'email_messages', emailScope(actor), { 'm.status': q.status, 'm.direction': q.direction, 'm.record_type': q.recordType, 'm.record_id': q.recordId, 'm.thread_id': q.threadId, 'm.broadcast_id': q.broadcastId }, q);
    return { data: await this.toResponses(actor, rows), nextCursor };
  }

  async get(actor: AuthUser, id: string): Promise<EmailMessageResponse> {
    return (await this.toResponses(actor, [await this.readableRow(actor, id)]))[0];
  }

  /** The message if the reader's scope covers it (404 otherwise). */
  async readableRow(actor: AuthUser, id: string): Promise<EmailMessageRow> {
    const scope = emailScope(actor);
    const [row]: EmailMessageRow[] = await this.ds.query(`SELECT m.* FROM email_messages m WHERE m.id = $3 AND ${scope.sql}`, [...scope.params, id]);
    if (!row) throw notFound('email message');
    return row;
  }

  private async render(actor: AuthUser, record: EmailRecord | null, dto: { templateId?: string; subject?: string; bodyHtml?: string; bodyText?: string; variables?: Record<string, string> }) {
    const template = dto.templateId ? await this.templates.row(dto.templateId).catch(() => {
      throw badRequest('NOT_FOUND', 'templateId', 'No such template', { params: { entity: 'email template' } });
    }) : null;
    const values: TemplateValues = { ...(record?.values ?? {}), 'sender.name': actor.name, ...(dto.variables ?? {}) };
    const subject = renderTemplate(dto.subject ?? template?.subject ?? '', values);
    const bodySource = dto.bodyHtml ?? template?.body_html ?? (dto.bodyText ? dto.bodyText.split('\n').map((l) => `<p>${l.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!)}</p>`).join('') : '');
    const body = renderTemplate(bodySource, values, { html: true });
    return { subject: subject.text.replace(/[\r\n]+/g, ' ').trim(), html: safeHtml(body.text), missing: [...new Set([...subject.missing, ...body.missing])] };
  }

  private async uploads(actor: AuthUser, ids: string[]) {
    const files = [];
    let total = 0;
    for (const id of [...new Set(ids)]) {
      const a = await this.attachments.get(id);
      if (!a || a.recordType !== UPLOAD_KIND || a.recordId !== actor.id) throw badRequest('NOT_FOUND', 'attachmentIds', 'No such upload of yours', { params: { entity: 'attachment' } });
      total += Number(a.sizeBytes);
      files.push({ attachmentId: a.id, fileName: a.fileName, size: Number(a.sizeBytes), contentType: a.contentType });
    }
    if (total > ATTACHMENTS_MAX_BYTES) {
      throw new DomainError(EmailErrorCode.EMAIL_ATTACHMENTS_TOO_LARGE, HttpStatus.PAYLOAD_TOO_LARGE, `Attachments may be ${ATTACHMENTS_MAX_BYTES} bytes together`, [
        { field: 'attachmentIds', message: 'too large', params: { maxBytes: ATTACHMENTS_MAX_BYTES } },
      ], undefined, { params: { maxBytes: ATTACHMENTS_MAX_BYTES } });
    }
    return files;
  }

  async toResponses(actor: AuthUser, rows: EmailMessageRow[]): Promise<EmailMessageResponse[]> {
    const names = await this.recipients.names(rows.map((r) => ({ type: r.record_type, id: r.record_id })));
    const mask = (r: EmailMessageRow, list: string[]) => list.map((a) => emailFor(actor, a, r.owner_id) ?? a);
    return rows.map((r) => ({
      id: r.id,
      direction: r.direction,
      status: r.status === 'sending' ? 'queued' : r.status,
      accountId: r.account_id,
      from: r.direction === 'inbound' ? (emailFor(actor, r.from_address, r.owner_id) ?? r.from_address) : r.from_address,
      fromName: r.from_name,
      to: r.direction === 'outbound' ? mask(r, r.to_addresses) : r.to_addresses,
      cc: mask(r, r.cc_addresses),
      bcc: mask(r, r.bcc_addresses),
      subject: r.subject,
      bodyText: r.body_text,
      bodyHtml: r.body_html,
      messageId: r.message_id,
      inReplyTo: r.in_reply_to,
      references: r.references_ids,
      threadId: r.thread_id ?? r.id,
      recordType: r.record_type,
      recordId: r.record_id,
      recordName: r.record_type && r.record_id ? (names.get(`${r.record_type}:${r.record_id}`) ?? null) : null,
      templateId: r.template_id,
      broadcastId: r.broadcast_id,
      attachments: r.attachments,
      openedAt: r.opened_at,
      clickCount: r.click_count,
      attempts: r.attempts,
      scheduledAt: r.scheduled_at,
      nextAttemptAt: r.status === 'queued' || r.status === 'scheduled' ? r.next_attempt_at : null,
      sentAt: r.sent_at,
      receivedAt: r.received_at,
      errorCode: r.error_code,
      errorMessage: r.error_message,
      isBounce: r.is_bounce,
      createdAt: r.created_at,
    }));
  }
}
