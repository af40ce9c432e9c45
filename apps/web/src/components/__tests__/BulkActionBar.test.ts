import { afterEach, describe, expect, it, vi } from 'vitest';
import BulkActionBar from '@/components/BulkActionBar.vue';
import { useAuthStore } from '@/stores/auth';
import { adminMe, json, mockNetwork } from '@/test/http';
import { flush, mountWithApp } from '@/test/mount';

/** A user whose leads grant is `actions` (no delete for a rep). */
const meWith = (actions: string[]) => ({ ...adminMe, permissions: [{ module: 'leads', actions, scope: 'own' }] });

async function mountBar(actions: string[], results: unknown[], ids = ['a', 'b', 'c']) {
  const net = mockNetwork((req) => (new URL(req.url).pathname === '/api/v1/auth/me' ? json(meWith(actions)) : json({ results })));
  const wrapper = mountWithApp(BulkActionBar as never, {
    props: { resource: 'leads', module: 'leads', actions: ['assign', 'changeStatus', 'moveToPool', 'addTag', 'delete'], ids, statusOptions: [{ value: 'contacted', label: 'Contacted' }] },
  } as never);
  await useAuthStore().loadMe();
  await flush();
  return { wrapper, net };
}

describe('BulkActionBar', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });

  it('offers only the actions the grant allows', async () => {
    const { wrapper } = await mountBar(['read', 'update'], []);
    expect(wrapper.find('[data-testid="bulk-count"]').text()).toBe('3 selected');
    expect(wrapper.find('[data-testid="bulk-assign"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="bulk-tag"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="bulk-delete"]').exists()).toBe(false);
  });

  it('sends one request and sums up the per-record failures by their codes', async () => {
    const { wrapper, net } = await mountBar(['read', 'update', 'delete'], [
      { id: 'a', ok: true },
      { id: 'b', ok: false, status: 409, code: 'LEAD_CONVERTED' },
      { id: 'c', ok: false, status: 404, code: 'NOT_FOUND' },
    ]);
    vi.spyOn(ElMessageBox, 'prompt').mockResolvedValue({ value: ' 重点 ', action: 'confirm' } as never);
    const warn = vi.spyOn(ElMessage, 'warning');
    await wrapper.find('[data-testid="bulk-tag"]').trigger('click');
    await flush();
    await flush();
    const sent = net.requests.filter((r) => r.path === '/api/v1/leads/bulk');
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0].body)).toEqual({ action: 'addTag', ids: ['a', 'b', 'c'], params: { tag: '重点' } });
    const message = String((warn.mock.calls[0][0] as { message: string }).message);
    expect(message).toContain('Done for 1, not for 2');
    expect(message).toContain('A converted lead is read-only');
    expect(wrapper.emitted('done')).toHaveLength(1);
  });

  it('holds back the actions above the 200 records one request takes, and says so', async () => {
    const { wrapper, net } = await mountBar(['read', 'update', 'delete'], [], Array.from({ length: 201 }, (_, i) => `id-${i}`));
    expect(wrapper.find('[data-testid="bulk-too-many"]').text()).toContain('200');
    expect(wrapper.find('[data-testid="bulk-assign"]').attributes('disabled')).toBeDefined();
    await wrapper.find('[data-testid="bulk-tag"]').trigger('click');
    await flush();
    expect(net.requests.filter((r) => r.path === '/api/v1/leads/bulk')).toHaveLength(0);
  });
});
