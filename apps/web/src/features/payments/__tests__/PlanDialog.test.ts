import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import PlanDialog from '@/features/payments/components/PlanDialog.vue';
import { mockNetwork } from '@/test/http';
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
const receivable = { contractId: '00000000-0000-4000-8000-00000000c001', amount: '10000.00', currency: 'CNY', received: '0.00', balance: '10000.00' };

describe('PlanDialog', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });

  it('shows what the percentages miss and sends the plan; the server refusal shows in its words', async () => {
    const refusal = { type: 'about:blank', title: 'Unprocessable Entity', status: 422, code: 'PAYMENT_PLAN_SUM_MISMATCH', detail: '回款计划合计为 90%，应为 100%（差额 10%）。', params: { difference: '10' } };
    const { requests } = mockNetwork(() => new Response(JSON.stringify(refusal), { status: 422, headers: { 'Content-Type': 'application/problem+json' } }));
    const w = mountWithApp(PlanDialog as never, { props: { modelValue: false, receivable, installments: [] } } as never);
    await settle();
    await w.setProps({ modelValue: true } as never);
    await settle();
    // opening a contract without a plan proposes one installment of 100 %
    expect($('[data-testid="plan-difference"]')?.textContent).toContain('Adds up');
    type('[data-testid="plan-value-0"]', '30');
    $('[data-testid="plan-add"]')!.click();
    await settle();
    type('[data-testid="plan-value-1"]', '60');
    await settle();
    expect($('[data-testid="plan-difference"]')?.textContent).toContain('10%');
    $('[data-testid="plan-save"]')!.click();
    await settle();
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method: 'POST', path: `/api/v1/contracts/${receivable.contractId}/payment-plans` });
    expect(JSON.parse(requests[0].body).installments.map((i: { percent: string }) => i.percent)).toEqual(['30', '60']);
    expect($('[data-testid="plan-error"]')?.textContent).toContain('差额 10%');
  });
});
