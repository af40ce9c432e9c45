import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { AttachmentBody, AttachmentsService, UploadedFileInput } from '@core/files/attachments.service';
import { badRequest, notFound } from '@core/http/domain-error';
import { UsersService } from '@modules/admin/users/users.service';
import { DocumentStore } from './document-store';
import { DocumentItem, DocumentVersion } from './document.entity';
import { DocumentErrorCode } from './documents.errors';
import { DocumentResponse, DocumentVersionListResponse } from './dto/document.dto';

/**
 * A file's versions. Every upload adds a version and makes it the head; old ones stay, listed and
 * downloadable. Restoring version n adds a NEW head version (n+1…) pointing at n's stored bytes (no copy),
 * so the history only grows and "undo the restore" is one more restore. Readers see versions of what they
 * may see (404 otherwise); only who may change the file adds or restores versions.
 */
@Injectable()
export class DocumentVersionsService {
  constructor(
    private readonly store: DocumentStore,
    private readonly attachments: AttachmentsService,
    private readonly audit: AuditService,
    private readonly users: UsersService,
  ) {}

  async list(reader: AuthUser, id: string): Promise<DocumentVersionListResponse> {
    const doc = await this.file(await this.store.findVisible(reader, id));
    const versions = await this.store.manager.getRepository(DocumentVersion).find({ where: { documentId: doc.id }, order: { number: 'DESC' } });
    const names = await this.users.namesByIds(versions.map((v) => v.createdById));
    const data = [];
    for (const v of versions) {
      const a = await this.attachments.get(v.attachmentId);
      if (!a) continue;
      data.push({
        id: v.id,
        number: v.number,
        isHead: v.id === doc.headVersionId,
        fileName: a.fileName,
        fileType: a.fileType,
        contentType: a.contentType,
        sizeBytes: Number(a.sizeBytes),
        sha256: a.sha256,
        restoredFrom: v.restoredFrom,
        note: v.note,
        createdById: v.createdById,
        createdByName: v.createdById ? (names.get(v.createdById) ?? null) : null,
        createdAt: v.createdAt,
      });
    }
    return { data };
  }

  /** The head version's bytes, or a given version's. */
  async read(reader: AuthUser, id: string, versionId?: string): Promise<AttachmentBody> {
    const doc = await this.file(await this.store.findVisible(reader, id));
    const version = await this.store.manager.getRepository(DocumentVersion).findOne({ where: { id: versionId ?? doc.headVersionId ?? undefined, documentId: doc.id } });
    if (!version) throw notFound('document_version');
    return this.attachments.read('document', doc.id, version.attachmentId);
  }

  async add(actor: AuthUser, id: string, file: UploadedFileInput | undefined, note: string | undefined, ifMatch?: number): Promise<DocumentResponse> {
    return this.store.transaction(async (m) => {
      const doc = await this.file(await this.store.findManageable(actor, id, m, ifMatch));
      const att = await this.attachments.add(actor, 'document', doc.id, file, m);
      const number = doc.versionCount + 1;
      return this.makeHead(m, actor, doc, { number, attachmentId: att.id, note: note?.trim() || null, restoredFrom: null }, 'version', att);
    });
  }

  async restore(actor: AuthUser, id: string, versionId: string, ifMatch?: number): Promise<DocumentResponse> {
    return this.store.transaction(async (m) => {
      const doc = await this.file(await this.store.findManageable(actor, id, m, ifMatch));
      const old = await m.getRepository(DocumentVersion).findOne({ where: { id: versionId, documentId: doc.id } });
      if (!old) throw notFound('document_version');
      const att = await this.attachments.get(old.attachmentId, m);
      if (!att) throw notFound('document_version');
      return this.makeHead(m, actor, doc, { number: doc.versionCount + 1, attachmentId: old.attachmentId, note: null, restoredFrom: old.number }, 'restoreVersion', att);
    });
  }

  private async makeHead(
    m: EntityManager,
    actor: AuthUser,
    doc: DocumentItem,
    v: { number: number; attachmentId: string; note: string | null; restoredFrom: number | null },
    action: string,
    att: { sizeBytes: string; fileType: string; contentType: string },
  ): Promise<DocumentResponse> {
    const repo = m.getRepository(DocumentVersion);
    const version = await repo.save(repo.create({ documentId: doc.id, ...v, createdById: actor.id }));
    await m.getRepository(DocumentItem).update(doc.id, {
      headVersionId: version.id,
      versionCount: v.number,
      sizeBytes: att.sizeBytes,
      fileType: att.fileType,
      contentType: att.contentType,
      version: doc.version + 1,
    });
    await this.audit.record(m, actor, action, 'document', doc.id, [
      { field: 'versionCount', old: doc.versionCount, new: v.number },
      ...(v.restoredFrom ? [{ field: 'restoredFrom', old: null, new: v.restoredFrom }] : []),
    ]);
    return this.store.toResponse(actor, await m.getRepository(DocumentItem).findOneByOrFail({ id: doc.id }), m);
  }

  private file(doc: DocumentItem): DocumentItem {
    if (doc.kind !== 'file') throw badRequest(DocumentErrorCode.DOCUMENT_NOT_A_FILE, 'id', 'Folders have no versions');
    return doc;
  }
}
