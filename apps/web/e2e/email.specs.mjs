import { loginWithApi } from './customers.specs.mjs';
import { assert, shot } from './helpers.mjs';

/**
 * Email: the admin adds a mailbox and its connection test shows the server's own error; a user writes to a contact
 * from its email tab with a template, previews it and sends it; the public unsubscribe page answers in both languages.
 */
export const emailSpecs = [
  {
    name: 'email: mailbox settings test the connection; the compose dialog previews a template and queues the mail on the contact',
    async run({ page, config }) {
      const api = await loginWithApi(page, config, config.admin);
      const stamp = Date.now();
      await page.goto('/email/accounts');
      await page.locator('[data-testid="page-email-accounts"]').waitFor();
      await page.locator('[data-testid="email-account-new"]').click();
      const address = `e2e-${stamp}@keyuan.test`;
      await page.locator('input[data-testid="email-account-name"], [data-testid="email-account-name"] input').first().fill('E2E 邮箱');
      await page.locator('input[data-testid="email-account-address"], [data-testid="email-account-address"] input').first().fill(address);
      await page.locator('input[data-testid="email-account-smtp-host"], [data-testid="email-account-smtp-host"] input').first().fill('127.0.0.1');
      await page.locator('input[data-testid="email-account-smtp-port"], [data-testid="email-account-smtp-port"] input').first().fill('9');
      await page.locator('[data-testid="email-smtp-security-none"]').click();
      await page.locator('input[data-testid="email-account-password"], [data-testid="email-account-password"] input').first().fill('not-returned-123');
      await page.locator('[data-testid="email-account-save"]').click();
      const testButton = page.locator(`[data-testid="email-test-${address}"]`);
      await testButton.waitFor();
      await testButton.click();
      // nothing listens on port 9: the SMTP side reports the connection error in the system's words
      await page.locator(`[data-testid="email-test-result-${address}"]`, { hasText: /ECONNREFUSED|refused/i }).waitFor();
      await shot(page, config, '97-email-accounts');
      const listed = await api('GET', '/email/accounts');
      const mine = listed.data.find((a) => a.address === address);
      assert(mine && mine.smtpPasswordSet === true && !JSON.stringify(listed).includes('not-returned-123'), 'the password is stored and never returned');
      await api('PATCH', `/email/accounts/${mine.id}`, { isDefault: true, version: mine.version });

      const account = await api('POST', '/accounts', { name: `E2E 邮件客户 ${stamp}` });
      const contact = await api('POST', '/contacts?allowDuplicate=true', { name: `E2E 邮件 ${stamp}`, accountId: account.id, email: `buyer-${stamp}@customer.test` });
      const tpl = await api('POST', '/email/templates', { name: `E2E 模板 ${stamp}`, subject: '{{name}} 的报价', bodyHtml: '<p>{{name}}您好，附上报价。</p>' });
      await page.goto(`/contacts/${contact.id}`);
      await page.getByRole('tab', { name: /^(Email|邮件)$/ }).click();
      await page.locator('[data-testid="email-tab"]').waitFor();
      await page.locator('[data-testid="email-write"]').click();
      const dialog = page.locator('[data-testid="email-compose"]');
      await dialog.locator('[data-testid="email-compose-template"]').click();
      await page.locator('.el-select-dropdown__item:visible', { hasText: tpl.name }).click();
      await dialog.locator('[data-testid="email-compose-preview-btn"]').click();
      await dialog.locator('[data-testid="email-compose-preview"]', { hasText: `${contact.name} 的报价` }).waitFor();
      await dialog.locator('[data-testid="email-compose-preview"]', { hasText: '您好，附上报价' }).waitFor();
      await shot(page, config, '98-email-compose');
      await dialog.locator('[data-testid="email-compose-send"]').click();
      await page.locator('[data-testid="email-thread"]', { hasText: `${contact.name} 的报价` }).waitFor();
      const sent = await api('GET', `/email/messages?recordType=contact&recordId=${contact.id}`);
      assert(sent.data.length === 1 && sent.data[0].templateId === tpl.id, 'the message is written for the contact from the template');
      await api('PATCH', `/email/accounts/${mine.id}`, { isDefault: false, version: mine.version + 1 });
    },
  },
  {
    name: 'email: the public unsubscribe page answers without login in both languages',
    async run({ page }) {
      await page.goto('/unsubscribe?t=forged.token');
      await page.locator('[data-testid="unsubscribe-invalid"]').waitFor();
      const text = await page.locator('[data-testid="page-unsubscribe"]').innerText();
      assert(/退订|Unsubscribe/.test(text), 'the page has its title');
    },
  },
];
