import Decimal from 'decimal.js';
import { MoneyDecimal } from '@core/money/line-totals';
import type { CurrenciesService, MissingRate } from '@modules/currencies/currencies.service';

/** Converts grouped amounts to the base currency, each at its day's rate; a pair without a rate is reported, never taken as 1. */
export interface BaseMoney {
  base: string;
  digits: number;
  /** The amount in the base currency as a number, or null without a rate (recorded in `missing`). */
  toBase(currency: string, date: string, amount: string): number | null;
  /** amount × rate, exact and unrounded (sum these, round the sum once); null without a rate. */
  exact(currency: string, date: string, amount: string): Decimal | null;
  missing: MissingRate[];
}

export async function baseMoney(currencies: CurrenciesService, groups: { currency: string; date: string }[]): Promise<BaseMoney> {
  const [base, rateOf] = await Promise.all([currencies.baseCurrency(), currencies.rateLookup(groups.filter((g) => g.date).map((g) => ({ currency: g.currency, date: g.date })))]);
  const seen = new Set<string>();
  const missing: MissingRate[] = [];
  const toExact = (currency: string, date: string, amount: string): Decimal | null => {
    const r = rateOf(currency, date);
      if (!r) {
        const key = `${currency}|${date}`;
        if (!seen.has(key)) {
          seen.add(key);
          missing.push({ currency, date });
        }
        return null;
      }
      return new MoneyDecimal(amount).times(r.rate);
  };
  return {
    base: base.code,
    digits: base.minorUnits,
    missing,
    // amount × rate, exact, half-up to the base's minor unit (as CurrenciesService.convert)
    toBase: (currency, date, amount) => toExact(currency, date, amount)?.toDecimalPlaces(base.minorUnits, Decimal.ROUND_HALF_UP).toNumber() ?? null,
    exact: toExact,
  };
}
