import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@core/auth/auth-user';
import { badRequest } from '@core/http/domain-error';
import { EventFeedPage, FeedEvent, QueryEventsDto } from '../dto/event-feed.dto';
import { IntegrationErrorCode } from '../integrations.errors';
import { WEBHOOK_EVENT_TYPES, webhookData, webhookTypesOf } from '../webhooks/webhook-events';
import { RecordEventName } from '@core/events/outbox/record-event';
import { maskChanges } from '@core/util/mask';
import { AuditService } from '@core/audit/audit.service';
import type { PermissionModule } from '@keyuan/shared';

/** The permission module of each record type the feed carries. */
const MODULE_OF: Record<string, PermissionModule> = {
  lead: 'leads', account: 'accounts', contact: 'contacts', opportunity: 'opportunities',
  quote: 'quotes', contract: 'contracts', ticket: 'tickets', campaign: 'campaigns', payment: 'payments',
};

/**
 * The record types whose every change the reader may see: read on that module with the `all` scope. Webhook
 * subscriptions need it (a delivery is made once per event, for no particular reader).
 */
export function feedKindsFor(reader: AuthUser): string[] {
  return Object.entries(MODULE_OF)
    .filter(([, module]) => reader.grants.some((g) => g.module === module && g.actions.includes('read') && g.scope === 'all'))
    .map(([kind]) => kind);
}

/** The record types the reader reads at all (any scope): the feed serves their events for the records in that scope. */
export function readableKindsFor(reader: AuthUser): string[] {
  return Object.entries(MODULE_OF)
    .filter(([, module]) => reader.grants.some((g) => g.module === module && g.actions.includes('read')))
    .map(([kind]) => kind);
}

interface Row {
  id: string;
  seq: string;
  xid: string;
  name: RecordEventName;
  entity_type: string;
  entity_id: string;
  actor_id: string | null;
  depth: number;
  payload: { action: string; changes: { field: string; old: unknown; new: unknown }[] };
  created_at: Date;
}

const encode = (xid: string, seq: string) => Buffer.from(`${xid}:${seq}`).toString('base64url');

/**
 * The change feed over the outbox. Positions are (transaction id, seq), and a page holds only events of
 * transactions older than every transaction still running (`pg_snapshot_xmin`): a transaction that took its
 * seq early but commits late is still running then, so nothing after it is served until it ends, and it can
 * never land behind a cursor already handed out (no gaps, no repeats).
 */
@Injectable()
export class EventFeedService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(reader: AuthUser, q: QueryEventsDto): Promise<EventFeedPage> {
    const [xid, seq] = this.decode(q.after);
    const types = q.types ? [...new Set(q.types.split(','))] : null;
    const unknown = types?.find((t) => !WEBHOOK_EVENT_TYPES.includes(t));
    if (unknown) throw badRequest(IntegrationErrorCode.WEBHOOK_EVENT_UNKNOWN, 'types', `Unknown event type ${unknown}`);
    const allowed = readableKindsFor(reader);
    const kinds = (types ? [...new Set(types.map((t) => t.split('.')[0]))] : allowed).filter((k) => allowed.includes(k));
    const limit = q.limit ?? 100;
    // the records in the reader's scope now (own, department or all), as the audit log decides it; a record
    // that left the scope takes its past events with it, one that entered brings them
    const visible = this.audit.recordsVisibleTo(reader, 'o', kinds);
    const [sql, params] = this.ds.driver.escapeQueryWithParameters(
      `SELECT o.id, o.seq::text, o.xid::text, o.name, o.entity_type, o.entity_id, o.actor_id, o.depth, o.payload, o.created_at
         FROM outbox_events o
        WHERE o.xid < pg_snapshot_xmin(pg_current_snapshot())
          AND (o.xid, o.seq) > (CAST(:__xid AS xid8), CAST(:__seq AS bigint))
          AND ${visible.sql}
        ORDER BY o.xid, o.seq
        LIMIT :__limit`,
      { ...visible.params, __xid: xid, __seq: seq, __limit: limit + 1 },
    );
    const rows: Row[] = await this.ds.query(sql, params);
    const page = rows.slice(0, limit);
    const data: FeedEvent[] = [];
    for (const r of page) {
      const e = {
        id: r.id,
        name: r.name,
        entityType: r.entity_type,
        entityId: r.entity_id,
        actorId: r.actor_id,
        depth: r.depth,
        action: r.payload.action,
        // phones and emails masked as the audit log shows them to this reader
        changes: maskChanges(r.payload.changes ?? [], reader),
        createdAt: new Date(r.created_at),
      };
      const all = webhookTypesOf(e);
      if (!all.length || (types && !all.some((t) => types.includes(t)))) continue;
      data.push({ id: r.id, types: all, timestamp: e.createdAt.toISOString(), data: webhookData(e) });
    }
    const last = page[page.length - 1];
    return { data, nextCursor: last ? encode(last.xid, last.seq) : encode(xid, seq), hasMore: rows.length > limit };
  }

  private decode(cursor: string | undefined): [string, string] {
    if (!cursor) return ['0', '0'];
    const m = /^(\d{1,20}):(\d{1,19})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!m) throw badRequest(IntegrationErrorCode.EVENTS_CURSOR_INVALID, 'after', 'The cursor is not one this feed handed out');
    return [m[1], m[2]];
  }
}
