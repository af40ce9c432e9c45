import { HttpStatus, Injectable } from '@nestjs/common';
import type { PermissionModule } from '@keyuan/shared';
import { EntityManager } from 'typeorm';
import { AuthUser, scopeOf } from '@core/auth/auth-user';
import { DomainError } from '@core/http/domain-error';
import { emailFor, phoneFor } from '@core/util/mask';
import { lockContactPoints } from './contact-point-locks';
import { DuplicateMatchDto } from './duplicate-match.dto';

export type DedupeEntity = 'lead' | 'contact' | 'account';

const MODULE_OF: Record<DedupeEntity, PermissionModule> = { lead: 'leads', contact: 'contacts', account: 'accounts' };

export interface ContactPointsInput {
  phones: (string | null | undefined)[];
  emails: (string | null | undefined)[];
}

export interface ContactPointsOwner extends ContactPointsInput {
  displayName: string;
  ownerId: string | null;
  departmentId: string | null;
}

interface MatchRow {
  entity_type: DedupeEntity;
  entity_id: string;
  kind: 'phone' | 'email';
  value: string;
  display_name: string;
  owner_id: string | null;
  owner_name: string | null;
  dept_path: string | null;
}

const clean = (values: (string | null | undefined)[]) => [...new Set(values.filter((v): v is string => !!v))];
const pointKeys = (p: ContactPointsInput) => [...clean(p.phones).map((v) => `phone:${v}`), ...clean(p.emails).map((v) => `email:${v}`)];

/**
 * One index of every normalized phone (E.164) and email (lower case) of leads, contacts and accounts,
 * kept in step by their modules inside the same transaction. Duplicate checks read only this table,
 * so no customer module has to query another's. A check and the index rows a writer adds take
 * advisory locks on the normalized values (see contact-point-locks.ts), so two transactions writing
 * the same new phone or email serialize and the second one's check sees the first one's rows.
 */
@Injectable()
export class ContactPointsService {
  async sync(manager: EntityManager, entityType: DedupeEntity, entityId: string, p: ContactPointsOwner): Promise<void> {
    const before: { kind: string; value: string }[] = await manager.query(
      `DELETE FROM contact_points WHERE entity_type = $1 AND entity_id = $2 RETURNING kind, value`,
      [entityType, entityId],
    );
    const rows = [
      ...clean(p.phones).map((value) => ['phone', value]),
      ...clean(p.emails).map((value) => ['email', value]),
    ];
    if (!rows.length) return;
    await this.lockAdded(manager, before, rows.map(([k, v]) => `${k}:${v}`));
    await manager.query(
      `INSERT INTO contact_points (entity_type, entity_id, kind, value, display_name, owner_id, department_id)
       SELECT $1, $2, k, v, $3, $4, $5 FROM unnest($6::text[], $7::text[]) AS t(k, v) ON CONFLICT DO NOTHING`,
      [entityType, entityId, p.displayName.slice(0, 200), p.ownerId, p.departmentId, rows.map((r) => r[0]), rows.map((r) => r[1])],
    );
  }

  /** Replaces the index rows of many records in two statements (bulk imports). */
  async syncMany(
    manager: EntityManager,
    entityType: DedupeEntity,
    items: (ContactPointsOwner & { id: string })[],
    opts: { fresh?: boolean } = {},
  ): Promise<void> {
    if (!items.length) return;
    const before: { kind: string; value: string }[] = opts.fresh
      ? []
      : await manager.query(`DELETE FROM contact_points WHERE entity_type = $1 AND entity_id = ANY($2) RETURNING kind, value`, [
          entityType,
          items.map((i) => i.id),
        ]);
    const rows: [string, string, string, string, string | null, string | null][] = [];
    for (const i of items) {
      for (const value of clean(i.phones)) rows.push([i.id, 'phone', value, i.displayName.slice(0, 200), i.ownerId, i.departmentId]);
      for (const value of clean(i.emails)) rows.push([i.id, 'email', value, i.displayName.slice(0, 200), i.ownerId, i.departmentId]);
    }
    if (!rows.length) return;
    await this.lockAdded(manager, before, rows.map((r) => `${r[1]}:${r[2]}`));
    await manager.query(
      `INSERT INTO contact_points (entity_type, entity_id, kind, value, display_name, owner_id, department_id)
       SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::uuid[]) ON CONFLICT DO NOTHING`,
      [entityType, ...[0, 1, 2, 3, 4, 5].map((k) => rows.map((r) => r[k]))],
    );
  }

  async removeMany(manager: EntityManager, entityType: DedupeEntity, ids: string[]): Promise<void> {
    if (ids.length) await manager.query(`DELETE FROM contact_points WHERE entity_type = $1 AND entity_id = ANY($2)`, [entityType, ids]);
  }

  /** Ids of this entity type's records having each value (upsert lookups of imports), first match per value. */
  async idsByValue(manager: EntityManager, entityType: DedupeEntity, kind: 'phone' | 'email', values: string[]): Promise<Map<string, string>> {
    const unique = clean(values);
    if (!unique.length) return new Map();
    const rows: { value: string; entity_id: string }[] = await manager.query(
      `SELECT value, entity_id FROM contact_points WHERE kind = $2 AND value = ANY($3) AND entity_type = $1`,
      [entityType, kind, unique],
    );
    const out = new Map<string, string>();
    for (const r of rows) if (!out.has(r.value) || r.entity_id < out.get(r.value)!) out.set(r.value, r.entity_id);
    return out;
  }

  async remove(manager: EntityManager, entityType: DedupeEntity, entityId: string): Promise<void> {
    await manager.query(`DELETE FROM contact_points WHERE entity_type = $1 AND entity_id = $2`, [entityType, entityId]);
  }

  /** Records with any of these phones or emails, except the excluded ones, with what the actor may see of them. */
  async findMatches(
    manager: EntityManager,
    actor: AuthUser,
    input: ContactPointsInput,
    exclude: { entityType: DedupeEntity; id: string }[] = [],
  ): Promise<DuplicateMatchDto[]> {
    const phones = clean(input.phones);
    const emails = clean(input.emails);
    if (!phones.length && !emails.length) return [];
    const rows: MatchRow[] = await manager.query(
      `SELECT cp.entity_type, cp.entity_id, cp.kind, cp.value, cp.display_name, cp.owner_id, u.name AS owner_name, d.path AS dept_path
         FROM contact_points cp
         LEFT JOIN users u ON u.id = cp.owner_id
         LEFT JOIN departments d ON d.id = cp.department_id
        WHERE (cp.kind = 'phone' AND cp.value = ANY($1)) OR (cp.kind = 'email' AND cp.value = ANY($2))
        ORDER BY cp.entity_type, cp.display_name
        LIMIT 50`,
      [phones, emails],
    );
    const excluded = new Set(exclude.map((e) => `${e.entityType}:${e.id}`));
    const seen = new Set<string>();
    const out: DuplicateMatchDto[] = [];
    for (const r of rows) {
      const key = `${r.entity_type}:${r.entity_id}`;
      if (excluded.has(key) || seen.has(key)) continue;
      seen.add(key);
      const visible = this.canSee(actor, r);
      out.push({
        entityType: r.entity_type,
        id: visible ? r.entity_id : null,
        name: visible ? r.display_name : null,
        ownerName: r.owner_name,
        matchedOn: r.kind,
        value: (r.kind === 'phone' ? phoneFor(actor, r.value) : emailFor(actor, r.value)) ?? '',
        visible,
      });
    }
    return out;
  }

  /**
   * Owners, other than `exceptOwnerIds`, of the records sharing these phones or emails (the 撞单 check:
   * "Save anyway" on someone else's customer asks for an approval), most frequent first.
   */
  async otherOwners(
    manager: EntityManager,
    input: ContactPointsInput,
    exceptOwnerIds: string[],
    exclude: { entityType: DedupeEntity; id: string }[] = [],
  ): Promise<string[]> {
    const phones = clean(input.phones);
    const emails = clean(input.emails);
    if (!phones.length && !emails.length) return [];
    const rows: { owner_id: string }[] = await manager.query(
      `SELECT cp.owner_id FROM contact_points cp
        WHERE ((cp.kind = 'phone' AND cp.value = ANY($1)) OR (cp.kind = 'email' AND cp.value = ANY($2)))
          AND cp.owner_id IS NOT NULL AND NOT (cp.owner_id = ANY($3))
          AND NOT ((cp.entity_type || ':' || cp.entity_id) = ANY($4))
        GROUP BY cp.owner_id ORDER BY count(*) DESC, cp.owner_id`,
      [phones, emails, exceptOwnerIds, exclude.map((e) => `${e.entityType}:${e.id}`)],
    );
    return rows.map((r) => r.owner_id);
  }

  /** 409 DUPLICATE_FOUND listing the matches, unless the caller explicitly allows duplicates. */
  async assertNoDuplicates(
    manager: EntityManager,
    actor: AuthUser,
    input: ContactPointsInput,
    opts: { allowDuplicate?: boolean; exclude?: { entityType: DedupeEntity; id: string }[] } = {},
  ): Promise<void> {
    if (opts.allowDuplicate) return;
    await this.lock(manager, input);
    const matches = await this.findMatches(manager, actor, input, opts.exclude);
    if (!matches.length) return;
    const fields = [...new Set(matches.map((m) => m.matchedOn))];
    throw new DomainError(
      'DUPLICATE_FOUND',
      HttpStatus.CONFLICT,
      `${matches.length} existing record(s) share this ${fields.join(' and ')}; pass allowDuplicate=true to create anyway`,
      fields.map((field) => ({ field, code: 'matches_existing', message: 'matches an existing record' })),
      { matches },
      { params: { count: matches.length } },
    );
  }

  /**
   * Locks these phones and emails until the transaction ends. A writer that checks or indexes several
   * groups of values in one transaction (an import batch) calls this first with all of them, so its
   * locks are taken in one sorted step and cannot deadlock with another writer.
   */
  async lock(manager: EntityManager, input: ContactPointsInput): Promise<void> {
    await lockContactPoints(manager, pointKeys(input));
  }

  /**
   * Locks the values a sync adds (values the record already had stay visible to other transactions
   * through the committed rows, so they need no lock; an update thus locks only what its check locked).
   */
  private async lockAdded(manager: EntityManager, before: { kind: string; value: string }[], keys: string[]): Promise<void> {
    const had = new Set(before.map((b) => `${b.kind}:${b.value}`));
    await lockContactPoints(manager, keys.filter((k) => !had.has(k)));
  }

  private canSee(actor: AuthUser, r: MatchRow): boolean {
    const scope = scopeOf(actor, MODULE_OF[r.entity_type]);
    if (scope === 'all') return true;
    if (scope === null) return false;
    if (r.owner_id === actor.id) return true;
    return scope === 'department' && !!actor.departmentPath && !!r.dept_path?.startsWith(actor.departmentPath);
  }
}
