import { Injectable } from '@nestjs/common';
import type { OwnershipRow } from '@core/ownership/owned-records';
import type { PooledKind } from '@core/ownership/pooled-kind';

/**
 * The record kinds that can sit in a pool, registered by their modules at init (leads, accounts; an
 * opportunity module would add one line). Pools know kinds by their entity type, never their tables.
 */
@Injectable()
export class PooledKindsService {
  private readonly kinds = new Map<string, PooledKind>();

  register<T extends OwnershipRow>(kind: PooledKind<T>): void {
    this.kinds.set(kind.records.opts.entityType, kind as unknown as PooledKind);
  }

  get(entityType: string): PooledKind {
    const kind = this.kinds.get(entityType);
    if (!kind) throw new Error(`No pooled kind '${entityType}' is registered`);
    return kind;
  }

  all(): PooledKind[] {
    return [...this.kinds.values()];
  }
}
