import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@core/auth/auth-user';
import { badRequest } from '@core/http/domain-error';
import { EventFeedPage, FeedEvent, QueryEventsDto } from '../dto/event-feed.dto';
import { IntegrationErrorCode } from '../integrations.errors';
import { webhookData, webhookTypesOf } from '../webhooks/webhook-events';
import { RecordEventName } from '@core/events/outbox/record-event';
import { maskChanges } from '@core/util/mask';
import { AuditService } from '@core/audit/audit.service';
import { can, eventKindOf, isObjectModule, isWebhookEventType, type PermissionModule } from '@keyuan/shared';
import { PermissionCatalog } from '@core/access/permission-catalog';

/** The permission module of each record type the feed carries. */
const MODULE_OF: Record<string, PermissionModule> = {
  lead: 'leads', account: 'accounts', contact: 'contacts', opportunity: 'opportunities',
  quote: 'quotes', contract: 'contracts', ticket: 'tickets', campaign: 'campaigns', payment: 'payments',
  // inbound messages, scoped by the owner of the contact or lead they matched (copied onto the message)
  sms: 'sms',
};

/**
 * The record types the reader reads at all (any scope): the feed serves their events for the records in that scope,
 * and a webhook subscription may name them (its deliveries are filtered the same way, for its creator). Custom
 * modules (`objects`: the live ones, `obj.<key>`, which is also their records' entity type) count like built-in kinds.
 */
export function readableKindsFor(reader: AuthUser, objects: string[] = []): string[] {
  return [
    ...Object.entries(MODULE_OF)
      .filter(([, module]) => reader.grants.some((g) => g.module === module && g.actions.includes('read')))
      .map(([kind]) => kind),
    ...objects.filter((m) => isObjectModule(m) && can(reader.grants, m, 'read')),
  ];
}

/**
 * The live custom modules' kinds (`obj.<key>`). Reading them through the catalog also registers each module's records
 * with the audit log, so their visibility condition exists on this instance before events are filtered by it.
 */
export async function liveObjectKinds(catalog: PermissionCatalog): Promise<string[]> {
  return (await catalog.dynamicModules()).map((m) => m.module);
}

/** 400 WEBHOOK_EVENT_UNKNOWN for a type nobody emits (a custom module's type names a live module). */
export function assertKnownEventTypes(types: string[], objects: string[], field: string): void {
  const unknown = types.find((t) => !isWebhookEventType(t) || (isObjectModule(eventKindOf(t)) && !objects.includes(eventKindOf(t))));
  if (unknown) throw badRequest(IntegrationErrorCode.WEBHOOK_EVENT_UNKNOWN, field, `Unknown event type ${unknown}`);
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

/** Events looked at per call at most (the reader's scope filters them after). */
const SCAN = 5000;

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
    private readonly catalog: PermissionCatalog,
  ) {}

  async list(reader: AuthUser, q: QueryEventsDto): Promise<EventFeedPage> {
    const [xid, seq] = this.decode(q.after);
    const types = q.types ? [...new Set(q.types.split(','))] : null;
    const objects = await liveObjectKinds(this.catalog);
    if (types) assertKnownEventTypes(types, objects, 'types');
    const allowed = readableKindsFor(reader, objects);
    const kinds = (types ? [...new Set(types.map(eventKindOf))] : allowed).filter((k) => allowed.includes(k));
    const limit = q.limit ?? 100;
    // The records in the reader's scope at read time (own, department or all), as the audit log decides it. The
    // scan is bounded: at most SCAN events past the cursor are looked at per call, and the cursor moves past what
    // was scanned even when none of it was the reader's, so a narrow-scope poller never rescans the outbox. An
    // event is judged once, when the scan passes it: a record that enters the scope later brings no past events.
    const visible = this.audit.recordsVisibleTo(reader, 'oev', kinds);
    const [sql, params] = this.ds.driver.escapeQueryWithParameters(
      `WITH scanned AS MATERIALIZED (
         SELECT * FROM outbox_events
          WHERE xid < pg_snapshot_xmin(pg_current_snapshot())
            AND (xid, seq) > (CAST(:__xid AS xid8), CAST(:__seq AS bigint))
            AND entity_type = ANY (CAST(:__kinds AS text[]))
          ORDER BY xid, seq
          LIMIT :__scan),
       tail AS (SELECT xid::text AS xid, seq::text AS seq FROM scanned ORDER BY xid DESC, seq DESC LIMIT 1),
       counted AS (SELECT count(*)::int AS n FROM scanned)
       SELECT c.n AS scanned, t.xid AS scan_xid, t.seq AS scan_seq, p.*
         FROM counted c
         LEFT JOIN tail t ON true
         LEFT JOIN (
           SELECT oev.id, oev.seq::text, oev.xid::text, oev.name, oev.entity_type, oev.entity_id, oev.actor_id, oev.depth, oev.payload, oev.created_at,
                  oev.xid AS sort_xid, oev.seq AS sort_seq
             FROM scanned oev
            WHERE ${visible.sql}
            ORDER BY oev.xid, oev.seq
            LIMIT :__limit) p ON true
        ORDER BY p.sort_xid, p.sort_seq`,
      { ...visible.params, __xid: xid, __seq: seq, __kinds: kinds, __scan: SCAN, __limit: limit + 1 },
    );
    const result: (Row & { scanned: number; scan_xid: string | null; scan_seq: string | null })[] = await this.ds.query(sql, params);
    const rows: Row[] = result.filter((r) => r.id !== null);
    const scanned = result[0]?.scanned ?? 0;
    const scanEnd = result[0]?.scan_xid ? encode(result[0].scan_xid, result[0].scan_seq!) : encode(xid, seq);
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
    if (rows.length > limit) {
      const last = page[page.length - 1];
      return { data, nextCursor: encode(last.xid, last.seq), hasMore: true };
    }
    // the page is the reader's every event of the scanned range: continue after the range
    return { data, nextCursor: scanEnd, hasMore: scanned === SCAN };
  }

  private decode(cursor: string | undefined): [string, string] {
    if (!cursor) return ['0', '0'];
    const m = /^(\d{1,20}):(\d{1,19})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!m) throw badRequest(IntegrationErrorCode.EVENTS_CURSOR_INVALID, 'after', 'The cursor is not one this feed handed out');
    return [m[1], m[2]];
  }
}
