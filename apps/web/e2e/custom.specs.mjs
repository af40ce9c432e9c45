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
  {
    name: 'a custom field on accounts: filled in the account form, shown on the detail page and as a chosen list column',
    async run({ page, config }) {
      const key = `acc${stamp.replace(/[^a-z0-9]/g, '')}`;
      const zh = `E2E 税号 ${stamp}`;
      const en = `E2E tax no ${stamp}`;
      await login(page, config.admin);
      await page.goto('/admin/custom-fields');
      await page.locator('[data-testid="custom-fields-page"]').waitFor();
      await page.locator('[data-testid="cf-kind"]').click();
      await page.locator('.el-select-dropdown__item:visible', { hasText: /^(客户|Accounts)$/ }).click();
      await page.locator('[data-testid="cf-new"]').click();
      const dialog = visibleDialog(page);
      await dialog.locator('input[data-testid="cf-key"]').fill(key);
      await dialog.locator('input[data-testid="cf-label-zh"]').fill(zh);
      await dialog.locator('input[data-testid="cf-label-en"]').fill(en);
      await dialog.locator('[data-testid="cf-save"]').click();
      await page.locator('[data-testid="cf-table"]', { hasText: key }).waitFor();
      const admin = await apiAs(config, config.admin);
      const defs = (await admin('GET', '/custom-fields?kind=accounts')).body;
      assert(defs.some((d) => d.key === key), `the field is defined on accounts (got ${JSON.stringify(defs.map((d) => d.key))})`);

      // the account form
      const name = `E2E 自定义客户 ${stamp}`;
      await page.goto('/accounts');
      await page.locator('[data-testid="account-create"]').click();
      const form = visibleDialog(page);
      const item = form.locator(`[data-testid="custom-${key}"]`);
      await item.waitFor();
      await form.locator('input[data-testid="account-name"]').fill(name);
      await item.locator('input').fill('91310000TAX');
      await shot(page, config, '97-account-form-custom');
      await form.locator('[data-testid="account-save"]').click();
      await page.waitForURL(/\/accounts\/[0-9a-f-]{36}$/);

      // the detail page
      const value = page.locator(`[data-testid="custom-value-${key}"]`);
      await value.waitFor();
      assert((await value.innerText()).trim() === '91310000TAX', `the detail shows the value (got ${await value.innerText()})`);

      // the list: the column chooser offers the field; picked, the column shows the value
      await page.goto('/accounts');
      const table = page.locator('[data-testid="record-table-accounts"]');
      await table.locator('input[data-testid="table-search"]').fill(name);
      await page.locator('[data-testid="record-table-accounts"][aria-busy="false"]').waitFor();
      await page.locator('[data-testid="column-chooser"]').click();
      const option = page.locator(`[data-testid="column-option-custom.${key}"]:visible`);
      await option.waitFor();
      await option.click();
      const header = table.locator('.el-table__header th', { hasText: new RegExp(`^(${zh}|${en})$`) });
      await header.waitFor();
      const row = table.locator('.el-table__body tr', { hasText: name }).first();
      await row.waitFor();
      assert((await row.innerText()).includes('91310000TAX'), `the list row shows the value in the chosen column (got ${await row.innerText()})`);
      await shot(page, config, '98-account-list-custom-column');
    },
  },
  {
    name: 'an admin creates a custom module with two fields, creates a record and sees it in the module list',
    async run({ page, config }) {
      const key = `e2e_${stamp.replace(/[^a-z0-9]/g, '')}`.slice(0, 26);
      const plural = `E2E 拜访 ${stamp}`;
      await login(page, config.admin);
      await page.goto('/admin/custom-modules');
      await page.locator('[data-testid="custom-modules-page"]').waitFor();
      await page.locator('[data-testid="cm-new"]').click();
      const dialog = visibleDialog(page);
      await dialog.locator('input[data-testid="cm-key"]').fill(key);
      await dialog.locator('input[data-testid="cm-name-zh"]').fill(plural);
      await dialog.locator('input[data-testid="cm-name-en"]').fill(`E2E visits ${stamp}`);
      await dialog.locator('[data-testid="cm-add-field"]').click();
      await dialog.locator('[data-testid="cm-add-field"]').click();
      const first = dialog.locator('[data-testid="cm-field-0"]');
      await first.locator('input[data-testid="cm-field-key"]').fill('topic');
      await first.locator('input[data-testid="cm-field-label-zh"]').fill('话题');
      await first.locator('input[data-testid="cm-field-label-en"]').fill('Topic');
      const second = dialog.locator('[data-testid="cm-field-1"]');
      await second.locator('input[data-testid="cm-field-key"]').fill('seats');
      await second.locator('input[data-testid="cm-field-label-zh"]').fill('席位');
      await second.locator('input[data-testid="cm-field-label-en"]').fill('Seats');
      await second.locator('[data-testid="cm-field-type"]').click();
      await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: /^(数字|Number)$/ }).first().click();
      await shot(page, config, '99-custom-module-form');
      await dialog.locator('[data-testid="cm-save"]').click();
      await page.locator('[data-testid="cm-table"]', { hasText: key }).waitFor();

      // the module is in the menu (from the API, no deploy)
      await page.goto('/');
      await page.locator(`[data-testid="menu-module-${key}"]`).waitFor({ state: 'attached' });
      await page.goto(`/m/${key}`);
      await page.locator('[data-testid="module-records-page"] h2', { hasText: new RegExp(`^(${plural}|E2E visits ${stamp})$`) }).waitFor();
      await page.locator('[data-testid="records-create"]').click();
      const form = visibleDialog(page);
      await form.locator('input[data-testid="record-name"]').fill(`E2E 记录 ${stamp}`);
      await form.locator('[data-testid="custom-topic"] input').fill('仓库巡检');
      await form.locator('[data-testid="custom-seats"] input').fill('12');
      await form.locator('[data-testid="record-save"]').click();
      await page.waitForURL(new RegExp(`/m/${key}/[0-9a-f-]{36}$`));
      await page.locator('[data-testid="record-value-topic"]', { hasText: '仓库巡检' }).waitFor();
      await page.locator('[data-testid="record-timeline"]').waitFor();

      await page.goto(`/m/${key}`);
      const row = page.locator('[data-testid="records-table"] .el-table__row', { hasText: `E2E 记录 ${stamp}` });
      await row.waitFor();
      assert((await row.innerText()).includes('12'), `the list shows the number field (got ${await row.innerText()})`);
      await shot(page, config, '99-custom-module-list');
      const admin = await apiAs(config, config.admin);
      const listed = (await admin('GET', `/records/${key}`)).body;
      assert(listed.data.length === 1 && listed.data[0].custom.seats === 12, `the API lists the record (got ${JSON.stringify(listed.data)})`);
    },
  },
  {
    name: "an admin adds a field to an existing custom module, moves it first, and uses it on a record; the list offers Import",
    async run({ page, config }) {
      const key = `e2f_${stamp.replace(/[^a-z0-9]/g, '')}`.slice(0, 26);
      const admin = await apiAs(config, config.admin);
      const made = await admin('POST', '/objects', {
        key,
        nameZh: `E2E 设备 ${stamp}`,
        nameEn: `E2E machines ${stamp}`,
        pluralZh: `E2E 设备 ${stamp}`,
        pluralEn: `E2E machines ${stamp}`,
        fields: [{ key: 'model', labelZh: '型号', labelEn: 'Model', type: 'text' }],
      });
      assert(made.status === 201, `module created (got ${made.status} ${JSON.stringify(made.body)})`);
      await login(page, config.admin);
      await page.goto('/admin/custom-modules');
      await page.locator(`[data-testid="cm-fields-${key}"]`).click();
      const drawer = page.locator('[data-testid="cm-fields-drawer"]');
      await drawer.locator('[data-testid="cm-fields-table"]', { hasText: 'model' }).waitFor();
      await drawer.locator('[data-testid="cm-fields-add"]').click();
      const dialog = visibleDialog(page);
      await dialog.locator('input[data-testid="cf-key"]').fill('site');
      await dialog.locator('input[data-testid="cf-label-zh"]').fill('安装地点');
      await dialog.locator('input[data-testid="cf-label-en"]').fill('Site');
      await dialog.locator('[data-testid="cf-save"]').click();
      const siteRow = drawer.locator('[data-testid="cm-fields-table"] .el-table__row', { hasText: 'site' });
      await siteRow.waitFor();
      // move the new field first
      await siteRow.locator('[data-testid="cm-field-up"]').click();
      await drawer.locator('[data-testid="cm-fields-table"] .el-table__row').first().filter({ hasText: 'site' }).waitFor();
      await shot(page, config, '99-custom-module-fields');
      const fields = (await admin('GET', `/objects/${key}`)).body.fields.map((f) => f.key);
      assert(JSON.stringify(fields) === JSON.stringify(['site', 'model']), `the module's fields in the new order (got ${JSON.stringify(fields)})`);

      await page.goto(`/m/${key}`);
      await page.locator('[data-testid="records-import"]').waitFor();
      await page.locator('[data-testid="records-create"]').click();
      const form = visibleDialog(page);
      await form.locator('input[data-testid="record-name"]').fill(`E2E 设备 ${stamp}`);
      await form.locator('[data-testid="custom-site"] input').fill('上海仓库');
      await form.locator('[data-testid="record-save"]').click();
      await page.waitForURL(new RegExp(`/m/${key}/[0-9a-f-]{36}$`));
      await page.locator('[data-testid="record-value-site"]', { hasText: '上海仓库' }).waitFor();
      const listed = (await admin('GET', `/records/${key}`)).body;
      assert(listed.data[0]?.custom.site === '上海仓库', `the API has the new field's value (got ${JSON.stringify(listed.data)})`);
    },
  },
];
