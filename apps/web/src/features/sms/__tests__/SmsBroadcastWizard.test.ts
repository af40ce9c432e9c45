import { afterEach, describe, expect, it, vi } from 'vitest';
import SmsBroadcastsPage from '@/features/sms/pages/SmsBroadcastsPage.vue';
import { json, mockNetwork } from '@/test/http';
import { mountWithApp } from '@/test/mount';
import { $, settle } from '@/test/dom';

async function pick(select: string, option: string) {
  const input = $(`${select} input`)!;
  input.focus();
  input.dispatchEvent(new Event('focus'));
  $(`${select} .el-select__wrapper`)?.click();
  await settle();
  const item = [...document.body.querySelectorAll<HTMLElement>('.el-select-dropdown__item')].find((x) => x.textContent?.includes(option));
  expect(item, option).toBeDefined();
  item!.click();
  await settle();
}

/** The browser tests drive the email wizard; this drives the same shared wizard through the SMS channel. */

describe('the shared broadcast wizard, SMS channel', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });

  it('offers active templates with the text and its part counter, estimates recipients × parts, and starts the broadcast', async () => {
    const { requests } = mockNetwork((r) => {
      const path = new URL(r.url).pathname;
      if (path === '/api/v1/sms/templates')
        return json({
          data: [
            { id: 't1', name: '到货通知', kind: 'notification', body: '{{name}}您好，您的订单已到货', status: 'active', version: 1 },
            { id: 't2', name: '停用模板', kind: 'notification', body: 'x', status: 'disabled', version: 1 },
          ],
        });
      if (path === '/api/v1/contacts') return json({ data: [{ id: 'c1', name: '王五' }], nextCursor: null, total: 1 });
      if (path === '/api/v1/sms/broadcasts/estimate') return json({ recipients: 3, recipientsIsEstimate: false, partsPerMessage: 1, totalParts: 3, sample: '王五您好，您的订单已到货' });
      if (path === '/api/v1/sms/broadcasts' && r.method === 'POST') return json({ id: 'b9' }, 201);
      return json({ data: [], nextCursor: null });
    });
    const wrapper = mountWithApp(SmsBroadcastsPage as never);
    await settle();
    $('[data-testid="sms-broadcast-new"]')!.click();
    await settle();
    await pick('[data-testid="sms-broadcast-contacts"]', '王五');
    $('[data-testid="sms-broadcast-next"]')!.click();
    await settle();
    await pick('[data-testid="sms-broadcast-template"]', '到货通知 · Notification');
    // only active templates are offered
    expect([...document.body.querySelectorAll('.el-select-dropdown__item')].map((x) => x.textContent)).not.toContain('停用模板 · Notification');
    expect($('[data-testid="sms-broadcast-wizard"] .sms-preview')?.textContent).toBe('{{name}}您好，您的订单已到货');
    expect($('[data-testid="sms-broadcast-wizard"] [data-testid="sms-counter-summary"]')?.textContent).toMatch(/UCS-2/);
    $('[data-testid="sms-broadcast-next"]')!.click();
    await settle();
    $('[data-testid="sms-broadcast-next"]')!.click();
    await settle();
    const estimate = requests.find((r) => r.path === '/api/v1/sms/broadcasts/estimate')!;
    expect(JSON.parse(estimate.body)).toEqual({ templateId: 't1', audience: { type: 'contacts', contactIds: ['c1'] } });
    expect($('[data-testid="sms-broadcast-estimate"]')?.textContent).toContain('About 3 recipients × 1 part(s) = 3 parts');
    expect($('[data-testid="sms-broadcast-wizard"]')?.textContent).toContain('王五您好，您的订单已到货');
    $('[data-testid="sms-broadcast-start"]')!.click();
    await settle();
    const created = requests.find((r) => r.path === '/api/v1/sms/broadcasts' && r.method === 'POST')!;
    expect(JSON.parse(created.body)).toEqual({ name: '到货通知', templateId: 't1', audience: { type: 'contacts', contactIds: ['c1'] } });
    wrapper.unmount();
  });
});
