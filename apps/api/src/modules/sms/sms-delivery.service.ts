import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '@core/auth/auth-user';
import { AuditService } from '@core/audit/audit.service';
import { capReason, type CapReason } from '@core/messaging/frequency-cap';
import { Throttle } from '@core/messaging/throttle';
import type { SmsTemplateKind } from '@keyuan/shared';
import type { SmsProviderName, SmsSendRequest, SmsSendResult } from './providers/provider';
import { SmsReceiptsService } from './sms-receipts.service';
import { SmsSettings, SmsSettingsService } from './sms-settings.service';

/** A message about to leave. */
export interface OutboundMessage {
  id: string;
  phone: string;
  body: string;
  kind: SmsTemplateKind;
  templateId: string | null;
  templateCode: string | null;
  templateParams: Record<string, string> | null;
  contactId: string | null;
}

/** How many sends are in flight at once (each still takes its throttle slot). */
const IN_FLIGHT = 8;

/**
 * Sends queued messages through the configured provider and records the outcome: accepted → `sent` (the log
 * provider's receipt then says `delivered`), refused → `failed` with the provider's code, no answer →
 * `unknown` (never resent: its receipt settles it). Each message is claimed (`provider` set) before the call,
 * so a crashed run never sends it twice. Sent messages go on their contact's timeline (`message.sent`).
 */
@Injectable()
export class SmsDeliveryService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly settings: SmsSettingsService,
    private readonly receipts: SmsReceiptsService,
    private readonly audit: AuditService,
  ) {}

  /** Suppression checked before sending: opted-out numbers get no marketing; frequency caps per number and day. */
  async suppression(
    items: { phone: string; templateId: string | null }[],
    kind: SmsTemplateKind,
    s: SmsSettings,
    m: EntityManager = this.ds.manager,
  ): Promise<Map<string, 'OPTED_OUT' | CapReason>> {
    const out = new Map<string, 'OPTED_OUT' | CapReason>();
    const phones = [...new Set(items.map((i) => i.phone))];
    if (!phones.length) return out;
    if (kind === 'marketing') {
      const opted: { phone: string }[] = await m.query(
        `SELECT phone FROM sms_opt_outs WHERE phone = ANY($1)`,
        [phones],
      );
      for (const o of opted) out.set(o.phone, 'OPTED_OUT');
    }
    const templateId = items.find((i) => i.templateId)?.templateId ?? null;
    const counts: { phone: string; same: string; marketing: string }[] = await m.query(
      `SELECT phone, count(*) FILTER (WHERE template_id = $2) AS same, count(*) FILTER (WHERE kind = 'marketing') AS marketing
         FROM sms_messages
        WHERE phone = ANY($1) AND direction = 'outbound' AND created_at >= date_trunc('day', now() AT TIME ZONE $3) AT TIME ZONE $3
          AND status NOT IN ('skipped', 'canceled', 'failed')
        GROUP BY phone`,
      [phones, templateId, s.window.timezone],
    );
    for (const c of counts) {
      if (out.has(c.phone)) continue;
      const reason = capReason({ sameTemplate: Number(c.same), marketing: Number(c.marketing) }, s.caps, {
        marketing: kind === 'marketing',
        templated: !!templateId,
      });
      if (reason) out.set(c.phone, reason);
    }
    return out;
  }

  /** Sends the messages (already inserted as `queued`) at the throttle's pace; answers the outcome per id. */
  async send(
    actor: AuthUser | null,
    messages: OutboundMessage[],
    throttle?: Throttle,
  ): Promise<Map<string, SmsSendResult>> {
    const results = new Map<string, SmsSendResult>();
    if (!messages.length) return results;
    const s = await this.settings.load();
    const provider = await this.settings.provider(s);
    const [claimed]: [{ id: string }[], number] = await this.ds.query(
      `UPDATE sms_messages SET provider = $2, updated_at = now() WHERE id = ANY($1) AND status = 'queued' AND provider IS NULL RETURNING id`,
      [messages.map((x) => x.id), provider.name],
    );
    const mine = new Set(claimed.map((c) => c.id));
    const request = (msg: OutboundMessage): SmsSendRequest => {
      const callback = provider.name === 'twilio' ? this.settings.statusCallback(s, msg.id) : null;
      return {
        messageId: msg.id,
        to: msg.phone,
        body: msg.body,
        templateCode: msg.templateCode,
        templateParams: msg.templateParams ?? undefined,
        statusCallback: callback ?? undefined,
      };
    };
    // one call per message, or per batch of one provider template where the provider has a batch API (Aliyun
    // SendBatchSms); a batch takes as many throttle slots as it carries messages
    const queue = batches(
      messages.filter((x) => mine.has(x.id)),
      provider.sendBatch ? (provider.batchLimit ?? 1) : 1,
    );
    const worker = async () => {
      for (let batch = queue.shift(); batch; batch = queue.shift()) {
        if (throttle) await throttle.take(batch.length);
        const failed = (e: Error): SmsSendResult => ({
          outcome: 'unknown',
          errorCode: 'ERROR',
          errorMessage: e.message.slice(0, 500),
        });
        const out =
          batch.length > 1 && provider.sendBatch
            ? await provider.sendBatch(batch.map(request)).catch((e: Error) => batch.map(() => failed(e)))
            : [await provider.send(request(batch[0])).catch(failed)];
        batch.forEach((msg, i) =>
          results.set(msg.id, out[i] ?? failed(new Error('No result for the message'))),
        );
      }
    };
    await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, queue.length) }, worker));
    await this.record(
      actor,
      messages.filter((x) => results.has(x.id)),
      results,
      provider.name,
    );
    return results;
  }

  private async record(
    actor: AuthUser | null,
    messages: OutboundMessage[],
    results: Map<string, SmsSendResult>,
    provider: SmsProviderName,
  ): Promise<void> {
    if (!messages.length) return;
    const ids = messages.map((x) => x.id);
    const rows = ids.map((id) => results.get(id)!);
    // the log provider's receipts go by our ids (below), never through a webhook
    const providerIds =
      provider === 'log' ? [] : rows.flatMap((r) => (r.outcome === 'accepted' ? [r.providerId] : []));
    await this.ds.transaction(async (m) => {
      // a receipt matching these provider ids waits for this transaction, or was parked before it: applied below
      await this.receipts.lockBatches(m, provider, providerIds);
      // rows locked in id order (receipt batches lock the same way): no deadlock between the two
      await m.query(`SELECT id FROM sms_messages WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [ids]);
      await m.query(
        `UPDATE sms_messages s SET
            status = CASE r.outcome WHEN 'accepted' THEN 'sent' WHEN 'rejected' THEN 'failed' ELSE 'unknown' END,
            provider_id = r.provider_id, error_code = r.error_code, error_message = r.error_message,
            sent_at = CASE WHEN r.outcome = 'rejected' THEN NULL ELSE now() END, updated_at = now(), version = s.version + 1
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) AS r(id, outcome, provider_id, error_code, error_message)
          WHERE s.id = r.id AND s.status = 'queued'`,
        [
          ids,
          rows.map((r) => r.outcome),
          rows.map((r) => (r.outcome === 'accepted' ? r.providerId : null)),
          rows.map((r) => (r.outcome === 'accepted' ? null : r.errorCode)),
          rows.map((r) => (r.outcome === 'accepted' ? null : r.errorMessage.slice(0, 500))),
        ],
      );
      const timeline = messages.filter((x) => x.contactId && results.get(x.id)!.outcome !== 'rejected');
      await this.audit.recordMany(
        m,
        actor,
        'message.sent',
        'contact',
        timeline.map((x) => ({
          entityId: x.contactId!,
          changes: [
            { field: 'channel', old: null, new: 'sms' },
            { field: 'phone', old: null, new: x.phone },
            { field: 'body', old: null, new: x.body },
            { field: 'messageId', old: null, new: x.id },
          ],
        })),
      );
      if (provider === 'log')
        await this.receipts.deliveredByLog(
          ids.filter((id) => results.get(id)!.outcome === 'accepted'),
          m,
        );
      await this.receipts.applyParked(m, provider, providerIds);
    });
  }
}

/** Messages in batches of up to `size`, each of one provider template (a batch call carries one template). */
function batches(messages: OutboundMessage[], size: number): OutboundMessage[][] {
  if (size <= 1) return messages.map((m) => [m]);
  const byTemplate = new Map<string, OutboundMessage[]>();
  const out: OutboundMessage[][] = [];
  for (const m of messages) {
    if (!m.templateCode) {
      out.push([m]);
      continue;
    }
    const open = byTemplate.get(m.templateCode) ?? [];
    open.push(m);
    if (open.length === size) {
      out.push(open);
      byTemplate.delete(m.templateCode);
    } else byTemplate.set(m.templateCode, open);
  }
  for (const rest of byTemplate.values()) out.push(rest);
  return out;
}
