import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsObject, IsOptional } from 'class-validator';
import { ToBoolean } from '../http/list-query.dto';
import type { FieldError } from '../http/field-errors';

export const BULK_CREATE_MAX = 500;

/** Up to 500 records, each in the shape of the resource's create body. */
export class BulkCreateDto {
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, minItems: 1, maxItems: BULK_CREATE_MAX, example: [{ name: '张三', source: 'web' }] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BULK_CREATE_MAX)
  @IsObject({ each: true })
  records: Record<string, unknown>[];
}

export class BulkCreateQueryDto {
  /** All or nothing: when one record fails, none is created. */
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  atomic?: boolean;

  /** Create even when a phone or email matches an existing record (the same switch as single creates). */
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  allowDuplicate?: boolean;
}

export class BulkCreateFieldErrorDto implements FieldError {
  /** @example phone */
  field: string;
  /** @example isPhone */
  code: string;
  /** @example phone must be a valid phone number */
  message: string;
  @ApiProperty({ required: false, type: Object, additionalProperties: true })
  params?: Record<string, unknown>;
}

export class BulkCreateResultDto {
  /** Position of the record in `records`. @example 0 */
  index: number;
  /** @example true */
  ok: boolean;
  /** The created record's id. @example 0b8a6f2e-1c3d-4e5f-9a7b-6c5d4e3f2a1b */
  id?: string;
  /** What a single create would have answered (400, 403, 404, 409, 422), or 424 for a record rolled back with an atomic batch. @example 400 */
  status?: number;
  /** @example VALIDATION_FAILED */
  code?: string;
  @ApiProperty({ required: false, type: [BulkCreateFieldErrorDto] })
  errors?: BulkCreateFieldErrorDto[];
}

export class BulkCreateResponseDto {
  /** Records created (0 when an atomic batch failed). @example 2 */
  created: number;
  /** @example 1 */
  failed: number;
  /** @example false */
  atomic: boolean;
  @ApiProperty({ type: [BulkCreateResultDto] })
  results: BulkCreateResultDto[];
}
