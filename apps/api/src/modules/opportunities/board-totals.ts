import Decimal from 'decimal.js';

/** One group of the board query: the opportunities of a stage in one currency with one conversion date. */
export interface TotalsGroup {
  stageId: string;
  currency: string;
  /** `YYYY-MM-DD`: the expected close date (never empty: it defaults to 30 days ahead). */
  date: string;
  count: number;
  /** Σ amount, exact. */
  amount: string;
  /** Σ amount × probability (not yet divided by 100), exact. */
  weightedRaw: string;
}

export interface CurrencyFigures {
  currency: string;
  count: number;
  amount: string;
  weighted: string;
}

export interface BaseFigures {
  currency: string;
  /** Opportunities converted (with a rate). */
  count: number;
  amount: string;
  weighted: string;
  /** Opportunities left out of the base figures for a missing rate. */
  unconverted: number;
}

export interface StageFigures {
  stageId: string;
  count: number;
  totals: CurrencyFigures[];
  base: BaseFigures;
}

export interface BoardFigures {
  stages: StageFigures[];
  totals: CurrencyFigures[];
  base: BaseFigures;
  missingRates: { currency: string; date: string }[];
}

const D = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP });
const HUNDRED = new D(100);

/**
 * The board's figures from its groups, exact (decimal.js):
 * - per currency: amount = Σ amount; weighted = round₂(Σ amount × probability / 100), as before;
 * - in the base currency: each (stage, currency, date) group converts at the rate in force on its date,
 *   base amount = round_base(Σ amount × rate), base weighted = round_base(Σ amount × probability / 100 × rate),
 *   half-up to the base's minor unit, then summed. A group without a rate is left out of the base figures,
 *   counted in `unconverted`, and its (currency, date) listed once in `missingRates`.
 * `rate(currency, date)` answers the rate as a decimal string, or null when there is none.
 */
export function boardFigures(
  groups: TotalsGroup[],
  stageOrder: string[],
  base: { code: string; minorUnits: number },
  rate: (currency: string, date: string) => string | null,
): BoardFigures {
  const round = (d: Decimal) => d.toDecimalPlaces(base.minorUnits, Decimal.ROUND_HALF_UP);
  type Acc = { count: number; amount: Decimal; weightedRaw: Decimal };
  type BaseAcc = { count: number; amount: Decimal; weighted: Decimal; unconverted: number };
  const perStage = new Map<string, { currencies: Map<string, Acc>; base: BaseAcc }>();
  const missing = new Map<string, { currency: string; date: string }>();
  const newBase = (): BaseAcc => ({ count: 0, amount: new D(0), weighted: new D(0), unconverted: 0 });
  for (const g of groups) {
    let s = perStage.get(g.stageId);
    if (!s) perStage.set(g.stageId, (s = { currencies: new Map(), base: newBase() }));
    const c = s.currencies.get(g.currency) ?? { count: 0, amount: new D(0), weightedRaw: new D(0) };
    c.count += g.count;
    c.amount = c.amount.plus(g.amount);
    c.weightedRaw = c.weightedRaw.plus(g.weightedRaw);
    s.currencies.set(g.currency, c);
    const r = rate(g.currency, g.date);
    if (r === null) {
      s.base.unconverted += g.count;
      missing.set(`${g.currency}|${g.date}`, { currency: g.currency, date: g.date });
      continue;
    }
    s.base.count += g.count;
    s.base.amount = s.base.amount.plus(round(new D(g.amount).times(r)));
    s.base.weighted = s.base.weighted.plus(round(new D(g.weightedRaw).div(HUNDRED).times(r)));
  }
  const figures = (currencies: Map<string, Acc>): CurrencyFigures[] =>
    [...currencies.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, c]) => ({ currency, count: c.count, amount: c.amount.toFixed(2), weighted: c.weightedRaw.div(HUNDRED).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2) }));
  const baseOut = (b: BaseAcc): BaseFigures => ({
    currency: base.code,
    count: b.count,
    amount: b.amount.toFixed(base.minorUnits),
    weighted: b.weighted.toFixed(base.minorUnits),
    unconverted: b.unconverted,
  });
  const ids = [...stageOrder, ...[...perStage.keys()].filter((id) => !stageOrder.includes(id))];
  const all = new Map<string, Acc>();
  const allBase = newBase();
  const stages = ids.map((stageId) => {
    const s = perStage.get(stageId) ?? { currencies: new Map<string, Acc>(), base: newBase() };
    for (const [code, c] of s.currencies) {
      const a = all.get(code) ?? { count: 0, amount: new D(0), weightedRaw: new D(0) };
      all.set(code, { count: a.count + c.count, amount: a.amount.plus(c.amount), weightedRaw: a.weightedRaw.plus(c.weightedRaw) });
    }
    allBase.count += s.base.count;
    allBase.unconverted += s.base.unconverted;
    allBase.amount = allBase.amount.plus(s.base.amount);
    allBase.weighted = allBase.weighted.plus(s.base.weighted);
    const totals = figures(s.currencies);
    return { stageId, count: totals.reduce((n, t) => n + t.count, 0), totals, base: baseOut(s.base) };
  });
  const missingRates = [...missing.values()].sort((a, b) => a.currency.localeCompare(b.currency) || a.date.localeCompare(b.date));
  return { stages, totals: figures(all), base: baseOut(allBase), missingRates };
}
