import { assert, clickForAnswer, login, shot } from './helpers.mjs';

const stamp = Date.now().toString(36);

export const integrationSpecs = [
  {
    name: 'integrations: admin creates an API key (secret shown once), the key works, revoking stops it; a webhook shows its secret once and its deliveries',
    async run({ page, config }) {
      await login(page, config.admin);
      await page.locator('[data-testid="menu-admin-api-keys"]').click();
      await page.locator('[data-testid="page-api-keys"]').waitFor();

      await page.locator('[data-testid="api-key-add"]').click();
      await page.locator('[data-testid="api-key-form"]').waitFor();
      await page.locator('input[data-testid="api-key-name"]').fill(`ERP ${stamp}`);
      await page.locator('[data-testid="api-key-role"]').click();
      await page.locator('.el-select-dropdown__item:visible').first().click();
      await page.locator('[data-testid="api-key-user"]').click();
      await page.locator('.el-select-dropdown__item:visible', { hasText: 'admin@keyuan.local' }).first().click();
      const created = await clickForAnswer(page, page.locator('[data-testid="api-key-save"]'), 'POST', /\/api\/v1\/api-keys$/);
      assert(created.status() === 201, `the key is created (got ${created.status()})`);
      const secret = (await page.locator('[data-testid="api-key-secret"]').innerText()).trim();
      assert(/^ky_live_/.test(secret), `the secret is shown once (got ${secret})`);
      await shot(page, config, '95-api-key-secret');
      await page.locator('[data-testid="api-key-done"]').click();
      await page.locator('[data-testid="api-key-form"]').waitFor({ state: 'hidden' });
      await page.locator('[data-testid="api-key-table"]', { hasText: `ERP ${stamp}` }).waitFor();
      assert(!(await page.locator('[data-testid="page-api-keys"]').innerText()).includes(secret), 'the list never shows the secret');

      const call = () => page.evaluate(async (key) => (await fetch('/api/v1/auth/me', { headers: { 'X-API-Key': key } })).status, secret);
      assert((await call()) === 200, 'the key authenticates');
      await page.locator(`[data-testid="api-key-revoke-ERP ${stamp}"]`).click();
      await clickForAnswer(page, page.locator('.el-message-box__btns .el-button--primary'), 'POST', /\/revoke$/);
      assert((await call()) === 401, 'a revoked key is refused at once');

      await page.locator('[data-testid="menu-admin-webhooks"]').click();
      await page.locator('[data-testid="page-webhooks"]').waitFor();
      await page.locator('[data-testid="webhook-add"]').click();
      await page.locator('input[data-testid="webhook-name"]').fill(`Hook ${stamp}`);
      await page.locator('input[data-testid="webhook-url"]').fill('https://hooks.example.com/keyuan');
      await page.locator('[data-testid="webhook-events"]').click();
      await page.locator('.el-select-dropdown__item:visible', { hasText: 'lead.created' }).first().click();
      await page.keyboard.press('Escape');
      const hook = await clickForAnswer(page, page.locator('[data-testid="webhook-save"]'), 'POST', /\/api\/v1\/webhooks$/);
      assert(hook.status() === 201, `the webhook is created (got ${hook.status()})`);
      const whsec = (await page.locator('[data-testid="webhook-secret"]').innerText()).trim();
      assert(/^whsec_/.test(whsec), `the signing secret is shown once (got ${whsec})`);
      await page.locator('[data-testid="webhook-done"]').click();
      await page.locator(`[data-testid="webhook-deliveries-Hook ${stamp}"]`).click();
      await page.locator('[data-testid="webhook-deliveries"] [data-testid="delivery-table"]').waitFor();
      await shot(page, config, '96-webhook-deliveries');
    },
  },
];
