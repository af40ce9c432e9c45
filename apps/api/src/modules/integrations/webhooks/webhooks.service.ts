import { HttpStatus, Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@core/auth/auth-user';
import { AuditService, FieldChange } from '@core/audit/audit.service';
import { APP_CONFIG, AppConfig } from '@core/config/app-config';
import { OutboxService } from '@core/events/outbox/outbox.service';
import type { RecordEvent } from '@core/events/outbox/record-event';
import { badRequest, DomainError, forbidden, notFound, staleVersion } from '@core/http/domain-error';
import { assertKnownEventTypes, liveObjectKinds, readableKindsFor } from '../events/event-feed.service';
import { PermissionCatalog } from '@core/access/permission-catalog';
import { eventKindOf, isObjectModule } from '@keyuan/shared';
import { ListSpec, paginate, Page } from '@core/http/keyset';
import { JobsService } from '@core/jobs/jobs.service';
import { AccessService } from '@core/access/access.service';
import { ApiKeyAuthenticator } from '@core/auth/api-keys';
import { canViewSensitive, maskChanges } from '@core/util/mask';
import {
  CreateWebhookDto,
  QueryWebhookDeliveriesDto,
  QueryWebhooksDto,
  UpdateWebhookDto,
  WebhookDeliveryResponse,
  WebhookResponse,
  WebhookWithSecretResponse,
} from '../dto/webhook.dto';
import { IntegrationErrorCode } from '../integrations.errors';
import { DELIVER_JOB } from './webhook-delivery.service';
import { webhookBody, webhookTypesOf } from './webhook-events';
import { WebhookDelivery, WebhookSubscription } from './webhook.entity';
import { newWebhookSecret } from './signature';

const LIST_SPEC: ListSpec = {
  sortable: { createdAt: { column: 's.created_at', value: (s: WebhookSubscription) => s.createdAt } },
  defaultSort: '-createdAt',
  search: ['s.name', 's.url'],
  idColumn: 's.id',
};
const DELIVERY_SPEC: ListSpec = {
  sortable: { createdAt: { column: 'd.created_at', value: (d: WebhookDelivery) => d.createdAt } },
  defaultSort: '-createdAt',
  filters: { status: 'd.status' },
  idColumn: 'd.id',
};
/** How long a rotated-out secret still signs deliveries (receivers switch over meanwhile). */
const ROTATION_OVERLAP_MS = 24 * 3600 * 1000;

const toResponse = (s: WebhookSubscription): WebhookResponse => ({
  id: s.id,
  name: s.name,
  url: s.url,
  events: s.events,
  enabled: s.enabled,
  disabledReason: s.disabledReason,
  failingSince: s.failingSince,
  createdAt: s.createdAt,
  version: s.version,
});

const toDelivery = (d: WebhookDelivery): WebhookDeliveryResponse => ({
  id: d.id,
  messageId: d.messageId,
  eventType: d.eventType,
  entityId: d.entityId,
  status: d.status,
  attempts: d.attempts,
  responseStatus: d.responseStatus,
  durationMs: d.durationMs,
  responseBody: d.responseBody,
  error: d.error,
  nextAttemptAt: d.status === 'pending' || d.status === 'retrying' ? d.nextAttemptAt : null,
  replayOf: d.replayOf,
  createdAt: d.createdAt,
  deliveredAt: d.deliveredAt,
});

/**
 * Webhook subscriptions and their deliveries. A consumer of the committed-events outbox turns each record
 * event into its webhook types and one delivery per matching enabled subscription (idempotent per event and
 * subscription, as the outbox delivers at least once); WebhookDeliveryService sends them.
 */
@Injectable()
export class WebhooksService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: OutboxService,
    private readonly jobs: JobsService,
    private readonly audit: AuditService,
    private readonly access: AccessService,
    private readonly apiKeys: ApiKeyAuthenticator,
    private readonly catalog: PermissionCatalog,
  ) {}

  onModuleInit(): void {
    this.outbox.subscribe('webhooks', (events) => this.enqueue(events));
  }

  /**
   * Deliveries for a batch of committed events, in the batch's order (each record's events in order). A
   * subscription gets only the events of records its subscriber may read when the event is enqueued (right after
   * its commit): the API key that made it, with the key's role, else the user who made it, in their data scope
   * (`recordsVisibleTo`, the change feed's condition). A subscriber that can no longer act (a revoked key, an
   * inactive user) gets nothing. A body shows phones and emails unmasked only when the credential that made the
   * subscription had `viewSensitive` (a user, or an API key's own role) and its user still has it.
   */
  async enqueue(events: RecordEvent[]): Promise<void> {
    const messages = events.flatMap((e) =>
      webhookTypesOf(e).map((type) => ({ id: `${e.id}.${type}`, type, entityId: e.entityId, event: e })),
    );
    if (!messages.length) return;
    const types = [...new Set(messages.map((m) => m.type))];
    const subs: { id: string; events: string[]; created_by: string | null; created_by_key: string | null; created_sees_sensitive: boolean }[] = await this.ds.query(
      `SELECT id, events, created_by, created_by_key, created_sees_sensitive FROM webhook_subscriptions WHERE enabled AND deleted_at IS NULL AND events && $1::varchar[] ORDER BY id`,
      [types],
    );
    if (!subs.length) return;
    // custom modules' records: their audit kinds (the visibility condition) registered on this instance
    if (events.some((e) => isObjectModule(e.entityType))) await liveObjectKinds(this.catalog);
    const readerOf = (sub: (typeof subs)[number]) => (sub.created_by_key ? `key:${sub.created_by_key}` : `user:${sub.created_by}`);
    const visible = new Map<string, Set<string>>();
    for (const sub of subs) {
      const key = readerOf(sub);
      if (visible.has(key)) continue;
      const reader = sub.created_by_key ? await this.apiKeys.loadKeyUser(sub.created_by_key) : sub.created_by ? await this.access.loadAuthUser(sub.created_by) : null;
      visible.set(key, reader ? await this.visibleEvents(reader, events) : new Set());
    }
    const sees = new Map<string, boolean>();
    for (const creator of new Set(subs.map((s) => s.created_by))) {
      sees.set(String(creator), creator ? canViewSensitive(await this.access.loadAuthUser(creator)) : false);
    }
    const rows: { sub: string; id: string; type: string; entityId: string; body: string }[] = [];
    const bodies = new Map<string, string>();
    const bodyOf = (m: (typeof messages)[number], unmasked: boolean) => {
      const key = `${m.id}:${unmasked}`;
      if (!bodies.has(key)) {
        const e = unmasked ? m.event : { ...m.event, changes: maskChanges(m.event.changes, null) };
        bodies.set(key, webhookBody(e, m.type));
      }
      return bodies.get(key)!;
    };
    for (const m of messages) {
      for (const sub of subs) {
        if (sub.events.includes(m.type) && visible.get(readerOf(sub))!.has(m.event.id)) rows.push({ sub: sub.id, id: m.id, type: m.type, entityId: m.entityId, body: bodyOf(m, sub.created_sees_sensitive && sees.get(String(sub.created_by))!) });
      }
    }
    if (!rows.length) return;
    const res = await this.ds.query(
      `INSERT INTO webhook_deliveries (subscription_id, message_id, event_type, entity_id, body)
       SELECT d.sub, d.id, d.type, d.entity_id, d.body
         FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::uuid[], $5::text[]) WITH ORDINALITY AS d(sub, id, type, entity_id, body, ord)
        ORDER BY d.ord
       ON CONFLICT (subscription_id, message_id) WHERE replay_of IS NULL DO NOTHING
       RETURNING id`,
      [rows.map((r) => r.sub), rows.map((r) => r.id), rows.map((r) => r.type), rows.map((r) => r.entityId), rows.map((r) => r.body)],
    );
    if ((res as unknown[]).length) await this.jobs.send(DELIVER_JOB);
  }

  /**
   * The events (ids) of records the reader may read now, by the one visibility condition of the audit log and the
   * change feed. A deleted record is judged by its last owner and department: deletes are soft, so its row keeps them.
   */
  private async visibleEvents(reader: AuthUser, events: RecordEvent[]): Promise<Set<string>> {
    const v = this.audit.recordsVisibleTo(reader, 'wev', [...new Set(events.map((e) => e.entityType))]);
    const [sql, params] = this.ds.driver.escapeQueryWithParameters(
      `SELECT wev.event_id FROM unnest(CAST(:__ids AS text[]), CAST(:__types AS text[]), CAST(:__entities AS uuid[])) AS wev(event_id, entity_type, entity_id)
        WHERE ${v.sql}`,
      { ...v.params, __ids: events.map((e) => e.id), __types: events.map((e) => e.entityType), __entities: events.map((e) => e.entityId) },
    );
    const rows: { event_id: string }[] = await this.ds.query(sql, params);
    return new Set(rows.map((r) => r.event_id));
  }

  async list(_actor: AuthUser, query: QueryWebhooksDto): Promise<Page<WebhookResponse>> {
    const page = await paginate(this.ds.getRepository(WebhookSubscription).createQueryBuilder('s'), query, LIST_SPEC);
    return { ...page, data: page.data.map(toResponse) };
  }

  async get(_actor: AuthUser, id: string): Promise<WebhookResponse> {
    return toResponse(await this.find(id));
  }

  async create(actor: AuthUser, dto: CreateWebhookDto): Promise<WebhookWithSecretResponse> {
    this.checkUrl(dto.url);
    await this.checkEvents(actor, dto.events);
    const secret = newWebhookSecret();
    const sub = await this.ds.transaction(async (m) => {
      const saved = await m.getRepository(WebhookSubscription).save(
        m.getRepository(WebhookSubscription).create({ name: dto.name, url: dto.url, events: [...new Set(dto.events)], secret, createdBy: actor.id,
          // deliveries are filtered by what the subscriber reads: a key reads with its own role, not its service user's
          createdByKey: actor.apiKeyId ?? null,
          // an API key acts with its own role: what it may see, not its service user, decides too
          createdSeesSensitive: canViewSensitive(actor) }),
      );
      await this.audit.record(m, actor, 'create', 'webhook', saved.id, [
        { field: 'url', old: null, new: saved.url },
        { field: 'events', old: null, new: saved.events },
      ]);
      return saved;
    });
    return { ...toResponse(await this.find(sub.id)), secret };
  }

  async update(actor: AuthUser, id: string, dto: UpdateWebhookDto, ifMatch?: number): Promise<WebhookResponse> {
    if (dto.url !== undefined) this.checkUrl(dto.url);
    if (dto.events) await this.checkEvents(actor, dto.events);
    await this.ds.transaction(async (m) => {
      const sub = await m.getRepository(WebhookSubscription).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!sub) throw notFound('Webhook');
      if (ifMatch !== undefined && ifMatch !== sub.version) throw staleVersion(sub.version);
      const changes: FieldChange[] = [];
      const set = <K extends 'name' | 'url' | 'events' | 'enabled'>(k: K, v: WebhookSubscription[K] | undefined) => {
        if (v === undefined || JSON.stringify(v) === JSON.stringify(sub[k])) return;
        changes.push({ field: k, old: sub[k], new: v });
        sub[k] = v;
      };
      set('name', dto.name);
      set('url', dto.url);
      set('events', dto.events ? [...new Set(dto.events)] : undefined);
      set('enabled', dto.enabled);
      if (!changes.length) return;
      if (dto.enabled === true) {
        sub.disabledReason = null;
        sub.failingSince = null;
      } else if (dto.enabled === false) sub.disabledReason = 'manual';
      await m.getRepository(WebhookSubscription).save(sub);
      await this.audit.record(m, actor, 'update', 'webhook', id, changes);
    });
    // switched back on: what waited is due now
    if (dto.enabled) await this.jobs.send(DELIVER_JOB);
    return this.get(actor, id);
  }

  async remove(actor: AuthUser, id: string): Promise<void> {
    await this.ds.transaction(async (m) => {
      const res = await m.getRepository(WebhookSubscription).softDelete({ id });
      if (!res.affected) throw notFound('Webhook');
      await this.audit.record(m, actor, 'delete', 'webhook', id, []);
    });
  }

  /** A new secret; the old one still signs for 24 h, so deliveries carry both signatures meanwhile. */
  async rotateSecret(actor: AuthUser, id: string): Promise<WebhookWithSecretResponse> {
    const secret = newWebhookSecret();
    await this.ds.transaction(async (m) => {
      const [rows]: [unknown[]] = await m.query(
        `UPDATE webhook_subscriptions
            SET previous_secrets = (SELECT coalesce(jsonb_agg(p), '[]'::jsonb) FROM jsonb_array_elements(previous_secrets) p WHERE p->>'expiresAt' > $3)
                                   || jsonb_build_array(jsonb_build_object('secret', secret, 'expiresAt', $4::text)),
                secret = $2, updated_at = now(), version = version + 1
          WHERE id = $1 AND deleted_at IS NULL RETURNING id`,
        [id, secret, new Date().toISOString(), new Date(Date.now() + ROTATION_OVERLAP_MS).toISOString()],
      );
      if (!rows.length) throw notFound('Webhook');
      await this.audit.record(m, actor, 'update', 'webhook', id, [{ field: 'secret', old: null, new: 'rotated' }]);
    });
    return { ...(await this.get(actor, id)), secret };
  }

  async deliveries(_actor: AuthUser, id: string, query: QueryWebhookDeliveriesDto): Promise<Page<WebhookDeliveryResponse>> {
    await this.find(id);
    const qb = this.ds.getRepository(WebhookDelivery).createQueryBuilder('d').where('d.subscription_id = :id', { id });
    const page = await paginate(qb, query, DELIVERY_SPEC);
    return { ...page, data: page.data.map(toDelivery) };
  }

  /** Sends a delivery again as a new delivery (same `webhook-id`, so the receiver may recognise it). */
  async replay(actor: AuthUser, id: string, deliveryId: string): Promise<WebhookDeliveryResponse> {
    const sub = await this.find(id);
    if (!sub.enabled) throw new DomainError(IntegrationErrorCode.WEBHOOK_DISABLED, HttpStatus.CONFLICT, 'Switch the webhook on before replaying');
    const original = await this.ds.getRepository(WebhookDelivery).findOneBy({ id: deliveryId, subscriptionId: id });
    if (!original) throw notFound('Webhook delivery');
    const copy = await this.ds.transaction(async (m) => {
      const saved = await m.getRepository(WebhookDelivery).save(
        m.getRepository(WebhookDelivery).create({
          subscriptionId: id,
          messageId: original.messageId,
          eventType: original.eventType,
          entityId: original.entityId,
          body: original.body,
          replayOf: original.id,
          nextAttemptAt: new Date(),
        }),
      );
      await this.audit.record(m, actor, 'replay', 'webhook', id, [{ field: 'delivery', old: null, new: original.id }]);
      return saved;
    });
    await this.jobs.send(DELIVER_JOB);
    return toDelivery((await this.ds.getRepository(WebhookDelivery).findOneBy({ id: copy.id }))!);
  }

  private async find(id: string): Promise<WebhookSubscription> {
    const sub = await this.ds.getRepository(WebhookSubscription).findOneBy({ id });
    if (!sub) throw notFound('Webhook');
    return sub;
  }

  /** Saved URLs are http(s), and https in production; where they point is checked at each delivery (SSRF guard). */
  private checkUrl(raw: string): void {
    let url: URL | null = null;
    try {
      url = new URL(raw);
    } catch {
      /* below */
    }
    const production = this.config.nodeEnv === 'production';
    if (!url || !(url.protocol === 'https:' || (!production && url.protocol === 'http:')) || url.username || url.password) {
      throw badRequest(IntegrationErrorCode.WEBHOOK_URL_INVALID, 'url', production ? 'The URL must be https' : 'The URL must be http or https');
    }
  }

  /**
   * A subscription receives the events of the records its creator may read (filtered at enqueue, in any scope):
   * its creator must read that kind of record at all.
   */
  private async checkEvents(actor: AuthUser, events: string[]): Promise<void> {
    const objects = await liveObjectKinds(this.catalog);
    assertKnownEventTypes(events, objects, 'events');
    const allowed = readableKindsFor(actor, objects);
    const outside = events.map(eventKindOf).find((kind) => !allowed.includes(kind));
    if (outside) throw forbidden(`${outside}:read`, `Subscribing to ${outside} events needs read access to ${outside}`);
  }

}
