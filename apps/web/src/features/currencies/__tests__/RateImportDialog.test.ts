import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextTick, type Ref } from 'vue';
import { i18n } from '@/app/i18n';
import RateImportDialog from '@/features/currencies/components/RateImportDialog.vue';
import { json, mockNetwork } from '@/test/http';
import { flush, mountWithApp } from '@/test/mount';

const $ = (selector: string) => document.body.querySelector<HTMLElement>(selector);
async function settle() {
  for (let i = 0; i < 6; i++) {
    await flush();
    await nextTick();
  }
}
function chooseFile(content: string) {
  const input = $('[data-testid="rate-import-file"]') as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: [new File([content], 'rates.csv', { type: 'text/csv' })], configurable: true });
  input.dispatchEvent(new Event('change'));
}
const refused = {
  type: 'urn:keyuan:problem:exchange-rate-import-invalid',
  title: 'Bad Request',
  status: 400,
  code: 'EXCHANGE_RATE_IMPORT_INVALID',
  detail: '2 problems in the file; nothing was imported',
  errors: [
    { field: 'date', code: 'duplicate_in_file', params: { line: 7, otherLine: 2 }, message: 'line 7: EUR on 2026-01-01 is already on line 2' },
    { field: 'currency', code: 'CURRENCY_UNKNOWN', params: { line: 4, currency: 'ABC' }, message: 'line 4: ABC is not an ISO 4217 currency' },
  ],
};

describe('RateImportDialog', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });

  it('uploads the file as multipart and lists a refused file row by row, by line, in the UI language', async () => {
    const { requests } = mockNetwork(() => new Response(JSON.stringify(refused), { status: 400, headers: { 'Content-Type': 'application/problem+json' } }));
    const imported: number[] = [];
    mountWithApp(RateImportDialog as never, { props: { modelValue: true, onImported: (n: number) => imported.push(n) } } as never);
    await settle();
    chooseFile('currency,date,rate\nEUR,2026-01-01,7.9\n');
    await settle();
    $('[data-testid="rate-import-upload"]')!.click();
    await settle();
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method: 'POST', path: '/api/v1/exchange-rates/import' });
    expect(requests[0].body).toContain('name="file"'); // multipart (jsdom's File content does not reach undici's FormData)
    expect($('[data-testid="rate-import-failure"]')?.textContent).toContain('nothing was imported');
    const rows = [...document.body.querySelectorAll('[data-testid="rate-import-report"] tbody tr')].map((r) => r.textContent);
    expect(rows).toEqual(['4currencyABC is not an ISO 4217 currency.', '7dateappears twice in the file (line 2)']);
    expect(imported).toEqual([]);
  });

  it('reports success with the count', async () => {
    mockNetwork(() => json({ imported: 3 }, 201));
    const imported: number[] = [];
    (i18n.global.locale as unknown as Ref<string>).value = 'zh-CN';
    mountWithApp(RateImportDialog as never, { props: { modelValue: true, onImported: (n: number) => imported.push(n) } } as never);
    await settle();
    chooseFile('currency,date,rate\nEUR,2026-01-01,7.9\n');
    await settle();
    $('[data-testid="rate-import-upload"]')!.click();
    await settle();
    expect(imported).toEqual([3]);
  });
});
