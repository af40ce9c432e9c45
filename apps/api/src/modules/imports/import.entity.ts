import { Column, Entity } from 'typeorm';
import { BaseRecord } from '@core/database/base.entity';
import { IMPORT_ENTITIES, DUPLICATE_POLICIES, UPSERT_KEYS, IMPORT_STATUSES, type ImportEntity, type DuplicatePolicy, type UpsertKey, type ImportStatus } from '@keyuan/shared';
import type { PreviewIssue } from './import-preview';

/** Shared with the web client (libs/shared). */
export { isImportEntity, IMPORT_ENTITY_PATTERN, type BuiltInImportEntity } from '@keyuan/shared';
export { IMPORT_ENTITIES, DUPLICATE_POLICIES, UPSERT_KEYS, IMPORT_STATUSES, type ImportEntity, type DuplicatePolicy, type UpsertKey, type ImportStatus };

/** One uploaded file and what became of its rows. */
@Entity('imports')
export class Import extends BaseRecord {
  /** A built-in kind or a custom module's `obj.<key>`. */
  @Column({ type: 'varchar', length: 40 })
  entityType: ImportEntity;

  @Column({ type: 'varchar', length: 20, default: 'uploaded' })
  status: ImportStatus;

  @Column({ type: 'varchar', length: 255 })
  fileName: string;

  @Column({ type: 'varchar', length: 10 })
  fileFormat: 'csv' | 'xlsx';

  @Column({ type: 'varchar', length: 10 })
  encoding: 'utf8' | 'gbk';

  @Column({ type: 'bigint' })
  fileSize: string;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  headers: string[];

  /** The first rows, cells cut to a preview's length. */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  sampleRows: string[][];

  /** Rows of the preview that will fail as read (a cell too long, a row too large). */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  previewIssues: PreviewIssue[];

  /** Column header → field key. */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  mapping: Record<string, string>;

  @Column({ type: 'varchar', length: 10, default: 'skip' })
  duplicatePolicy: DuplicatePolicy;

  @Column({ type: 'varchar', length: 20, default: 'phone' })
  upsertKey: UpsertKey;

  @Column({ type: 'boolean', default: false })
  dryRun: boolean;

  @Column({ type: 'int', default: 0 })
  totalRows: number;

  @Column({ type: 'int', default: 0 })
  processedRows: number;

  @Column({ type: 'int', default: 0 })
  createdCount: number;

  @Column({ type: 'int', default: 0 })
  updatedCount: number;

  @Column({ type: 'int', default: 0 })
  skippedCount: number;

  @Column({ type: 'int', default: 0 })
  errorCount: number;

  /** Rows a revert left in place: records changed, converted, deleted or out of scope since the import. */
  @Column({ type: 'int', default: 0 })
  revertSkippedCount: number;

  @Column({ type: 'text', nullable: true })
  failure: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  finishedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ type: 'uuid', nullable: true })
  departmentId: string | null;
}
