import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CUSTOM_FIELD_KEY, CUSTOM_FIELD_KINDS, CUSTOM_FIELD_TYPES, CUSTOM_REFERENCE_KINDS, type CustomFieldType } from '@keyuan/shared';
import { ToBoolean } from '../../http/list-query.dto';

export class CustomFieldOptionDto {
  /** Stored value (unique in the field). @example vip */
  @IsString() @IsNotEmpty() @MaxLength(40)
  key: string;
  /** @example 重要客户 */
  @IsString() @IsNotEmpty() @MaxLength(100)
  labelZh: string;
  /** @example Key account */
  @IsString() @IsNotEmpty() @MaxLength(100)
  labelEn: string;
  /** Colour of the tag, `#rrggbb`. @example #e6a23c */
  @IsOptional() @IsString() @MaxLength(7)
  color?: string | null;
  /** Kept for records that have it; cannot be chosen again. @example false */
  @IsOptional() @IsBoolean()
  retired?: boolean;
}

export class CreateCustomFieldDto {
  /** Record kind. */
  @ApiProperty({ enum: CUSTOM_FIELD_KINDS, example: 'leads' })
  @IsIn(CUSTOM_FIELD_KINDS)
  kind: string;
  /** camelCase identifier, unique in the kind; the values sit in `custom.<key>`. @example industryTier */
  @IsString()
  @Matches(CUSTOM_FIELD_KEY, { message: 'key must be a camelCase identifier of at most 40 characters' })
  key: string;
  /** @example 行业等级 */
  @IsString() @IsNotEmpty() @MaxLength(100)
  labelZh: string;
  /** @example Industry tier */
  @IsString() @IsNotEmpty() @MaxLength(100)
  labelEn: string;
  @ApiProperty({ enum: CUSTOM_FIELD_TYPES, example: 'select' })
  @IsIn(CUSTOM_FIELD_TYPES)
  type: CustomFieldType;
  /** Every new record must have a value (and no update may empty it). @example false */
  @IsOptional() @IsBoolean()
  required?: boolean;
  /** No two live records of the kind share a value. @example false */
  @IsOptional() @IsBoolean()
  unique?: boolean;
  /** Value of new records that give none (valid for the type). */
  @ApiProperty({ required: false, nullable: true, description: 'Value of new records that give none (valid for the type)', oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'array', items: { type: 'string' } }] })
  @IsOptional()
  defaultValue?: unknown;
  /** Options of select and multi-select fields, in display order. */
  @IsOptional() @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => CustomFieldOptionDto)
  options?: CustomFieldOptionDto[];
  /** Record type a `reference` field points to. */
  @ApiProperty({ enum: CUSTOM_REFERENCE_KINDS, required: false, nullable: true })
  @IsOptional() @IsIn(CUSTOM_REFERENCE_KINDS)
  refKind?: string | null;
  /** @example 按年采购额分级 */
  @IsOptional() @IsString() @MaxLength(500)
  helpZh?: string | null;
  /** @example Tier by yearly purchases */
  @IsOptional() @IsString() @MaxLength(500)
  helpEn?: string | null;
  /** Order in forms and tables (default: last). @example 0 */
  @IsOptional() @IsInt() @Min(0) @Max(10000)
  position?: number;
  /** Lists filter and sort by it often: it gets its own index. @example true */
  @IsOptional() @IsBoolean()
  filterable?: boolean;
}

export class UpdateCustomFieldDto extends PartialType(OmitType(CreateCustomFieldDto, ['kind', 'key'] as const)) {
  /** The version you read; a stale one answers 412. */
  @IsOptional() @IsInt() @Min(1)
  version?: number;
}

export class QueryCustomFieldsDto {
  /** A record kind (`leads`, …) or a custom module's kind `obj.<key>` (its fields). */
  @ApiProperty({ type: String, example: 'leads', pattern: `^(${CUSTOM_FIELD_KINDS.join('|')}|obj\\.[a-z][a-z0-9_]{1,25})$` })
  @Matches(new RegExp(`^(${CUSTOM_FIELD_KINDS.join('|')}|obj\\.[a-z][a-z0-9_]{1,25})$`), { message: 'kind must be a record kind or obj.<custom module key>' })
  kind: string;
  /** Also deleted fields whose values are not purged yet. */
  @IsOptional() @ToBoolean() @IsBoolean()
  deleted?: boolean;
}

export class CustomFieldResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** @example leads */
  kind: string;
  /** @example industryTier */
  key: string;
  /** @example 行业等级 */
  labelZh: string;
  /** @example Industry tier */
  labelEn: string;
  @ApiProperty({ enum: CUSTOM_FIELD_TYPES })
  type: CustomFieldType;
  required: boolean;
  unique: boolean;
  @ApiProperty({ nullable: true, description: 'Default value (money as a decimal string)', oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'array', items: { type: 'string' } }] })
  defaultValue: unknown;
  options: CustomFieldOptionDto[];
  @ApiProperty({ nullable: true, type: String })
  refKind: string | null;
  @ApiProperty({ nullable: true, type: String })
  helpZh: string | null;
  @ApiProperty({ nullable: true, type: String })
  helpEn: string | null;
  position: number;
  filterable: boolean;
  /** Deleted, values kept until purged. */
  deleted: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export class PurgeCustomFieldResponse {
  /** Records whose value was removed. @example 42 */
  purged: number;
}
