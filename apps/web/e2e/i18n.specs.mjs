import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assert, login, shot } from './helpers.mjs';

// the API's own XLSX library reads the downloaded workbook back (the web app has no need of it)
const ExcelJS = createRequire(join(dirname(fileURLToPath(import.meta.url)), '../../api/package.json'))('exceljs');
const visibleDialog = (page) => page.locator('.el-dialog:visible').last();

async function toChinese(page) {
  await page.locator('[data-testid="locale-switch"]').click();
  await page.locator('[data-testid="locale-zh-CN"]:visible').click();
  await page.locator('[data-testid="menu-leads"]', { hasText: '线索' }).waitFor();
}

export const i18nSpecs = [
  {
    name: 'i18n: in the Chinese UI a field error and a 404 show in Chinese',
    async run({ page, config }) {
      await login(page, config.admin);
      await toChinese(page);
      await page.locator('[data-testid="menu-leads"]').click();
      await page.locator('[data-testid="record-table-leads"] .el-table__row').first().waitFor();
      await page.locator('[data-testid="lead-create"]').click();
      const dialog = visibleDialog(page);
      await dialog.locator('input[data-testid="lead-name"]').fill('语言测试');
      await dialog.locator('input[data-testid="lead-phone"]').fill('abc');
      const answer = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/leads');
      await dialog.locator('[data-testid="lead-save"]').click();
      const res = await answer;
      assert(res.status() === 400, `the server refuses the phone (got ${res.status()})`);
      assert(res.request().headers()['accept-language'] === 'zh-CN', 'the SPA sends its language');
      const body = await res.json();
      assert(body.errors?.[0]?.code === 'invalid_phone' && body.errors[0].message.includes('电话号码'), `a Chinese field error with a code (got ${JSON.stringify(body.errors)})`);
      await dialog.locator('.el-form-item__error', { hasText: '不是有效的电话号码' }).waitFor();
      await shot(page, config, '70-field-error-zh');
      await page.keyboard.press('Escape');

      await page.goto('/leads/00000000-0000-4000-8000-000000000000');
      await page.locator('[data-testid="state-error"]', { hasText: '记录不存在或您无权查看' }).waitFor();
      await shot(page, config, '71-not-found-zh');
    },
  },
  {
    name: 'i18n: the leads list downloads an Excel workbook in the UI language',
    async run({ page, config }) {
      await login(page, config.admin);
      await toChinese(page);
      await page.locator('[data-testid="menu-leads"]').click();
      await page.locator('[data-testid="record-table-leads"] .el-table__row').first().waitFor();
      const request = page.waitForRequest((r) => r.url().includes('/api/v1/leads/export'));
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: '导出 Excel' }).click();
      const url = new URL((await request).url());
      assert(url.searchParams.get('format') === 'xlsx' && url.searchParams.get('lang') === 'zh-CN', `format and language go to the export (got ${url.search})`);
      const file = await download;
      assert(file.suggestedFilename().endsWith('.xlsx'), `an .xlsx downloads (got ${file.suggestedFilename()})`);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(await readFile(await file.path()));
      const sheet = book.worksheets[0];
      const header = sheet.getRow(1).values.slice(1);
      assert(header[0] === '线索ID' && header.includes('状态') && header.includes('创建时间'), `Chinese headers (got ${header.join(',')})`);
      assert(sheet.rowCount > 1, 'the workbook has the leads');
      const statuses = new Set(['新线索', '已联系', '已确认', '无效', '已转化']);
      const status = sheet.getRow(2).getCell(header.indexOf('状态') + 1).value;
      assert(statuses.has(status), `status labels in Chinese (got ${status})`);
      assert(sheet.getRow(2).getCell(header.indexOf('创建时间') + 1).value instanceof Date, 'times are date cells');
    },
  },
];
