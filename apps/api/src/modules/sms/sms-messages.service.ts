import { HttpStatus, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '@core/auth/auth-user';
import { badRequest, DomainError, notFound } from '@core/http/domain-error';
import { JobsService } from '@core/jobs/jobs.service';
import { renderTemplate, templateVariables, type TemplateValues } from '@core/messaging/render';
import { listMessages } from '@core/messaging/list';
import { countSegments } from '@core/messaging/segments';
import { nextSendTime } from '@core/messaging/send-window';
import { normalizePhone } from '@core/util/contact-normalize';
import { phoneFor } from '@core/util/mask';
import { AccountsService } from '@modules/accounts/accounts.service';
import { ContactsService, type ContactMessagingTarget } from '@modules/contacts/contacts.service';
import type { SmsTemplateKind } from '@keyuan/shared';
import { OutboundMessage, SmsDeliveryService } from './sms-delivery.service';
import { smsScope } from './sms-scope';
import { SmsSettingsService } from './sms-settings.service';
import { SmsTemplate, SmsTemplatesService } from './sms-templates.service';
import { SmsErrorCode } from './sms.errors';
import {
  QuerySmsMessagesDto,
  SendSmsDto,
  SmsMessagePage,
  SmsMessageResponse,
  SmsPreviewDto,
  SmsPreviewResponse,
} from './dto/sms.dto';

export interface MessageRow {
  id: string;
  direction: 'outbound' | 'inbound';
  status: SmsMessageResponse['status'];
  phone: string;
  body: string;
  kind: SmsTemplateKind;
  parts: number;
  template_id: string | null;
  broadcast_id: string | null;
  contact_id: string | null;
  lead_id: string | null;
  owner_id: string | null;
  provider: string | null;
  provider_id: string | null;
  error_code: string | null;
  error_message: string | null;
  scheduled_at: Date | null;
  sent_at: Date | null;
  delivered_at: Date | null;
  read_at: Date | null;
  created_at: Date;
}

/** Variables a template may use for a contact, beside the sender's own values. */
export function contactValues(t: ContactMessagingTarget | null, accountName: string | null): TemplateValues {
  return t ? { name: t.name, 'contact.name': t.name, 'account.name': accountName } : {};
}

/** Aliyun's TemplateParam: the template's variables by name (dots become underscores, as its `${…}` names allow). */
export function templateParams(body: string, values: TemplateValues): Record<string, string> {
  return Object.fromEntries(
    templateVariables(body).map((v) => [v.replaceAll('.', '_'), String(values[v] ?? '')]),
  );
}

/** Keyset cursors of messages and broadcasts (core/messaging/list). */
export { messageCursor as cursorOf, decodeMessageCursor as decodeCursor } from '@core/messaging/list';

/**
 * One message to a contact or number, now or later (`scheduledAt`; marketing outside allowed hours waits for
 * them), with its template rendered for the contact; the list of messages in the reader's scope; previews with
 * the part count; the minute job sending scheduled messages.
 */
@Injectable()
export class SmsMessagesService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly settings: SmsSettingsService,
    private readonly templates: SmsTemplatesService,
    private readonly delivery: SmsDeliveryService,
    private readonly contacts: ContactsService,
    private readonly accounts: AccountsService,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register('sms.scheduled', () => this.sendDue().then(() => undefined), '* * * * *', {
      retryLimit: 0,
    });
  }

  async preview(actor: AuthUser, dto: SmsPreviewDto): Promise<SmsPreviewResponse> {
    const body = dto.templateId ? (await this.templates.usable(dto.templateId)).body : (dto.body ?? '');
    const target = dto.contactId ? await this.target(actor, dto.contactId) : null;
    const values = {
      ...(await this.valuesFor(target ? [target] : [])).get(target?.id ?? ''),
      ...(dto.variables ?? {}),
    };
    const { text, missing } = renderTemplate(body, values);
    const c = countSegments(text);
    return {
      text,
      missing,
      encoding: c.encoding,
      characters: c.characters,
      units: c.units,
      parts: c.parts,
      remaining: c.remaining,
    };
  }

  async send(actor: AuthUser, dto: SendSmsDto): Promise<SmsMessageResponse> {
    if (!!dto.contactId === !!dto.phone)
      throw badRequest(SmsErrorCode.SMS_RECIPIENT_REQUIRED, 'contactId', 'Give a contactId or a phone');
    if (!!dto.templateId === !!dto.body)
      throw badRequest(SmsErrorCode.SMS_BODY_REQUIRED, 'templateId', 'Give a templateId or a body');
    const s = await this.settings.load();
    let target: ContactMessagingTarget | null;
    let phone: string | null;
    if (dto.contactId) {
      target = await this.target(actor, dto.contactId);
      if (target.doNotSms)
        throw new DomainError(
          SmsErrorCode.SMS_DO_NOT_SMS,
          HttpStatus.UNPROCESSABLE_ENTITY,
          'The contact does not want SMS',
        );
      phone = target.phone ? normalizePhone(target.phone) : null;
      if (!phone)
        throw new DomainError(
          SmsErrorCode.SMS_NO_PHONE,
          HttpStatus.UNPROCESSABLE_ENTITY,
          'The contact has no valid mobile number',
        );
    } else {
      phone = normalizePhone(dto.phone!);
      if (!phone) throw badRequest(SmsErrorCode.SMS_INVALID_NUMBER, 'phone', 'Not a valid phone number');
      target = await this.readableContactByPhone(actor, phone);
    }
    const template = dto.templateId ? await this.templates.usable(dto.templateId) : null;
    if (template && dto.kind && dto.kind !== template.kind) {
      throw badRequest(
        SmsErrorCode.SMS_KIND_TEMPLATE_MISMATCH,
        'kind',
        `The template is a ${template.kind} template`,
      );
    }
    const kind: SmsTemplateKind = template?.kind ?? dto.kind ?? 'notification';
    // a free-text marketing body follows the marketing template rule: it ends with the opt-out line
    if (!template) await this.templates.check(kind, dto.body!);
    const values = {
      ...((await this.valuesFor(target ? [target] : [])).get(target?.id ?? '') ?? {}),
      ...(dto.variables ?? {}),
    };
    const text = template ? renderTemplate(template.body, values).text : dto.body!;
    const now = new Date();
    let at = dto.scheduledAt && dto.scheduledAt > now ? dto.scheduledAt : now;
    if (kind === 'marketing') at = nextSendTime(at, s.window);
    const scheduled = at > now;
    const row = await this.ds.transaction(async (m) => {
      // One send per number at a time: the caps count today's messages, so two parallel sends that both checked
      // before either wrote would both pass. The transaction-scoped advisory lock on the number serializes the
      // check and the insert (READ COMMITTED: the next holder's count sees the row the previous one committed).
      await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('sms:' || $1, 0))`, [phone]);
      const blocked = (
        await this.delivery.suppression([{ phone: phone!, templateId: template?.id ?? null }], kind, s, m)
      ).get(phone!);
      if (blocked === 'OPTED_OUT')
        throw new DomainError(
          SmsErrorCode.SMS_OPTED_OUT,
          HttpStatus.UNPROCESSABLE_ENTITY,
          'The number opted out of marketing',
        );
      if (blocked) {
        throw new DomainError(
          SmsErrorCode.SMS_FREQUENCY_CAP,
          HttpStatus.UNPROCESSABLE_ENTITY,
          `Frequency cap reached (${blocked})`,
          [
            {
              field: dto.contactId ? 'contactId' : 'phone',
              code: blocked,
              message: `Frequency cap reached (${blocked})`,
            },
          ],
        );
      }
      return this.insertOutbound(m, [
        scheduled ? 'scheduled' : 'queued',
        phone,
        text,
        kind,
        countSegments(text).parts,
        template?.id ?? null,
        template ? JSON.stringify(templateParams(template.body, values)) : null,
        target?.id ?? null,
        target?.ownerId ?? actor.id,
        target ? target.departmentId : actor.departmentId,
        scheduled ? at : null,
        actor.id,
      ]);
    });
    if (!scheduled) await this.delivery.send(actor, [this.outbound(row, template)]);
    return this.get(actor, row.id);
  }

  private async insertOutbound(m: EntityManager, values: unknown[]): Promise<MessageRow> {
    const [row]: MessageRow[] = await m.query(
      `INSERT INTO sms_messages (direction, status, phone, body, kind, parts, template_id, template_params, contact_id, owner_id, department_id, scheduled_at, created_by)
       VALUES ('outbound', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING *`,
      values,
    );
    return row;
  }

  /** Sends scheduled messages that are due (rows claimed with SKIP LOCKED, so instances never share one). */
  async sendDue(limit = 200): Promise<number> {
    const s = await this.settings.load();
    const [rows]: [
      (MessageRow & { template_code: string | null; template_params: Record<string, string> | null })[],
      number,
    ] = await this.ds.query(
      `UPDATE sms_messages m SET status = 'queued', updated_at = now()
         FROM (SELECT id FROM sms_messages WHERE status = 'scheduled' AND scheduled_at <= now() AND broadcast_id IS NULL
               ORDER BY scheduled_at LIMIT $1 FOR UPDATE SKIP LOCKED) due
        WHERE m.id = due.id
        RETURNING m.*, (SELECT provider_template_code FROM sms_templates t WHERE t.id = m.template_id) AS template_code`,
      [limit],
    );
    if (!rows.length) return 0;
    // a number that opted out since the message was written gets no marketing
    const marketing = rows.filter((r) => r.kind === 'marketing');
    const blocked = await this.delivery.suppression(
      marketing.map((r) => ({ phone: r.phone, templateId: null })),
      'marketing',
      { ...s, caps: { perTemplatePerDay: Infinity, marketingPerDay: Infinity } },
    );
    const skipped = rows
      .filter((r) => r.kind === 'marketing' && blocked.get(r.phone) === 'OPTED_OUT')
      .map((r) => r.id);
    if (skipped.length)
      await this.ds.query(
        `UPDATE sms_messages SET status = 'skipped', error_code = 'OPTED_OUT', updated_at = now() WHERE id = ANY($1)`,
        [skipped],
      );
    const send = rows.filter((r) => !skipped.includes(r.id));
    await this.delivery.send(
      null,
      send.map((r) => ({ ...this.outbound(r, null), templateCode: r.template_code })),
    );
    return send.length;
  }

  async list(actor: AuthUser, q: QuerySmsMessagesDto): Promise<SmsMessagePage> {
    const { rows, nextCursor } = await listMessages<MessageRow>(this.ds, 'sms_messages', smsScope(actor), { 'm.status': q.status, 'm.direction': q.direction, 'm.contact_id': q.contactId, 'm.broadcast_id': q.broadcastId }, q);
    return { data: await this.toResponses(actor, rows), nextCursor };
  }

  async get(actor: AuthUser, id: string, m: EntityManager = this.ds.manager): Promise<SmsMessageResponse> {
    const [row] = await this.readable(actor, id, m);
    if (!row) throw notFound('sms message');
    return (await this.toResponses(actor, [row], m))[0];
  }

  /** The message if the reader's scope covers it (empty otherwise). */
  readable(actor: AuthUser, id: string, m: EntityManager = this.ds.manager): Promise<MessageRow[]> {
    const scope = smsScope(actor);
    return m.query(`SELECT m.* FROM sms_messages m WHERE m.id = $3 AND ${scope.sql}`, [...scope.params, id]);
  }

  async toResponses(actor: AuthUser, rows: MessageRow[], m?: EntityManager): Promise<SmsMessageResponse[]> {
    const names = await this.contacts.namesByIds(
      rows.map((r) => r.contact_id),
      m,
    );
    return rows.map((r) => ({
      id: r.id,
      direction: r.direction,
      status: r.status,
      phone: phoneFor(actor, r.phone, r.owner_id) ?? r.phone,
      body: r.body,
      kind: r.kind,
      parts: r.parts,
      templateId: r.template_id,
      broadcastId: r.broadcast_id,
      contactId: r.contact_id,
      contactName: r.contact_id ? (names.get(r.contact_id) ?? null) : null,
      leadId: r.lead_id,
      provider: r.provider,
      providerId: r.provider_id,
      errorCode: r.error_code,
      errorMessage: r.error_message,
      scheduledAt: r.scheduled_at,
      sentAt: r.sent_at,
      deliveredAt: r.delivered_at,
      readAt: r.read_at,
      createdAt: r.created_at,
    }));
  }

  /** Template values per contact id (name, account name). */
  async valuesFor(
    targets: ContactMessagingTarget[],
    m?: EntityManager,
  ): Promise<Map<string, TemplateValues>> {
    const accounts = await this.accounts.namesByIds(
      targets.map((t) => t.accountId),
      m,
    );
    return new Map(
      targets.map((t) => [t.id, contactValues(t, t.accountId ? (accounts.get(t.accountId) ?? null) : null)]),
    );
  }

  outbound(
    r: MessageRow & { template_params?: Record<string, string> | null },
    template: SmsTemplate | null,
  ): OutboundMessage {
    return {
      id: r.id,
      phone: r.phone,
      body: r.body,
      kind: r.kind,
      templateId: r.template_id,
      templateCode: template?.providerTemplateCode ?? null,
      templateParams: r.template_params ?? null,
      contactId: r.contact_id,
    };
  }

  /** A contact the actor may read, with its unmasked phone (404 otherwise). */
  private async target(actor: AuthUser, contactId: string): Promise<ContactMessagingTarget> {
    await this.contacts.getVisible(actor, contactId);
    const [t] = await this.contacts.messagingTargets([contactId]);
    return t;
  }

  private async readableContactByPhone(
    actor: AuthUser,
    phone: string,
  ): Promise<ContactMessagingTarget | null> {
    const ids = await this.contacts.idsByPhone(phone);
    if (!ids.length) return null;
    const readable = await this.contacts.readable(actor, ids);
    const id = ids.find((i) => readable.has(i));
    return id ? ((await this.contacts.messagingTargets([id]))[0] ?? null) : null;
  }
}
