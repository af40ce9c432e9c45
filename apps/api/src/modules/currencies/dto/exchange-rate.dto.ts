import { ApiProperty, PartialType } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Min } from 'class-validator';
import { ToDecimalString } from '@core/http/decimal.validators';
import { ListQueryDto } from '@core/http/list-query.dto';
import { IsDateOnly } from '@core/http/validators';
import { ToCurrencyCode } from './currency.dto';

/** A positive decimal with at most 14 integer and 10 fractional digits. */
export const RATE_PATTERN = /^(?!0+(\.0+)?$)\d{1,14}(\.\d{1,10})?$/;

export class CreateExchangeRateDto {
  /** ISO 4217 code of the currency (not the base). @example USD */
  @ToCurrencyCode()
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be a 3-letter ISO 4217 code' })
  currency: string;

  /** Units of the base currency one unit of `currency` is worth: a positive decimal string (exact, up to 10 decimals). @example "7.1234" */
  @ToDecimalString()
  @IsString()
  @Matches(RATE_PATTERN, { message: 'rate must be a positive decimal with at most 14 digits before and 10 after the point' })
  rate: string;

  /** The day from which the rate applies (until the currency's next rate), `YYYY-MM-DD`. @example 2026-11-01 */
  @IsDateOnly()
  effectiveDate: string;
}

export class UpdateExchangeRateDto extends PartialType(CreateExchangeRateDto) {
  /** The version you read; a stale one answers 412. `If-Match` works too. */
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

/** Sorts: `effectiveDate` (default `-effectiveDate`), `createdAt`; `q` is not used (filter by `currency`). */
export class QueryExchangeRatesDto extends ListQueryDto {
  /** Only rates of this currency. @example USD */
  @IsOptional()
  @ToCurrencyCode()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be a 3-letter ISO 4217 code' })
  currency?: string;

  /** Effective on or after (`YYYY-MM-DD`). */
  @IsOptional()
  @IsDateOnly()
  effectiveDateFrom?: string;

  /** Effective on or before (`YYYY-MM-DD`). */
  @IsOptional()
  @IsDateOnly()
  effectiveDateTo?: string;
}

export class ConvertQueryDto {
  /** Amount in `currency` (decimal string). @example "1000.00" */
  @ToDecimalString()
  @IsString()
  @Matches(/^-?\d{1,16}(\.\d{1,4})?$/, { message: 'amount must be a decimal with at most 16 digits before and 4 after the point' })
  amount: string;

  /** @example USD */
  @ToCurrencyCode()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be a 3-letter ISO 4217 code' })
  currency: string;

  /** The record's date: the rate in force that day is used. @example 2026-11-15 */
  @IsDateOnly()
  date: string;
}

export class ExchangeRateResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  /** @example USD */
  currency: string;
  /** The base currency the rate converts to. @example CNY */
  baseCurrency: string;
  /** @example "7.1234" */
  rate: string;
  /** @example 2026-11-01 */
  effectiveDate: string;
  /** @example 1 */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export class ExchangeRatePage {
  @ApiProperty({ type: [ExchangeRateResponse] })
  data: ExchangeRateResponse[];
  /** Cursor of the next page, null on the last page. */
  nextCursor: string | null;
  /** @example 12 */
  total: number;
  /** True when `total` is PostgreSQL's estimate. @example false */
  totalIsEstimate: boolean;
}

export class ConversionResponse {
  /** @example "1000.00" */
  amount: string;
  /** @example USD */
  currency: string;
  /** @example 2026-11-15 */
  date: string;
  /** @example CNY */
  baseCurrency: string;
  /** `amount` × `rate`, half-up to the base currency's minor unit. @example "7123.40" */
  baseAmount: string;
  /** @example "7.1234" */
  rate: string;
  /** The effective date of the rate used (the date itself for the base currency). @example 2026-11-01 */
  rateDate: string;
}

export class ExchangeRateImportResult {
  /** Rates written. @example 24 */
  imported: number;
}

export class ExchangeRateImportBody {
  /** CSV with a header row `currency,date,rate` (also 币种,日期,汇率), UTF-8. */
  @ApiProperty({ type: 'string', format: 'binary' })
  file: unknown;
}
