import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { can, upsertKeyFields } from '@keyuan/shared';
import type { Response } from 'express';
import { rm } from 'node:fs/promises';
import { stringify } from 'csv-stringify/sync';
import { DataSource } from 'typeorm';
import { AuditService } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { RecordStore } from '@core/crud/record-store';
import { badRequest, conflict, DomainError, forbidden } from '@core/http/domain-error';
import { CSV_OPTIONS } from '@core/http/csv-export';
import { ListSpec, Page } from '@core/http/keyset';
import { canViewSensitive, maskCell } from '@core/util/mask';
import { JobsService } from '@core/jobs/jobs.service';
import { Import, ImportEntity } from './import.entity';
import { ImportFileStore } from './import-file.store';
import { IMPORT_JOB, ImportMode } from './import-runner.service';
import { ImportTargets } from './import-targets';
import { ImportErrorCode } from './imports.errors';
import { describeProblems, RowProblem } from './row-problems';
import { currentLocale } from '@core/context/request-context';
import { lookup } from '@core/i18n/translate';
import { suggestMapping } from './mapping';
import { buildPreview, PREVIEW } from './import-preview';
import { detectEncoding, detectFormat, FileReadError, type FileRow, READ_LIMITS, readRows } from './row-reader';
import { ImportResponse, ImportSummary, QueryImportsDto, StartImportDto } from './dto/import.dto';

const LIST_SPEC: ListSpec = {
  idColumn: 'i.id',
  defaultSort: '-createdAt',
  sortable: { createdAt: { column: 'i.created_at', value: (i: Import) => i.createdAt } },
  search: ['i.file_name'],
  filters: { entityType: 'i.entity_type', status: 'i.status' },
};

/** What a list row does not read: the file's contents. */
const PREVIEW_COLUMNS = ['headers', 'sampleRows', 'previewIssues', 'mapping'];
const BUSY = ['validating', 'queued', 'running', 'reverting'];
/** Statuses a run or dry run may start from. */
const STARTABLE = ['uploaded', 'validated', 'failed'];

/** Uploads, mapping, dry runs, runs, error reports and reverts of CSV/XLSX imports. */
@Injectable()
export class ImportsService {
  private readonly store: RecordStore<Import>;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    audit: AuditService,
    private readonly files: ImportFileStore,
    private readonly targets: ImportTargets,
    private readonly jobs: JobsService,
  ) {
    this.store = new RecordStore(ds, audit, Import, {
      entityType: 'import',
      module: 'imports',
      alias: 'i',
      scope: { owner: 'i.owner_id', department: 'i.department_id' },
    });
  }

  /**
   * Whether `actor` sees the file's cells as they are: the uploader does, and so does whoever may see
   * phones and emails; others get cells of phone/email columns (or that look like one) masked.
   */
  private cellMasker(actor: AuthUser, i: Import): ((value: string, column: string | undefined) => string) | null {
    if (canViewSensitive(actor) || (i.ownerId && i.ownerId === actor.id)) return null;
    return (value, column) => maskCell(value, column === undefined ? undefined : i.mapping[column]);
  }

  /** A list row: counts and progress, none of the file's contents. */
  toSummary(i: Import): ImportSummary {
    const done = i.status === 'completed' || i.status === 'validated' || i.status === 'reverted';
    return {
      id: i.id,
      entityType: i.entityType,
      status: i.status,
      fileName: i.fileName,
      fileFormat: i.fileFormat,
      encoding: i.encoding,
      fileSize: Number(i.fileSize),
      duplicatePolicy: i.duplicatePolicy,
      upsertKey: i.upsertKey,
      dryRun: i.dryRun,
      totalRows: i.totalRows,
      processedRows: i.processedRows,
      createdCount: i.createdCount,
      updatedCount: i.updatedCount,
      skippedCount: i.skippedCount,
      errorCount: i.errorCount,
      revertSkippedCount: i.revertSkippedCount,
      progress: done ? 100 : i.totalRows ? Math.min(99, Math.floor((i.processedRows / i.totalRows) * 100)) : 0,
      failure: i.failure,
      startedAt: i.startedAt,
      finishedAt: i.finishedAt,
      ownerId: i.ownerId,
      version: i.version,
      createdAt: i.createdAt,
      updatedAt: i.updatedAt,
    };
  }

  /**
   * The import with its preview. Header names are masked like cells: in a file without a header row
   * they are the first customer's phone and email.
   */
  async toResponse(i: Import, actor: AuthUser): Promise<ImportResponse> {
    const mask = this.cellMasker(actor, i);
    const name = (header: string) => (mask ? mask(header, undefined) : header);
    return {
      ...this.toSummary(i),
      headers: i.headers.map(name),
      sampleRows: mask ? i.sampleRows.map((row) => row.map((v, c) => mask(v, i.headers[c]))) : i.sampleRows,
      previewIssues: i.previewIssues.map((p) => ({ ...p, column: p.column === null ? null : name(p.column) })),
      mapping: Object.fromEntries(Object.entries(i.mapping).map(([header, field]) => [name(header), field])),
      fields: (await this.targets.liveFields(i.entityType)).map((f) => ({ key: f.key, zh: f.zh, en: f.en })),
    };
  }

  private async assertTargetPermission(actor: AuthUser, entity: ImportEntity): Promise<void> {
    const module = (await this.targets.get(entity)).module;
    if (!can(actor.grants, module, 'create')) {
      throw forbidden(`${module}:create`, `You need the ${module}:create permission to import ${entity}s`);
    }
  }

  /**
   * Stores the uploaded file, detects its format and encoding, reads the header and a few rows and
   * suggests a mapping from the headers (Chinese or English). Nothing is imported yet.
   */
  async upload(actor: AuthUser, file: { path: string; originalname: string; size: number } | undefined, entityType: ImportEntity, encoding?: string): Promise<ImportResponse> {
    if (!file) throw badRequest(ImportErrorCode.IMPORT_FILE_MISSING, 'file', 'Attach the file as multipart field "file"');
    try {
      await this.assertTargetPermission(actor, entityType);
      const fileName = Buffer.from(file.originalname, 'latin1').toString('utf8');
      const imp = await this.ds.transaction(async (m) => {
        const created = await this.store.create(
          actor,
          {
            entityType,
            fileName: fileName.slice(0, 255),
            fileFormat: 'csv',
            encoding: 'utf8',
            fileSize: String(file.size),
            ownerId: actor.id,
            departmentId: actor.departmentId,
          },
          m,
        );
        await this.files.save(m, created.id, file.path);
        return created;
      });
      const head = await this.files.head(imp.id);
      imp.fileFormat = detectFormat(head, fileName);
      // an XLSX carries its own (UTF-8) text; the encoding matters only for CSV
      imp.encoding = imp.fileFormat === 'xlsx' ? 'utf8' : encoding === 'utf8' || encoding === 'gbk' ? encoding : detectEncoding(head);
      const read: FileRow[] = [];
      try {
        for await (const row of readRows(this.files.open(imp.id), imp.fileFormat, imp.encoding)) {
          read.push(row);
          if (read.length === PREVIEW.rows + 1) break;
        }
        if (!read.length) throw badRequest(ImportErrorCode.IMPORT_FILE_EMPTY, 'file', 'The file has no rows');
        if (read[0].issue?.code === 'IMPORT_TOO_MANY_COLUMNS') {
          throw badRequest(ImportErrorCode.IMPORT_TOO_MANY_COLUMNS, 'file', `The header row has more than ${READ_LIMITS.columns} columns`, {
            params: { max: READ_LIMITS.columns },
          });
        }
      } catch (e) {
        // an unusable file leaves nothing behind (its chunks go with the import)
        await this.ds.query(`DELETE FROM imports WHERE id = $1`, [imp.id]);
        if (e instanceof FileReadError) throw badRequest(ImportErrorCode.IMPORT_FILE_UNREADABLE, 'file', e.message);
        throw e;
      }
      Object.assign(imp, buildPreview(read));
      await this.targets.refresh(entityType);
      const target = await this.targets.get(entityType);
      imp.mapping = suggestMapping(imp.headers, target.fields);
      const mapped = new Set(Object.values(imp.mapping));
      imp.upsertKey = target.keys.find((k) => upsertKeyFields(k).some((f) => mapped.has(f))) ?? target.defaultKey;
      await this.ds.getRepository(Import).save(imp);
      return this.toResponse(imp, actor);
    } finally {
      await rm(file.path, { force: true });
    }
  }

  /** A page of summaries; the previews are not even read from the table. */
  async list(actor: AuthUser, query: QueryImportsDto): Promise<Page<ImportSummary>> {
    const columns = this.ds
      .getMetadata(Import)
      .columns.filter((c) => !PREVIEW_COLUMNS.includes(c.propertyName))
      .map((c) => `i.${c.propertyName}`);
    const page = await this.store.list(actor, query, LIST_SPEC, this.store.query(actor).select(columns));
    return { ...page, data: page.data.map((i) => this.toSummary(i)) };
  }

  async get(actor: AuthUser, id: string): Promise<ImportResponse> {
    return this.toResponse(await this.store.get(actor, id), actor);
  }

  /** Checks the mapping and queues a dry run or the real run (a background job). */
  async start(actor: AuthUser, id: string, dto: StartImportDto): Promise<ImportResponse> {
    const imp = await this.store.get(actor, id);
    await this.assertTargetPermission(actor, imp.entityType);
    if (BUSY.includes(imp.status)) throw conflict(ImportErrorCode.IMPORT_BUSY, `The import is ${imp.status}; wait for it to finish`);
    if (imp.status === 'completed' || imp.status === 'reverted') throw conflict(ImportErrorCode.IMPORT_BUSY, `The import was already ${imp.status}`);
    await this.targets.refresh(imp.entityType);
    const target = await this.targets.get(imp.entityType);
    const fieldKeys = new Set(target.fields.map((f) => f.key));
    if (dto.duplicatePolicy !== 'create' && !target.keys.includes(dto.upsertKey)) {
      throw badRequest(ImportErrorCode.IMPORT_KEY_UNSUPPORTED, 'upsertKey', `${imp.entityType} records cannot be matched by ${dto.upsertKey} (use ${target.keys.join(', ')})`);
    }
    const mapping: Record<string, string> = {};
    for (const [column, field] of Object.entries(dto.mapping)) {
      if (!field) continue;
      if (!imp.headers.includes(column)) throw badRequest(ImportErrorCode.IMPORT_UNKNOWN_COLUMN, `mapping.${column}`, `The file has no column "${column}"`);
      if (!fieldKeys.has(field)) throw badRequest(ImportErrorCode.IMPORT_UNKNOWN_FIELD, `mapping.${column}`, `"${field}" is not a field of ${imp.entityType}s`);
      mapping[column] = field;
    }
    if (!Object.keys(mapping).length) throw badRequest(ImportErrorCode.IMPORT_MAPPING_EMPTY, 'mapping', 'Map at least one column');
    if (dto.duplicatePolicy !== 'create' && !Object.values(mapping).some((f) => upsertKeyFields(dto.upsertKey).includes(f))) {
      throw badRequest(ImportErrorCode.IMPORT_KEY_NOT_MAPPED, 'upsertKey', `No column is mapped to the upsert key ${dto.upsertKey}`);
    }
    const mode: ImportMode = dto.dryRun ? 'dry-run' : 'run';
    // conditional, so two concurrent starts cannot both queue a job
    const [claimed]: [{ id: string }[], number] = await this.ds.query(
      `UPDATE imports SET mapping = $2, duplicate_policy = $3, upsert_key = $4, dry_run = $5, status = $6, version = version + 1, updated_at = now()
        WHERE id = $1 AND status = ANY($7) AND deleted_at IS NULL RETURNING id`,
      [id, JSON.stringify(mapping), dto.duplicatePolicy, dto.upsertKey, !!dto.dryRun, dto.dryRun ? 'validating' : 'queued', STARTABLE],
    );
    if (!claimed.length) throw conflict(ImportErrorCode.IMPORT_BUSY, 'The import was started meanwhile; wait for it to finish');
    await this.jobs.send(IMPORT_JOB, { importId: id, mode });
    return this.get(actor, id);
  }

  async revert(actor: AuthUser, id: string): Promise<ImportResponse> {
    const imp = await this.store.get(actor, id);
    const module = (await this.targets.get(imp.entityType)).module;
    if (!can(actor.grants, module, 'delete')) {
      throw forbidden(`${module}:delete`, `You need the ${module}:delete permission to revert an import of ${imp.entityType}s`);
    }
    if (imp.status !== 'completed' && !(imp.status === 'failed' && !imp.dryRun)) {
      throw conflict(ImportErrorCode.IMPORT_NOT_REVERTIBLE, `Only a completed import can be reverted (this one is ${imp.status})`);
    }
    const [claimed]: [{ id: string }[], number] = await this.ds.query(
      `UPDATE imports SET status = 'reverting', version = version + 1, updated_at = now()
        WHERE id = $1 AND (status = 'completed' OR (status = 'failed' AND NOT dry_run)) AND deleted_at IS NULL RETURNING id`,
      [id],
    );
    if (!claimed.length) throw conflict(ImportErrorCode.IMPORT_BUSY, 'The import is being reverted or run meanwhile');
    await this.jobs.send(IMPORT_JOB, { importId: id, mode: 'revert' });
    return this.get(actor, id);
  }

  /**
   * Deletes an import with its file and the original cells of its rows; the uploader may, and so may
   * whoever holds `imports:delete` (an admin), within their scope. Records it created stay. The import
   * itself is soft-deleted (audited), keeping only its counts.
   */
  async remove(actor: AuthUser, id: string, expectedVersion?: number): Promise<void> {
    await this.store.softDelete(actor, id, expectedVersion, async (imp, m) => {
      if (imp.ownerId !== actor.id && !can(actor.grants, 'imports', 'delete')) {
        throw new DomainError('FORBIDDEN', HttpStatus.FORBIDDEN, 'Only the uploader or an administrator may delete an import', undefined, undefined, {
          key: 'FORBIDDEN_NOT_UPLOADER',
        });
      }
      if (BUSY.includes(imp.status)) throw conflict(ImportErrorCode.IMPORT_BUSY, `The import is ${imp.status}; wait for it to finish`);
      await m.query(`DELETE FROM import_file_chunks WHERE import_id = $1`, [id]);
      await m.query(`DELETE FROM import_rows WHERE import_id = $1`, [id]);
      await m.query(`UPDATE imports SET headers = '[]', sample_rows = '[]', preview_issues = '[]', mapping = '{}' WHERE id = $1`, [id]);
    });
  }

  /** The failed rows with their reasons and original cells, as CSV (UTF-8 with BOM). */
  async errorsCsv(actor: AuthUser, id: string, res: Response): Promise<void> {
    const imp = await this.store.get(actor, id);
    const mask = this.cellMasker(actor, imp);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="import-${id.slice(0, 8)}-errors.csv"`);
    const headers = mask ? imp.headers.map((h) => mask(h, undefined)) : imp.headers;
    // the report speaks the reader's language (Accept-Language): its two columns and each row's reasons
    const locale = currentLocale();
    const fields = new Map((await this.targets.get(imp.entityType)).fields.map((f) => [f.key, locale === 'zh-CN' ? f.zh : f.en]));
    const label = (field: string) => fields.get(field) ?? field;
    res.write('\uFEFF' + stringify([[lookup(locale, 'files', 'rowNumber'), lookup(locale, 'files', 'error'), ...headers]], CSV_OPTIONS));
    let after = 0;
    for (;;) {
      const rows: { row_number: number; error: string; raw: string[] | null; problems: RowProblem[] | null }[] = await this.ds.query(
        `SELECT row_number, error, raw, problems FROM import_rows WHERE import_id = $1 AND outcome = 'error' AND row_number > $2
          ORDER BY row_number LIMIT 2000`,
        [id, after],
      );
      if (!rows.length) break;
      const cells = (raw: string[]) => (mask ? raw.map((v, c) => mask(v, imp.headers[c])) : raw);
      const reason = (r: (typeof rows)[number]) => (r.problems?.length ? describeProblems(locale, r.problems, label) : r.error);
      res.write(stringify(rows.map((r) => [r.row_number, reason(r), ...cells(r.raw ?? [])]), CSV_OPTIONS));
      after = rows[rows.length - 1].row_number;
    }
    res.end();
  }
}
