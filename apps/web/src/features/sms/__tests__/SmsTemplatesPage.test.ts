import { afterEach, describe, expect, it, vi } from 'vitest';
import SmsTemplatesPage from '@/features/sms/pages/SmsTemplatesPage.vue';
import { json, mockNetwork } from '@/test/http';
import { mountWithApp } from '@/test/mount';
import { $, settle, field, typeInto } from '@/test/dom';

describe('the SMS template page (shared messaging page)', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });

  it('SMS: edits a template with the live part counter and the opt-out hint, and saves it with its version (empty code → null)', async () => {
    const tpl = { id: 't1', name: '发货', kind: 'notification', body: '{{name}}您好', providerTemplateCode: 'SMS_1', status: 'active', version: 4, variables: ['name'] };
    const { requests } = mockNetwork((r) => {
      const path = new URL(r.url).pathname;
      if (path === '/api/v1/sms/templates' && r.method === 'GET') return json({ data: [tpl] });
      if (path === '/api/v1/sms/settings') return json({ optOutLine: '退订回T' });
      if (path === '/api/v1/sms/templates/t1') return json({ ...tpl, version: 5 });
      return json({ data: [] });
    });
    const wrapper = mountWithApp(SmsTemplatesPage as never);
    await settle();
    const row = $('[data-testid="sms-templates-table"] .el-table__body tbody tr')!;
    expect(row.textContent).toContain('发货');
    expect(row.textContent).toContain('Notification');
    expect(row.textContent).toContain('SMS_1');
    (row.querySelector('.el-button--primary') as HTMLElement).click();
    await settle();
    expect(field('[data-testid="sms-template-body"]').value).toBe('{{name}}您好');
    typeInto('[data-testid="sms-template-body"]', '客'.repeat(71));
    ($('[data-testid="sms-template-form"] input[value="marketing"]') as HTMLInputElement).click();
    await settle();
    expect($('[data-testid="sms-counter-summary"]')?.textContent).toMatch(/71 .*2 .*UCS-2/);
    expect($('[data-testid="sms-template-form"]')?.textContent).toContain('退订回T');
    typeInto('[placeholder="SMS_154950909"]', '');
    $('[data-testid="sms-template-save"]')!.click();
    await settle();
    const patch = requests.find((r) => r.method === 'PATCH')!;
    expect(patch.path).toBe('/api/v1/sms/templates/t1');
    expect(JSON.parse(patch.body)).toEqual({ name: '发货', body: '客'.repeat(71), kind: 'marketing', providerTemplateCode: null, status: 'active', version: 4 });
    wrapper.unmount();
  });
});
