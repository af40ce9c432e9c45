import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import WebhookDeliveries from '@/features/integrations/components/WebhookDeliveries.vue';
import ApiKeysPage from '@/features/integrations/pages/ApiKeysPage.vue';
import { adminMe, json, mockNetwork } from '@/test/http';
import { useAuthStore } from '@/stores/auth';
import { flush, mountWithApp } from '@/test/mount';

const $ = (selector: string) => document.body.querySelector<HTMLElement>(selector);
async function settle() {
  for (let i = 0; i < 6; i++) {
    await flush();
    await nextTick();
  }
}
const page = (data: unknown[]) => json({ data, nextCursor: null, total: data.length, totalIsEstimate: false });
const webhook = { id: 'w1', name: 'ERP', url: 'https://erp.example.com/hook', events: ['lead.created'], enabled: true, disabledReason: null, failingSince: null, createdAt: '2026-11-30T08:00:00.000Z', version: 1 };
const delivery = {
  id: 'd1', messageId: 'e1.lead.created', eventType: 'lead.created', entityId: 'l1', status: 'failed', attempts: 10, responseStatus: 500,
  durationMs: 42, responseBody: 'boom', error: null, nextAttemptAt: null, replayOf: null, createdAt: '2026-11-30T08:00:00.000Z', deliveredAt: null,
};

describe('integrations admin', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });

  it('lists a webhook’s deliveries with status, code and duration, and replays one', async () => {
    const { requests } = mockNetwork((req) => {
      if (req.url.endsWith('/auth/me')) return json({ ...adminMe, permissions: [{ module: 'integrations', actions: ['read', 'update'], scope: 'all' }] });
      return req.method === 'POST' ? json({ ...delivery, id: 'd2', status: 'pending', replayOf: 'd1' }, 201) : page([delivery]);
    });
    mountWithApp(WebhookDeliveries as never, { props: { modelValue: true, webhook } } as never);
    await useAuthStore().loadMe();
    await settle();
    const row = $('[data-testid="delivery-table"] tbody tr')!.textContent!;
    expect(row).toContain('lead.created');
    expect(row).toContain('500');
    expect(row).toContain('42 ms');
    $('[data-testid="delivery-replay"]')!.click();
    await settle();
    expect(requests.map((r) => `${r.method} ${r.path}`)).toContain('POST /api/v1/webhooks/w1/deliveries/d1/replay');
  });

  it('lists API keys by prefix, role, service user and status, never a secret', async () => {
    mockNetwork(() =>
      page([
        { id: 'k1', name: 'ERP sync', prefix: 'ky_live_Ab12Cd', roleId: 'r', roleName: 'Sales rep', userId: 'u', userName: 'ERP bot', expiresAt: null, lastUsedAt: null, lastUsedIp: null, ipAllowList: [], rateLimitPerMinute: 600, revokedAt: null, status: 'active', createdAt: '2026-11-30T08:00:00.000Z' },
      ]),
    );
    mountWithApp(ApiKeysPage as never, {} as never);
    await settle();
    const row = $('[data-testid="api-key-table"] tbody tr')!.textContent!;
    expect(row).toContain('ERP sync');
    expect(row).toContain('ky_live_Ab12Cd…');
    expect(row).toContain('ERP bot');
  });
});
