import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsIn } from 'class-validator';
import { ISO_CURRENCIES } from '../iso-currencies';

const CODES = ISO_CURRENCIES.map((c) => c.code);

/**
 * The one syntactic currency check of every module's DTOs: an ISO 4217 code of a circulating currency
 * (any case in, upper case out). Whether the company uses it is the service's `CurrenciesService.assertEnabled`.
 */
export const IsCurrencyCode = () =>
  applyDecorators(
    Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value)),
    IsIn(CODES, { message: 'currency must be an ISO 4217 code such as CNY' }),
  );
