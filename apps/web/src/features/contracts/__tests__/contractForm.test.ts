import { describe, expect, it } from 'vitest';
import { allowedContractActions, CONTRACT_STATUSES } from '@keyuan/shared';
import { fileNameOf } from '../api';
import { blankContract, contractBody, daysToEnd, endingSoon, formatBytes, modelFromContract, statusTagType } from '../composables/contractForm';

const line = { productId: null, name: ' 实施服务 ', group: '', quantity: '2', unit: '', unitPrice: '2500', discountPercent: '', taxRate: '6' };

describe('contract form', () => {
  it('sends the amount only without lines (with lines the server computes it)', () => {
    const m = { ...blankContract(), accountId: 'a1', amount: ' 12000.00 ', title: '  ' };
    expect(contractBody(m)).toMatchObject({ accountId: 'a1', amount: '12000.00', title: undefined, lines: [], paymentTerms: null, signDate: null });
    const withLines = contractBody({ ...m, lines: [line] });
    expect(withLines).not.toHaveProperty('amount');
    expect(withLines.lines).toEqual([{ productId: null, name: '实施服务', group: null, quantity: '2', unit: null, unitPrice: '2500', discountPercent: '0', taxRate: '6' }]);
  });

  it('loads a contract into the form with plain decimals', () => {
    const c = {
      accountId: 'a1', title: '年度合同', currency: 'CNY', amount: '6363.8100', taxIncluded: true, discountPercent: '0.00', signDate: '2026-12-01', startDate: null, endDate: '2027-12-31',
      paymentTerms: null, customerSigner: '王芳', ourSignerId: 'u1', notes: null,
      lines: [{ productId: 'p1', name: 'CRM', group: null, quantity: '3.0000', unit: '套', unitPrice: '1999.0000', discountPercent: '5.00', taxRate: '13.00' }],
    } as never;
    const m = modelFromContract(c);
    expect(m).toMatchObject({ amount: '6363.81', discountPercent: '0', paymentTerms: '', customerSigner: '王芳', endDate: '2027-12-31' });
    expect(m.lines[0]).toMatchObject({ quantity: '3', unitPrice: '1999', discountPercent: '5', taxRate: '13', group: '', unit: '套' });
  });

  it('counts the days to the end and flags active contracts in the renewal window', () => {
    expect(daysToEnd('2027-01-20', '2027-01-05')).toBe(15);
    expect(daysToEnd('2027-01-04', '2027-01-05')).toBe(-1);
    expect(daysToEnd(null, '2027-01-05')).toBeNull();
    expect(endingSoon({ status: 'active', endDate: '2027-02-04' }, '2027-01-05')).toBe(true);
    expect(endingSoon({ status: 'active', endDate: '2027-02-05' }, '2027-01-05')).toBe(false);
    expect(endingSoon({ status: 'draft', endDate: '2027-01-10' }, '2027-01-05')).toBe(false);
    expect(endingSoon({ status: 'active', endDate: '2027-01-01' }, '2027-01-05')).toBe(false);
  });

  it('labels statuses and sizes', () => {
    expect(statusTagType('pending_approval')).toBe('warning');
    expect(statusTagType('active')).toBe('success');
    expect(statusTagType('terminated')).toBe('danger');
    expect(statusTagType('expired')).toBe('info');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(20 * 1024 * 1024)).toBe('20.0 MB');
  });

  it('reads the UTF-8 file name of a download', () => {
    expect(fileNameOf(`attachment; filename="____.pdf"; filename*=UTF-8''${encodeURIComponent('购销合同.pdf')}`, 'x')).toBe('购销合同.pdf');
    expect(fileNameOf('attachment; filename="scan.pdf"', 'x')).toBe('scan.pdf');
    expect(fileNameOf(null, 'fallback.pdf')).toBe('fallback.pdf');
  });

  it('offers the actions the status machine allows (the buttons follow them)', () => {
    expect(Object.fromEntries(CONTRACT_STATUSES.map((s) => [s, allowedContractActions(s)]))).toEqual({
      draft: ['submit'],
      pending_approval: [],
      active: ['terminate'],
      expired: [],
      terminated: [],
    });
  });
});
