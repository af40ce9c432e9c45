import { readFile } from 'node:fs/promises';
import { assert, clickForAnswer, login, searchTable, shot } from './helpers.mjs';

const stamp = Date.now().toString(36);

export const quoteSpecs = [
  {
    name: 'quotes: a sales manager filters the catalogue by category and adds a product',
    async run({ page, config }) {
      await login(page, { email: 'manager@keyuan.local', password: 'Demo123!' });
      await page.goto('/products');
      const table = page.locator('[data-testid="record-table-products"]');
      await table.locator('.el-table__row', { hasText: 'HW-POS-01' }).waitFor();
      // the category tree filters the list (a parent covers its sub-categories)
      await page.locator('[data-testid="category-tree"] .el-tree-node__content', { hasText: 'Professional services' }).click();
      await table.locator('.el-table__row', { hasText: 'SV-IMPL' }).waitFor();
      await table.locator('.el-table__row', { hasText: 'HW-POS-01' }).waitFor({ state: 'detached' });
      await page.locator('[data-testid="product-create"]').click();
      const dialog = page.locator('[data-testid="product-form"]');
      const sku = `E2E-${stamp}`.toUpperCase();
      await dialog.locator('input[data-testid="product-sku"]').fill(sku);
      await dialog.locator('input[data-testid="product-name"]').fill('驻场运维服务');
      await dialog.locator('input[data-testid="product-price"]').fill('1500');
      await shot(page, config, '82-product-form');
      await clickForAnswer(page, dialog.locator('[data-testid="product-save"]'), 'POST', /\/api\/v1\/products$/);
      await dialog.waitFor({ state: 'hidden' });
      await page.locator('[data-testid="category-tree"] .el-tree-node__content', { hasText: 'Professional services' }).waitFor();
      await shot(page, config, '83-products');
    },
  },
  {
    name: 'quotes: a sales manager imports products into the catalogue from a CSV and finds them listed',
    async run({ page, config }) {
      const prefix = `IMP-${stamp}`.toUpperCase();
      const csv = ['SKU,产品名称,英文名称,分类,单位,标准价,税率(%)', `${prefix}-1,导入的加密狗,Imported dongle,Hardware,个,"1,280.00",13`, `${prefix}-2,导入的培训课,Imported course,专业服务,次,800,6`].join('\r\n');
      await login(page, { email: 'manager@keyuan.local', password: 'Demo123!' });
      await page.goto('/products');
      await page.locator('[data-testid="product-import"]').click();
      await page.waitForURL(/\/imports\/new\?entity=product$/);
      await page.locator('[data-testid="import-entity-product"].is-active').waitFor();
      await page.locator('[data-testid="import-drop"] input[type="file"]').setInputFiles({ name: 'products.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${csv}\r\n`) });
      await page.locator('[data-testid="import-file-name"]').waitFor();
      await page.locator('[data-testid="import-upload"]').click();
      await page.locator('[data-testid="mapping-table"]').waitFor();
      const mapped = await page.locator('[data-testid="mapping-分类"]').innerText();
      assert(/Category/.test(mapped), `分类 is suggested as the category (got ${mapped})`);
      await page.locator('[data-testid="import-map-next"]').click();
      await page.locator('[data-testid="import-key"] .el-radio.is-checked', { hasText: 'SKU' }).waitFor();
      await page.locator('[data-testid="import-run"]').click();
      const summary = page.locator('[data-testid="import-step-summary"]');
      await summary.waitFor({ timeout: 60000 });
      const created = Number((await summary.locator('[data-testid="count-created"] .el-statistic__number').innerText()).replace(/\D/g, ''));
      assert(created === 2, `created 2 products (got ${created})`);
      await shot(page, config, '84-product-import');
      await summary.getByRole('button', { name: 'Open the list' }).click();
      await page.waitForURL(/\/products$/);
      const table = await searchTable(page, 'products', prefix);
      await table.locator('.el-table__row', { hasText: `${prefix}-1` }).waitFor();
      await table.locator('.el-table__row', { hasText: `${prefix}-2` }).waitFor();
    },
  },
  {
    name: 'quotes: a rep creates a quote with two lines, sees the server totals and 大写, and downloads its PDF',
    async run({ page, config }) {
      await login(page, { email: 'rep1@keyuan.local', password: 'Demo123!' });
      await page.goto('/quotes');
      await page.locator('[data-testid="page-quotes"]').waitFor();
      await page.locator('[data-testid="quote-create"]').click();
      await page.waitForURL(/\/quotes\/new$/);

      // the customer: a remote search over the rep's accounts
      const accountInput = page.locator('[data-testid="quote-account"] input');
      await accountInput.click();
      await accountInput.fill('云启');
      await page.locator('.el-select-dropdown__item:visible', { hasText: '上海云启科技有限公司' }).click();
      await page.locator('input[data-testid="quote-name"]').fill(`E2E 报价 ${stamp}`);

      // two free-text lines (prices include 13 % VAT by default)
      await page.locator('[data-testid="line-add"]').click();
      await page.locator('input[data-testid="line-name-0"]').fill('现场培训');
      await page.locator('input[data-testid="line-qty-0"]').fill('2');
      await page.locator('input[data-testid="line-price-0"]').fill('5000');
      await page.locator('[data-testid="line-add"]').click();
      await page.locator('input[data-testid="line-name-1"]').fill('数据迁移服务');
      await page.locator('input[data-testid="line-price-1"]').fill('8000');
      await page.locator('[data-testid="total-grand"]', { hasText: '18,000.00' }).waitFor();
      await shot(page, config, '80-quote-editor-preview');

      await clickForAnswer(page, page.locator('[data-testid="quote-save"]'), 'POST', /\/api\/v1\/quotes$/);
      await page.waitForURL(/\/quotes\/[0-9a-f-]{36}$/);
      // the saved quote shows the server's figures: number, status, totals and the amount in Chinese capitals
      await page.locator('[data-testid="quote-number"]', { hasText: /^Q\d{6}-\d{4}/ }).waitFor();
      await page.locator('[data-testid="quote-status"]', { hasText: 'Draft' }).waitFor();
      await page.locator('[data-testid="total-grand"]', { hasText: '18,000.00' }).waitFor();
      await page.locator('[data-testid="total-tax"]', { hasText: '2,070.79' }).waitFor();
      await page.locator('[data-testid="total-words"]', { hasText: '壹万捌仟元整' }).waitFor();
      await page.locator('[data-testid="quote-submit"]').waitFor();
      await shot(page, config, '81-quote-saved');

      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="quote-pdf"]').click()]);
      assert(/^Q\d{6}-\d{4}\.pdf$/.test(download.suggestedFilename()), `the PDF is named by the quote number (got ${download.suggestedFilename()})`);
      const file = await readFile(await download.path());
      assert(file.length > 2000, `the PDF has content (${file.length} bytes)`);
      assert(file.subarray(0, 5).toString() === '%PDF-', 'the download is a PDF');

      // submitting without a discount approves at once; the buttons follow the allowed actions
      await clickForAnswer(page, page.locator('[data-testid="quote-submit"]'), 'POST', /\/api\/v1\/quotes\/[0-9a-f-]+\/submit$/);
      await page.locator('[data-testid="quote-status"]', { hasText: 'Approved' }).waitFor();
      await page.locator('[data-testid="quote-send"]').waitFor();
    },
  },
];
