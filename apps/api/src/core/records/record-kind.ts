import type { PermissionModule } from '@keyuan/shared';
import type { EntityManager, EntityTarget } from 'typeorm';
import type { ScopeColumns } from '../access/data-scope';
import type { AuthUser } from '../auth/auth-user';
import type { BaseRecord } from '../database/base.entity';
import type { FieldDef } from '../http/csv-export';
import type { ListSpec } from '../http/keyset';

/** A business record with an owner, inside a department's data scope, known by a name. */
export interface OwnedRecord extends BaseRecord {
  name: string;
  ownerId: string | null;
  departmentId: string | null;
}

/**
 * What the acting user may do with a record now, computed once by the record kit and sent with every
 * record (`actions`), so clients show exactly the buttons that can succeed.
 */
export const RECORD_ACTIONS = ['edit', 'delete', 'merge', 'assign', 'claim', 'release', 'reveal', 'convert'] as const;
export type RecordAction = (typeof RECORD_ACTIONS)[number];

/** A phone or email field: masked for users without `viewSensitive`, shown by reveal, searched only whole. */
export interface SensitiveField<T> {
  field: keyof T & string;
  /** SQL column with the alias, e.g. `c.work_phone`. */
  column: string;
  kind: 'phone' | 'email';
}

/**
 * Everything the record machinery needs to know about one owned record kind. A new kind writes this,
 * its hooks (its own rules), its DTOs and a thin controller.
 */
export interface RecordKind<T extends OwnedRecord, R> {
  /** Audit entity type, dedupe type and the name in 404 messages, e.g. `lead`. */
  type: string;
  entity: EntityTarget<T>;
  /** Module whose grant decides the data scope. */
  module: PermissionModule;
  /** Query alias, e.g. `l`. */
  alias: string;
  scope: ScopeColumns;
  /** Sorts, filters and `search` (the full-text column, used for users with `viewSensitive`). */
  list: ListSpec;
  /** Column searched by `q` for users without `viewSensitive`: names and the digits the mask shows. */
  visibleSearch: string;
  csv: { name: string; fields: FieldDef<R>[] };
  sensitive: SensitiveField<T>[];
  /** Display name in duplicate matches. */
  displayName: (r: T) => string;
  /** Fields the survivor of a merge takes from the first duplicate that has one, when it has none. */
  mergeFill: readonly (keyof T)[];
  /** Whether records of this kind can sit in a pool (ownerless, claimable). */
  pooled: boolean;
}

/** The phone/email index behind duplicate detection (the dedupe module's ContactPointsService; `never`: it names its own kinds). */
export interface ContactIndex<M> {
  sync(
    m: EntityManager,
    type: never,
    id: string,
    p: { phones: (string | null)[]; emails: (string | null)[]; displayName: string; ownerId: string | null; departmentId: string | null },
  ): Promise<void>;
  remove(m: EntityManager, type: never, id: string): Promise<void>;
  removeMany(m: EntityManager, type: never, ids: string[]): Promise<void>;
  findMatches(m: EntityManager, actor: AuthUser, p: { phones: (string | null)[]; emails: (string | null)[] }, exclude: { entityType: never; id: string }[]): Promise<M[]>;
}

/** The index of kinds that hold no phone or email (opportunities, quotes): they stay out of duplicate detection. */
export const NO_CONTACT_INDEX: ContactIndex<never> = {
  sync: async () => undefined,
  remove: async () => undefined,
  removeMany: async () => undefined,
  findMatches: async () => [],
};
