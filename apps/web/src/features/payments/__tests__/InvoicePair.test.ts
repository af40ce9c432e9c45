import { afterEach, describe, expect, it } from 'vitest';
import InvoicePair from '@/features/payments/components/InvoicePair.vue';
import { mountWithApp } from '@/test/mount';

const base = { id: 'i1', number: 'FP202611-00001', status: 'issued', kind: 'invoice', reversesInvoiceId: null, reversedByInvoiceId: null, linkedInvoiceNumber: null };

describe('InvoicePair', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('shows a red-letter invoice with the number it reverses, and the original with the one that reversed it', () => {
    const red = mountWithApp(InvoicePair as never, { props: { invoice: { ...base, id: 'i2', number: 'FP202611-00002', kind: 'red_letter', reversesInvoiceId: 'i1', linkedInvoiceNumber: 'FP202611-00001' } } } as never);
    expect(red.text()).toContain('Red-letter invoice');
    expect(red.text()).toContain('Reverses FP202611-00001');
    const original = mountWithApp(InvoicePair as never, { props: { invoice: { ...base, status: 'red_letter', reversedByInvoiceId: 'i2', linkedInvoiceNumber: 'FP202611-00002' } } } as never);
    expect(original.text()).toContain('Red-lettered by FP202611-00002');
    const plain = mountWithApp(InvoicePair as never, { props: { invoice: base } } as never);
    expect(plain.text()).not.toContain('FP');
  });
});
