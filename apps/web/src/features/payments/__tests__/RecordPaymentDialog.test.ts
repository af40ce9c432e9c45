import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import RecordPaymentDialog from '@/features/payments/components/RecordPaymentDialog.vue';
import { json, mockNetwork } from '@/test/http';
import { flush, mountWithApp } from '@/test/mount';

const $ = (selector: string) => document.body.querySelector<HTMLElement>(selector);
async function settle() {
  for (let i = 0; i < 6; i++) {
    await flush();
    await nextTick();
  }
}
function type(selector: string, value: string) {
  const el = $(selector)!;
  const input = (el.tagName === 'INPUT' ? el : el.querySelector('input')) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input'));
}
const receivable = {
  contractId: '00000000-0000-4000-8000-00000000c001',
  contractNumber: 'HT202612-0001',
  contractTitle: '年度服务合同',
  accountId: '00000000-0000-4000-8000-00000000a001',
  accountName: '上海云启科技有限公司',
  ownerId: null,
  ownerName: null,
  currency: 'CNY',
  amount: '10000.00',
  received: '5500.00',
  invoiced: '0.00',
  balance: '4500.00',
  nextDueDate: '2026-12-31',
  overdueAmount: '0.00',
  daysOverdue: 0,
  baseCurrency: 'CNY',
  rate: '1',
  rateDate: '2026-11-01',
  baseAmount: '10000.00',
  baseBalance: '4500.00',
  baseOverdueAmount: '0.00',
};
const overshoot = {
  type: 'about:blank',
  title: 'Unprocessable Entity',
  status: 422,
  code: 'PAYMENT_EXCEEDS_BALANCE',
  detail: '回款 4600.00 超过合同未收余额 4500.00 CNY。',
  params: { balance: '4500.00', currency: 'CNY' },
};

describe('RecordPaymentDialog', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });

  it('shows the balance, warns of an overshoot and shows the server refusal in its words', async () => {
    const { requests } = mockNetwork(() => new Response(JSON.stringify(overshoot), { status: 422, headers: { 'Content-Type': 'application/problem+json' } }));
    const recorded: unknown[] = [];
    mountWithApp(RecordPaymentDialog as never, { props: { modelValue: true, receivable, installments: [], onRecorded: (p: unknown) => recorded.push(p) } } as never);
    await settle();
    expect($('[data-testid="record-payment-balance"]')?.textContent).toContain('4,500.00');
    type('[data-testid="record-payment-amount"]', '4600');
    await settle();
    expect($('[data-testid="record-payment-after"]')?.className).toContain('ky-warn');
    $('[data-testid="record-payment-submit"]')!.click();
    await settle();
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method: 'POST', path: '/api/v1/payments' });
    expect(JSON.parse(requests[0].body)).toMatchObject({ contractId: receivable.contractId, amount: '4600', method: 'bank_transfer' });
    expect($('[data-testid="record-payment-error"]')?.textContent).toContain('超过合同未收余额 4500.00 CNY');
    expect(recorded).toEqual([]);
  });

  it('records a payment within the balance and reports it', async () => {
    const { requests } = mockNetwork(() => json({ id: 'p1', amount: '1000.00' }, 201));
    const recorded: { id: string }[] = [];
    mountWithApp(RecordPaymentDialog as never, { props: { modelValue: true, receivable, installments: [], onRecorded: (p: { id: string }) => recorded.push(p) } } as never);
    await settle();
    type('[data-testid="record-payment-amount"]', '1000.00');
    await settle();
    expect($('[data-testid="record-payment-after"]')?.textContent).toContain('3,500.00');
    $('[data-testid="record-payment-submit"]')!.click();
    await settle();
    expect(requests).toHaveLength(1);
    expect(recorded.map((p) => p.id)).toEqual(['p1']);
  });
});
