import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, IsUUID, Matches, Min, ValidateNested } from 'class-validator';
import { IsDecimalString, IsPercentString, ToDecimalString } from '@core/http/decimal.validators';

export class OpportunityLineInputDto {
  /** An active product priced in the opportunity's currency; its name, unit and price are copied onto the line. */
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  productId: string;

  /** Positive, at most 4 decimals. @example "3" */
  @ToDecimalString()
  @IsString()
  @Matches(/^(?!0+(\.0+)?$)\d{1,14}(\.\d{1,4})?$/, { message: 'quantity must be a positive decimal with at most 4 decimals' })
  quantity: string;

  /** Unit price; default the product's (tier) price for the quantity. @example "19800.00" */
  @IsOptional()
  @ToDecimalString()
  @IsDecimalString(14, 4)
  unitPrice?: string;

  /** Line discount in % (0..100, default 0). @example "5" */
  @IsOptional()
  @ToDecimalString()
  @IsPercentString()
  discountPercent?: string;
}

export class ReplaceOpportunityLinesDto {
  /** The lines, in order (at most 200); an empty list removes them all and frees the amount again. */
  @ApiProperty({ type: [OpportunityLineInputDto] })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => OpportunityLineInputDto)
  lines: OpportunityLineInputDto[];

  /** The opportunity's version you read; a stale one answers 412. `If-Match` works too. */
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class OpportunityLineResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** 1-based order. @example 1 */
  position: number;
  @ApiProperty({ format: 'uuid' })
  productId: string;
  /** Copied from the product. @example 客源CRM 标准版（年） */
  name: string;
  /** @example 套 */
  unit: string | null;
  /** @example "3.0000" */
  quantity: string;
  /** @example "19800.0000" */
  unitPrice: string;
  /** @example "5.00" */
  discountPercent: string;
  /** round(quantity × unitPrice × (1 − discount/100)), half-up to cents. @example "56430.00" */
  amount: string;
}

export class OpportunityLinesResponse {
  @ApiProperty({ format: 'uuid' })
  opportunityId: string;
  /** The opportunity's (and every line's) currency. @example CNY */
  currency: string;
  /** The opportunity's amount: the lines' total while it has lines. @example "56430.00" */
  amount: string;
  /** @example true */
  hasLines: boolean;
  /** The opportunity's version (send it as `If-Match` with the next PUT). @example 3 */
  version: number;
  @ApiProperty({ type: [OpportunityLineResponse] })
  lines: OpportunityLineResponse[];
}
