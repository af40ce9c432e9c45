import { apiAs, assert, login, shot } from './helpers.mjs';

const visibleDialog = (page) => page.locator('.el-dialog:visible').last();

const stamp = Date.now().toString(36);

export const customSpecs = [
  {
    name: 'an admin creates a custom field on leads and it shows in the lead form and on the saved lead',
    async run({ page, config }) {
      const key = `e2e${stamp.replace(/[^a-z0-9]/g, '')}`;
      const label = `E2E 行业等级 ${stamp}`;
      await login(page, config.admin);
      await page.goto('/admin/custom-fields');
      await page.locator('[data-testid="custom-fields-page"]').waitFor();
      await page.locator('[data-testid="cf-new"]').click();
      const dialog = visibleDialog(page);
      await dialog.locator('input[data-testid="cf-key"]').fill(key);
      await dialog.locator('input[data-testid="cf-label-zh"]').fill(label);
      await dialog.locator('input[data-testid="cf-label-en"]').fill(`E2E tier ${stamp}`);
      await shot(page, config, '95-custom-field-form');
      await dialog.locator('[data-testid="cf-save"]').click();
      await page.locator('[data-testid="cf-table"]', { hasText: key }).waitFor();

      await page.goto('/leads');
      await page.locator('[data-testid="lead-create"]').click();
      const form = visibleDialog(page);
      const item = form.locator(`[data-testid="custom-${key}"]`);
      await item.waitFor();
      assert((await item.innerText()).includes(label) || (await item.innerText()).includes(`E2E tier ${stamp}`), `the form shows the field's label (got ${await item.innerText()})`);
      await form.locator('input[data-testid="lead-name"]').fill(`E2E 自定义 ${stamp}`);
      await item.locator('input').fill('A 级');
      await shot(page, config, '96-lead-form-custom');
      await form.locator('[data-testid="lead-save"]').click();
      await page.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
      const id = page.url().split('/').pop();
      const admin = await apiAs(config, config.admin);
      const res = (await admin('GET', `/leads/${id}`)).body;
      assert(res.custom?.[key] === 'A 级', `the lead saved the custom value (got ${JSON.stringify(res.custom)})`);
    },
  },
];
