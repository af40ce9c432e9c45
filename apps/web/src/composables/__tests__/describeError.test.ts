import { afterEach, describe, expect, it } from 'vitest';
import type { Ref } from 'vue';
import { ApiError } from '@/api/client';
import { i18n } from '@/app/i18n';
import { describeError, fieldErrorText } from '@/composables/describeError';
import { useProblemForm } from '@/composables/useProblemForm';

const setLocale = (l: 'zh-CN' | 'en-US') => ((i18n.global.locale as unknown as Ref<string>).value = l);

const validation = () =>
  new ApiError({
    type: 'urn:keyuan:problem:validation-failed',
    title: 'Bad Request',
    status: 400,
    code: 'VALIDATION_FAILED',
    detail: 'The request has invalid fields.',
    errors: [
      { field: 'name', code: 'required', message: 'name is required' },
      { field: 'company', code: 'too_long', params: { max: 200 }, message: 'company must be at most 200 characters' },
      { field: 'status', code: 'invalid_enum', params: { allowed: ['new', 'contacted'] }, message: 'status must be one of: new, contacted' },
      { field: 'phone', code: 'some_future_code', message: 'phone is odd (server words)' },
      { field: 'tenant', code: 'unknown_field', message: 'unknown field' },
    ],
  });

const notFound = new ApiError({ type: 'urn:keyuan:problem:not-found', title: 'Not Found', status: 404, code: 'NOT_FOUND', detail: 'lead not found' });
const claimLimit = new ApiError({ type: 'x', title: 'Conflict', status: 409, code: 'POOL_CLAIM_LIMIT', detail: 'server words', limit: 5, held: 5 });

describe('problems rendered by code from the locale files', () => {
  afterEach(() => setLocale('en-US'));

  it('words field errors by code and params in Chinese, falling back to the server message', () => {
    setLocale('zh-CN');
    const form = useProblemForm(undefined, { fields: ['name', 'company', 'status', 'phone'] });
    form.apply(validation());
    expect(form.fieldErrors).toEqual({
      name: '必填',
      company: '不能超过 200 个字符',
      status: '请从以下选择：new、contacted',
      phone: 'phone is odd (server words)',
    });
    expect(form.formError.value).toBe('部分字段填写有误，请查看下方提示。 tenant: 未知字段');
  });

  it('words the same field errors in English', () => {
    setLocale('en-US');
    const form = useProblemForm();
    form.apply(validation());
    expect(form.fieldErrors.name).toBe('Required');
    expect(form.fieldErrors.company).toBe('At most 200 characters');
    expect(form.fieldErrors.status).toBe('Choose one of: new, contacted');
  });

  it('words a 404 and a problem with extension members in both languages', () => {
    setLocale('zh-CN');
    expect(describeError(notFound)).toBe('记录不存在或您无权查看。');
    expect(describeError(claimLimit)).toBe('您已从此公海领取 5 条，上限为 5 条。');
    setLocale('en-US');
    expect(describeError(notFound)).toBe('The record does not exist, or you may not see it.');
    expect(describeError(claimLimit)).toBe('You already hold 5 of the 5 records allowed from this pool.');
  });

  it('shows the server detail for a code the locale files do not know', () => {
    const unknown = new ApiError({ type: 'x', title: 'Conflict', status: 409, code: 'SOMETHING_NEW', detail: '服务器的说明' });
    expect(describeError(unknown)).toBe('服务器的说明');
    expect(fieldErrorText({ field: 'x', message: 'as sent' })).toBe('as sent');
  });
});
