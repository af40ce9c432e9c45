import { HttpStatus, Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { ATTACHMENT_TYPES } from '@keyuan/shared';
import { DataSource, EntityManager, In } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { JobsService } from '../jobs/jobs.service';
import { DomainError, notFound } from '../http/domain-error';
import { Attachment } from './attachment.entity';
import type { AttachmentResponse } from './dto/attachment.dto';
import { detectFileType } from './file-signature';
import { FileErrorCode } from './files.errors';
import { StoredObjectMissing } from './storage/file-storage';
import { FileStorageService } from './storage/file-storage.service';

export const FILES_SWEEP_JOB = 'files.sweep';

/**
 * An uploaded file: on disk at `path` (the upload interceptor streams the multipart part to a temp file and
 * deletes it after the request) or, for files the server makes itself, in `buffer`.
 */
export interface UploadedFileInput {
  originalname: string;
  size: number;
  path?: string;
  buffer?: Buffer;
}

/** An attachment and a stream of its bytes (what a download answers with). */
export interface AttachmentBody {
  attachment: Attachment;
  body: Readable;
  length: number;
}

/** Bytes read from each end of an upload to recognise its type (a ZIP names its entries at both ends). */
const SNIFF_BYTES = 64 * 1024;

async function sniff(file: UploadedFileInput): Promise<Buffer> {
  if (file.buffer) return file.buffer;
  const fh = await open(file.path!, 'r');
  try {
    const head = Buffer.alloc(Math.min(SNIFF_BYTES, file.size));
    await fh.read(head, 0, head.length, 0);
    if (file.size <= SNIFF_BYTES * 2) {
      const all = Buffer.alloc(file.size);
      await fh.read(all, 0, file.size, 0);
      return all;
    }
    const tail = Buffer.alloc(SNIFF_BYTES);
    await fh.read(tail, 0, SNIFF_BYTES, file.size - SNIFF_BYTES);
    return Buffer.concat([head, tail]);
  } finally {
    await fh.close();
  }
}

async function sha256Of(file: UploadedFileInput): Promise<string> {
  const h = createHash('sha256');
  if (file.buffer) return h.update(file.buffer).digest('hex');
  for await (const chunk of createReadStream(file.path!)) h.update(chunk as Buffer);
  return h.digest('hex');
}

const bodyOf = (file: UploadedFileInput): Readable => (file.buffer ? Readable.from([file.buffer]) : createReadStream(file.path!));

/**
 * Files attached to records of any kind, written once for every module (contracts, documents, notices,
 * the company logo). The owning module decides who may reach the record (its data scope) and calls this
 * with the record's type and id; this service never answers for an attachment of another record (404), so
 * a reader of one record cannot fetch a file of another by guessing its id. Types are checked by their
 * first bytes (file-signature.ts, 415), sizes by the upload interceptor (413). Bytes live in the storage
 * (storage/: a local folder or S3-compatible object storage), one object per attachment named by its id;
 * rows from before the storage (`db`) keep their bytes in PostgreSQL.
 */
@Injectable()
export class AttachmentsService implements OnModuleInit {
  private readonly logger = new Logger('Attachments');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobsService,
    readonly storage: FileStorageService,
  ) {}

  onModuleInit(): void {
    // files whose row never committed (a rolled-back upload) or was deleted go within the hour
    this.jobs.register(FILES_SWEEP_JOB, async () => void (await this.sweepOrphans()), '17 * * * *');
  }

  async list(recordType: string, recordId: string, m: EntityManager = this.ds.manager): Promise<Attachment[]> {
    return m.getRepository(Attachment).find({ where: { recordType, recordId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  /** The attachments of several records of one type (newest first), one query. */
  async listMany(recordType: string, recordIds: string[], m: EntityManager = this.ds.manager): Promise<Attachment[]> {
    if (!recordIds.length) return [];
    return m.getRepository(Attachment).find({ where: { recordType, recordId: In(recordIds) }, order: { createdAt: 'DESC', id: 'DESC' } });
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

  /**
   * Stores the file (415 FILE_TYPE_NOT_ALLOWED unless its first bytes are an accepted type; `types` narrows
   * the accepted ones, e.g. images for a logo). The bytes stream into the storage before the row is written:
   * when the row's transaction rolls back, the object is left for the sweep.
   */
  async add(actor: AuthUser | null, recordType: string, recordId: string, file: UploadedFileInput | undefined, m?: EntityManager, types: readonly string[] = ATTACHMENT_TYPES): Promise<Attachment> {
    if (!file || (!file.path && !file.buffer)) {
      throw new DomainError(FileErrorCode.FILE_REQUIRED, HttpStatus.BAD_REQUEST, 'Send the file as the multipart part `file`', [{ field: 'file', message: 'file is required' }]);
    }
    const detected = detectFileType(await sniff(file));
    if (!detected || !types.includes(detected.type)) {
      throw new DomainError(FileErrorCode.FILE_TYPE_NOT_ALLOWED, HttpStatus.UNSUPPORTED_MEDIA_TYPE, `Only ${types.join(', ')} files are accepted`, undefined, undefined, {
        params: { allowed: types.join(', ') },
      });
    }
    const id = randomUUID();
    const store = this.storage.current;
    const row: Partial<Attachment> = {
      id,
      recordType,
      recordId,
      fileName: cleanFileName(file.originalname, detected.extension),
      fileType: detected.type,
      contentType: detected.contentType,
      sizeBytes: String(file.size),
      sha256: await sha256Of(file),
      storage: store.kind,
      storageKey: id,
      content: null,
      uploadedById: actor?.id ?? null,
      createdAt: new Date(),
    };
    await store.put(id, bodyOf(file), file.size, detected.contentType);
    try {
      await (m ?? this.ds.manager).getRepository(Attachment).insert(row);
    } catch (e) {
      await store.remove(id).catch(() => undefined);
      throw e;
    }
    const { content: _c, ...meta } = row;
    return meta as Attachment;
  }

  /** The attachment of this record with a stream of its bytes; 404 when it belongs to another record or is gone. */
  async read(recordType: string, recordId: string, attachmentId: string, m: EntityManager = this.ds.manager): Promise<AttachmentBody> {
    const attachment = await this.find(recordType, recordId, attachmentId, false, m);
    return { attachment, body: await this.open(attachment), length: Number(attachment.sizeBytes) };
  }

  /** A stream of an attachment row's bytes, wherever they are. */
  async open(attachment: Attachment): Promise<Readable> {
    if (attachment.storage === 'db') {
      const content = attachment.content ?? (await this.ds.query(`SELECT content FROM attachments WHERE id = $1`, [attachment.id]))[0]?.content;
      return Readable.from([content ?? Buffer.alloc(0)]);
    }
    try {
      return await this.storage.open(attachment.storage, attachment.storageKey ?? attachment.id);
    } catch (e) {
      this.logger.error(`attachment ${attachment.id}: ${e instanceof StoredObjectMissing ? 'its stored object is missing' : (e as Error).message}`);
      throw notFound('attachment');
    }
  }

  /** One attachment by id alone, for a module that keeps its own reference to it (a logo, a document version); null when gone. */
  async get(id: string, m: EntityManager = this.ds.manager): Promise<Attachment | null> {
    return m.getRepository(Attachment).findOne({ where: { id } });
  }

  /**
   * Attachments of one kind of record uploaded before `before` and after the cursor `after` (oldest first, at
   * most `limit`), for clean-up jobs.
   */
  async uploadedBefore(recordType: string, before: Date, after: Date | null = null, limit = 1000, m: EntityManager = this.ds.manager): Promise<Attachment[]> {
    const qb = m.getRepository(Attachment).createQueryBuilder('f').where('f.record_type = :recordType AND f.created_at < :before', { recordType, before });
    if (after) qb.andWhere('f.created_at > :after', { after });
    return qb.orderBy('f.created_at').limit(limit).getMany();
  }

  /**
   * Removes the attachment of this record (404 otherwise); answers what it removed. The stored object stays
   * until the hourly sweep finds it without a row: removing it here could lose the bytes of a row whose
   * transaction then rolls back.
   */
  async remove(recordType: string, recordId: string, attachmentId: string, m: EntityManager = this.ds.manager): Promise<Attachment> {
    const attachment = await this.find(recordType, recordId, attachmentId, false, m);
    await m.getRepository(Attachment).delete({ id: attachment.id });
    return attachment;
  }

  /**
   * Deletes the stored objects of the current storage that no attachment row names (a removed attachment,
   * or an upload whose transaction rolled back) and are older than `graceMs` (an upload in flight has its
   * object before its row). Answers how many it deleted.
   */
  async sweepOrphans(graceMs = 60 * 60 * 1000, now = Date.now()): Promise<number> {
    const store = this.storage.current;
    const objects = [];
    for await (const o of store.list()) objects.push(o);
    if (!objects.length) return 0;
    const keys = objects.map((o) => o.key.replace(/\.part$/, ''));
    const rows: { storage_key: string }[] = await this.ds.query(`SELECT storage_key FROM attachments WHERE storage = $1 AND storage_key = ANY($2)`, [store.kind, keys]);
    const live = new Set(rows.map((r) => r.storage_key));
    let deleted = 0;
    for (const o of objects) {
      if (live.has(o.key) || now - o.modifiedAt.getTime() < graceMs) continue;
      await store.remove(o.key).then(() => deleted++, () => undefined);
    }
    if (deleted) this.logger.log(`swept ${deleted} stored file(s) without a row`);
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
