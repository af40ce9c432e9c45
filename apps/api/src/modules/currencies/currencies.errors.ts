export enum CurrencyErrorCode {
  /** Not an ISO 4217 currency code (`code`). */
  CURRENCY_UNKNOWN = 'CURRENCY_UNKNOWN',
  /** An ISO 4217 currency the company has not enabled (`currency`): an admin enables it under Currencies first. */
  CURRENCY_NOT_ENABLED = 'CURRENCY_NOT_ENABLED',
  /** An amount with more decimals than its currency's minor unit (`currency`, `minorUnits`: JPY 0, CNY 2, KWD 3). */
  AMOUNT_TOO_PRECISE = 'AMOUNT_TOO_PRECISE',
  /** The base currency cannot be disabled (choose another base first). */
  CURRENCY_BASE_CANNOT_BE_DISABLED = 'CURRENCY_BASE_CANNOT_BE_DISABLED',
  /** No rate for `currency` on or before `date`: a conversion never falls back to 1. */
  EXCHANGE_RATE_MISSING = 'EXCHANGE_RATE_MISSING',
  /** A rate is for a currency other than the base (the base converts to itself at 1). */
  EXCHANGE_RATE_BASE_CURRENCY = 'EXCHANGE_RATE_BASE_CURRENCY',
  /** The CSV file has rows that cannot be imported (`errors` lists them by line); nothing was written. */
  EXCHANGE_RATE_IMPORT_INVALID = 'EXCHANGE_RATE_IMPORT_INVALID',
  /** The CSV file lacks a column (`currency`, `date` or `rate`) or has no rows. */
  EXCHANGE_RATE_IMPORT_COLUMNS = 'EXCHANGE_RATE_IMPORT_COLUMNS',
}
