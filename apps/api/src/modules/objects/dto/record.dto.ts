import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { LOCALES, type Locale } from '@keyuan/shared';
import { CustomValuesInput, CustomValuesOutput } from '@core/custom-fields/custom-values.decorators';
import { RecordListQueryDto } from '@core/records/record-list-query.dto';
import { Trim } from '@core/http/validators';

export class CreateObjectRecordDto {
  /** The record's name (the module's name field). @example 华东仓库巡检 */
  @Trim() @IsString() @IsNotEmpty() @MaxLength(200)
  name: string;
  /** Owner (default: you); modules without owners ignore it. */
  @ApiProperty({ required: false, format: 'uuid' })
  @IsOptional() @IsUUID()
  ownerId?: string;
  /** Field values by key (GET /objects/{object}); 400 names `custom.<key>`. */
  @CustomValuesInput('object')
  custom?: Record<string, unknown>;
}

export class UpdateObjectRecordDto {
  @IsOptional() @Trim() @IsString() @IsNotEmpty() @MaxLength(200)
  name?: string;
  @ApiProperty({ required: false, format: 'uuid' })
  @IsOptional() @IsUUID()
  ownerId?: string;
  /** Only the keys given change; null empties one. */
  @CustomValuesInput('object')
  custom?: Record<string, unknown>;
  /** The version you read; a stale one answers 412. */
  @IsOptional() @IsInt() @Min(1)
  version?: number;
}

export class QueryObjectRecordsDto extends RecordListQueryDto {
  /** Records of this owner. */
  @ApiProperty({ required: false, format: 'uuid' })
  @IsOptional() @IsUUID()
  ownerId?: string;
}

export class ExportObjectRecordsDto extends QueryObjectRecordsDto {
  @IsOptional() @IsIn(['csv', 'xlsx'])
  format?: 'csv' | 'xlsx';
  @IsOptional() @IsIn(LOCALES)
  lang?: Locale;
}

export class ObjectRecordResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** @example site_visit */
  object: string;
  /** @example 华东仓库巡检 */
  name: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  ownerId: string | null;
  @ApiProperty({ nullable: true, type: String })
  ownerName: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  departmentId: string | null;
  @CustomValuesOutput('object')
  custom: Record<string, unknown>;
  /** What you may do with it now: `edit`, `delete`. */
  actions: string[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export class ObjectRecordPage {
  @ApiProperty({ type: [ObjectRecordResponse] })
  data: ObjectRecordResponse[];
  nextCursor: string | null;
  total: number;
  totalIsEstimate: boolean;
}


/** A custom module's hits in the global search (GET /search). */
export class ObjectSearchGroup {
  /** The module's key (records at /records/{object}). @example site_visit */
  object: string;
  /** @example 上门拜访 */
  pluralZh: string;
  /** @example Site visits */
  pluralEn: string;
  /** Element Plus icon name. @example Location */
  icon: string;
  @ApiProperty({ type: [ObjectRecordResponse] })
  data: ObjectRecordResponse[];
}
