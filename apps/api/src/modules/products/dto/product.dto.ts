import { ApiProperty, IntersectionType, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import { CURRENCIES } from '@keyuan/shared';
import { IsDecimalString, IsPercentString, ToDecimalString } from '@core/http/decimal.validators';
import { ExportOptionsDto } from '@core/http/export-query.dto';
import { ListQueryDto, ToBoolean } from '@core/http/list-query.dto';
import { Trim } from '@core/http/validators';

export class PriceTierDto {
  /** From this quantity on (inclusive) the tier's unit price applies. @example "10" */
  @ToDecimalString()
  @IsDecimalString(14, 4)
  minQuantity: string;

  /** Unit price from `minQuantity` on, in the product's currency. @example "1799.00" */
  @ToDecimalString()
  @IsDecimalString(16, 2)
  unitPrice: string;
}

export class CreateProductDto {
  /** Stock-keeping unit, unique among live products (case-insensitive); 409 DUPLICATE on `sku` otherwise. @example KY-CRM-STD */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._\-/]*$/, { message: 'sku may hold letters, digits and . _ - / only' })
  sku: string;

  /** Chinese name. @example 客源CRM 标准版（年） */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  /** English name. @example Keyuan CRM Standard (yearly) */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  nameEn?: string | null;

  /** Category (a node of `/product-categories`). */
  @IsOptional()
  @IsUUID()
  categoryId?: string | null;

  /** Unit of sale. @example 套 */
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(20)
  unit?: string;

  /** List price per unit (decimal string, 2 decimals). @example "1999.00" */
  @ToDecimalString()
  @IsDecimalString(16, 2)
  listPrice: string;

  /** ISO 4217 currency of the prices (default CNY). */
  @ApiProperty({ enum: CURRENCIES, required: false, example: 'CNY' })
  @IsOptional()
  @IsIn(CURRENCIES)
  currency?: string;

  /** Unit cost (decimal string), for margins. @example "650.00" */
  @IsOptional()
  @ToDecimalString()
  @IsDecimalString(16, 2)
  cost?: string | null;

  /** VAT rate in % (default 13). @example "13" */
  @IsOptional()
  @ToDecimalString()
  @IsPercentString()
  taxRate?: string;

  /** Sold now; inactive products stay on old quotes but are not offered for new lines. @example true */
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  /** @example 含 50 个用户席位，标准技术支持 */
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string | null;

  /** Volume prices, at most 10, distinct `minQuantity` (sorted by the server). */
  @ApiProperty({ type: [PriceTierDto], required: false })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => PriceTierDto)
  priceTiers?: PriceTierDto[];
}

export class UpdateProductDto extends PartialType(CreateProductDto) {
  /** The version you read; a stale one answers 412. `If-Match` works too. */
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class QueryProductsDto extends ListQueryDto {
  /**
   * Searches SKU, Chinese and English name (substring, any case).
   * @example 标准版
   */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  override q?: string = undefined;

  /** Products of this category and of its sub-categories. */
  @IsOptional()
  @IsUUID()
  categoryId?: string;

  /** Only active (true) or inactive (false) products. */
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  active?: boolean;

  @ApiProperty({ enum: CURRENCIES, required: false, description: 'Only products priced in this currency.' })
  @IsOptional()
  @IsIn(CURRENCIES)
  currency?: string;
}

export class ExportProductsDto extends IntersectionType(OmitType(QueryProductsDto, ['limit', 'cursor'] as const), ExportOptionsDto) {}

export class PriceTierResponse {
  /** @example "10.0000" */
  minQuantity: string;
  /** @example "1799.00" */
  unitPrice: string;
}

export class ProductResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** @example KY-CRM-STD */
  sku: string;
  /** @example 客源CRM 标准版（年） */
  name: string;
  /** @example Keyuan CRM Standard (yearly) */
  nameEn: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  categoryId: string | null;
  /** The category's Chinese name. @example 软件订阅 */
  categoryName: string | null;
  /** The category's English name. @example Software subscriptions */
  categoryNameEn: string | null;
  /** @example 套 */
  unit: string;
  /** @example "1999.00" */
  listPrice: string;
  /** @example CNY */
  currency: string;
  /** @example "650.00" */
  cost: string | null;
  /** VAT rate, %. @example "13.00" */
  taxRate: string;
  /** @example true */
  active: boolean;
  /** @example 含 50 个用户席位 */
  description: string | null;
  @ApiProperty({ type: [PriceTierResponse] })
  priceTiers: PriceTierResponse[];
  /** @example 1 */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export class ProductPage {
  @ApiProperty({ type: [ProductResponse] })
  data: ProductResponse[];
  /** Cursor of the next page, null on the last page. */
  nextCursor: string | null;
  /** @example 42 */
  total: number;
  /** True when `total` is PostgreSQL's estimate. @example false */
  totalIsEstimate: boolean;
}
