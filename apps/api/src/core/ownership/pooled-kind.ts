import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import type { OwnedRecords, OwnershipRow } from './owned-records';

/** A record that changed hands, with the owner it had before. */
export interface OwnershipMove<T> {
  record: T;
  fromOwnerId: string | null;
}

/**
 * What a module registers with the pools module so pools can assign, claim, release and return its
 * records: the ownership SQL over its own table, its own rules, and its side effects. Everything
 * else (scope, claim limit, audit, notifications) is the same for every kind.
 */
export interface PooledKind<T extends OwnershipRow = OwnershipRow, R = unknown> {
  records: OwnedRecords<T>;
  /** Refuses a move the kind's rules forbid (a converted lead is read-only, a record waits for an approval) by throwing. */
  assertMovable?(record: T, m: EntityManager): void | Promise<void>;
  /** Runs after records changed hands, in the same transaction (search/dedupe index, followers). */
  afterMove(m: EntityManager, moves: OwnershipMove<T>[]): Promise<void>;
  /** The API response of the moved record. */
  toResponse(actor: AuthUser, record: T, m: EntityManager): Promise<R>;
}
