import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsObject, IsOptional } from 'class-validator';
import { ListQueryDto } from '@core/http/list-query.dto';
import {
  DUPLICATE_POLICIES,
  IMPORT_ENTITIES,
  IMPORT_STATUSES,
  UPSERT_KEYS,
  type DuplicatePolicy,
  type ImportEntity,
  type UpsertKey,
} from '../import.entity';

/** The multipart form of an upload: the file plus what it holds. */
export class UploadImportDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'CSV (UTF-8 or GBK) or XLSX file, first row = headers' })
  @IsOptional()
  file?: unknown;

  @ApiProperty({ enum: IMPORT_ENTITIES, example: 'lead', description: 'What the rows are' })
  @IsIn(IMPORT_ENTITIES)
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
  @ApiProperty({ enum: IMPORT_ENTITIES, required: false })
  @IsOptional()
  @IsIn(IMPORT_ENTITIES)
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

export class ImportResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ enum: IMPORT_ENTITIES })
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
  /** The header row. */
  headers: string[];
  /** The first rows, to preview the mapping. */
  @ApiProperty({ type: 'array', items: { type: 'array', items: { type: 'string' } } })
  sampleRows: string[][];
  /** Suggested (before a run) or used column → field mapping. */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  mapping: Record<string, string>;
  /** Fields the rows can fill. */
  @ApiProperty({ type: [ImportFieldDto] })
  fields: ImportFieldDto[];
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

export class ImportPage {
  @ApiProperty({ type: [ImportResponse] })
  data: ImportResponse[];
  nextCursor: string | null;
  total: number;
  /** True when `total` is PostgreSQL's estimate (more than 1,000 matches), false when exact. @example false */
  totalIsEstimate: boolean;
}
