import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@core/auth/auth-user';
import { badRequest, notFound } from '@core/http/domain-error';
import { phoneFor } from '@core/util/mask';
import { ContactsService } from '@modules/contacts/contacts.service';
import { MessageRow, SmsMessagesService } from './sms-messages.service';
import { smsScope } from './sms-scope';
import {
  QuerySmsInboxDto,
  SmsConversationList,
  SmsConversationResponse,
  SmsMessageResponse,
  SmsThreadResponse,
} from './dto/sms.dto';

type ConversationRow = MessageRow & { unread: string; opted_out: boolean; last_in?: Date };

/** The inbox's keyset: the conversation's latest inbound time and its number. */
const inboxCursor = (r: { last_in: Date; phone: string }) =>
  Buffer.from(JSON.stringify({ t: r.last_in.toISOString(), p: r.phone })).toString('base64url');
function decodeInboxCursor(c: string | undefined): { t: string; p: string } | null {
  if (!c) return null;
  try {
    const v = JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as { t: string; p: string };
    if (Number.isNaN(Date.parse(v.t)) || typeof v.p !== 'string' || v.p.length > 30) throw new Error('bad');
    return v;
  } catch {
    throw badRequest('INVALID_CURSOR', 'cursor', 'cursor is invalid');
  }
}

/**
 * The inbox: one conversation per number that wrote to us, in the reader's scope (a number's messages carry
 * the owner of the contact or lead it matched), with unread counts; a reply goes out like any message.
 */
@Injectable()
export class SmsInboxService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly messages: SmsMessagesService,
    private readonly contacts: ContactsService,
  ) {}

  /**
   * Conversations newest first by their latest inbound message, a page at a time: keyset on (that time, the
   * number), compared as a row after the grouping, so a page never repeats or skips a conversation.
   */
  async conversations(actor: AuthUser, q: QuerySmsInboxDto = {}): Promise<SmsConversationList> {
    const scope = smsScope(actor);
    const limit = q.limit ?? 50;
    const after = decodeInboxCursor(q.cursor);
    const rows: ConversationRow[] = await this.ds.query(
      `WITH p AS (
         SELECT m.phone, max(m.created_at) AS last_in, count(*) FILTER (WHERE m.read_at IS NULL) AS unread
           FROM sms_messages m WHERE m.direction = 'inbound' AND ${scope.sql}
          GROUP BY m.phone
         HAVING $4::timestamptz IS NULL OR (max(m.created_at), m.phone) < ($4::timestamptz, $5::text)
          ORDER BY last_in DESC, m.phone DESC LIMIT $3)
       SELECT * FROM (
         SELECT DISTINCT ON (m.phone) m.*, p.unread, p.last_in, EXISTS (SELECT 1 FROM sms_opt_outs o WHERE o.phone = m.phone) AS opted_out
           FROM sms_messages m JOIN p ON p.phone = m.phone
          WHERE ${scope.sql} AND m.status <> 'skipped'
          ORDER BY m.phone, m.created_at DESC, m.id DESC) c
       ORDER BY c.last_in DESC, c.phone DESC`,
      [...scope.params, limit + 1, after?.t ?? null, after?.p ?? null],
    );
    const page = rows.slice(0, limit);
    const [{ total }] = await this.ds.query(
      `SELECT count(*)::int AS total FROM sms_messages m WHERE m.direction = 'inbound' AND m.read_at IS NULL AND ${scope.sql}`,
      scope.params,
    );
    const last = page[page.length - 1];
    return {
      data: await this.toConversations(actor, page),
      unreadTotal: total,
      nextCursor:
        rows.length > limit && last?.last_in
          ? inboxCursor({ last_in: last.last_in, phone: last.phone })
          : null,
    };
  }

  async thread(actor: AuthUser, id: string): Promise<SmsThreadResponse> {
    const [anchor] = await this.messages.readable(actor, id);
    if (!anchor) throw notFound('sms conversation');
    const scope = smsScope(actor);
    const rows: MessageRow[] = await this.ds.query(
      `SELECT * FROM (SELECT m.* FROM sms_messages m WHERE m.phone = $3 AND ${scope.sql} AND m.status <> 'skipped' ORDER BY m.created_at DESC, m.id DESC LIMIT 200) t
        ORDER BY created_at, id`,
      [...scope.params, anchor.phone],
    );
    const [{ unread, opted_out }] = await this.ds.query(
      `SELECT count(*) FILTER (WHERE m.direction = 'inbound' AND m.read_at IS NULL) AS unread, EXISTS (SELECT 1 FROM sms_opt_outs WHERE phone = $3) AS opted_out
         FROM sms_messages m WHERE m.phone = $3 AND ${scope.sql}`,
      [...scope.params, anchor.phone],
    );
    const latest = rows[rows.length - 1] ?? anchor;
    const [conversation] = await this.toConversations(actor, [{ ...latest, unread, opted_out }]);
    return { conversation, messages: await this.messages.toResponses(actor, rows) };
  }

  /** Marks the conversation's inbound messages read (those in the reader's scope). */
  async markRead(actor: AuthUser, id: string): Promise<SmsThreadResponse> {
    const [anchor] = await this.messages.readable(actor, id);
    if (!anchor) throw notFound('sms conversation');
    const scope = smsScope(actor);
    await this.ds.query(
      `UPDATE sms_messages m SET read_at = now() WHERE m.phone = $3 AND m.direction = 'inbound' AND m.read_at IS NULL AND ${scope.sql}`,
      [...scope.params, anchor.phone],
    );
    return this.thread(actor, id);
  }

  /** Replies to the conversation's number (through its contact when it matched one: doNotSms applies). */
  async reply(actor: AuthUser, id: string, body: string): Promise<SmsMessageResponse> {
    const [anchor] = await this.messages.readable(actor, id);
    if (!anchor) throw notFound('sms conversation');
    const readable = anchor.contact_id
      ? await this.contacts.readable(actor, [anchor.contact_id])
      : new Set<string>();
    return anchor.contact_id && readable.has(anchor.contact_id)
      ? this.messages.send(actor, { contactId: anchor.contact_id, body })
      : this.messages.send(actor, { phone: anchor.phone, body });
  }

  private async toConversations(
    actor: AuthUser,
    rows: ConversationRow[],
  ): Promise<SmsConversationResponse[]> {
    const names = await this.contacts.namesByIds(rows.map((r) => r.contact_id));
    return rows.map((r) => ({
      id: r.id,
      phone: phoneFor(actor, r.phone, r.owner_id) ?? r.phone,
      contactId: r.contact_id,
      contactName: r.contact_id ? (names.get(r.contact_id) ?? null) : null,
      leadId: r.lead_id,
      lastBody: r.body,
      lastDirection: r.direction,
      lastAt: r.created_at,
      unread: Number(r.unread),
      optedOut: !!r.opted_out,
    }));
  }
}
