import { describe, expect, it } from 'vitest';
import { nextTick, reactive } from 'vue';
import { ApiError } from '@/api/client';
import { normalizeField, useProblemForm } from '@/composables/useProblemForm';

const validation = new ApiError({
  type: 'https://keyuan.dev/problems/validation',
  title: 'Bad Request',
  status: 400,
  detail: 'Validation failed',
  errors: [
    { field: 'email', message: 'email must be an email' },
    { field: 'email', message: 'email is taken' },
    { field: 'items[0].name', message: 'name is required' },
    { field: 'tenant', message: 'unknown field tenant' },
  ],
});

describe('useProblemForm', () => {
  it('normalizes array paths to Element Plus prop paths', () => {
    expect(normalizeField('items[0].name')).toBe('items.0.name');
    expect(normalizeField('permissions[12].scope')).toBe('permissions.12.scope');
    expect(normalizeField('email')).toBe('email');
  });

  it('puts each errors[].field message on its form item and the rest on the form', async () => {
    const form = useProblemForm(undefined, { fields: ['email', 'items.0.name'] });
    const result = await form.submit(() => Promise.reject(validation));
    expect(result).toBeUndefined();
    expect(form.fieldErrors.email).toBe('email must be an email; email is taken');
    expect(form.fieldErrors['items.0.name']).toBe('name is required');
    expect(form.formError.value).toBe('Validation failed unknown field tenant');
    expect(form.submitting.value).toBe(false);
  });

  it('without a field list maps every field and shows no form error', () => {
    const form = useProblemForm();
    form.apply(validation);
    expect(Object.keys(form.fieldErrors).sort()).toEqual(['email', 'items.0.name', 'tenant']);
    expect(form.formError.value).toBeNull();
  });

  it('shows a problem without field errors as the form error (stale version)', async () => {
    const form = useProblemForm();
    await form.submit(() => Promise.reject(new ApiError({ type: 'x', title: 'Precondition Failed', status: 412 })));
    expect(form.formError.value).toMatch(/changed this record|已被他人修改/);
  });

  it('clears a field error when the user edits that field', async () => {
    const model = reactive({ email: 'a@b', name: 'x' });
    const form = useProblemForm(model);
    form.apply(validation);
    model.name = 'y';
    await nextTick();
    expect(form.fieldErrors.email).toBeDefined();
    model.email = 'a@b.c';
    await nextTick();
    expect(form.fieldErrors.email).toBeUndefined();
  });

  it('returns the result and clears earlier errors on success', async () => {
    const form = useProblemForm();
    form.apply(validation);
    expect(await form.submit(async () => 42)).toBe(42);
    expect(form.fieldErrors).toEqual({});
    expect(form.formError.value).toBeNull();
  });
});
