import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { JobsService } from '@core/jobs/jobs.service';
import { canMoveTo, MESSAGE_STATUSES, type MessageStatus } from '@core/messaging/message-status';
import type { SmsProviderName, SmsReceipt } from './providers/provider';

/** The statuses a message may be in for a receipt to move it to `to` (receipts only move forward). */
const fromStatuses = (to: MessageStatus) => MESSAGE_STATUSES.filter((f) => canMoveTo(f, to));
const UUID = /^[0-9a-f-]{36}$/i;
/** A parked receipt whose message was never recorded (a batch that timed out, a foreign push) is dropped after this. */
export const PARKED_RECEIPT_TTL_HOURS = 72;
/** Parked receipts applied per sweep transaction. */
const SWEEP_BATCH = 1000;

/** Whether the receipt is found by the provider's id (not by our message id echoed back). */
const byMessage = (r: SmsReceipt) => !!r.messageId && UUID.test(r.messageId);
const byProvider = (r: SmsReceipt) => !byMessage(r) && !!r.providerId;

/**
 * Delivery receipts, from any provider (and the log provider's own "delivered"): each is applied once (its key
 * in sms_webhook_keys), found by our message id when the provider echoes it (Aliyun OutId, our Twilio callback
 * URL) else by the provider's id, and only moves a message forward (a late `sent` never undoes `delivered`).
 *
 * A receipt found by the provider's id can arrive before that id is recorded (Aliyun pushes a SendBatchSms
 * report, which names only the BizId and the number, before the sender has stored the BizId). Such a receipt is
 * parked (`sms_parked_receipts`, its key consumed, so the push is answered 接收成功 and a duplicate is dropped) and
 * applied in the transaction that records the send result, or by the `sms.receipts` sweep. Matching and recording
 * take the same transaction-scoped advisory lock per provider batch (the provider id before its `:`), so one of
 * them always sees the other's committed rows: a receipt is either applied at once or found by the recording.
 */
@Injectable()
export class SmsReceiptsService implements OnModuleInit {
  private readonly logger = new Logger('SmsReceipts');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register('sms.receipts', async () => void (await this.sweep()), '* * * * *', {
      retryLimit: 0,
      expireInSeconds: 600,
    });
  }

  async apply(provider: SmsProviderName, receipts: SmsReceipt[]): Promise<number> {
    return (await this.applyAll(provider, receipts)).applied;
  }

  /** Applies the receipts; answers how many moved a message and how many were parked (their message not recorded yet). */
  async applyAll(
    provider: SmsProviderName,
    receipts: SmsReceipt[],
  ): Promise<{ applied: number; parked: number }> {
    const byKey = new Map<string, SmsReceipt>();
    for (const r of receipts) if (!byKey.has(r.key)) byKey.set(r.key, r);
    if (!byKey.size) return { applied: 0, parked: 0 };
    return this.ds.transaction(async (m) => {
      await this.lockBatches(
        m,
        provider,
        [...byKey.values()].filter(byProvider).map((r) => r.providerId!),
      );
      // one statement per batch: Aliyun pushes hundreds of reports at once
      const fresh: { key: string }[] = await m.query(
        `INSERT INTO sms_webhook_keys (provider, kind, key) SELECT $1, 'status', k FROM unnest($2::text[]) AS k ON CONFLICT DO NOTHING RETURNING key`,
        [provider, [...byKey.keys()]],
      );
      const rows = fresh.map((f) => byKey.get(f.key)!);
      const applied = await this.move(m, provider, rows);
      const byProviderId = rows.filter(byProvider);
      if (!byProviderId.length) return { applied, parked: 0 };
      // under the batch lock: a provider id not recorded now is recorded later, by a transaction that reads the park
      const known: { provider_id: string }[] = await m.query(
        `SELECT provider_id FROM sms_messages WHERE provider = $2 AND provider_id = ANY($1::text[])`,
        [byProviderId.map((r) => r.providerId), provider],
      );
      const have = new Set(known.map((k) => k.provider_id));
      const unknown = byProviderId.filter((r) => !have.has(r.providerId!));
      if (unknown.length)
        await m.query(
          `INSERT INTO sms_parked_receipts (provider, key, provider_id, status, error_code)
           SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) ON CONFLICT DO NOTHING`,
          [
            provider,
            unknown.map((r) => r.key),
            unknown.map((r) => r.providerId),
            unknown.map((r) => r.status),
            unknown.map((r) => r.errorCode),
          ],
        );
      return { applied, parked: unknown.length };
    });
  }

  /**
   * Takes the receipt lock of each provider batch the ids belong to (the part before `:`, e.g. Aliyun's BizId of
   * `BizId:number`), in sorted order; the sender takes it before recording provider ids, receipts before matching.
   */
  async lockBatches(m: EntityManager, provider: SmsProviderName, providerIds: string[]): Promise<void> {
    if (!providerIds.length) return;
    await m.query(
      `SELECT pg_advisory_xact_lock(hashtextextended('sms-receipt:' || $1 || ':' || b, 0))
         FROM (SELECT DISTINCT split_part(p, ':', 1) AS b FROM unnest($2::text[]) p ORDER BY 1) n`,
      [provider, providerIds],
    );
  }

  /**
   * Applies the parked receipts of these provider ids, just recorded in `m` (under `lockBatches`): the recording
   * of a send result calls it in its own transaction. Answers how many moved a message.
   */
  async applyParked(m: EntityManager, provider: SmsProviderName, providerIds: string[]): Promise<number> {
    if (!providerIds.length) return 0;
    // a DELETE through the query runner answers [rows, count]
    const [parked]: [{ key: string; provider_id: string; status: SmsReceipt['status']; error_code: string | null }[], number] =
      await m.query(
        `DELETE FROM sms_parked_receipts WHERE provider = $1 AND provider_id = ANY($2::text[])
         RETURNING key, provider_id, status, error_code`,
        [provider, providerIds],
      );
    return this.move(
      m,
      provider,
      parked.map((p) => ({
        key: p.key,
        providerId: p.provider_id,
        messageId: null,
        status: p.status,
        errorCode: p.error_code,
      })),
    );
  }

  /**
   * The periodic sweep (`sms.receipts`, every minute): applies parked receipts whose message got its provider id
   * some other way (a recording that ran before this code, a manual fix) and drops those older than the TTL.
   */
  async sweep(): Promise<{ applied: number; expired: number }> {
    const [, expired] = (await this.ds.query(
      `DELETE FROM sms_parked_receipts WHERE received_at < now() - make_interval(hours => $1)`,
      [PARKED_RECEIPT_TTL_HOURS],
    )) as [unknown, number];
    if (expired) this.logger.warn(`${expired} delivery receipts never matched a message: dropped`);
    let applied = 0;
    for (;;) {
      const due: { provider: SmsProviderName; provider_id: string }[] = await this.ds.query(
        `SELECT p.provider, p.provider_id FROM sms_parked_receipts p
          WHERE EXISTS (SELECT 1 FROM sms_messages s WHERE s.provider = p.provider AND s.provider_id = p.provider_id)
          LIMIT $1`,
        [SWEEP_BATCH],
      );
      if (!due.length) break;
      for (const provider of new Set(due.map((d) => d.provider))) {
        const ids = due.filter((d) => d.provider === provider).map((d) => d.provider_id);
        applied += await this.ds.transaction(async (m) => {
          await this.lockBatches(m, provider, ids);
          return this.applyParked(m, provider, ids);
        });
      }
      if (due.length < SWEEP_BATCH) break;
    }
    return { applied, expired: Number(expired ?? 0) };
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

  /** Moves the messages the receipts name (each receipt already consumed); answers how many moved. */
  private async move(m: EntityManager, provider: SmsProviderName, rows: SmsReceipt[]): Promise<number> {
    let applied = 0;
    // a batch may hold a message's `sent` and its `delivered`: apply them in the order they happen
    for (const status of ['sent', 'delivered', 'undelivered', 'failed'] as const) {
      const group = rows.filter((r) => r.status === status);
      const byId = group.filter(byMessage);
      const byProviderId = group.filter(byProvider);
      for (const [list, match] of [
        [byId, 's.id = r.message_id'],
        [byProviderId, 's.provider_id = r.provider_id'],
      ] as const) {
        if (!list.length) continue;
        const ids = match.startsWith('s.id');
        // lock the rows in id order, as the sender does, so a receipt batch and a send batch never deadlock
        await m.query(
          ids
            ? `SELECT id FROM sms_messages WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`
            : `SELECT id FROM sms_messages WHERE provider = $2 AND provider_id = ANY($1::text[]) ORDER BY id FOR UPDATE`,
          ids ? [list.map((r) => r.messageId)] : [list.map((r) => r.providerId), provider],
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
            list.map((r) => (ids ? r.messageId : null)),
            list.map((r) => r.providerId),
            list.map((r) => r.errorCode),
            provider,
            fromStatuses(status),
          ],
        );
        applied += Number(n ?? 0);
      }
    }
    return applied;
  }
}
