import { ApiProperty, PartialType } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { Trim } from '@core/http/validators';

export class CreateProductCategoryDto {
  /** Chinese name. @example 软件订阅 */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  /** English name. @example Software subscriptions */
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
  sortOrder?: number;
}

export class UpdateProductCategoryDto extends PartialType(CreateProductCategoryDto) {
  /** The version you read; a stale one answers 412. */
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class ProductCategoryResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** @example 软件订阅 */
  name: string;
  /** @example Software subscriptions */
  nameEn: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  parentId: string | null;
  /** @example 10 */
  sortOrder: number;
  /** 0 for a top-level category. @example 1 */
  depth: number;
  /** Live products directly in this category. @example 4 */
  productCount: number;
  /** @example 1 */
  version: number;
}

export class ProductCategoryList {
  /** Every category, depth-first (a parent before its children, siblings by `sortOrder` then name): the tree flattened. */
  @ApiProperty({ type: [ProductCategoryResponse] })
  data: ProductCategoryResponse[];
}
