import { afterEach, describe, expect, it, vi } from 'vitest';
import EmailTemplatesPage from '@/features/email/pages/EmailTemplatesPage.vue';
import { json, mockNetwork } from '@/test/http';
import { mountWithApp } from '@/test/mount';
import { $, settle, field, typeInto } from '@/test/dom';

describe('the email template page (shared messaging page)', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });

  it('email: a new template starts from the greeting, previews through the server and is created', async () => {
    const { requests } = mockNetwork((r) => {
      const path = new URL(r.url).pathname;
      if (path === '/api/v1/email/templates' && r.method === 'GET') return json({ data: [] });
      if (path === '/api/v1/email/templates/preview') return json({ subject: '报价', html: '<p>您好</p>', text: '您好', missing: ['name'] });
      if (path === '/api/v1/email/templates') return json({ id: 'n1' }, 201);
      return json({ data: [] });
    });
    const wrapper = mountWithApp(EmailTemplatesPage as never);
    await settle();
    expect($('[data-testid="page-email-templates"]')?.textContent).toContain('No email template yet.');
    $('[data-testid="email-template-new"]')!.click();
    await settle();
    expect(field('[data-testid="email-template-body"]').value).toBe('<p>{{name}}您好：</p>\n<p></p>');
    typeInto('[data-testid="email-template-name"]', '报价模板');
    typeInto('[data-testid="email-template-subject"]', '报价');
    $('[data-testid="email-template-preview"]')!.click();
    await settle();
    expect($('[data-testid="email-template-preview-box"]')?.textContent).toContain('No value for: name');
    $('[data-testid="email-template-save"]')!.click();
    await settle();
    const post = requests.find((r) => r.method === 'POST' && r.path === '/api/v1/email/templates')!;
    expect(JSON.parse(post.body)).toEqual({ name: '报价模板', subject: '报价', bodyHtml: '<p>{{name}}您好：</p>\n<p></p>', kind: 'notification' });
    wrapper.unmount();
  });
});
