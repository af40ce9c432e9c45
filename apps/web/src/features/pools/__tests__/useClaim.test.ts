import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent } from 'vue';
import { ApiError } from '@/api/client';
import { useClaim } from '@/features/pools/composables/useClaim';
import { flush, mountWithApp } from '@/test/mount';

const { alert, success, error } = vi.hoisted(() => ({ alert: vi.fn(async (_message: string) => 'confirm'), success: vi.fn(), error: vi.fn() }));
vi.mock('element-plus', async (original) => ({
  ...(await original<object>()),
  ElMessageBox: { alert },
  ElMessage: { success, error },
}));

/** Mounts a component that only holds the composable, as the lead and account pages and the pool table do. */
function withClaim() {
  let api!: ReturnType<typeof useClaim>;
  mountWithApp(defineComponent({ setup: () => ((api = useClaim()), () => null) }));
  return api;
}

const overLimit = new ApiError({ type: 'x', title: 'Conflict', status: 409, code: 'POOL_CLAIM_LIMIT', detail: 'You already hold 3 of 3', limit: 3, held: 3 });

describe('useClaim', () => {
  afterEach(() => vi.clearAllMocks());

  it('claims and says so', async () => {
    const { claim, claiming } = withClaim();
    const action = vi.fn(async () => ({ id: 'l-1' }));
    const done = claim('l-1', action);
    expect(claiming.value).toBe('l-1');
    await expect(done).resolves.toBe(true);
    expect(claiming.value).toBeNull();
    expect(success).toHaveBeenCalledWith('Claimed: it is yours now');
  });

  it.each(['lead', 'account'])('shows the limit dialog with held and limit over the claim limit (%s)', async (kind) => {
    const { claim } = withClaim();
    await expect(claim(`${kind}-1`, async () => Promise.reject(overLimit))).resolves.toBe(false);
    await flush();
    expect(alert).toHaveBeenCalledTimes(1);
    expect(alert.mock.calls[0][0]).toContain('You already hold 3 of the 3 records');
    expect(error).not.toHaveBeenCalled();
  });

  it('shows other errors as a message, not the limit dialog', async () => {
    const { claim } = withClaim();
    const notMember = new ApiError({ type: 'x', title: 'Forbidden', status: 403, code: 'POOL_NOT_MEMBER', detail: 'You are not a member of the pool East' });
    await expect(claim('l-2', async () => Promise.reject(notMember))).resolves.toBe(false);
    expect(alert).not.toHaveBeenCalled();
    expect(error).toHaveBeenCalledTimes(1);
  });
});
