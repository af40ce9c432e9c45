import { installmentStatus } from './payment-plans.service';
import { agingBucket } from './receivables.service';
import { invoiceTax } from './invoice-tax';
import {
  addDays,
  daysBetween,
  parsePaymentTerms,
  planDifference,
  planDigits,
  proposePlan,
  splitByPercent,
} from './payment-terms';
import { isValidUscc, usccCheckCharacter } from './uscc';

describe('unified social credit code (GB 32100-2015)', () => {
  // real companies' codes from their business licences
  it.each([
    ['914403001922038216', '华为技术有限公司'],
    ['91330100799655058B', '阿里巴巴（中国）有限公司'],
    ['91440300708461136T', '深圳市腾讯计算机系统有限公司'],
    ['91110108551385082Q', '小米科技有限责任公司'],
    ['91110000802100433B', '北京百度网讯科技有限公司'],
    ['91350100M000100Y43', 'GB 32100 standard example'],
  ])('accepts %s (%s)', (code) => {
    expect(isValidUscc(code)).toBe(true);
    expect(usccCheckCharacter(code.slice(0, 17))).toBe(code[17]);
  });

  it.each([
    ['914403001922038217', 'wrong check character'],
    ['91440300192203821', '17 characters'],
    ['9144030019220382166', '19 characters'],
    ['91440300192203821I', 'I is not in the character set'],
    ['914403O01922038216', 'letter in the division code'],
    ['914403001922038s16', 'lower case'],
    ['', 'empty'],
  ])('refuses %s (%s)', (code) => {
    expect(isValidUscc(code)).toBe(false);
  });

  it('writes a check value of 31 as 0', () => {
    // the first 17 characters of a code whose weighted sum is a multiple of 31
    const first17 = '00000000000000000';
    expect(usccCheckCharacter(first17)).toBe('0');
  });
});

describe('payment terms parser', () => {
  it.each<[string | null, string[]]>([
    [null, ['100']],
    ['', ['100']],
    ['30/40/30', ['30', '40', '30']],
    ['30%/40%/30%', ['30', '40', '30']],
    ['50-50', ['50', '50']],
    ['20，30，50', ['20', '30', '50']],
    ['预付30%，验收后40%，尾款30%', ['30', '40', '30']],
    ['首付 33.33%、二期 33.33%、尾款 33.34%', ['33.33', '33.33', '33.34']],
    ['30/40/20', ['100']],
    ['验收后 30 日内付清', ['100']],
    ['预付 50%', ['100']],
    ['0/100', ['100']],
  ])('%s → %j', (terms, out) => {
    expect(parsePaymentTerms(terms)).toEqual(out);
  });
});

describe('plan split', () => {
  it.each<[string, string[], string[]]>([
    ['1000.00', ['30', '40', '30'], ['300.00', '400.00', '300.00']],
    ['1000.01', ['30', '40', '30'], ['300.00', '400.00', '300.01']],
    ['100.00', ['33.33', '33.33', '33.34'], ['33.33', '33.33', '33.34']],
    ['0.10', ['33', '33', '34'], ['0.03', '0.03', '0.04']],
    ['999.99', ['50', '50'], ['499.99', '500.00']],
    ['12345.67', ['100'], ['12345.67']],
  ])('%s by %j → %j (sums exactly)', (total, percents, amounts) => {
    const out = splitByPercent(total, percents);
    expect(out).toEqual(amounts);
    expect(planDifference(total, out)).toBe('0.00');
  });

  it('splits in a currency without minor units', () => {
    expect(splitByPercent('1001', ['50', '50'], 0)).toEqual(['500', '501']);
  });

  it('reports the difference of amounts that do not add up', () => {
    expect(planDifference('1000.00', ['300.00', '400.00', '299.99'])).toBe('0.01');
    expect(planDifference('1000.00', ['600.00', '500.00'])).toBe('-100.00');
  });

  it('proposes due dates 30 days apart from the start', () => {
    expect(proposePlan('1000.01', '30/40/30', '2026-01-31')).toEqual([
      { dueDate: '2026-03-02', percent: '30', amount: '300.00' },
      { dueDate: '2026-04-01', percent: '40', amount: '400.00' },
      { dueDate: '2026-05-01', percent: '30', amount: '300.01' },
    ]);
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(daysBetween('2026-01-01', '2026-03-01')).toBe(59);
  });
});

describe('invoice tax (tax included)', () => {
  it.each([
    ['113.00', '13', '13.00', '100.00'],
    ['10000.00', '13', '1150.44', '8849.56'],
    ['10000.00', '9', '825.69', '9174.31'],
    ['10000.00', '6', '566.04', '9433.96'],
    ['10000.00', '3', '291.26', '9708.74'],
    ['10000.00', '1', '99.01', '9900.99'],
    ['10000.00', '0', '0.00', '10000.00'],
    ['0.01', '13', '0.00', '0.01'],
  ])('%s at %s%% → tax %s, net %s', (amount, rate, tax, net) => {
    expect(invoiceTax(amount, rate)).toEqual({ taxAmount: tax, netAmount: net });
  });
});

describe('installment status and aging bucket', () => {
  it.each([
    ['100.00', '0.00', '2026-12-01', '2026-11-30', 'pending'],
    ['100.00', '40.00', '2026-12-01', '2026-11-30', 'partially_paid'],
    ['100.00', '100.00', '2026-11-01', '2026-11-30', 'paid'],
    ['100.00', '40.00', '2026-11-29', '2026-11-30', 'overdue'],
    ['100.00', '0.00', '2026-11-30', '2026-11-30', 'pending'],
  ])('%s with %s received, due %s, on %s → %s', (amount, received, due, today, status) => {
    expect(installmentStatus(amount, received, due, today)).toBe(status);
  });

  it.each([
    ['2026-12-01', 'current'],
    ['2026-11-30', 'current'],
    ['2026-11-29', '0-30'],
    ['2026-10-31', '0-30'],
    ['2026-10-30', '31-60'],
    ['2026-10-01', '31-60'],
    ['2026-09-30', '61-90'],
    ['2026-09-01', '61-90'],
    ['2026-08-31', '90+'],
  ])('due %s seen on 2026-11-30 → %s', (due, bucket) => {
    expect(agingBucket(due, '2026-11-30')).toBe(bucket);
  });
});

describe('plan digits and tiny amounts', () => {
  it.each<[string, number, number]>([
    ['1000.00', 2, 2],
    ['1000', 0, 0],
    ['1000.50', 0, 1],
    ['1000.05', 0, 2],
    ['12.345', 3, 3],
  ])('%s with %i minor digits → %i', (total, minor, digits) => {
    expect(planDigits(total, minor)).toBe(digits);
  });

  it('proposes one installment when a share would round to nothing', () => {
    expect(proposePlan('0.02', '30/40/30', '2026-01-01').map((p) => [p.percent, p.amount])).toEqual([['100', '0.02']]);
  });
});
