import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '@core/audit/audit.service';
import { DomainError } from '@core/http/domain-error';
import { optOutIntent } from '@core/messaging/opt-out';
import { normalizePhone } from '@core/util/contact-normalize';
import { ContactsService } from '@modules/contacts/contacts.service';
import { LeadsService } from '@modules/leads/leads.service';
import type { SmsInbound, SmsProviderName, SmsReceipt } from './providers/provider';
import { verifyTwilioSignature } from './providers/twilio-signature';
import { SmsReceiptsService } from './sms-receipts.service';
import { SmsSettingsService } from './sms-settings.service';
import { SmsErrorCode } from './sms.errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const forbidden = () =>
  new DomainError(
    SmsErrorCode.SMS_WEBHOOK_FORBIDDEN,
    HttpStatus.FORBIDDEN,
    'Webhook signature or token is invalid',
  );

const TWILIO_STATUS: Record<string, SmsReceipt['status'] | undefined> = {
  sent: 'sent',
  delivered: 'delivered',
  undelivered: 'undelivered',
  failed: 'failed',
};

/** A request as the webhook controller hands it over. */
export interface WebhookRequest {
  /** The URL the provider called, as it saw it (public base URL + path and query). */
  url: string;
  query: Record<string, unknown>;
  body: unknown;
  signature?: string;
}

/**
 * Provider callbacks: verified first (Twilio's X-Twilio-Signature with the stored auth token; Aliyun's pushes
 * carry no signature, so their URL carries the long secret token), 403 and nothing written otherwise; then
 * applied once per provider key (Twilio MessageSid, Aliyun biz_id + phone / sequence_id).
 */
@Injectable()
export class SmsWebhooksService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly settings: SmsSettingsService,
    private readonly receipts: SmsReceiptsService,
    private readonly contacts: ContactsService,
    private readonly leads: LeadsService,
    private readonly audit: AuditService,
  ) {
    // an inbound message is an audited record with events (`sms.received` for webhooks and the change feed), read
    // by the `sms` grant over the owner and department of the contact or lead it matched (none: `all` scope only)
    audit.registerKind({ entityType: 'sms', module: 'sms', alias: 'smsm', scope: { owner: 'smsm.owner_id', department: 'smsm.department_id' }, table: () => 'sms_messages', events: true });
  }

  /** The URL Twilio signed: the public base URL when set (behind proxies the Host differs), else the request's own. */
  async publicUrl(path: string, fallback: string): Promise<string> {
    const s = await this.settings.load();
    return s.publicBaseUrl ? s.publicBaseUrl + path : fallback;
  }

  async twilioStatus(req: WebhookRequest): Promise<void> {
    const p = await this.verifyTwilio(req);
    const status = TWILIO_STATUS[p.MessageStatus ?? ''];
    if (!status || !p.MessageSid) return; // queued / sending / accepted: nothing to record
    const m = typeof req.query.m === 'string' ? req.query.m : null;
    await this.receipts.apply('twilio', [
      {
        key: `${p.MessageSid}:${status}`,
        providerId: p.MessageSid,
        messageId: m,
        status,
        errorCode: p.ErrorCode ?? null,
      },
    ]);
  }

  async twilioInbound(req: WebhookRequest): Promise<void> {
    const p = await this.verifyTwilio(req);
    if (!p.MessageSid || !p.From) return;
    await this.inbound('twilio', [{ key: p.MessageSid, from: p.From, to: p.To ?? null, body: p.Body ?? '' }]);
  }

  async aliyunStatus(req: WebhookRequest): Promise<void> {
    const items = await this.verifyAliyun(req);
    const receipts: SmsReceipt[] = items.map((r) => {
      const messageId = typeof r.out_id === 'string' && UUID.test(r.out_id) ? r.out_id : null;
      return {
        key: `${String(r.biz_id)}:${String(r.phone_number)}`,
        // a SendSms report names our message (OutId); a SendBatchSms one has only the batch's BizId and the number,
        // which is the provider id the adapter recorded for each message of the batch
        providerId: r.biz_id
          ? messageId
            ? String(r.biz_id)
            : `${String(r.biz_id)}:${String(r.phone_number)}`
          : '',
        messageId,
        status: r.success === true || r.success === 'true' ? 'delivered' : 'undelivered',
        errorCode: r.success === true || r.success === 'true' ? null : String(r.err_code ?? 'UNDELIVERED'),
      };
    });
    // a report that outruns the recording of its batch is parked, not refused: the push is answered 接收成功
    await this.receipts.applyAll(
      'aliyun',
      receipts.filter((r) => r.providerId),
    );
  }

  async aliyunInbound(req: WebhookRequest): Promise<void> {
    const items = await this.verifyAliyun(req);
    await this.inbound(
      'aliyun',
      items
        .filter((i) => i.sequence_id !== undefined && i.phone_number)
        .map((i) => ({
          key: String(i.sequence_id),
          from: String(i.phone_number),
          to: i.dest_code ? String(i.dest_code) : null,
          body: String(i.content ?? ''),
        })),
    );
  }

  /**
   * Stores each new inbound message matched to a contact (else a lead) by phone, and applies STOP/START. Its audit
   * entry (action `receive`, no actor) writes the `sms.received` event in the same transaction (the outbox).
   */
  private async inbound(provider: SmsProviderName, items: SmsInbound[]): Promise<void> {
    for (const item of items) {
      const phone = normalizePhone(item.from) ?? item.from.slice(0, 20);
      const [contactId] = await this.contacts.idsByPhone(phone);
      const contact = contactId ? (await this.contacts.messagingTargets([contactId]))[0] : null;
      const lead = contact ? null : await this.leads.holderByPhone(phone);
      await this.ds.transaction(async (m) => {
        const fresh = await m.query(
          `INSERT INTO sms_webhook_keys (provider, kind, key) VALUES ($1, 'inbound', $2) ON CONFLICT DO NOTHING RETURNING key`,
          [provider, item.key],
        );
        if (!fresh.length) return;
        const [row]: { id: string }[] = await m.query(
          `INSERT INTO sms_messages (direction, status, phone, body, provider, provider_id, contact_id, lead_id, owner_id, department_id)
           VALUES ('inbound', 'received', $1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
          [
            phone,
            item.body.slice(0, 2000),
            provider,
            `in:${item.key}`,
            contact?.id ?? null,
            lead?.id ?? null,
            contact?.ownerId ?? lead?.ownerId ?? null,
            contact?.departmentId ?? lead?.departmentId ?? null,
          ],
        );
        await this.audit.record(m, null, 'receive', 'sms', row.id, [
          { field: 'phone', old: null, new: phone },
          { field: 'body', old: null, new: item.body.slice(0, 2000) },
          { field: 'contactId', old: null, new: contact?.id ?? null },
          { field: 'leadId', old: null, new: lead?.id ?? null },
        ]);
        const intent = optOutIntent(item.body);
        if (intent === 'optOut')
          await m.query(
            `INSERT INTO sms_opt_outs (phone, source, message_id) VALUES ($1, 'reply', $2) ON CONFLICT (phone) DO NOTHING`,
            [phone, row.id],
          );
        if (intent === 'optIn') await m.query(`DELETE FROM sms_opt_outs WHERE phone = $1`, [phone]);
      });
    }
  }

  private async verifyTwilio(req: WebhookRequest): Promise<Record<string, string>> {
    const s = await this.settings.load();
    const token = s.provider === 'twilio' ? s.credentials.twilio?.authToken : undefined;
    const params = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, string>;
    if (!token || !verifyTwilioSignature(token, req.signature, req.url, params)) throw forbidden();
    return params;
  }

  private async verifyAliyun(req: WebhookRequest): Promise<Record<string, unknown>[]> {
    const s = await this.settings.load();
    const given = Buffer.from(typeof req.query.token === 'string' ? req.query.token : '');
    const expected = Buffer.from(s.webhookToken);
    if (s.provider !== 'aliyun' || given.length !== expected.length || !timingSafeEqual(given, expected))
      throw forbidden();
    if (!Array.isArray(req.body))
      throw new DomainError('VALIDATION_FAILED', HttpStatus.BAD_REQUEST, 'Aliyun pushes a JSON array');
    return req.body as Record<string, unknown>[];
  }
}
