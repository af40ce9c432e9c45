import { ApiProperty, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { ListQueryDto } from '@core/http/list-query.dto';
import { Trim } from '@core/http/validators';

export class CreatePoolDto {
  /**
   * Pool name, unique.
   * @example 华东公海
   */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  /** What goes into this pool. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string | null;

  /** The department the pool belongs to (its managers see it). */
  @IsOptional()
  @IsUUID()
  departmentId?: string | null;

  /**
   * Most records one member may hold at once from this pool.
   * @example 30
   */
  @IsInt()
  @Min(1)
  @Max(100000)
  claimLimit: number;

  /**
   * Owned records with no follow-up for this many days go back to the pool; null for never.
   * @example 30
   */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  returnAfterDays?: number | null;

  /** Users who may claim from the pool. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  memberIds?: string[];
}

export class UpdatePoolDto extends PartialType(CreatePoolDto) {
  /** The version you read; a stale one answers 412. */
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class QueryPoolsDto extends ListQueryDto {
  /** Only pools of this department. */
  @IsOptional()
  @IsUUID()
  departmentId?: string;
}

export class PoolResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** @example 华东公海 */
  name: string;
  description: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  departmentId: string | null;
  /** @example 30 */
  claimLimit: number;
  /** @example 30 */
  returnAfterDays: number | null;
  @ApiProperty({ type: [String], format: 'uuid' })
  memberIds: string[];
  /** How many records you hold from this pool now. @example 3 */
  myClaims: number;
  /** @example 1 */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export class PoolPage {
  @ApiProperty({ type: [PoolResponse] })
  data: PoolResponse[];
  nextCursor: string | null;
  /** @example 2 */
  total: number;
  /** True when `total` is PostgreSQL's estimate (more than 1,000 matches), false when exact. @example false */
  totalIsEstimate: boolean;
}

export class ReturnStaleResponse {
  /** Records returned to pools, by entity type. @example {"lead": 3, "account": 1} */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' } })
  returned: Record<string, number>;
}
