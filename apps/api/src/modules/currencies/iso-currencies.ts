import cc from 'currency-codes';

/** An ISO 4217 currency as the `currency-codes` package (the ISO list, kept up to date) describes it. */
export interface IsoCurrency {
  code: string;
  /** ISO numeric code. */
  number: string;
  /** ISO English name. */
  name: string;
  /** Chinese name from the runtime's CLDR data (Intl.DisplayNames); the English name where it has none. */
  nameZh: string;
  /** Digits after the decimal point (ISO "minor unit"): 2 for CNY, 0 for JPY, 3 for KWD. */
  minorUnits: number;
}

const zh = new Intl.DisplayNames(['zh-CN'], { type: 'currency', fallback: 'none' });

/**
 * Circulating currencies only: funds, precious metals, SDR and test codes (the X.. codes and those the
 * list gives no country) are left out. Sorted by code.
 */
export const ISO_CURRENCIES: readonly IsoCurrency[] = cc
  .codes()
  .map((code) => cc.code(code)!)
  .filter((c) => !c.code.startsWith('X') && c.countries.some((n) => !/^zz/i.test(n)))
  .map((c) => ({ code: c.code, number: c.number, name: c.currency, nameZh: zh.of(c.code) ?? c.currency, minorUnits: c.digits }))
  .sort((a, b) => a.code.localeCompare(b.code));

const BY_CODE = new Map(ISO_CURRENCIES.map((c) => [c.code, c]));

export function isoCurrency(code: string): IsoCurrency | undefined {
  return BY_CODE.get(code);
}
