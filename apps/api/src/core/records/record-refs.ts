import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** How a module answers for links to its records (no scope: a link is checked or named, nothing else is read). */
export interface RefKind {
  /** Which of `ids` are live records. */
  live(ids: string[], m?: EntityManager): Promise<Set<string>>;
  /** Names of live records by id (a name is not sensitive). */
  names(ids: string[], m?: EntityManager): Promise<Map<string, string>>;
}

/**
 * Links to records of a module one must not import. Campaigns read leads and opportunities for their
 * stats, so leads and opportunities cannot import the campaigns module to check or name a `campaignId`:
 * the owning module registers here at init (`campaigns/campaign-records.ts`), the linking module asks
 * here. The database's foreign key still guards against ids that never existed.
 */
@Injectable()
export class RecordRefs {
  private readonly kinds = new Map<string, RefKind>();

  register(type: string, kind: RefKind): void {
    this.kinds.set(type, kind);
  }

  /** Which of `ids` are live `type` records; none when no module registered the kind. */
  async live(type: string, ids: (string | null | undefined)[], m?: EntityManager): Promise<Set<string>> {
    const unique = [...new Set(ids.filter((i): i is string => !!i))];
    const kind = this.kinds.get(type);
    if (!unique.length || !kind) return new Set();
    return kind.live(unique, m);
  }

  /** Whether `id` is a live `type` record. */
  async exists(type: string, id: string, m?: EntityManager): Promise<boolean> {
    return (await this.live(type, [id], m)).has(id);
  }

  /** Names of live `type` records by id. */
  async names(type: string, ids: (string | null | undefined)[], m?: EntityManager): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter((i): i is string => !!i))];
    const kind = this.kinds.get(type);
    if (!unique.length || !kind) return new Map();
    return kind.names(unique, m);
  }
}
