import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { can } from '@keyuan/shared';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import type { AuthUser } from '@core/auth/auth-user';
import { forbidden, notFound, staleVersion } from '@core/http/domain-error';
import { UsersService } from '@modules/admin/users/users.service';
import { manageCondition, visibleCondition } from './document-access';
import { DocumentItem } from './document.entity';
import type { DocumentResponse } from './dto/document.dto';

/**
 * Scoped reads of documents for the module's services: every read goes through `visible` (the sharing
 * audience plus the data scope, in SQL) or `manageable` (owner or data scope), so an item outside them is a
 * 404 wherever it is asked for.
 */
@Injectable()
export class DocumentStore {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly users: UsersService,
  ) {}

  get manager(): EntityManager {
    return this.ds.manager;
  }

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  /** Items the reader may see (live ones unless `withDeleted`). */
  visible(user: AuthUser, m: EntityManager = this.ds.manager, withDeleted = false): SelectQueryBuilder<DocumentItem> {
    const v = visibleCondition(user, 'd');
    const qb = m.getRepository(DocumentItem).createQueryBuilder('d').where(v.sql, v.params);
    return withDeleted ? qb.withDeleted() : qb;
  }

  /** Items the actor may change. */
  manageable(user: AuthUser, m: EntityManager = this.ds.manager, withDeleted = false): SelectQueryBuilder<DocumentItem> {
    const c = manageCondition(user, 'd');
    const qb = m.getRepository(DocumentItem).createQueryBuilder('d').where(c.sql, c.params);
    return withDeleted ? qb.withDeleted() : qb;
  }

  /** A live item the reader may see; 404 otherwise. */
  async findVisible(user: AuthUser, id: string, m: EntityManager = this.ds.manager): Promise<DocumentItem> {
    const row = await this.visible(user, m).andWhere('d.id = :__id', { __id: id }).getOne();
    if (!row) throw notFound('document');
    return row;
  }

  /**
   * A live item the actor may change, locked for the transaction, at the expected version (412 otherwise);
   * 404 when the actor cannot even see it, 403 when they see it but may not change it.
   */
  async findManageable(user: AuthUser, id: string, m: EntityManager, expectedVersion?: number): Promise<DocumentItem> {
    const row = await this.manageable(user, m).andWhere('d.id = :__id', { __id: id }).setLock('pessimistic_write').getOne();
    if (!row) {
      await this.findVisible(user, id, m);
      throw forbidden('documents', 'Only the owner, or a holder of a documents grant whose data scope covers the owner, may change it');
    }
    if (expectedVersion !== undefined && expectedVersion !== row.version) throw staleVersion(row.version);
    return row;
  }

  /** Which of `ids` the actor may change (for `canManage`). */
  async manageableIds(user: AuthUser, ids: string[], m: EntityManager = this.ds.manager, withDeleted = false): Promise<Set<string>> {
    if (!ids.length || !can(user.grants, 'documents', 'update')) return new Set();
    const rows = await this.manageable(user, m, withDeleted).select('d.id', 'id').andWhere('d.id IN (:...__ids)', { __ids: ids }).getRawMany<{ id: string }>();
    return new Set(rows.map((r) => r.id));
  }

  /** The folders above an item that the reader may see, top first (a hidden folder ends the trail). */
  async path(user: AuthUser, item: DocumentItem, m: EntityManager = this.ds.manager): Promise<{ id: string; name: string }[]> {
    const out: { id: string; name: string }[] = [];
    let parentId = item.parentId;
    for (let depth = 0; parentId && depth < 50; depth++) {
      const p = await this.visible(user, m).andWhere('d.id = :__id', { __id: parentId }).getOne();
      if (!p) break;
      out.unshift({ id: p.id, name: p.name });
      parentId = p.parentId;
    }
    return out;
  }

  async toResponses(user: AuthUser, rows: DocumentItem[], m: EntityManager = this.ds.manager): Promise<DocumentResponse[]> {
    const names = await this.users.namesByIds(rows.map((r) => r.ownerId), m);
    const manage = await this.manageableIds(
      user,
      rows.map((r) => r.id),
      m,
      true,
    );
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      parentId: r.parentId,
      name: r.name,
      tags: r.tags,
      ownerId: r.ownerId,
      ownerName: names.get(r.ownerId) ?? null,
      shareScope: r.shareScope,
      shareUserIds: r.shareUserIds,
      shareDepartmentIds: r.shareDepartmentIds,
      shareRoleKeys: r.shareRoleKeys,
      versionCount: r.versionCount,
      headVersionId: r.headVersionId,
      sizeBytes: r.sizeBytes === null ? null : Number(r.sizeBytes),
      fileType: r.fileType,
      contentType: r.contentType,
      canManage: manage.has(r.id),
      deletedAt: r.deletedAt,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      version: r.version,
    }));
  }

  async toResponse(user: AuthUser, row: DocumentItem, m: EntityManager = this.ds.manager): Promise<DocumentResponse> {
    return (await this.toResponses(user, [row], m))[0];
  }
}
