import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { canMoveTo, MESSAGE_STATUSES, type MessageStatus } from '@core/messaging/message-status';
import type { SmsProviderName, SmsReceipt } from './providers/provider';

/** The statuses a message may be in for a receipt to move it to `to` (receipts only move forward). */
const fromStatuses = (to: MessageStatus) => MESSAGE_STATUSES.filter((f) => canMoveTo(f, to));
const UUID = /^[0-9a-f-]{36}$/i;

/**
 * Delivery receipts, from any provider (and the log provider's own "delivered"): each is applied once (its key
 * in sms_webhook_keys), found by our message id when the provider echoes it (Aliyun OutId, our Twilio callback
 * URL) else by the provider's id, and only moves a message forward (a late `sent` never undoes `delivered`).
 */
@Injectable()
export class SmsReceiptsService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async apply(provider: SmsProviderName, receipts: SmsReceipt[]): Promise<number> {
    return (await this.applyAll(provider, receipts)).applied;
  }

  /** Applies the receipts; answers how many moved a message and how many name a message not recorded yet (not consumed). */
  async applyAll(
    provider: SmsProviderName,
    receipts: SmsReceipt[],
  ): Promise<{ applied: number; pending: number }> {
    const byKey = new Map<string, SmsReceipt>();
    for (const r of receipts) if (!byKey.has(r.key)) byKey.set(r.key, r);
    if (!byKey.size) return { applied: 0, pending: 0 };
    return this.ds.transaction(async (m) => {
      // one statement per batch: Aliyun pushes hundreds of reports at once
      const fresh: { key: string }[] = await m.query(
        `INSERT INTO sms_webhook_keys (provider, kind, key) SELECT $1, 'status', k FROM unnest($2::text[]) AS k ON CONFLICT DO NOTHING RETURNING key`,
        [provider, [...byKey.keys()]],
      );
      const rows = fresh.map((f) => byKey.get(f.key)!);
      let applied = 0;
      let pending = 0;
      // a batch may hold a message's `sent` and its `delivered`: apply them in the order they happen
      for (const status of ['sent', 'delivered', 'undelivered', 'failed'] as const) {
        const group = rows.filter((r) => r.status === status);
        const byId = group.filter((r) => r.messageId && UUID.test(r.messageId));
        const byProviderId = group.filter((r) => !(r.messageId && UUID.test(r.messageId)) && r.providerId);
        for (const [list, match] of [
          [byId, 's.id = r.message_id'],
          [byProviderId, 's.provider_id = r.provider_id'],
        ] as const) {
          if (!list.length) continue;
          // lock the rows in id order, as the sender does, so a receipt batch and a send batch never deadlock
          await m.query(
            match.startsWith('s.id')
              ? `SELECT id FROM sms_messages WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`
              : `SELECT id FROM sms_messages WHERE provider = $2 AND provider_id = ANY($1::text[]) ORDER BY id FOR UPDATE`,
            match.startsWith('s.id')
              ? [list.map((r) => r.messageId)]
              : [list.map((r) => r.providerId), provider],
          );
          const [, n] = await m.query(
            `UPDATE sms_messages s SET status = $1::text,
                provider_id = COALESCE(s.provider_id, r.provider_id),
                sent_at = COALESCE(s.sent_at, now()),
                delivered_at = CASE WHEN $1::text = 'delivered' THEN now() ELSE s.delivered_at END,
                error_code = CASE WHEN $1::text IN ('undelivered', 'failed') THEN r.error_code ELSE s.error_code END,
                updated_at = now(), version = s.version + 1
               FROM unnest($2::uuid[], $3::text[], $4::text[]) AS r(message_id, provider_id, error_code)
              WHERE ${match} AND s.direction = 'outbound' AND s.provider = $5 AND s.status = ANY($6)`,
            [
              status,
              list.map((r) => (match.startsWith('s.id') ? r.messageId : null)),
              list.map((r) => r.providerId),
              list.map((r) => r.errorCode),
              provider,
              fromStatuses(status),
            ],
          );
          applied += Number(n ?? 0);
        }
        // a batch's report can outrun the recording of the batch's provider ids (SendBatchSms answers one BizId,
        // the report may be pushed before the sender wrote it): such a report is not consumed, so the provider's
        // retry applies it; `pending` tells the webhook to ask for that retry
        if (byProviderId.length) {
          const known: { provider_id: string }[] = await m.query(
            `SELECT provider_id FROM sms_messages WHERE provider = $2 AND provider_id = ANY($1::text[])`,
            [byProviderId.map((r) => r.providerId), provider],
          );
          const have = new Set(known.map((k) => k.provider_id));
          const unknown = byProviderId.filter((r) => !have.has(r.providerId!));
          if (unknown.length) {
            await m.query(
              `DELETE FROM sms_webhook_keys WHERE provider = $1 AND kind = 'status' AND key = ANY($2::text[])`,
              [provider, unknown.map((r) => r.key)],
            );
            pending += unknown.length;
          }
        }
      }
      return { applied, pending };
    });
  }

  /** The log provider's receipts for a batch it accepted: delivered at once, through the same forward-only rule. */
  async deliveredByLog(ids: string[], m: EntityManager = this.ds.manager): Promise<void> {
    if (!ids.length) return;
    await m.query(
      `UPDATE sms_messages SET status = 'delivered', delivered_at = now(), updated_at = now(), version = version + 1
        WHERE id = ANY($1) AND provider = 'log' AND status = ANY($2)`,
      [ids, fromStatuses('delivered')],
    );
  }
}
