import { describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import { ApiError } from '@/api/client';
import { duplicateMatchesOf, duplicateRoute, useDuplicateGuard } from '@/composables/useDuplicateGuard';

const match = { entityType: 'lead', id: 'l-1', matchedOn: 'phone', name: '王小明', ownerName: '李雷 Li Lei', value: '139****5678', visible: true } as const;
const duplicate = new ApiError({
  type: 'urn:keyuan:problem:duplicate-found',
  title: 'Conflict',
  status: 409,
  code: 'DUPLICATE_FOUND',
  detail: '1 existing record(s) share this phone',
  errors: [{ field: 'phone', message: 'matches an existing record' }],
  matches: [match],
});

describe('useDuplicateGuard', () => {
  it('reads the matches of a 409 DUPLICATE_FOUND only', () => {
    expect(duplicateMatchesOf(duplicate)).toEqual([match]);
    expect(duplicateMatchesOf(new ApiError({ type: 'x', title: 'Conflict', status: 409, code: 'LEAD_CONVERTED' }))).toBeNull();
    expect(duplicateMatchesOf(new Error('x'))).toBeNull();
    expect(duplicateRoute(match)).toEqual({ name: 'lead-detail', params: { id: 'l-1' } });
    expect(duplicateRoute({ ...match, visible: false })).toBeNull();
  });

  it('shows the matches and repeats the call with allowDuplicate on "save anyway"', async () => {
    const guard = useDuplicateGuard();
    const call = vi.fn(async (allow: boolean) => {
      if (!allow) throw duplicate;
      return { id: 'new' };
    });
    const result = guard.run(call);
    await vi.waitFor(() => expect(guard.open.value).toBe(true));
    expect(guard.matches.value).toEqual([match]);
    guard.confirm();
    await expect(result).resolves.toEqual({ id: 'new' });
    expect(call.mock.calls.map((c) => c[0])).toEqual([false, true]);
    await nextTick();
    expect(guard.open.value).toBe(false);
  });

  it('resolves to undefined when the user cancels, without a second call', async () => {
    const guard = useDuplicateGuard();
    const call = vi.fn(async () => {
      throw duplicate;
    });
    const result = guard.run(call);
    await vi.waitFor(() => expect(guard.open.value).toBe(true));
    guard.cancel();
    await expect(result).resolves.toBeUndefined();
    expect(call).toHaveBeenCalledTimes(1);
  });

  it('lets other errors through (useProblemForm maps them)', async () => {
    const guard = useDuplicateGuard();
    const invalid = new ApiError({ type: 'x', title: 'Bad Request', status: 400, errors: [{ field: 'email', message: 'bad' }] });
    await expect(guard.run(async () => Promise.reject(invalid))).rejects.toBe(invalid);
    expect(guard.open.value).toBe(false);
  });
});
