import type { Opportunity } from './opportunity.entity';
import { assertNotFromLines, LineProduct, linesSummary, resolveLines } from './opportunity-lines.rules';

const product = (over: Partial<LineProduct> = {}): LineProduct => ({
  id: 'p1',
  name: '客源CRM 标准版（年）',
  unit: '套',
  currency: 'CNY',
  active: true,
  unitPriceFor: (q) => (Number(q) >= 5 ? '18800.00' : '19800.00'),
  ...over,
});
const catalogue = (...ps: LineProduct[]) => new Map(ps.map((p) => [p.id, p]));
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as { code: string; errors?: { field: string }[] }).code + ' ' + ((e as { errors?: { field: string }[] }).errors?.[0]?.field ?? '');
  }
  return 'no error';
};

describe('opportunity line rules', () => {
  it('copies the product, takes the tier price for the quantity, and totals exactly', () => {
    const { lines, total } = resolveLines(
      [
        { productId: 'p1', quantity: '3', discountPercent: '5' },
        { productId: 'p1', quantity: '5' },
        { productId: 'p1', quantity: '3', unitPrice: '33.333' },
      ],
      catalogue(product()),
      'CNY',
    );
    expect(lines.map((l) => [l.position, l.name, l.unit, l.unitPrice, l.amount])).toEqual([
      [1, '客源CRM 标准版（年）', '套', '19800.0000', '56430.00'],
      [2, '客源CRM 标准版（年）', '套', '18800.0000', '94000.00'],
      [3, '客源CRM 标准版（年）', '套', '33.3330', '100.00'],
    ]);
    expect(total).toBe('150530.00');
    expect(resolveLines([], catalogue(), 'CNY')).toEqual({ lines: [], total: '0.00' });
    expect(linesSummary(lines.slice(0, 1))).toEqual(['客源CRM 标准版（年） × 3 @ 19800.00 −5% = 56430.00']);
  });

  it.each([
    ['unknown product', catalogue(), 'OPPORTUNITY_LINE_UNKNOWN_PRODUCT lines[0].productId'],
    ['inactive product', catalogue(product({ active: false })), 'OPPORTUNITY_LINE_PRODUCT_INACTIVE lines[0].productId'],
    ['another currency', catalogue(product({ currency: 'USD' })), 'OPPORTUNITY_LINE_CURRENCY lines[0].productId'],
  ])('refuses an %s', (_name, products, expected) => {
    expect(codeOf(() => resolveLines([{ productId: 'p1', quantity: '1' }], products, 'CNY'))).toBe(expected);
  });

  it('keeps amount and currency while there are lines; the same amount again passes', () => {
    const o = { hasLines: true, amount: '94000.00', currency: 'CNY' } as Opportunity;
    expect(codeOf(() => assertNotFromLines(o, { amount: '5' }))).toBe('OPPORTUNITY_AMOUNT_FROM_LINES amount');
    expect(codeOf(() => assertNotFromLines(o, { currency: 'USD' }))).toBe('OPPORTUNITY_CURRENCY_FROM_LINES currency');
    const same: { amount?: string } = { amount: '94000' };
    assertNotFromLines(o, same);
    expect(same).toEqual({});
    expect(codeOf(() => assertNotFromLines({ ...o, hasLines: false } as Opportunity, { amount: '5', currency: 'USD' }))).toBe('no error');
  });
});
