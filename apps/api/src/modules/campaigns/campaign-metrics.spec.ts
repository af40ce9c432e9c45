import { campaignMetrics, divide, fromCents, toCents } from './campaign-metrics';

describe('campaign metrics', () => {
  it.each([
    ['12500', 1250000n],
    ['12500.5', 1250050n],
    ['0.05', 5n],
    ['-3.25', -325n],
  ])('reads %s as %s cents', (s, c) => {
    expect(toCents(s)).toBe(c);
    expect(toCents(fromCents(c))).toBe(c);
  });

  it.each([
    [1n, 3n, 4, '0.3333'],
    [2n, 3n, 4, '0.6667'],
    [-1n, 3n, 4, '-0.3333'],
    [-2n, 3n, 4, '-0.6667'],
    [1n, 8n, 2, '0.13'],
    [-1n, 20000n, 4, '-0.0001'],
    [-1n, 30000n, 4, '0.0000'],
    [150n, 100n, 4, '1.5000'],
  ])('divides %s by %s to %s places: %s', (n, d, p, out) => {
    expect(divide(n, d, p)).toBe(out);
  });

  it.each([
    // won 180,000 on a cost of 50,000: (180000 − 50000) / 50000 = 2.6
    [{ currency: 'CNY', actualCost: '50000.00', leads: 4, wonAmounts: [{ currency: 'CNY', amount: '180000.00' }] }, { wonAmount: '180000.00', roi: '2.6000', costPerLead: '12500.00' }],
    // nothing won: the whole cost is lost
    [{ currency: 'CNY', actualCost: '3000', leads: 3, wonAmounts: [] }, { wonAmount: '0.00', roi: '-1.0000', costPerLead: '1000.00' }],
    // two won deals summed; 1/3 rounding on both figures
    [
      { currency: 'CNY', actualCost: '30000', leads: 7, wonAmounts: [{ currency: 'CNY', amount: '25000.00' }, { currency: 'CNY', amount: '15000.00' }] },
      { wonAmount: '40000.00', roi: '0.3333', costPerLead: '4285.71' },
    ],
    // zero or no cost: no ROI (never Infinity), no cost per lead without a cost
    [{ currency: 'CNY', actualCost: '0', leads: 2, wonAmounts: [{ currency: 'CNY', amount: '100' }] }, { wonAmount: '100.00', roi: null, costPerLead: '0.00' }],
    [{ currency: 'CNY', actualCost: null, leads: 2, wonAmounts: [] }, { wonAmount: '0.00', roi: null, costPerLead: null }],
    // no leads: no cost per lead
    [{ currency: 'CNY', actualCost: '800', leads: 0, wonAmounts: [] }, { wonAmount: '0.00', roi: '-1.0000', costPerLead: null }],
    // a won deal in USD on a CNY campaign: currencies are not added, so no single figure and no ROI
    [
      { currency: 'CNY', actualCost: '1000', leads: 1, wonAmounts: [{ currency: 'CNY', amount: '500' }, { currency: 'USD', amount: '99.99' }] },
      { wonAmount: null, roi: null, costPerLead: '1000.00' },
    ],
    // a USD campaign whose deals are all in USD
    [{ currency: 'USD', actualCost: '200', leads: 1, wonAmounts: [{ currency: 'USD', amount: '500' }] }, { wonAmount: '500.00', roi: '1.5000', costPerLead: '200.00' }],
  ])('computes %j', (input, out) => {
    expect(campaignMetrics(input)).toEqual(out);
  });
});
