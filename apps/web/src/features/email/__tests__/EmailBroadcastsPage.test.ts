import { afterEach, describe, expect, it, vi } from 'vitest';
import EmailBroadcastsPage from '@/features/email/pages/EmailBroadcastsPage.vue';
import { json, mockNetwork } from '@/test/http';
import { mountWithApp } from '@/test/mount';
import { $, $$, settle, broadcastRow } from '@/test/dom';

describe('the email broadcasts page (shared messaging page)', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });

  it('email: shows opens and clicks, and the recipients drawer lists each recipient with its status', async () => {
    const { requests } = mockNetwork((r) => {
      const url = new URL(r.url);
      if (url.pathname === '/api/v1/email/broadcasts') return json({ data: [broadcastRow('e1', '新品发布', 'completed', { percent: 100 })] });
      if (url.pathname === '/api/v1/email/messages')
        return json({
          data: [
            { id: 'm1', recordName: '张三', to: ['zhang@customer.test'], status: 'sent', sentAt: '2026-11-30T08:01:00.000Z', openedAt: null, errorCode: null, errorMessage: null },
            { id: 'm2', recordName: null, to: ['bad@customer.test'], status: 'failed', sentAt: null, openedAt: null, errorCode: '550', errorMessage: 'mailbox unavailable' },
          ],
          nextCursor: null,
        });
      return json({ data: [] });
    });
    const wrapper = mountWithApp(EmailBroadcastsPage as never);
    await settle();
    const row = $('[data-testid="email-broadcasts-table"] .el-table__body tbody tr')!;
    expect(row.textContent).toContain('1 opened');
    expect(row.textContent).toContain('3 clicks');
    expect(row.textContent).not.toContain('Cancel');
    expect($('[data-testid="email-broadcasts-more"]')).toBeNull();
    $('[data-testid="email-recipients-新品发布"]')!.click();
    await settle();
    expect(requests.find((r) => r.path === '/api/v1/email/messages')?.url.search).toBe('?broadcastId=e1&limit=100');
    const recipients = $$('[data-testid="email-broadcast-recipients"] .el-table__body tbody tr').map((r) => r.textContent);
    expect(recipients[0]).toContain('张三');
    expect(recipients[0]).toContain('zhang@customer.test');
    expect(recipients[0]).toContain('Sent');
    expect(recipients[1]).toContain('—');
    expect(recipients[1]).toContain('mailbox unavailable');
    wrapper.unmount();
  });
});
