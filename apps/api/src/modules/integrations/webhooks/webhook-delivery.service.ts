import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@core/config/app-config';
import { JobsService } from '@core/jobs/jobs.service';
import { NotificationsService } from '@modules/notifications/notifications.service';
import type { PreviousSecret } from './webhook.entity';
import { DISABLE_AFTER_FAILING_MS, nextDelaySec } from './retry-schedule';
import { signatureHeader } from './signature';
import { sendWebhook, SendResult } from './webhook-sender';

interface DueRow {
  id: string;
  subscription_id: string;
  message_id: string;
  body: string;
  attempts: number;
  url: string;
  secret: string;
  previous_secrets: PreviousSecret[];
}

const BATCH = 20;
/** A picked delivery is leased this long (longer than the 15 s timeout), so no other instance sends it meanwhile. */
const LEASE_SEC = 60;
export const DELIVER_JOB = 'webhooks.deliver';

/**
 * Sends due deliveries (pg-boss job `webhooks.deliver`, queued after new deliveries and at each retry's time, plus
 * a minute sweep). Per subscription and record only the oldest open delivery is sent, so a record's events arrive
 * in order; the pick is `FOR UPDATE SKIP LOCKED` with a lease, so instances never send one delivery twice at once.
 */
@Injectable()
export class WebhookDeliveryService implements OnModuleInit {
  private readonly logger = new Logger('Webhooks');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobsService,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register(DELIVER_JOB, async () => void (await this.deliverDue()), '* * * * *', { retryLimit: 0, expireInSeconds: 600 });
  }

  /** Sends what is due now, batch after batch; answers how many attempts it made. */
  async deliverDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const rows = await this.pick();
      if (!rows.length) return total;
      await Promise.all(rows.map((r) => this.attempt(r)));
      total += rows.length;
    }
  }

  private async pick(): Promise<DueRow[]> {
    const res = await this.ds.query(
      `WITH due AS (
         SELECT d.id FROM webhook_deliveries d
           JOIN webhook_subscriptions s ON s.id = d.subscription_id AND s.enabled AND s.deleted_at IS NULL
          WHERE d.status IN ('pending', 'retrying') AND d.next_attempt_at <= now()
            AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e
                             WHERE e.subscription_id = d.subscription_id AND e.entity_id = d.entity_id
                               AND e.status IN ('pending', 'retrying') AND e.seq < d.seq)
          ORDER BY d.seq LIMIT $1 FOR UPDATE OF d SKIP LOCKED)
       UPDATE webhook_deliveries d SET next_attempt_at = now() + make_interval(secs => $2)
         FROM due, webhook_subscriptions s
        WHERE d.id = due.id AND s.id = d.subscription_id
       RETURNING d.id, d.subscription_id, d.message_id, d.body, d.attempts, s.url, s.secret, s.previous_secrets`,
      [BATCH, LEASE_SEC],
    );
    return (res[0] ?? []) as DueRow[];
  }

  private async attempt(row: DueRow): Promise<void> {
    const timestamp = Math.floor(Date.now() / 1000);
    const now = new Date().toISOString();
    const secrets = [row.secret, ...(row.previous_secrets ?? []).filter((p) => p.expiresAt > now).map((p) => p.secret)];
    const result = await sendWebhook(
      row.url,
      { 'webhook-id': row.message_id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signatureHeader(secrets, row.message_id, timestamp, row.body) },
      row.body,
      { allowLoopback: this.config.webhookAllowLoopback, requireHttps: this.config.nodeEnv === 'production' },
    );
    const retryIn = await this.ds.transaction((m) => this.record(m, row, result));
    if (retryIn !== null) await this.jobs.send(DELIVER_JOB, {}, { startAfterSec: retryIn });
  }

  /** Stores the outcome; answers the seconds until the retry, or null when none is due. */
  private async record(m: EntityManager, row: DueRow, r: SendResult): Promise<number | null> {
    const ok = r.status !== null && r.status >= 200 && r.status < 300;
    const gone = r.status === 410;
    const attempts = row.attempts + 1;
    const delay = ok || gone ? null : nextDelaySec(attempts, r.retryAfterSec);
    const status = ok ? 'succeeded' : delay === null ? 'failed' : 'retrying';
    await m.query(
      `UPDATE webhook_deliveries SET status = $2, attempts = $3, response_status = $4, duration_ms = $5, response_body = $6, error = $7,
              last_attempt_at = now(), delivered_at = CASE WHEN $8 THEN now() END,
              next_attempt_at = CASE WHEN $9::float8 IS NULL THEN next_attempt_at ELSE now() + make_interval(secs => $9::float8) END
        WHERE id = $1`,
      [row.id, status, attempts, r.status, r.durationMs, r.body, r.error, ok, delay],
    );
    if (ok) {
      await m.query(`UPDATE webhook_subscriptions SET failing_since = NULL WHERE id = $1 AND failing_since IS NOT NULL`, [row.subscription_id]);
      return null;
    }
    if (gone) {
      await this.disable(m, row.subscription_id, 'gone');
      return null;
    }
    // an UPDATE … RETURNING answers [rows, count]
    const [[sub]]: [{ failing_since: Date }[]] = await m.query(
      `UPDATE webhook_subscriptions SET failing_since = coalesce(failing_since, now()) WHERE id = $1 RETURNING failing_since`,
      [row.subscription_id],
    );
    if (sub && Date.now() - new Date(sub.failing_since).getTime() >= DISABLE_AFTER_FAILING_MS) {
      await this.disable(m, row.subscription_id, 'failing');
      return null;
    }
    return delay;
  }

  private async disable(m: EntityManager, id: string, reason: 'gone' | 'failing'): Promise<void> {
    const [rows]: [{ name: string; created_by: string | null }[]] = await m.query(
      `UPDATE webhook_subscriptions SET enabled = false, disabled_reason = $2, updated_at = now(), version = version + 1
        WHERE id = $1 AND enabled RETURNING name, created_by`,
      [id, reason],
    );
    const sub = rows[0];
    if (!sub) return;
    this.logger.warn(`webhook ${id} disabled: ${reason}`);
    if (sub.created_by) {
      await this.notifications.notify(m, [sub.created_by], {
        kind: 'webhook.disabled',
        params: { name: sub.name, reason: reason === 'gone' ? '410 Gone' : '3 days of failed deliveries' },
        entityType: 'webhook',
        entityId: id,
      });
    }
  }
}
