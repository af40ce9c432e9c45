import { afterEach, describe, expect, it } from 'vitest';
import type { Ref } from 'vue';
import { ApiError } from '@/api/client';
import { i18n } from '@/app/i18n';
import { importReport } from '@/features/currencies/composables/importReport';

const setLocale = (l: 'zh-CN' | 'en-US') => ((i18n.global.locale as unknown as Ref<string>).value = l);
const refused = new ApiError({
  type: 'about:blank',
  title: 'Bad Request',
  status: 400,
  code: 'EXCHANGE_RATE_IMPORT_INVALID',
  detail: '3 problems',
  errors: [
    { field: 'rate', code: 'invalid_format', params: { line: 5 }, message: 'line 5: rate must be a positive decimal' },
    { field: 'currency', code: 'EXCHANGE_RATE_BASE_CURRENCY', params: { line: 3, currency: 'CNY' }, message: 'line 3: CNY is the base currency' },
    { field: 'date', code: 'required', params: { line: 4 }, message: 'line 4: date is required' },
  ],
});

describe('importReport', () => {
  afterEach(() => setLocale('en-US'));

  it('orders the rows by line and words them from the locale files', () => {
    setLocale('zh-CN');
    const zh = importReport(refused);
    expect(zh.map((r) => [r.line, r.field, r.code])).toEqual([
      [3, 'currency', 'EXCHANGE_RATE_BASE_CURRENCY'],
      [4, 'date', 'required'],
      [5, 'rate', 'invalid_format'],
    ]);
    expect(zh[0].message).toBe('CNY 是本位币，按 1 折算，无需汇率。');
    setLocale('en-US');
    expect(importReport(refused)[0].message).toBe('CNY is the base currency: it converts to itself at 1.');
  });

  it('has no rows for other failures', () => {
    expect(importReport(new ApiError({ type: 'about:blank', title: 'Forbidden', status: 403, code: 'FORBIDDEN' }))).toEqual([]);
    expect(importReport(new Error('x'))).toEqual([]);
  });
});
