import { boardFigures, TotalsGroup } from './board-totals';

const CNY = { code: 'CNY', minorUnits: 2 };
const RATES: Record<string, string> = { 'USD|2026-03-31': '7.1234', 'USD|2026-04-30': '7.2', 'CNY|2026-03-31': '1', 'CNY|2026-04-30': '1' };
const rate = (c: string, d: string) => RATES[`${c}|${d}`] ?? null;
const g = (stageId: string, currency: string, date: string, count: number, amount: string, weightedRaw: string): TotalsGroup => ({ stageId, currency, date, count, amount, weightedRaw });

describe('boardFigures', () => {
  it('keeps per-currency figures and adds base totals converted at each group date', () => {
    const out = boardFigures(
      [
        g('s1', 'CNY', '2026-03-31', 2, '1000.00', '30000.00'), // weighted 300.00
        g('s1', 'USD', '2026-03-31', 1, '100.00', '5000.00'), // 712.34; weighted 50 × 7.1234 = 356.17
        g('s1', 'USD', '2026-04-30', 1, '0.05', '0.50'), // 0.36; weighted 0.005 × 7.2 = 0.036 → 0.04
        g('s2', 'EUR', '2026-04-30', 3, '500.00', '5000.00'), // no rate
      ],
      ['s0', 's1', 's2'],
      CNY,
      rate,
    );
    expect(out.stages.map((s) => s.stageId)).toEqual(['s0', 's1', 's2']);
    expect(out.stages[0]).toEqual({ stageId: 's0', count: 0, totals: [], base: { currency: 'CNY', count: 0, amount: '0.00', weighted: '0.00', unconverted: 0 } });
    expect(out.stages[1].totals).toEqual([
      { currency: 'CNY', count: 2, amount: '1000.00', weighted: '300.00' },
      { currency: 'USD', count: 2, amount: '100.05', weighted: '50.01' },
    ]);
    // 1000.00 + 712.34 + 0.36 = 1712.70; 300.00 + 356.17 + 0.04 = 656.21
    expect(out.stages[1].base).toEqual({ currency: 'CNY', count: 4, amount: '1712.70', weighted: '656.21', unconverted: 0 });
    expect(out.stages[2].base).toEqual({ currency: 'CNY', count: 0, amount: '0.00', weighted: '0.00', unconverted: 3 });
    expect(out.base).toEqual({ currency: 'CNY', count: 4, amount: '1712.70', weighted: '656.21', unconverted: 3 });
    expect(out.totals.map((t) => t.currency)).toEqual(['CNY', 'EUR', 'USD']);
    expect(out.missingRates).toEqual([{ currency: 'EUR', date: '2026-04-30' }]);
  });

  it('rounds to the base minor unit (0 digits)', () => {
    const out = boardFigures([g('s', 'USD', '2026-04-30', 1, '10.07', '1007.00')], [], { code: 'JPY', minorUnits: 0 }, () => '150.5');
    // 10.07 × 150.5 = 1515.535 → 1516; weighted 10.07 × 150.5 = 1516
    expect(out.base).toMatchObject({ currency: 'JPY', amount: '1516', weighted: '1516' });
  });
});
