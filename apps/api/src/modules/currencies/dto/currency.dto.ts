import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';
import { ToBoolean } from '@core/http/list-query.dto';

/** Upper-cases a currency code given in any case. */
export const ToCurrencyCode = () => Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value));

export class QueryCurrenciesDto {
  /** Only enabled (true) or disabled (false) currencies. */
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  enabled?: boolean;

  /** Searches the code and the English and Chinese names. @example 港 */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  q?: string;
}

export class UpdateCurrencyDto {
  /** Offer the currency on records and rates. The base currency cannot be disabled (409). @example true */
  @IsBoolean()
  enabled: boolean;

  /** The version you read (0 for a currency never enabled); a stale one answers 412. `If-Match` works too. */
  @IsOptional()
  @IsInt()
  @Min(0)
  version?: number;
}

export class SetBaseCurrencyDto {
  /** ISO 4217 code of the new base currency (enabled by this change). Rates entered against the old base stay with it. @example CNY */
  @ToCurrencyCode()
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'code must be a 3-letter ISO 4217 code' })
  code: string;
}

export class CurrencyResponse {
  /** ISO 4217 code. @example HKD */
  code: string;
  /** ISO numeric code. @example 344 */
  number: string;
  /** ISO English name. @example Hong Kong Dollar */
  name: string;
  /** Chinese name. @example 港元 */
  nameZh: string;
  /** Digits of the minor unit (amounts in this currency are rounded to it). @example 2 */
  minorUnits: number;
  /** @example true */
  enabled: boolean;
  /** The base currency every total converts to. @example false */
  base: boolean;
  /** 0 for a currency nobody enabled yet. @example 1 */
  version: number;
}

export class CurrencyList {
  @ApiProperty({ type: [CurrencyResponse] })
  data: CurrencyResponse[];
  /** The base currency's code. @example CNY */
  baseCurrency: string;
}
