import { HttpStatus, Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ATTACHMENT_TYPES } from '@keyuan/shared';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { JobsService } from '../jobs/jobs.service';
import { DomainError, notFound } from '../http/domain-error';
import { Attachment } from './attachment.entity';
import type { AttachmentResponse } from './dto/attachment.dto';
import { detectFileType } from './file-signature';
import { FileErrorCode } from './files.errors';

export const FILES_SWEEP_JOB = 'files.sweep';

/** An uploaded file as the upload interceptor hands it over (bytes in memory, at most FILES_MAX_BYTES). */
export interface UploadedFileInput {
  originalname: string;
  buffer: Buffer;
  size: number;
}

/** An attachment's bytes and what a download answers with. */
export interface AttachmentBody {
  attachment: Attachment;
  body: Buffer;
}

/**
 * Files attached to records of any kind, written once for every module (contracts now; tickets and
 * documents later). The owning module decides who may reach the record (its data scope) and calls this
 * with the record's type and id; this service never answers for an attachment of another record (404), so
 * a reader of one record cannot fetch a file of another by guessing its id. Types are checked by their
 * first bytes (file-signature.ts, 415), sizes by the upload interceptor (413). Bytes live in PostgreSQL
 * (bytea) or, with FILES_DIR, one file per attachment under that folder.
 */
@Injectable()
export class AttachmentsService implements OnModuleInit {
  private readonly logger = new Logger('Attachments');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit(): void {
    // files whose row never committed (a rolled-back upload) or was deleted go within the hour
    this.jobs.register(FILES_SWEEP_JOB, async () => void (await this.sweepOrphans()), '17 * * * *');
  }

  async list(recordType: string, recordId: string, m: EntityManager = this.ds.manager): Promise<Attachment[]> {
    return m.getRepository(Attachment).find({ where: { recordType, recordId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  /** Number of attachments per record (for list badges), one query. */
  async counts(recordType: string, recordIds: string[], m: EntityManager = this.ds.manager): Promise<Map<string, number>> {
    if (!recordIds.length) return new Map();
    const rows: { record_id: string; n: number }[] = await m.query(
      `SELECT record_id, count(*)::int AS n FROM attachments WHERE record_type = $1 AND record_id = ANY($2) GROUP BY record_id`,
      [recordType, recordIds],
    );
    return new Map(rows.map((r) => [r.record_id, r.n]));
  }

  /** Stores the file (415 FILE_TYPE_NOT_ALLOWED unless its first bytes are an accepted type). */
  async add(actor: AuthUser | null, recordType: string, recordId: string, file: UploadedFileInput | undefined, m?: EntityManager): Promise<Attachment> {
    if (!file) {
      throw new DomainError(FileErrorCode.FILE_REQUIRED, HttpStatus.BAD_REQUEST, 'Send the file as the multipart part `file`', [{ field: 'file', message: 'file is required' }]);
    }
    const detected = detectFileType(file.buffer);
    if (!detected) {
      throw new DomainError(FileErrorCode.FILE_TYPE_NOT_ALLOWED, HttpStatus.UNSUPPORTED_MEDIA_TYPE, `Only ${ATTACHMENT_TYPES.join(', ')} files are accepted`, undefined, undefined, {
        params: { allowed: ATTACHMENT_TYPES.join(', ') },
      });
    }
    const id = randomUUID();
    const dir = this.config.filesDir;
    const row: Partial<Attachment> = {
      id,
      recordType,
      recordId,
      fileName: cleanFileName(file.originalname, detected.extension),
      fileType: detected.type,
      contentType: detected.contentType,
      sizeBytes: String(file.size),
      sha256: createHash('sha256').update(file.buffer).digest('hex'),
      storage: dir ? 'dir' : 'db',
      storageKey: dir ? id : null,
      content: dir ? null : file.buffer,
      uploadedById: actor?.id ?? null,
      createdAt: new Date(),
    };
    if (dir) {
      await mkdir(dir, { recursive: true });
      // write then rename: a reader never sees half a file
      await writeFile(join(dir, `${id}.part`), file.buffer);
      await rename(join(dir, `${id}.part`), join(dir, id));
    }
    try {
      await (m ?? this.ds.manager).getRepository(Attachment).insert(row);
    } catch (e) {
      if (dir) await unlink(join(dir, id)).catch(() => undefined);
      throw e;
    }
    const { content: _c, ...meta } = row;
    return meta as Attachment;
  }

  /** The attachment of this record with its bytes; 404 when it belongs to another record or is gone. */
  async read(recordType: string, recordId: string, attachmentId: string): Promise<AttachmentBody> {
    const attachment = await this.find(recordType, recordId, attachmentId, true);
    if (attachment.storage === 'db') return { attachment, body: attachment.content ?? Buffer.alloc(0) };
    if (!this.config.filesDir || !attachment.storageKey) throw notFound('attachment');
    const body = await readFile(join(this.config.filesDir, attachment.storageKey)).catch(() => {
      this.logger.error(`attachment ${attachment.id}: its file ${attachment.storageKey} is missing under FILES_DIR`);
      throw notFound('attachment');
    });
    return { attachment, body };
  }

  /**
   * Removes the attachment of this record (404 otherwise); answers what it removed. Under FILES_DIR the file
   * stays until the hourly sweep finds it without a row: removing it here could lose the bytes of a row
   * whose transaction then rolls back.
   */
  async remove(recordType: string, recordId: string, attachmentId: string, m: EntityManager = this.ds.manager): Promise<Attachment> {
    const attachment = await this.find(recordType, recordId, attachmentId, false, m);
    await m.getRepository(Attachment).delete({ id: attachment.id });
    return attachment;
  }

  /**
   * Deletes the files under FILES_DIR that no attachment row names (a removed attachment, or an upload whose
   * transaction rolled back) and are older than `graceMs` (an upload in flight has its file before its row).
   * Answers how many it deleted.
   */
  async sweepOrphans(graceMs = 60 * 60 * 1000, now = Date.now()): Promise<number> {
    const dir = this.config.filesDir;
    if (!dir) return 0;
    const names = await readdir(dir).catch(() => [] as string[]);
    const keys = names.map((n) => n.replace(/\.part$/, ''));
    if (!keys.length) return 0;
    const rows: { storage_key: string }[] = await this.ds.query(`SELECT storage_key FROM attachments WHERE storage = 'dir' AND storage_key = ANY($1)`, [keys]);
    const live = new Set(rows.map((r) => r.storage_key));
    let deleted = 0;
    for (const name of names) {
      if (live.has(name)) continue;
      const path = join(dir, name);
      const info = await stat(path).catch(() => null);
      if (!info?.isFile() || now - info.mtimeMs < graceMs) continue;
      await unlink(path).then(() => deleted++, () => undefined);
    }
    if (deleted) this.logger.log(`swept ${deleted} attachment file(s) without a row`);
    return deleted;
  }

  private async find(recordType: string, recordId: string, id: string, withContent: boolean, m: EntityManager = this.ds.manager): Promise<Attachment> {
    const qb = m.getRepository(Attachment).createQueryBuilder('f').where('f.id = :id AND f.record_type = :recordType AND f.record_id = :recordId', { id, recordType, recordId });
    if (withContent) qb.addSelect('f.content');
    const row = await qb.getOne();
    if (!row) throw notFound('attachment');
    return row;
  }
}

/** The client's file name without folders or control characters, at most 255 characters, with an extension. */
export function cleanFileName(name: string | undefined, extension: string): string {
  // multer decodes the multipart filename as latin1: bring UTF-8 names (Chinese) back
  let n = Buffer.from(name ?? '', 'latin1').toString('utf8');
  if (n.includes('\uFFFD')) n = name ?? '';
  n = [...n.replace(/^.*[\\/]/, '')].filter((ch) => ch.charCodeAt(0) >= 0x20 && ch !== '\u007f' && ch !== '"').join('').trim();
  if (!n || n === '.' || n === '..') n = `file.${extension}`;
  if (!/\.[A-Za-z0-9]{1,5}$/.test(n)) n = `${n}.${extension}`;
  return n.length > 255 ? n.slice(0, 255 - extension.length - 1) + '.' + extension : n;
}

/** A Content-Disposition for a download: an ASCII fallback `filename` and the UTF-8 name as `filename*` (RFC 6266 / 5987). */
export function contentDisposition(fileName: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** The API shape of an attachment (`names`: uploader names by id, from the users module via the caller). */
export function toAttachmentResponse(a: Attachment, names: Map<string, string> = new Map()): AttachmentResponse {
  return {
    id: a.id,
    fileName: a.fileName,
    fileType: a.fileType,
    contentType: a.contentType,
    sizeBytes: Number(a.sizeBytes),
    sha256: a.sha256,
    uploadedById: a.uploadedById,
    uploadedByName: a.uploadedById ? (names.get(a.uploadedById) ?? null) : null,
    createdAt: a.createdAt,
  };
}
