import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { Attachment } from '@core/files/attachment.entity';
import { AttachmentsService } from '@core/files/attachments.service';
import { conflict, notFound } from '@core/http/domain-error';
import { ListSpec, paginate } from '@core/http/keyset';
import { JobsService } from '@core/jobs/jobs.service';
import { DocumentStore } from './document-store';
import { DocumentItem } from './document.entity';
import { DocumentErrorCode } from './documents.errors';
import { DocumentPage, QueryTrashDto } from './dto/document.dto';

export const DOCUMENTS_PURGE_JOB = 'documents.purge-trash';
/** How long deleted items stay in the trash. */
export const TRASH_DAYS = 30;

const TRASH_SPEC: ListSpec = {
  sortable: {
    deletedAt: { column: 'd.deleted_at', value: (r: DocumentItem) => r.deletedAt },
    name: { column: 'd.name', value: (r: DocumentItem) => r.name },
  },
  defaultSort: '-deletedAt',
  search: ['d.search_text'],
  bigramColumn: 'd.search_bigrams',
  idColumn: 'd.id',
};

/**
 * The trash: deleting an item moves it and everything below it to the trash (one `trash_root_id`); the
 * trash lists the deleted roots the actor may change; restoring brings the whole subtree back (to the top
 * level when its folder is gone); purging removes the rows, their versions' attachments and the stored
 * files. A nightly job purges what has been in the trash for 30 days.
 */
@Injectable()
export class DocumentTrashService implements OnModuleInit {
  private readonly logger = new Logger('DocumentsTrash');

  constructor(
    private readonly store: DocumentStore,
    private readonly attachments: AttachmentsService,
    private readonly audit: AuditService,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register(DOCUMENTS_PURGE_JOB, async () => void (await this.purgeExpired()), '40 3 * * *', { retryLimit: 2 });
  }

  async remove(actor: AuthUser, id: string, ifMatch?: number): Promise<void> {
    await this.store.transaction(async (m) => {
      const row = await this.store.findManageable(actor, id, m, ifMatch);
      // only what the actor manages goes to the trash; other users' items below move to the top level
      const { taken, rescued } = await this.split(m, actor, row.id, (c) => !c.deletedAt);
      await m.query(
        `UPDATE documents SET deleted_at = now(), trash_root_id = $1, trashed_by_id = $2, version = version + 1, updated_at = now()
          WHERE id = ANY($3) AND deleted_at IS NULL`,
        [row.id, actor.id, taken],
      );
      // (items trashed on their own before stay where they are, in the trash)
      await this.rescue(m, actor, rescued.filter((r) => !r.deletedAt), row.id);
      await this.audit.record(m, actor, 'delete', 'document', row.id, [
        { field: 'name', old: row.name, new: null },
        { field: 'trashedItems', old: null, new: taken.length },
      ]);
    });
  }

  async list(actor: AuthUser, query: QueryTrashDto): Promise<DocumentPage> {
    const qb = this.store.manageable(actor, this.store.manager, true).andWhere('d.deleted_at IS NOT NULL AND d.trash_root_id = d.id');
    const page = await paginate(qb, query, TRASH_SPEC);
    return { ...page, data: await this.store.toResponses(actor, page.data) };
  }

  async restore(actor: AuthUser, id: string): Promise<void> {
    await this.store.transaction(async (m) => {
      const root = await this.trashRoot(actor, id, m);
      await m.query(
        `UPDATE documents SET deleted_at = NULL, trash_root_id = NULL, trashed_by_id = NULL, version = version + 1, updated_at = now() WHERE trash_root_id = $1`,
        [root.id],
      );
      // its folder went away (deleted or trashed since): it comes back at the top level
      await m.query(
        `UPDATE documents d SET parent_id = NULL WHERE d.id = $1 AND d.parent_id IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM documents p WHERE p.id = d.parent_id AND p.deleted_at IS NULL)`,
        [root.id],
      );
      await this.audit.record(m, actor, 'restore', 'document', root.id, [{ field: 'name', old: null, new: root.name }]);
    });
  }

  /** Removes a trashed item for good (409 for a live one); answers how many items went. */
  async purge(actor: AuthUser, id: string): Promise<number> {
    const { count, files } = await this.store.transaction(async (m) => this.purgeRoot(m, actor, await this.trashRoot(actor, id, m)));
    await this.removeStored(files);
    return count;
  }

  /** The nightly job: every trash root deleted more than TRASH_DAYS ago. */
  async purgeExpired(now = new Date()): Promise<number> {
    const roots = await this.store.manager
      .getRepository(DocumentItem)
      .createQueryBuilder('d')
      .withDeleted()
      .where('d.deleted_at IS NOT NULL AND d.trash_root_id = d.id AND d.deleted_at < :cut', { cut: new Date(now.getTime() - TRASH_DAYS * 86_400_000) })
      .getMany();
    let total = 0;
    for (const candidate of roots) {
      const { count, files } = await this.store.transaction(async (m) => {
        // re-checked under the row lock: a restore (or a purge) since the select leaves it alone
        const root = await m
          .getRepository(DocumentItem)
          .createQueryBuilder('d')
          .withDeleted()
          .where('d.id = :id AND d.deleted_at IS NOT NULL AND d.trash_root_id = d.id AND d.deleted_at < :cut', { id: candidate.id, cut: new Date(now.getTime() - TRASH_DAYS * 86_400_000) })
          .setLock('pessimistic_write')
          .getOne();
        return root ? this.purgeRoot(m, null, root) : { count: 0, files: [] };
      });
      await this.removeStored(files);
      total += count;
    }
    if (total) this.logger.log(`purged ${total} document(s) from the trash`);
    return total;
  }

  private async trashRoot(actor: AuthUser, id: string, m: EntityManager): Promise<DocumentItem> {
    const row = await this.store.manageable(actor, m, true).andWhere('d.id = :__id', { __id: id }).setLock('pessimistic_write').getOne();
    if (!row) throw notFound('document');
    if (!row.deletedAt || row.trashRootId !== row.id) throw conflict(DocumentErrorCode.DOCUMENT_NOT_IN_TRASH, 'Only an item deleted into the trash can be restored or purged');
    return row;
  }

  /**
   * The items below `rootId` (walked from it): `taken` are the root and the items reached through items the
   * actor manages that pass `take`; `rescued` are the first items below them that do not (they leave the
   * subtree with everything under them).
   */
  private async split(
    m: EntityManager,
    actor: AuthUser | null,
    rootId: string,
    take: (c: { deletedAt: Date | null; trashRootId: string | null }) => boolean,
  ): Promise<{ taken: string[]; rescued: { id: string; parentId: string; trashRootId: string | null; deletedAt: Date | null }[] }> {
    const rows: { id: string; parent_id: string; deleted_at: Date | null; trash_root_id: string | null }[] = await m.query(
      `WITH RECURSIVE t AS (SELECT id, parent_id, deleted_at, trash_root_id FROM documents WHERE parent_id = $1
         UNION SELECT c.id, c.parent_id, c.deleted_at, c.trash_root_id FROM documents c JOIN t ON c.parent_id = t.id) SELECT * FROM t`,
      [rootId],
    );
    const managed = actor
      ? new Set(
          rows.length
            ? (await this.store.manageable(actor, m, true).select('d.id', 'id').andWhere('d.id IN (:...__ids)', { __ids: rows.map((r) => r.id) }).getRawMany<{ id: string }>()).map((r) => r.id)
            : [],
        )
      : null;
    const children = new Map<string, typeof rows>();
    for (const r of rows) children.set(r.parent_id, [...(children.get(r.parent_id) ?? []), r]);
    const taken = [rootId];
    const rescued: { id: string; parentId: string; trashRootId: string | null; deletedAt: Date | null }[] = [];
    for (let i = 0; i < taken.length; i++) {
      for (const c of children.get(taken[i]) ?? []) {
        if ((!managed || managed.has(c.id)) && take({ deletedAt: c.deleted_at, trashRootId: c.trash_root_id })) taken.push(c.id);
        else rescued.push({ id: c.id, parentId: c.parent_id, trashRootId: c.trash_root_id, deletedAt: c.deleted_at });
      }
    }
    return { taken, rescued };
  }

  /**
   * Moves items out of a subtree that is trashed or purged to the top level (their owner's root), audited on
   * each. One deleted with that subtree becomes a trash root of its own (with what was deleted with it), so
   * it can still be restored.
   */
  private async rescue(m: EntityManager, actor: AuthUser | null, rescued: { id: string; parentId: string; trashRootId: string | null; deletedAt: Date | null }[], rootId: string): Promise<void> {
    for (const r of rescued) {
      await m.query(`UPDATE documents SET parent_id = NULL, version = version + 1, updated_at = now() WHERE id = $1`, [r.id]);
      if (r.deletedAt && r.trashRootId === rootId) {
        await m.query(
          `WITH RECURSIVE t AS (SELECT id FROM documents WHERE id = $1 UNION SELECT c.id FROM documents c JOIN t ON c.parent_id = t.id)
           UPDATE documents SET trash_root_id = $1 WHERE id IN (SELECT id FROM t) AND trash_root_id = $2`,
          [r.id, rootId],
        );
      }
      await this.audit.record(m, actor, 'update', 'document', r.id, [{ field: 'parentId', old: r.parentId, new: null }]);
    }
  }

  private async purgeRoot(m: EntityManager, actor: AuthUser | null, root: DocumentItem): Promise<{ count: number; files: Attachment[] }> {
    // only what was trashed with this root and the actor manages goes; anything else below moves out first
    const { taken: docIds, rescued } = await this.split(m, actor, root.id, (c) => !!c.deletedAt && c.trashRootId === root.id);
    await this.rescue(m, actor, rescued, root.id);
    const versions: { document_id: string; attachment_id: string }[] = await m.query(
      `SELECT DISTINCT document_id, attachment_id FROM document_versions WHERE document_id = ANY($1)`,
      [docIds],
    );
    await m.query(`UPDATE documents SET head_version_id = NULL WHERE id = ANY($1)`, [docIds]);
    await m.query(`DELETE FROM documents WHERE id = $1`, [root.id]); // versions, links and everything below go with it
    const files: Attachment[] = [];
    for (const v of versions) files.push(await this.attachments.remove('document', v.document_id, v.attachment_id, m));
    await this.audit.record(m, actor, 'purge', 'document', root.id, [
      { field: 'name', old: root.name, new: null },
      { field: 'purgedItems', old: null, new: docIds.length },
    ]);
    return { count: docIds.length, files };
  }

  /** After the commit: the stored files go now (the hourly sweep would find them too). */
  private async removeStored(files: Attachment[]): Promise<void> {
    for (const f of files) {
      if (f.storage === 'db') continue;
      await this.attachments.storage
        .driver(f.storage)
        ?.remove(f.storageKey ?? f.id)
        .catch((e: Error) => this.logger.warn(`stored file ${f.id} stays for the sweep: ${e.message}`));
    }
  }
}
