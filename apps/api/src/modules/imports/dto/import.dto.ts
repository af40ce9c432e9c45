import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsObject, IsOptional, Matches } from 'class-validator';
import { ListQueryDto } from '@core/http/list-query.dto';
import {
  DUPLICATE_POLICIES,
  IMPORT_ENTITY_PATTERN,
  IMPORT_STATUSES,
  UPSERT_KEYS,
  type DuplicatePolicy,
  type ImportEntity,
  type UpsertKey,
} from '../import.entity';
import { ROW_ISSUE_CODES } from '../row-reader';

/** The multipart form of an upload: the file plus what it holds. */
export class UploadImportDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'CSV (UTF-8 or GBK) or XLSX file, first row = headers' })
  @IsOptional()
  file?: unknown;

  @ApiProperty({ type: String, pattern: IMPORT_ENTITY_PATTERN.source, example: 'lead', description: "What the rows are: lead, account, contact, product or a custom module's obj.<key>" })
  @Matches(IMPORT_ENTITY_PATTERN)
  entityType: ImportEntity;

  @ApiProperty({ enum: ['auto', 'utf8', 'gbk'], required: false, description: 'Text encoding of a CSV (default: detected)' })
  @IsOptional()
  @IsIn(['auto', 'utf8', 'gbk'])
  encoding?: 'auto' | 'utf8' | 'gbk';
}

export class StartImportDto {
  /** Column header → field key; columns left out are ignored. @example {"姓名": "name", "手机": "phone"} */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  @IsObject()
  mapping: Record<string, string>;

  @ApiProperty({ enum: DUPLICATE_POLICIES, example: 'skip', description: 'What to do with a row whose key matches an existing record' })
  @IsIn(DUPLICATE_POLICIES)
  duplicatePolicy: DuplicatePolicy;

  @ApiProperty({ enum: UPSERT_KEYS, example: 'phone', description: 'The field that identifies an existing record' })
  @IsIn(UPSERT_KEYS)
  upsertKey: UpsertKey;

  /** Validate every row and count what would happen, without writing anything. */
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}

export class QueryImportsDto extends ListQueryDto {
  @ApiProperty({ type: String, pattern: IMPORT_ENTITY_PATTERN.source, required: false, description: "lead, account, contact, product or obj.<key>" })
  @IsOptional()
  @Matches(IMPORT_ENTITY_PATTERN)
  entityType?: ImportEntity;

  @ApiProperty({ enum: IMPORT_STATUSES, required: false })
  @IsOptional()
  @IsIn(IMPORT_STATUSES)
  status?: string;
}

export class ImportFieldDto {
  /** @example phone */
  key: string;
  /** @example 手机 */
  zh: string;
  /** @example Phone */
  en: string;
}

/** One row of the import list: what happened, without the file's contents (the detail has the preview). */
export class ImportSummary {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ type: String, pattern: IMPORT_ENTITY_PATTERN.source, example: 'lead', description: "lead, account, contact, product or a custom module's obj.<key>" })
  entityType: string;
  @ApiProperty({ enum: IMPORT_STATUSES, description: 'uploaded → validating → validated (dry run) / queued → running → completed; failed; reverting → reverted' })
  status: string;
  /** @example 客户名单.xlsx */
  fileName: string;
  @ApiProperty({ enum: ['csv', 'xlsx'] })
  fileFormat: string;
  @ApiProperty({ enum: ['utf8', 'gbk'] })
  encoding: string;
  /** Bytes. @example 10485760 */
  fileSize: number;
  @ApiProperty({ enum: DUPLICATE_POLICIES })
  duplicatePolicy: string;
  @ApiProperty({ enum: UPSERT_KEYS })
  upsertKey: string;
  /** Whether the counts are those of a dry run. */
  dryRun: boolean;
  /** Data rows read so far (the total once finished). @example 100000 */
  totalRows: number;
  processedRows: number;
  createdCount: number;
  updatedCount: number;
  skippedCount: number;
  /** Rows that failed: invalid values, or cut at read time (a cell over 5,000 characters, a row over 50,000 characters or 200 columns). */
  errorCount: number;
  /** Rows the revert left in place (records changed, converted, merged, deleted, out of your scope, or accounts with contacts since). */
  revertSkippedCount: number;
  /** 0–100. @example 42 */
  progress: number;
  /** Why the whole import failed, if it did. */
  failure: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  ownerId: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export class ImportPreviewIssueDto {
  /** Row number in the file (the header row is 1). @example 3 */
  row: number;
  @ApiProperty({ enum: ROW_ISSUE_CODES, description: 'IMPORT_CELL_TOO_LONG: a cell over 5,000 characters; IMPORT_ROW_TOO_LARGE: over 50,000 characters in all; IMPORT_TOO_MANY_COLUMNS: over 200 columns' })
  code: string;
  /** Header of the column at fault, if one is. @example 备注 */
  @ApiProperty({ type: String, nullable: true })
  column: string | null;
}

/**
 * An import with its preview. For readers other than the uploader without `viewSensitive`, cells that
 * are or look like phones and emails are masked, header names included (a file without a header row
 * has a customer's data there).
 */
export class ImportResponse extends ImportSummary {
  /** The header row, each name cut to 100 characters. */
  headers: string[];
  /** Up to 5 rows to preview the mapping, each cell cut to 100 characters. */
  @ApiProperty({ type: 'array', items: { type: 'array', items: { type: 'string' } } })
  sampleRows: string[][];
  /** Preview rows that will fail as read. */
  @ApiProperty({ type: [ImportPreviewIssueDto] })
  previewIssues: ImportPreviewIssueDto[];
  /** Suggested (before a run) or used column → field mapping. */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  mapping: Record<string, string>;
  /** Fields the rows can fill. */
  @ApiProperty({ type: [ImportFieldDto] })
  fields: ImportFieldDto[];
}

export class ImportPage {
  @ApiProperty({ type: [ImportSummary] })
  data: ImportSummary[];
  nextCursor: string | null;
  total: number;
  /** True when `total` is PostgreSQL's estimate (more than 1,000 matches), false when exact. @example false */
  totalIsEstimate: boolean;
}
