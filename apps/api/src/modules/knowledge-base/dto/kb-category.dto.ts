import { ApiProperty, PartialType } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { Trim } from '@core/http/validators';

export class CreateKbCategoryDto {
  /** Chinese name. @example 售后服务 */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  /** English name. @example After-sales service */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  nameEn?: string | null;

  /** Parent category; none for a top-level one. Never the category itself or one below it. */
  @IsOptional()
  @IsUUID()
  parentId?: string | null;

  /** Order among its siblings (ascending). @example 10 */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100000)
  position?: number;
}

export class UpdateKbCategoryDto extends PartialType(CreateKbCategoryDto) {
  /** The version you read; a stale one answers 412. `If-Match` works too. */
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class KbCategoryResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** @example 售后服务 */
  name: string;
  /** @example After-sales service */
  nameEn: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  parentId: string | null;
  /** @example 10 */
  position: number;
  /** 0 for a top-level category. @example 1 */
  depth: number;
  /** Live articles directly in this category (any status). @example 4 */
  articleCount: number;
  /** @example 1 */
  version: number;
}

export class KbCategoryList {
  /** Every category, depth-first (a parent before its children, siblings by `position` then name): the tree flattened. */
  @ApiProperty({ type: [KbCategoryResponse] })
  data: KbCategoryResponse[];
}
