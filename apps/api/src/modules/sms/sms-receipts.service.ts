import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { canMoveTo, MESSAGE_STATUSES, type MessageStatus } from '@core/messaging/message-status';
import type { SmsProviderName, SmsReceipt } from './providers/provider';

/** The statuses a message may be in for a receipt to move it to `to` (receipts only move forward). */
const fromStatuses = (to: MessageStatus) => MESSAGE_STATUSES.filter((f) => canMoveTo(f, to));

/**
 * Delivery receipts, from any provider (and the log provider's own "delivered"): each is applied once (its key
 * in sms_webhook_keys), found by our message id when the provider echoes it (Aliyun OutId, our Twilio callback
 * URL) else by the provider's id, and only moves a message forward (a late `sent` never undoes `delivered`).
 */
@Injectable()
export class SmsReceiptsService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async apply(provider: SmsProviderName, receipts: SmsReceipt[], m: EntityManager = this.ds.manager): Promise<number> {
    let applied = 0;
    for (const r of receipts) {
      const fresh = await m.query(`INSERT INTO sms_webhook_keys (provider, kind, key) VALUES ($1, 'status', $2) ON CONFLICT DO NOTHING RETURNING key`, [provider, r.key]);
      if (!fresh.length) continue;
      const byId = r.messageId && /^[0-9a-f-]{36}$/i.test(r.messageId);
      const res = await m.query(
        `UPDATE sms_messages SET status = $1::text,
            provider_id = COALESCE(provider_id, $2::text),
            sent_at = COALESCE(sent_at, now()),
            delivered_at = CASE WHEN $1::text = 'delivered' THEN now() ELSE delivered_at END,
            error_code = CASE WHEN $1::text IN ('undelivered', 'failed') THEN $3::text ELSE error_code END,
            updated_at = now(), version = version + 1
          WHERE direction = 'outbound' AND provider = $4 AND status = ANY($5) AND ${byId ? 'id = $6' : 'provider_id = $2::text'}`,
        [r.status, r.providerId, r.errorCode, provider, fromStatuses(r.status), ...(byId ? [r.messageId] : [])],
      );
      applied += Array.isArray(res) ? Number(res[1] ?? 0) : 0;
    }
    return applied;
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
