import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { scopeParams } from '../access/data-scope';
import type { AuthUser } from '../auth/auth-user';
import { currentRequestId } from '../context/request-context';
import { ListSpec, Page, paginate } from '../http/keyset';
import { OutboxService } from '../events/outbox/outbox.service';
import { maskChanges } from '../util/mask';
import { AuditLog } from './audit-log.entity';
import { AuditedKind, auditVisibility, recordVisibility } from './audit-scope';
import { changeTypeOf, ReferenceKind, referencedIds } from './change-types';
import type { AuditLogResponse, QueryAuditLogsDto, RecordHistoryResponse } from './dto/audit-log.dto';

/**
 * Names of the ids of one kind of record that a reader may see (a record outside the reader's scope
 * gets no name); the module owning the records registers it.
 */
export type AuditNames = (reader: AuthUser, ids: string[], m: EntityManager) => Promise<Map<string, string>>;

export type AuditAction = 'create' | 'update' | 'delete' | 'restore' | (string & {});

export interface FieldChange {
  field: string;
  old: unknown;
  new: unknown;
}

/** Fields never written to the audit log, whatever the entity. */
const NEVER_AUDITED = new Set(['passwordHash', 'updatedAt', 'createdAt', 'version', 'deletedAt', 'failedLoginCount', 'lockedUntil', 'lastLoginAt', 'tokenVersion']);

function normalize(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (v === undefined) return null;
  return v;
}

/** The changed fields between two snapshots of a record, in the order of `after`'s keys. */
export function diffRecords(before: Record<string, unknown> | null, after: Record<string, unknown> | null): FieldChange[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: FieldChange[] = [];
  for (const field of keys) {
    if (NEVER_AUDITED.has(field) || field === 'id') continue;
    const o = normalize(before?.[field]);
    const n = normalize(after?.[field]);
    if (JSON.stringify(o) !== JSON.stringify(n)) changes.push({ field, old: o, new: n });
  }
  return changes;
}

const LIST_SPEC: ListSpec = {
  idColumn: 'au.id',
  defaultSort: '-createdAt',
  sortable: { createdAt: { column: 'au.created_at', value: (a: AuditLog) => a.createdAt } },
  search: ['au.actor_name'],
  filters: { entityType: 'au.entity_type', entityId: 'au.entity_id', actorId: 'au.actor_id', action: 'au.action' },
  ranges: { createdAt: 'au.created_at' },
};

/**
 * Writes audit entries inside the caller's transaction, so the change and its record commit together,
 * and reads them back for the readers who may read the records. An entry of a kind registered with
 * `events` (the record kit's owned kinds) also writes its committed record event (the outbox), so every
 * change of every such kind is one event, from one place, whichever service made it.
 */
@Injectable()
export class AuditService {
  private readonly kinds = new Map<string, AuditedKind>();
  private readonly names = new Map<ReferenceKind, AuditNames>();

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly outbox: OutboxService,
  ) {}

  /** Called by every RecordStore: whose entries may be read is decided by the record kind's grant and scope. */
  registerKind(kind: AuditedKind): void {
    this.kinds.set(kind.entityType, kind);
  }

  /**
   * Called by the module owning a kind of record that audited fields reference (users, departments,
   * roles, pools, stages...; every record kit kind registers itself): answers the names the reader may see.
   */
  registerNames(kind: ReferenceKind, names: AuditNames): void {
    this.names.set(kind, names);
  }

  /**
   * The audit trail the reader may see, newest first; phones and emails masked without viewSensitive.
   * Each change carries its render type, and each entry the names of the ids it mentions that the reader
   * may see, so clients show labels and names, never raw keys and ids.
   */
  async list(user: AuthUser, query: QueryAuditLogsDto): Promise<Page<AuditLogResponse>> {
    const kinds = [...this.kinds.values()].filter((k) => !query.entityType || k.entityType === query.entityType);
    const visible = auditVisibility(user, kinds);
    const qb = this.ds.getRepository(AuditLog).createQueryBuilder('au').where(visible.sql, { ...visible.params, ...scopeParams(user) });
    const page = await paginate(qb, query, LIST_SPEC);
    const typed = page.data.map((a) =>
      maskChanges(a.changes ?? [], user).map((c) => ({ ...c, ...changeTypeOf(a.entityType, c.field, [c.old, c.new]) })),
    );
    const names = await this.referenceNames(user, typed.flat());
    return {
      ...page,
      data: page.data.map((a, i) => {
        const ids = typed[i].flatMap((c) => (c.type === 'reference' ? referencedIds([c.old, c.new]) : [])).filter((id) => names.has(id));
        return { ...a, changes: typed[i], labels: Object.fromEntries(ids.map((id) => [id, names.get(id)!])) };
      }),
    };
  }

  /**
   * Rows of `alias` (with `entity_type` and `entity_id`, e.g. the outbox's events) of the given record types whose
   * record the reader may read now, in their own data scope: one SQL condition (named parameters, including
   * `scopeParams(reader)`). Types no store registered, or the reader may not read, match nothing.
   */
  recordsVisibleTo(reader: AuthUser, alias: string, types: string[]): { sql: string; params: Record<string, unknown> } {
    const kinds = types.map((t) => this.kinds.get(t)).filter((k): k is AuditedKind => !!k);
    const { parts, params } = recordVisibility(reader, kinds, alias);
    return { sql: parts.length ? `(${parts.join(' OR ')})` : '1 = 0', params: { ...params, ...scopeParams(reader) } };
  }

  /**
   * A record's history for a reader the caller has already let read the record: its entries newest first
   * (at most 200), phones and emails masked without viewSensitive, each change typed, references named.
   */
  async historyOf(reader: AuthUser, entityType: string, entityId: string, m: EntityManager = this.ds.manager): Promise<RecordHistoryResponse> {
    const rows = await m.getRepository(AuditLog).find({ where: { entityType, entityId }, order: { createdAt: 'DESC', id: 'DESC' }, take: 200 });
    const typed = rows.map((a) => maskChanges(a.changes ?? [], reader).map((c) => ({ ...c, ...changeTypeOf(entityType, c.field, [c.old, c.new]) })));
    const names = await this.referenceNames(reader, typed.flat(), m);
    return {
      data: rows.map((a, i) => {
        const ids = typed[i].flatMap((c) => (c.type === 'reference' ? referencedIds([c.old, c.new]) : [])).filter((id) => names.has(id));
        return { id: a.id, action: a.action, actorName: a.actorName, at: a.createdAt, changes: typed[i], labels: Object.fromEntries(ids.map((id) => [id, names.get(id)!])) };
      }),
    };
  }

  /**
   * Names of the ids typed changes reference, each kind asked of its registered owner in the reader's
   * scope (a record the reader may not read, or an unregistered kind, gets none: the client shows "—").
   * The audit log and every timeline name references this one way.
   */
  async referenceNames(
    reader: AuthUser,
    changes: { type: string; ref?: ReferenceKind; old: unknown; new: unknown }[],
    m: EntityManager = this.ds.manager,
  ): Promise<Map<string, string>> {
    const byKind = new Map<ReferenceKind, string[]>();
    for (const c of changes) {
      if (c.type === 'reference' && c.ref) byKind.set(c.ref, [...(byKind.get(c.ref) ?? []), ...referencedIds([c.old, c.new])]);
    }
    const out = new Map<string, string>();
    for (const [kind, ids] of byKind) {
      const names = this.names.get(kind);
      if (!names || !ids.length) continue;
      for (const [id, name] of await names(reader, [...new Set(ids)], m)) out.set(id, name);
    }
    return out;
  }

  async record(
    manager: EntityManager,
    actor: AuthUser | null,
    action: AuditAction,
    entityType: string,
    entityId: string,
    changes: FieldChange[],
  ): Promise<void> {
    await manager.query(
      `INSERT INTO audit_logs (actor_id, actor_name, action, entity_type, entity_id, changes, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [actor?.id ?? null, actor?.name ?? null, action, entityType, entityId, JSON.stringify(changes), currentRequestId() ?? null],
    );
    if (this.kinds.get(entityType)?.events) await this.outbox.write(manager, actor, action, entityType, [{ entityId, changes }]);
  }

  /** One statement for many entries of the same action (bulk imports and reverts). */
  async recordMany(
    manager: EntityManager,
    actor: AuthUser | null,
    action: AuditAction,
    entityType: string,
    entries: { entityId: string; changes: FieldChange[] }[],
  ): Promise<void> {
    if (!entries.length) return;
    await manager.query(
      `INSERT INTO audit_logs (actor_id, actor_name, action, entity_type, entity_id, changes, request_id)
       SELECT $1, $2, $3, $4, e.id, e.changes, $7 FROM unnest($5::uuid[], $6::jsonb[]) AS e(id, changes)`,
      [
        actor?.id ?? null,
        actor?.name ?? null,
        action,
        entityType,
        entries.map((e) => e.entityId),
        entries.map((e) => JSON.stringify(e.changes)),
        currentRequestId() ?? null,
      ],
    );
    if (this.kinds.get(entityType)?.events) await this.outbox.write(manager, actor, action, entityType, entries);
  }
}
