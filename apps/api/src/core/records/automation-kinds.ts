import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PermissionModule } from '@keyuan/shared';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import type { RecordStore } from '../crud/record-store';
import type { OwnedRecord } from './record-kind';

export type AutomationFieldType = 'string' | 'number' | 'enum' | 'date' | 'user' | 'boolean';

/** A field automation may read (conditions, date triggers) and, when `updatable`, write. */
export interface AutomationField {
  /** API field name, e.g. `status`. */
  name: string;
  type: AutomationFieldType;
  /** Values of an enum field. */
  options?: readonly string[];
  /** Whether a rule's "update a field" action may set it (through the module's own update). */
  updatable?: boolean;
}

/**
 * An owned record kind as automation sees it: its fields, how to read a record, and how to change one
 * through the owning module's own service (so its rules, version, audit and 412 hold). Modules
 * register at init (`leads/lead-automation-kind.ts`); automation never names a module's table.
 */
export interface AutomationKind<T extends OwnedRecord = OwnedRecord> {
  type: string;
  /** Module whose grant decides who may read the record. */
  module: PermissionModule;
  store: RecordStore<T>;
  fields: AutomationField[];
  /** Whether records can sit in a pool (pool moves, round-robin assignment). */
  pooled: boolean;
  /** Changes fields through the module's update (its rules apply; `version` checks staleness). */
  update(actor: AuthUser, id: string, patch: Record<string, unknown>, version: number): Promise<void>;
}

/** The registry of kinds automation can act on (workflow rules; approvals next). */
@Injectable()
export class AutomationKinds {
  private readonly kinds = new Map<string, AutomationKind>();

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  register<T extends OwnedRecord>(kind: AutomationKind<T>): void {
    this.kinds.set(kind.type, kind as unknown as AutomationKind);
  }

  find(type: string): AutomationKind | undefined {
    return this.kinds.get(type);
  }

  all(): AutomationKind[] {
    return [...this.kinds.values()];
  }

  /** A record's field values (no scope: automation acts for the rule), null when gone (or deleted, unless asked). */
  async load(type: string, id: string, opts: { withDeleted?: boolean; m?: EntityManager } = {}): Promise<Record<string, unknown> | null> {
    const kind = this.kinds.get(type);
    if (!kind) return null;
    const row = await kind.store.query(null, opts.m ?? this.ds.manager, opts.withDeleted).andWhere(`${this.alias(kind)}.id = :__id`, { __id: id }).getOne();
    return row ? kind.store.snapshot(row) : null;
  }

  /**
   * Live records whose `field` shifted by `offsetDays` (negative: before) falls in (from, to], oldest
   * first: the candidates of a time-based rule. Written as a range on the column itself so its index
   * (when the kind has one) serves it.
   */
  async due(type: string, field: string, offsetDays: number, from: Date, to: Date, limit: number): Promise<{ id: string; due: Date }[]> {
    const kind = this.kinds.get(type);
    const column = kind && this.ds.getMetadata(kind.store.target).findColumnWithPropertyName(field);
    if (!kind || !column) return [];
    const a = this.alias(kind);
    const shift = offsetDays * 86_400_000;
    const rows: { id: string; at: Date }[] = await kind.store
      .query(null)
      .select(`${a}.id`, 'id')
      .addSelect(`${a}.${column.databaseName}`, 'at')
      .andWhere(`${a}.${column.databaseName} > :__from AND ${a}.${column.databaseName} <= :__to`, {
        __from: new Date(from.getTime() - shift),
        __to: new Date(to.getTime() - shift),
      })
      .orderBy(`${a}.${column.databaseName}`, 'ASC')
      .limit(limit)
      .getRawMany();
    return rows.map((r) => ({ id: r.id, due: new Date(new Date(r.at).getTime() + shift) }));
  }

  private alias(kind: AutomationKind): string {
    return kind.store.opts.alias;
  }
}
