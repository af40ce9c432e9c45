import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { loginWithApi } from './customers.specs.mjs';
import { assert, shot } from './helpers.mjs';

/** A real SMTP server on loopback (the API's `smtp-server` test dependency): the demo server has no mail server of its own. */
async function startSmtp() {
  const require = createRequire(fileURLToPath(new URL('../../api/package.json', import.meta.url)));
  const { SMTPServer } = require('smtp-server');
  const received = [];
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    onAuth: (auth, session, cb) => (auth.username === 'bulk' && auth.password === 'bulk-secret' ? cb(null, { user: 'bulk' }) : cb(new Error('535 bad login'))),
    logger: false,
    onData(stream, session, cb) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received.push(session.envelope.rcptTo.map((r) => r.address));
        cb();
      });
    },
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: server.server.address().port, received, close: () => new Promise((resolve) => server.close(resolve)) };
}

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
  {
    name: 'email: the broadcast wizard estimates the recipients, starts a broadcast and its progress reaches 100 % with each recipient sent',
    async run({ page, config }) {
      const api = await loginWithApi(page, config, config.admin);
      const smtp = await startSmtp();
      const stamp = Date.now();
      const before = (await api('GET', '/email/accounts')).data.find((a) => a.isDefault);
      const box = await api('POST', '/email/accounts', { name: `E2E 群发 ${stamp}`, address: `bulk-${stamp}@keyuan.test`, smtpHost: '127.0.0.1', smtpPort: smtp.port, smtpSecurity: 'none', smtpUser: 'bulk', smtpPassword: 'bulk-secret', isDefault: true });
      try {
        const account = await api('POST', '/accounts', { name: `E2E 群发客户 ${stamp}` });
        for (const i of [1, 2]) await api('POST', '/contacts?allowDuplicate=true', { name: `E2E 群发${stamp} ${i}`, accountId: account.id, email: `bulk${i}-${stamp}@customer.test` });
        const tpl = await api('POST', '/email/templates', { name: `E2E 群发模板 ${stamp}`, subject: '{{name}}：新品发布', bodyHtml: '<p>{{name}}您好，新品发布。</p>', kind: 'marketing' });

        await page.goto('/email/templates');
        await page.locator('[data-testid="email-templates-table"]', { hasText: tpl.name }).waitFor();
        await page.goto('/email/broadcasts');
        await page.locator('[data-testid="page-email-broadcasts"]').waitFor();
        await page.locator('[data-testid="email-broadcast-new"]').click();
        const wizard = page.locator('[data-testid="email-broadcast-wizard"]');
        await wizard.locator('[data-testid="email-broadcast-contacts"]').click();
        await page.keyboard.type(`群发${stamp}`);
        for (const i of [1, 2]) await page.locator('.el-select-dropdown__item:visible', { hasText: `E2E 群发${stamp} ${i}` }).click();
        // close the dropdown (it covers the footer) by clicking the dialog's header
        await page.locator('.el-dialog__header', { hasText: /群发|bulk email/i }).click();
        await page.locator('.el-select-dropdown__item:visible').first().waitFor({ state: 'hidden' });
        await page.locator('[data-testid="email-broadcast-next"]').click();
        await wizard.locator('input[data-testid="email-broadcast-name"], [data-testid="email-broadcast-name"] input').first().fill(`E2E 群发 ${stamp}`);
        await wizard.locator('[data-testid="email-broadcast-template"]').click();
        await page.locator('.el-select-dropdown__item:visible', { hasText: tpl.name }).click();
        await wizard.locator('.email-preview', { hasText: '新品发布' }).waitFor();
        await page.locator('[data-testid="email-broadcast-next"]').click();
        await page.locator('[data-testid="email-broadcast-next"]').click();
        await page.locator('[data-testid="email-broadcast-estimate"]', { hasText: /2/ }).waitFor();
        await page.locator('[data-testid="email-broadcast-start"]').click();
        // the list refreshes every 3 s while the broadcast runs: the bar reaches 100 %
        const bar = page.locator(`[data-testid="email-progress-E2E 群发 ${stamp}"]`);
        await bar.waitFor();
        // a finished bar shows a check instead of its number: read the value the progress bar announces
        await page.locator(`[data-testid="email-progress-E2E 群发 ${stamp}"][aria-valuenow="100"]`).waitFor({ timeout: 90000 });
        await page.locator('[data-testid="email-broadcasts-table"] tr', { hasText: `E2E 群发 ${stamp}` }).filter({ hasText: /已完成|Completed/ }).waitFor();
        await shot(page, config, '99-email-broadcast');
        await page.locator(`[data-testid="email-recipients-E2E 群发 ${stamp}"]`).click();
        const recipients = page.locator('[data-testid="email-broadcast-recipients"]');
        for (const i of [1, 2]) await recipients.locator('tr', { hasText: `bulk${i}-${stamp}@customer.test` }).filter({ hasText: /已发送|Sent/ }).waitFor();
        assert(smtp.received.flat().filter((a) => a.endsWith(`-${stamp}@customer.test`)).length === 2, 'both recipients got the mail through SMTP');
      } finally {
        if (before) await api('PATCH', `/email/accounts/${before.id}`, { isDefault: true });
        await api('DELETE', `/email/accounts/${box.id}`);
        await smtp.close();
      }
    },
  },
];
