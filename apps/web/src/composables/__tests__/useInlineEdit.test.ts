import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/client';
import { fieldErrorText, toApiValue, useInlineEdit } from '@/composables/useInlineEdit';

interface Row {
  id: string;
  version: number;
  company: string | null;
  status: string;
}

const row = (over: Partial<Row> = {}): Row => ({ id: 'l1', version: 3, company: '云启', status: 'new', ...over });
const apiError = (status: number, problem: Record<string, unknown> = {}) =>
  new ApiError({ type: 'about:blank', title: 'x', status, ...problem } as never, null);

afterEach(() => vi.restoreAllMocks());

describe('useInlineEdit', () => {
  it('saves one field with the version the user saw and keeps the saved record', async () => {
    const save = vi.fn(async (_id: string, patch: Record<string, unknown>, version: number) => row({ ...patch, version: version + 1 } as Partial<Row>));
    const onChange = vi.fn();
    const edit = useInlineEdit<Row>({ save, load: vi.fn(), onChange });
    const r = row();
    edit.start(r, 'company', 'text');
    expect(edit.draft.value).toBe('云启');
    edit.draft.value = '  数联科技 ';
    const saved = await edit.commit(r);
    expect(save).toHaveBeenCalledWith('l1', { company: '数联科技' }, 3);
    expect(saved?.version).toBe(4);
    expect(edit.active.value).toBeNull();
    expect(edit.current(r)).toMatchObject({ company: '数联科技', version: 4 });
    expect(onChange).toHaveBeenCalledWith(saved);
  });

  it('does not call the server when nothing changed', async () => {
    const save = vi.fn();
    const edit = useInlineEdit<Row>({ save, load: vi.fn() });
    edit.start(row(), 'status', 'select');
    await edit.commit(row());
    expect(save).not.toHaveBeenCalled();
    expect(edit.active.value).toBeNull();
  });

  it('on 412 reloads the record, keeps the typed value and saves it over the new version next time', async () => {
    const fresh = row({ version: 5, company: '别人改的' });
    const save = vi
      .fn<(id: string, patch: Record<string, unknown>, version: number) => Promise<Row>>()
      .mockRejectedValueOnce(apiError(412, { code: 'STALE_VERSION', currentVersion: 5 }))
      .mockResolvedValueOnce(row({ version: 6, company: '我的值' }));
    const load = vi.fn(async () => fresh);
    const onChange = vi.fn();
    const edit = useInlineEdit<Row>({ save, load, onChange });
    const r = row();
    edit.start(r, 'company', 'text');
    edit.draft.value = '我的值';

    expect(await edit.commit(r)).toBeUndefined();
    expect(load).toHaveBeenCalledWith('l1');
    expect(edit.active.value).toMatchObject({ id: 'l1', field: 'company' });
    expect(edit.draft.value).toBe('我的值');
    expect(edit.conflict.value).toEqual({ current: '别人改的' });
    expect(edit.error.value).toBeTruthy();
    expect(edit.current(r).version).toBe(5);
    expect(onChange).toHaveBeenCalledWith(fresh);

    const saved = await edit.commit(r);
    expect(save).toHaveBeenLastCalledWith('l1', { company: '我的值' }, 5);
    expect(saved?.version).toBe(6);
    expect(edit.conflict.value).toBeNull();
    expect(edit.active.value).toBeNull();
  });

  it('after a 412 a second save is sent even when the typed value equals the reloaded one', async () => {
    const save = vi
      .fn<(id: string, patch: Record<string, unknown>, version: number) => Promise<Row>>()
      .mockRejectedValueOnce(apiError(412))
      .mockResolvedValueOnce(row({ version: 6, company: 'X' }));
    const edit = useInlineEdit<Row>({ save, load: async () => row({ version: 5, company: 'X' }) });
    edit.start(row(), 'company', 'text');
    edit.draft.value = 'X';
    await edit.commit(row());
    await edit.commit(row());
    expect(save).toHaveBeenCalledTimes(2);
  });

  it('shows a field error by its code and stays open', async () => {
    const save = vi.fn().mockRejectedValue(
      apiError(400, { code: 'VALIDATION_FAILED', errors: [{ field: 'company', code: 'NO_SUCH_CODE_IN_LOCALES', message: 'company must be shorter' }] }),
    );
    const edit = useInlineEdit<Row>({ save, load: vi.fn() });
    edit.start(row(), 'company', 'text');
    edit.draft.value = 'x'.repeat(500);
    expect(await edit.commit(row())).toBeUndefined();
    expect(edit.error.value).toBe('company must be shorter');
    expect(edit.active.value).not.toBeNull();
    edit.cancel();
    expect(edit.error.value).toBeNull();
  });
});

describe('toApiValue and fieldErrorText', () => {
  it('sends blank text as null and date-times as ISO strings', () => {
    expect(toApiValue('text', '  ')).toBeNull();
    expect(toApiValue('number', '42')).toBe(42);
    expect(toApiValue('datetime', new Date('2026-12-01T02:00:00Z'))).toBe('2026-12-01T02:00:00.000Z');
    expect(toApiValue('date', '2026-12-01')).toBe('2026-12-01');
    expect(toApiValue('select', '')).toBeNull();
  });

  it('falls back to the problem when the field has no error of its own', () => {
    const err = apiError(409, { detail: 'A converted lead is read-only', errors: [{ field: 'other', code: 'X', message: 'm' }] });
    expect(fieldErrorText(err, 'company')).toBe('A converted lead is read-only');
  });
});
