import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService, FieldChange } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { AttachmentsService, UploadedFileInput } from '@core/files/attachments.service';
import { badRequest, conflict } from '@core/http/domain-error';
import { ListSpec, paginate } from '@core/http/keyset';
import { DepartmentsService } from '@modules/admin/departments/departments.service';
import { RolesService } from '@modules/admin/roles/roles.service';
import { UsersService } from '@modules/admin/users/users.service';
import { visibleCondition } from './document-access';
import { cleanTags, searchColumns } from './document-search';
import { DocumentStore } from './document-store';
import { DocumentItem, DocumentVersion } from './document.entity';
import { DocumentErrorCode } from './documents.errors';
import {
  CreateFolderDto,
  DocumentDetailResponse,
  DocumentPage,
  DocumentResponse,
  QueryDocumentsDto,
  ShareDocumentDto,
  ShareTargetsResponse,
  UpdateDocumentDto,
} from './dto/document.dto';
import { DocumentLinksService } from './document-links.service';

/** An item's name as stored: trimmed; 400 `DOCUMENT_NAME_INVALID` on `name` with a slash or a control character. */
function cleanName(name: string): string {
  if (!name.trim() || /[/\\]|\p{Cc}/u.test(name)) throw badRequest(DocumentErrorCode.DOCUMENT_NAME_INVALID, 'name', 'A name cannot be empty or contain slashes or control characters');
  return name.trim();
}

export const DOCUMENT_LIST_SPEC: ListSpec = {
  sortable: {
    kind: { column: 'd.kind', value: (r: DocumentItem) => r.kind },
    name: { column: 'd.name', value: (r: DocumentItem) => r.name },
    updatedAt: { column: 'd.updated_at', value: (r: DocumentItem) => r.updatedAt },
    createdAt: { column: 'd.created_at', value: (r: DocumentItem) => r.createdAt },
  },
  // folders ('folder' > 'file') first, then by name
  defaultSort: '-kind,name',
  search: ['d.search_text'],
  bigramColumn: 'd.search_bigrams',
  filters: { kind: 'd.kind' },
  idColumn: 'd.id',
};

/**
 * The network drive's folders and files: list (a folder's content, or a search over everything the reader
 * may see), get with its breadcrumb and links, create folders, upload files, rename / move / tag, share, and
 * delete into the trash. Versions, links and the trash have their own services.
 */
@Injectable()
export class DocumentsService implements OnModuleInit {
  constructor(
    private readonly store: DocumentStore,
    private readonly attachments: AttachmentsService,
    private readonly audit: AuditService,
    private readonly users: UsersService,
    private readonly departments: DepartmentsService,
    private readonly roles: RolesService,
    private readonly links: DocumentLinksService,
  ) {}

  onModuleInit(): void {
    this.audit.registerKind({ entityType: 'document', module: 'documents', alias: 'd', scope: { owner: 'd.owner_id', department: 'd.department_id' }, table: () => 'documents' });
  }

  async list(reader: AuthUser, query: QueryDocumentsDto): Promise<DocumentPage> {
    const qb = this.store.visible(reader);
    const searching = !!query.q?.trim() || !!query.tag;
    if (query.tag) qb.andWhere('d.tags @> ARRAY[CAST(:__tag AS varchar)]', { __tag: query.tag });
    if (query.mine) qb.andWhere('d.owner_id = :__me', { __me: reader.id });
    if (!searching) {
      if (query.parentId) {
        await this.store.findVisible(reader, query.parentId);
        qb.andWhere('d.parent_id = :__parent', { __parent: query.parentId });
      } else if (!query.mine) {
        // the top level: my roots, and shared items whose folder I cannot see (else they would be unreachable)
        const pv = visibleCondition(reader, 'p');
        qb.andWhere(`(d.parent_id IS NULL OR NOT EXISTS (SELECT 1 FROM documents p WHERE p.id = d.parent_id AND p.deleted_at IS NULL AND ${pv.sql}))`, pv.params);
      }
    }
    const page = await paginate(qb, query, DOCUMENT_LIST_SPEC);
    return { ...page, data: await this.store.toResponses(reader, page.data) };
  }

  async get(reader: AuthUser, id: string): Promise<DocumentDetailResponse> {
    const row = await this.store.findVisible(reader, id);
    return {
      ...(await this.store.toResponse(reader, row)),
      path: await this.store.path(reader, row),
      links: await this.links.visibleLinksOf(reader, row.id),
    };
  }

  async createFolder(actor: AuthUser, dto: CreateFolderDto): Promise<DocumentResponse> {
    return this.store.transaction(async (m) => {
      const parent = await this.parentFolder(actor, dto.parentId ?? null, m);
      const row = await this.insert(m, actor, { kind: 'folder', name: cleanName(dto.name), parent, tags: cleanTags(dto.tags) });
      await this.audit.record(m, actor, 'create', 'document', row.id, [
        { field: 'name', old: null, new: row.name },
        { field: 'kind', old: null, new: 'folder' },
      ]);
      return this.store.toResponse(actor, row, m);
    });
  }

  /** A new file: its first version is the upload (415 / 413 from the core file checks). */
  async upload(actor: AuthUser, file: UploadedFileInput | undefined, parentId: string | undefined, tags: string | undefined): Promise<DocumentResponse> {
    return this.store.transaction(async (m) => {
      const parent = await this.parentFolder(actor, parentId ?? null, m);
      const row = await this.insert(m, actor, { kind: 'file', name: 'file', parent, tags: cleanTags(tags?.split(/[,，]/)) });
      const att = await this.attachments.add(actor, 'document', row.id, file, m);
      const version = await m.getRepository(DocumentVersion).save(m.getRepository(DocumentVersion).create({ documentId: row.id, number: 1, attachmentId: att.id, createdById: actor.id }));
      Object.assign(row, {
        name: att.fileName,
        headVersionId: version.id,
        versionCount: 1,
        sizeBytes: att.sizeBytes,
        fileType: att.fileType,
        contentType: att.contentType,
        ...searchColumns(att.fileName, row.tags),
      });
      await m.getRepository(DocumentItem).update(row.id, {
        name: row.name,
        headVersionId: version.id,
        versionCount: 1,
        sizeBytes: att.sizeBytes,
        fileType: att.fileType,
        contentType: att.contentType,
        ...searchColumns(att.fileName, row.tags),
      });
      await this.audit.record(m, actor, 'create', 'document', row.id, [
        { field: 'name', old: null, new: row.name },
        { field: 'kind', old: null, new: 'file' },
        { field: 'versionCount', old: null, new: 1 },
      ]);
      return this.store.toResponse(actor, await m.getRepository(DocumentItem).findOneByOrFail({ id: row.id }), m);
    });
  }

  async update(actor: AuthUser, id: string, dto: UpdateDocumentDto, ifMatch?: number): Promise<DocumentResponse> {
    return this.store.transaction(async (m) => {
      const row = await this.store.findManageable(actor, id, m, ifMatch ?? dto.version);
      const changes: FieldChange[] = [];
      const patch: Partial<DocumentItem> = {};
      const name = dto.name === undefined ? undefined : cleanName(dto.name);
      if (name !== undefined && name !== row.name) {
        changes.push({ field: 'name', old: row.name, new: name });
        patch.name = name;
      }
      if (dto.tags !== undefined) {
        const tags = cleanTags(dto.tags);
        if (tags.join('\n') !== row.tags.join('\n')) {
          changes.push({ field: 'tags', old: row.tags, new: tags });
          patch.tags = tags;
        }
      }
      if (dto.parentId !== undefined && dto.parentId !== row.parentId) {
        const parent = await this.parentFolder(actor, dto.parentId, m);
        if (parent && row.kind === 'folder') {
          // one folder move at a time: with B holding C, moving A into C while B moves into A passes both
          // checks (neither sees the other's uncommitted move) and makes A → C → B → A
          await m.query(`SELECT pg_advisory_xact_lock(hashtext('documents.tree-move'))`);
          await this.assertNotBelow(m, row.id, parent.id);
        }
        changes.push({ field: 'parentId', old: row.parentId, new: dto.parentId });
        patch.parentId = dto.parentId;
      }
      if (!changes.length) return this.store.toResponse(actor, row, m);
      Object.assign(patch, searchColumns(patch.name ?? row.name, patch.tags ?? row.tags), { version: row.version + 1 });
      await m.getRepository(DocumentItem).update(row.id, patch);
      await this.audit.record(m, actor, 'update', 'document', row.id, changes);
      return this.store.toResponse(actor, await m.getRepository(DocumentItem).findOneByOrFail({ id: row.id }), m);
    });
  }

  /** Who sees it: 400 naming the field when users, departments or roles name none. */
  async share(actor: AuthUser, id: string, dto: ShareDocumentDto, ifMatch?: number): Promise<DocumentResponse> {
    const userIds = dto.scope === 'users' ? [...new Set(dto.userIds ?? [])] : [];
    const departmentIds = dto.scope === 'departments' ? [...new Set(dto.departmentIds ?? [])] : [];
    const roleKeys = dto.scope === 'roles' ? [...new Set(dto.roleKeys ?? [])] : [];
    if (dto.scope === 'users' && !userIds.length) throw badRequest(DocumentErrorCode.DOCUMENT_SHARE_EMPTY, 'userIds', 'Name at least one user');
    if (dto.scope === 'departments' && !departmentIds.length) throw badRequest(DocumentErrorCode.DOCUMENT_SHARE_EMPTY, 'departmentIds', 'Name at least one department');
    if (dto.scope === 'roles' && !roleKeys.length) throw badRequest(DocumentErrorCode.DOCUMENT_SHARE_EMPTY, 'roleKeys', 'Name at least one role');
    return this.store.transaction(async (m) => {
      const row = await this.store.findManageable(actor, id, m, ifMatch ?? dto.version);
      if (userIds.length) {
        const active = new Set(await this.users.activeIds(userIds, m));
        const unknown = userIds.find((u) => !active.has(u));
        if (unknown) throw badRequest('VALIDATION_FAILED', 'userIds', `${unknown} is not an active user`);
      }
      if (departmentIds.length) {
        const names = await this.departments.namesByIds(departmentIds, m);
        const unknown = departmentIds.find((d) => !names.has(d));
        if (unknown) throw badRequest('VALIDATION_FAILED', 'departmentIds', `${unknown} is not a department`);
      }
      const share = { shareScope: dto.scope, shareUserIds: userIds, shareDepartmentIds: departmentIds, shareRoleKeys: roleKeys };
      const changes: FieldChange[] = [
        { field: 'shareScope', old: row.shareScope, new: dto.scope },
        { field: 'shareUserIds', old: row.shareUserIds, new: userIds },
        { field: 'shareDepartmentIds', old: row.shareDepartmentIds, new: departmentIds },
        { field: 'shareRoleKeys', old: row.shareRoleKeys, new: roleKeys },
      ].filter((c) => JSON.stringify(c.old) !== JSON.stringify(c.new));
      await m.getRepository(DocumentItem).update(row.id, { ...share, version: row.version + 1 });
      if (changes.length) await this.audit.record(m, actor, 'share', 'document', row.id, changes);
      if (dto.applyToChildren && row.kind === 'folder') {
        // only what the actor may change below it; every item keeps its own audit entry
        const below = await this.descendantIds(m, row.id);
        const mine = [...(await this.store.manageableIds(actor, below, m))];
        if (mine.length) {
          await m.getRepository(DocumentItem).createQueryBuilder().update().set({ ...share, version: () => 'version + 1' }).whereInIds(mine).execute();
          await this.audit.recordMany(m, actor, 'share', 'document', mine.map((x) => ({ entityId: x, changes })));
        }
      }
      return this.store.toResponse(actor, await m.getRepository(DocumentItem).findOneByOrFail({ id: row.id }), m);
    });
  }

  /** Departments (with their paths) and roles (built-in and custom, by key) to share with (any reader of documents; users come from /users/directory). */
  async shareTargets(): Promise<ShareTargetsResponse> {
    return { departments: await this.departments.pathNames(), roles: await this.roles.options() };
  }

  /** Every item below a folder (any depth, live or not). */
  async descendantIds(m: EntityManager, id: string): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `WITH RECURSIVE t AS (SELECT id FROM documents WHERE parent_id = $1 UNION SELECT c.id FROM documents c JOIN t ON c.parent_id = t.id) SELECT id FROM t`,
      [id],
    );
    return rows.map((r) => r.id);
  }

  private async assertNotBelow(m: EntityManager, folderId: string, targetId: string): Promise<void> {
    if (folderId === targetId || (await this.descendantIds(m, folderId)).includes(targetId)) {
      throw conflict(DocumentErrorCode.DOCUMENT_MOVE_CYCLE, 'A folder cannot move into itself or below itself', [{ field: 'parentId', message: 'below the folder itself' }]);
    }
  }

  /** The folder to put an item in: a live folder the actor may see (400 on `parentId` otherwise); null: the top level. */
  private async parentFolder(actor: AuthUser, parentId: string | null, m: EntityManager): Promise<DocumentItem | null> {
    if (!parentId) return null;
    const parent = await this.store.visible(actor, m).andWhere('d.id = :__id', { __id: parentId }).getOne();
    if (!parent || parent.kind !== 'folder') throw badRequest(DocumentErrorCode.DOCUMENT_PARENT_INVALID, 'parentId', 'The parent is not a folder you can see');
    return parent;
  }

  /** A new item owned by the actor; it starts with its folder's sharing (private at the top level). */
  private async insert(m: EntityManager, actor: AuthUser, v: { kind: 'folder' | 'file'; name: string; parent: DocumentItem | null; tags: string[] }): Promise<DocumentItem> {
    const repo = m.getRepository(DocumentItem);
    const row = repo.create({
      kind: v.kind,
      name: v.name,
      parentId: v.parent?.id ?? null,
      tags: v.tags,
      ownerId: actor.id,
      departmentId: actor.departmentId,
      shareScope: v.parent?.shareScope ?? 'private',
      shareUserIds: v.parent?.shareUserIds ?? [],
      shareDepartmentIds: v.parent?.shareDepartmentIds ?? [],
      shareRoleKeys: v.parent?.shareRoleKeys ?? [],
      ...searchColumns(v.name, v.tags),
    });
    return repo.save(row);
  }
}
