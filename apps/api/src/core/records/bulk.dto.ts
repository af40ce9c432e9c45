import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsObject, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { Trim } from '../http/validators';

export const BULK_ACTIONS = ['assign', 'changeStatus', 'moveToPool', 'addTag', 'delete'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];
export const BULK_MAX_IDS = 200;

/** What the action needs: assign `ownerId` (+ `reason`), changeStatus `status`, moveToPool `reason` (+ `poolId`), addTag `tag`. */
export class BulkParamsDto {
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  /** @example contacted */
  @IsOptional()
  @IsString()
  @MaxLength(30)
  status?: string;

  /** @example 客户暂无需求 */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500)
  reason?: string;

  @IsOptional()
  @IsUUID()
  poolId?: string;

  /** @example 重点客户 */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(30)
  tag?: string;
}

/** One action on many records, each in its own transaction: a record is changed fully or not at all. */
export class BulkActionDto {
  @ApiProperty({ enum: BULK_ACTIONS, example: 'assign' })
  @IsIn(BULK_ACTIONS)
  action: BulkAction;

  /** 1 to 200 record ids, each answered in `results` in this order. */
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: BULK_MAX_IDS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BULK_MAX_IDS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  ids: string[];

  @IsOptional()
  @ValidateNested()
  @Type(() => BulkParamsDto)
  params?: BulkParamsDto;

  /** Versions you read, by id: a record changed since answers 412 in its result. @example {"3f0c...": 2} */
  @ApiProperty({ required: false, additionalProperties: { type: 'integer' } })
  @IsOptional()
  @IsObject()
  versions?: Record<string, number>;
}

export class BulkResultDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  ok: boolean;
  /** The HTTP status the single-record request would answer (403, 404, 409, 412...). @example 404 */
  @ApiProperty({ required: false, type: 'integer' })
  status?: number;
  /** The problem code of a failed record. @example NOT_FOUND */
  @ApiProperty({ required: false })
  code?: string;
}

export class BulkResponseDto {
  @ApiProperty({ type: [BulkResultDto] })
  results: BulkResultDto[];
}
