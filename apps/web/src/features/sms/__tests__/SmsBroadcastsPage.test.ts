import { afterEach, describe, expect, it, vi } from 'vitest';
import SmsBroadcastsPage from '@/features/sms/pages/SmsBroadcastsPage.vue';
import { json, mockNetwork } from '@/test/http';
import { mountWithApp } from '@/test/mount';
import { $, $$, settle, broadcastRow } from '@/test/dom';

describe('the SMS broadcasts page (shared messaging page)', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });

  it('SMS: pages with "load more", shows the template column, offers cancel only while a broadcast runs, has no recipients drawer', async () => {
    const { requests } = mockNetwork((r) => {
      const url = new URL(r.url);
      if (url.pathname === '/api/v1/sms/broadcasts' && !url.searchParams.get('cursor')) return json({ data: [broadcastRow('b1', '春季促销', 'waiting'), broadcastRow('b2', '发货通知', 'completed')], nextCursor: 'c1' });
      if (url.pathname === '/api/v1/sms/broadcasts') return json({ data: [broadcastRow('b3', '旧活动', 'canceled')], nextCursor: null });
      return json({ data: [] });
    });
    const wrapper = mountWithApp(SmsBroadcastsPage as never);
    await settle();
    expect($('[data-testid="page-sms-broadcasts"]')).not.toBeNull();
    const rows = () => $$('[data-testid="sms-broadcasts-table"] .el-table__body tbody tr');
    expect(rows()).toHaveLength(2);
    expect(rows()[0].textContent).toContain('T 春季促销');
    expect(rows()[0].textContent).toContain('Waiting for allowed hours');
    expect(rows()[0].textContent).toContain('Cancel');
    expect(rows()[1].textContent).not.toContain('Cancel');
    expect($('[data-testid="sms-progress-春季促销"]')?.getAttribute('aria-valuenow')).toBe('50');
    expect($('[data-testid^="sms-recipients-"]')).toBeNull();
    $('[data-testid="sms-broadcasts-more"]')!.click();
    await settle();
    expect(rows()).toHaveLength(3);
    expect($('[data-testid="sms-broadcasts-more"]')).toBeNull();
    expect(requests.filter((r) => r.path === '/api/v1/sms/broadcasts').map((r) => r.url.search)).toEqual(['?limit=50', '?limit=50&cursor=c1']);
    wrapper.unmount();
  });
});
